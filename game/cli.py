"""The `locus` command: play, check, test, graph, schema, new, report, serve.

Each subcommand's work lives in its own module and is imported only when that
subcommand runs, so `locus check` never pays for Textual and the game starts
quickly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

_COMMANDS = {
    "play": "game.play:run",
    "check": "game.authoring.check:run",
    "test": "game.authoring.testing:run",
    "graph": "game.authoring.graph:run",
    "schema": "game.story.schema:run",
    "new": "game.authoring.new_pack:run",
    "report": "game.classroom.report:run",
    "serve": "game.classroom.serve:run",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="locus",
        description="Locus: a game about norepinephrine and the stress response.",
        epilog="With no command, `locus` opens the game (the same as `locus play`).",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play a story pack (the bundled one by default)")
    _add_play_options(play)

    check = commands.add_parser("check", help="check packs and point at every mistake")
    check.add_argument("packs", nargs="*", metavar="PACK", help="pack folders (default: bundled)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")

    test = commands.add_parser("test", help="run walkthrough tests and automatic playtests")
    test.add_argument("pack", nargs="?", metavar="PACK")
    test.add_argument("--random", type=int, default=0, metavar="N", help="N random playthroughs")
    test.add_argument("--seed", type=int, default=0, metavar="S")
    test.add_argument(
        "--explore", action="store_true", help="explore distinct states breadth-first"
    )
    test.add_argument("--max-steps", type=int, default=500, metavar="M")
    test.add_argument(
        "--memo-budget",
        type=_megabytes,
        metavar="MB",
        help="memory random playtests may spend remembering the steps playthroughs "
        "share (default 200; 0 remembers none)",
    )
    test.add_argument(
        "--max-states",
        type=int,
        default=20_000,
        metavar="K",
        help="--explore visits at most K distinct states (default 20000)",
    )
    test.add_argument(
        "--trace",
        nargs="?",
        const="",
        metavar="NAME",
        help="the body, variables and clock at every step of the walkthrough tests "
        "(those whose name contains NAME)",
    )
    test.add_argument("--csv", metavar="FILE", help="with --trace: write the trace as CSV")
    test.add_argument("--format", choices=("text", "json"), default="text")

    graph = commands.add_parser("graph", help="print the story map")
    graph.add_argument("pack", nargs="?", metavar="PACK")
    graph.add_argument("--format", choices=("mermaid", "dot"), default="mermaid")
    graph.add_argument("--storyline", metavar="ID")

    schema = commands.add_parser("schema", help="print JSON Schemas for the pack format")
    schema.add_argument(
        "kind", nargs="?", default="all", choices=("all", "story", "content", "test", "lesson")
    )
    schema.add_argument("--output", metavar="DIR", help="write one file per schema into DIR")

    new = commands.add_parser("new", help="create a minimal pack that passes check and test")
    new.add_argument("path", metavar="PACK_DIR")

    report = commands.add_parser("report", help="the teacher report from the results database")
    report.add_argument("--results", metavar="PATH")
    report.add_argument("--lesson", metavar="ID")
    report.add_argument("--csv", metavar="FILE")
    report.add_argument("--json", action="store_true")

    serve = commands.add_parser("serve", help="serve the game to browsers (textual-serve)")
    serve.add_argument("pack", nargs="?", metavar="PACK")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000, help="0 picks any free port")
    serve.add_argument("--max-games", type=int, metavar="N", help="how many games may run at once")
    serve.add_argument("--lesson", metavar="ID")
    serve.add_argument("--results", metavar="PATH")
    return parser


def _megabytes(text: str) -> float:
    """A memory size in MB for argparse: a number, 0 or more."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value < float("inf"):
        raise argparse.ArgumentTypeError(f"'{text}' is not a size in MB (a number, 0 or more)")
    return value


def _add_play_options(play: argparse.ArgumentParser) -> None:
    play.add_argument("pack", nargs="?", metavar="PACK", help="pack folder (default: bundled)")
    play.add_argument(
        "--plain", action="store_true", help="line-by-line text, for screen readers and pipes"
    )
    play.add_argument("--art", action="store_true", help="plain: read the scenes' ASCII art too")
    play.add_argument(
        "--verbose", action="store_true", help="plain: also the story's variables and routes"
    )
    play.add_argument("--seed", type=int, default=0, metavar="N")
    play.add_argument("--start", metavar="SCENE", help="start at this scene")
    play.add_argument("--storyline", metavar="ID", help="start this storyline")
    play.add_argument("--load", metavar="SAVE", help="continue from a save: a slot name or a file")
    play.add_argument("--watch", action="store_true", help="reload the pack when its files change")
    play.add_argument("--lesson", metavar="ID", help="play a classroom lesson")
    play.add_argument("--student", metavar="NAME", help="student name for lesson results")
    play.add_argument("--results", metavar="PATH", help="results database (default: per user)")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help")):
        args_list = ["play", *args_list]
    args = parser.parse_args(args_list)
    module_name, _, function = _COMMANDS[args.command].partition(":")
    runner = getattr(import_module(module_name), function)
    try:
        return int(runner(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
