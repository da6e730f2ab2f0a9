"""The warm parent of `locus serve`'s games: ``python -m game.warm FD COMMAND...``.

game/classroom/zygote.py starts it and says why: it imports what a game in
a browser tab needs (Textual and its web driver, the app and the screens a
lesson shows) and loads the pack COMMAND names, once; then, for each request
on the socket FD, it forks a game that runs COMMAND's `locus play` with the
pack already loaded. It holds no thread, no event loop and no open file
but that socket, so a fork copies nothing it should not.

In the forked game, before any game code runs: its own session (so its own
process group, ended as one), the tab's memory and CPU limits
(game/classroom/limited.py), the tab's pipes as stdin, stdout and stderr,
the tab's environment (its own LOCUS_HOME), and the tab's data folder as
its working directory.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import signal
import socket
import sys
import traceback
from collections.abc import Sequence
from importlib import import_module

from game.classroom.limited import apply_limits
from game.classroom.zygote import MESSAGE_BYTES, READY
from game.story.loader import LoadResult, load_pack

# What a served game imports before its first frame and during a lesson.
WARM_MODULES = (
    "textual.drivers.web_driver",
    "game.tui.app",
    "game.tui.launch",
    "game.tui.screens.dialogs",
    "game.tui.screens.play",
    "game.tui.screens.debrief",
    "game.playthrough",
    "game.classroom.session",
    "game.cli",
)


def _play_arguments(command: Sequence[str]) -> list[str]:
    """``[python, -m, game, play, PACK, ...]`` -> ``[play, PACK, ...]``."""
    if list(command[1:4]) != ["-m", "game", "play"] or len(command) < 5:
        raise SystemExit(f"game.warm serves `python -m game play PACK ...`, not {command!r}")
    return list(command[3:])


def main(argv: Sequence[str]) -> int:
    channel = socket.socket(fileno=int(argv[0]))
    arguments = _play_arguments(argv[1:])
    for module in WARM_MODULES:
        import_module(module)
    loaded = load_pack(arguments[1], for_play=True)
    gc.collect()
    gc.freeze()  # what is loaded now stays out of the collector's sight: shared
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # the kernel reaps the games
    channel.sendall(READY)
    while True:
        try:
            request, fds, _, _ = socket.recv_fds(channel, MESSAGE_BYTES, 3)
        except OSError:
            return 0
        if not request:
            return 0  # the server closed the channel
        if len(fds) != 3:
            for fd in fds:
                os.close(fd)
            channel.sendall(b"{}")
            continue
        pid = os.fork()
        if pid == 0:
            channel.close()
            _game(json.loads(request), fds, arguments[1], loaded)  # never returns
        for fd in fds:
            os.close(fd)
        channel.sendall(json.dumps({"pid": pid}).encode())


def _game(request: dict[str, object], fds: list[int], pack: str, loaded: LoadResult) -> None:
    """The forked game (see the module docstring); ends the process."""
    code: object = 1
    try:
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        apply_limits(int(request["memory"]), int(request["cpu_seconds"]))  # type: ignore[call-overload]
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        environment = request["environment"]
        if not isinstance(environment, dict):
            raise TypeError("a game request's environment is not a mapping")
        os.environ.clear()
        os.environ.update(environment)
        os.chdir(environment.get("LOCUS_HOME") or "/")
        command = request["command"]
        if not isinstance(command, list):
            raise TypeError("a game request's command is not a list")
        arguments = _play_arguments(command)
        from game.cli import build_parser
        from game.tui.launch import run_tui

        args = build_parser().parse_args(arguments)
        same_pack = os.path.realpath(args.pack) == os.path.realpath(pack)
        code = run_tui(args, loaded=loaded if same_pack else None)
    except SystemExit as exit_:
        code = exit_.code
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code if isinstance(code, int) else 1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
