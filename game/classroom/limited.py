"""Run a command under memory and CPU limits: ``python -m game.classroom.limited
MEMORY_BYTES CPU_SECONDS COMMAND...``.

`locus serve` starts every browser tab's game through this launcher, so the
limits are in place before any game code runs and are inherited by anything
the game starts. It sets them and replaces itself with the command (exec), so
the game keeps the launcher's process id and process group. Limits are set
in the child rather than with ``preexec_fn``, which is unsafe in a server
that has threads. Where the ``resource`` module does not exist (Windows) the
command runs unlimited.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

CPU_GRACE_S = 5  # after the soft limit's SIGXCPU, the kernel's SIGKILL


def limited_argv(memory: int, cpu_seconds: int, command: Sequence[str]) -> list[str]:
    """The launcher's command line for ``command``."""
    return [sys.executable, "-m", "game.classroom.limited", str(memory), str(cpu_seconds), *command]


def apply_limits(memory: int, cpu_seconds: int) -> None:
    try:
        import resource
    except ImportError:
        return
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + CPU_GRACE_S))


def main(argv: Sequence[str]) -> int:
    memory, cpu_seconds, *command = argv
    if not command:
        print("usage: python -m game.classroom.limited MEMORY CPU COMMAND...", file=sys.stderr)
        return 2
    apply_limits(int(memory), int(cpu_seconds))
    os.execv(command[0], command)  # replaces this process: it returns only by raising


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
