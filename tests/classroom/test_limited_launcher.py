"""The launcher every served game starts through (game/classroom/limited.py),
driven in a fork of this test process rather than a fresh interpreter: the
child runs the launcher's ``main`` as `python -m game.classroom.limited`
would, so the limits are set by this process's code, then the command it
execs reports the limits it inherited and its process id. A forked child
runs the code under test as this process has it (a fresh `python -m` would
import it anew), so a planted bug in the launcher shows here too.
The usage is asked for in this process too, so that mutmut (which runs a
function's mutants against the tests that called it in this process) runs
``main``'s mutants against the fork as well.
(tests/classroom/test_tab_game.py checks the same limits on a tab's game.)"""

from __future__ import annotations

import os
import sys

from game.classroom import limited
from game.classroom.limited import CPU_GRACE_S, limited_argv

MEMORY = 768 * 1024 * 1024
REPORT = (
    "import os, resource; "
    "print(os.getpid(), *resource.getrlimit(resource.RLIMIT_AS), "
    "*resource.getrlimit(resource.RLIMIT_CPU))"
)
NOT_EXECUTED = 70  # the child's status when the launcher returned or raised instead


def _launched_in_a_fork(argv: list[str]) -> tuple[int, int, str]:
    """(the child's pid, its exit code, what it printed) for ``main(argv)``."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: only the launcher, then exec or a plain exit
        try:
            os.close(read)
            os.dup2(write, 1)
            limited.main(argv)
        finally:
            os._exit(NOT_EXECUTED)
    os.close(write)
    with os.fdopen(read, encoding="utf-8") as stream:
        printed = stream.read()
    _, status = os.waitpid(pid, 0)
    return pid, os.waitstatus_to_exitcode(status), printed


def test_the_launcher_sets_both_limits_then_becomes_the_command_or_prints_its_usage(
    capsys,
) -> None:
    pid, code, printed = _launched_in_a_fork([str(MEMORY), "77", sys.executable, "-c", REPORT])
    assert (code, printed) == (0, f"{pid} {MEMORY} {MEMORY} 77 {77 + CPU_GRACE_S}\n")
    # Without a command it stops before setting anything (safe in this process):
    assert limited.main(["1024", "60"]) == 2
    assert capsys.readouterr() == (
        "",
        "usage: python -m game.classroom.limited MEMORY CPU COMMAND...\n",
    )


def test_the_launchers_command_line_names_the_limits_before_the_command() -> None:
    assert limited_argv(MEMORY, 77, ["locus", "play"]) == [
        sys.executable,
        "-m",
        "game.classroom.limited",
        str(MEMORY),
        "77",
        "locus",
        "play",
    ]
