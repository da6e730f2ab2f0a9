"""`locus serve`: the same Textual game in browser tabs, for a computer lab.

textual-serve runs one game process per browser tab (its ``Server`` takes the
shell command that starts the app), so every tab is an independent student
with its own name, and every process writes to the one results database the
teacher chose; the database's locking keeps their writes apart.

The server binds to loopback unless the teacher names a host: a lab machine
serving ``--host 0.0.0.0`` is a deliberate choice, never a default.
"""

from __future__ import annotations

import argparse
import ipaddress
import shlex
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual_serve.server import Server

from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB, results_path
from game.packs import load_or_report, pack_dir

if TYPE_CHECKING:
    from aiohttp import web  # textual-serve's web framework, for the type only


def served_command(pack: Path, lesson: str | None, results: Path) -> str:
    """The shell command each browser tab runs:
    ``<python> -m game play PACK [--lesson ID] --results PATH``, every part
    quoted, since textual-serve hands it to a shell."""
    argv = [sys.executable, "-m", "game", "play", str(pack)]
    if lesson:
        argv += ["--lesson", lesson]
    argv += ["--results", str(results)]
    return _shell_join(argv)


def _shell_join(argv: Sequence[str]) -> str:
    if sys.platform == "win32":
        return subprocess.list2cmdline(argv)
    return shlex.join(argv)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def prepare(args: argparse.Namespace) -> tuple[str, str]:
    """Check everything a student would otherwise trip over in the browser
    (the pack, the lesson, the results database) before serving; returns
    (the served command, the page title)."""
    story = load_or_report(args.pack, for_play=True, lesson=args.lesson)
    if story is None:
        raise ClassroomError("the pack has errors (listed above); fix them before serving it")
    if args.lesson and args.lesson not in story.lessons:
        known = ", ".join(sorted(story.lessons)) or "none"
        raise ClassroomError(
            f"There is no lesson '{args.lesson}' in {story.title}. Lessons in this pack: {known}."
        )
    path, _ = results_path(args.results)
    ResultsDB.open_for_writing(str(path)).close()  # create and migrate it once, here
    command = served_command(pack_dir(args.pack).resolve(), args.lesson, path.resolve())
    title = story.title
    if args.lesson:
        title += f" — {story.lessons[args.lesson].title}"
    return command, title


class LabServer(Server):
    """textual-serve's server, with links in the page (the game's websocket)
    built from the address the student's browser used, so a server on
    0.0.0.0 works from the lab's other machines instead of sending them to
    0.0.0.0."""

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        # Nothing awaits before the page reads public_url, so tabs cannot mix.
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)


def run(args: argparse.Namespace) -> int:
    try:
        command, title = prepare(args)
    except ClassroomError as error:
        print(f"locus: {error}", file=sys.stderr)
        return 1
    if not is_loopback(args.host):
        print(
            f"locus: serving on {args.host}: anyone who can reach this machine on port "
            f"{args.port} can play and add results.",
            file=sys.stderr,
        )
    print(f"Students open http://{args.host}:{args.port}/ (one game per tab). Ctrl+C stops.")
    LabServer(command, host=args.host, port=args.port, title=title).serve()
    return 0
