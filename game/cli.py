"""The `locus` command: play, check, test, graph, schema, new, report, serve,
class, results (forget, sync).

Each subcommand's work lives in its own module and is imported only when that
subcommand runs, so `locus check` never pays for Textual and the game starts
quickly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

RESULTS_HELP = (
    "results database: a file (default: per user; or LOCUS_RESULTS), "
    "or a postgresql://user@host:port/db URL"
)
XAPI_HELP = (
    "also send every recorded step as xAPI statements to this learning record store "
    "(credentials in LOCUS_XAPI_AUTH, e.g. user:password)"
)

_COMMANDS = {
    "play": "game.play:run",
    "check": "game.authoring.check:run",
    "test": "game.authoring.testing:run",
    "graph": "game.authoring.graph:run",
    "schema": "game.story.schema:run",
    "new": "game.authoring.new_pack:run",
    "report": "game.classroom.report:run",
    "serve": "game.classroom.serve:run",
    "class": "game.classroom.classes:run",
    "results": "game.classroom.privacy:run",
}

Commands = argparse._SubParsersAction


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The command line. With ``only`` (the command about to run), just that
    command is built: building every command's options was most of
    argparse's share of `locus play`'s start-up (bench/bench_startup.py)."""
    parser = argparse.ArgumentParser(
        prog="locus",
        description="Locus: a game about norepinephrine and the stress response.",
        epilog="With no command, `locus` opens the game (the same as `locus play`).",
    )
    parser.add_argument("--version", action=_VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in _PARSERS.items():
        if only is None or only == name:
            add(commands)
    return parser


def _add_play(commands: Commands) -> None:
    play = commands.add_parser("play", help="play a story pack (the bundled one by default)")
    _add_play_options(play)


def _add_check(commands: Commands) -> None:
    check = commands.add_parser("check", help="check packs and point at every mistake")
    check.add_argument("packs", nargs="*", metavar="PACK", help="pack folders (default: bundled)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--strict", action="store_true", help="warnings fail too (exit 1)")


def _add_test(commands: Commands) -> None:
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


def _add_graph(commands: Commands) -> None:
    graph = commands.add_parser("graph", help="print the story map")
    graph.add_argument("pack", nargs="?", metavar="PACK")
    graph.add_argument("--format", choices=("mermaid", "dot", "html"), default="mermaid")
    graph.add_argument("--storyline", metavar="ID")
    graph.add_argument("--output", "-o", metavar="FILE", help="write the map to FILE")


def _add_schema(commands: Commands) -> None:
    schema = commands.add_parser("schema", help="print JSON Schemas for the pack format")
    schema.add_argument(
        "kind", nargs="?", default="all", choices=("all", "story", "content", "test", "lesson")
    )
    schema.add_argument("--output", metavar="DIR", help="write one file per schema into DIR")


def _add_new(commands: Commands) -> None:
    new = commands.add_parser("new", help="create a minimal pack that passes check and test")
    new.add_argument("path", metavar="PACK_DIR")


def _add_report(commands: Commands) -> None:
    report = commands.add_parser("report", help="the teacher report from the results database")
    report.add_argument("--results", metavar="PATH", help=RESULTS_HELP)
    report.add_argument("--lesson", metavar="ID")
    report.add_argument("--csv", metavar="FILE")
    report.add_argument("--json", action="store_true")
    _add_teacher_report_options(report)


def _add_serve(commands: Commands) -> None:
    serve = commands.add_parser("serve", help="serve the game to browsers (textual-serve)")
    serve.add_argument("pack", nargs="?", metavar="PACK")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000, help="0 picks any free port")
    serve.add_argument("--max-games", type=int, metavar="N", help="how many games may run at once")
    serve.add_argument("--lesson", metavar="ID")
    serve.add_argument("--results", metavar="PATH", help=RESULTS_HELP)
    serve.add_argument("--class", dest="class_code", metavar="CODE", help="students join CODE")
    _add_xapi_options(serve)


def _add_teacher_report_options(report: argparse.ArgumentParser) -> None:
    report.add_argument("--class", dest="class_code", metavar="CODE", help="one class only")
    report.add_argument("--items", action="store_true", help="per-question analysis")
    report.add_argument("--student", metavar="NAME", help="one student's every answer")
    report.add_argument("--gradebook", metavar="FILE", help="a CSV for an LMS gradebook")
    report.add_argument(
        "--format", choices=("generic", "canvas", "moodle"), default="generic", dest="lms"
    )
    report.add_argument("--live", action="store_true", help="watch the class play, live")
    report.add_argument(
        "--pseudonymize", action="store_true", help="stable opaque ids instead of names"
    )


def _add_xapi_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--xapi", metavar="URL", help=XAPI_HELP)
    parser.add_argument(
        "--xapi-send-names",
        action="store_true",
        help="put the students' names in the xAPI statements (default: an opaque id only)",
    )


def _add_class(commands: Commands) -> None:
    """`locus class ...` (game/classroom/classes.py)."""
    group = commands.add_parser("class", help="classes, join codes and rosters")
    actions = group.add_subparsers(dest="class_command", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="create a class and print its join code")
    create.add_argument("name", metavar="NAME")
    create.add_argument("--roster", metavar="FILE", help="a CSV (name column) or one name a line")
    listing = actions.add_parser("list", help="the classes in the results database")
    show = actions.add_parser("show", help="a class's join code and roster")
    show.add_argument("code", metavar="CODE")
    add = actions.add_parser("add", help="add students to a class's roster")
    add.add_argument("code", metavar="CODE")
    add.add_argument("names", nargs="+", metavar="NAME")
    watch = actions.add_parser("watch", help="watch a class play, live")
    watch.add_argument("code", metavar="CODE")
    _add_results_option(create, listing, show, add, watch)


def _add_results(commands: Commands) -> None:
    """`locus results forget` (game/classroom/privacy.py) and `locus results
    sync` (game/classroom/xapi/sync.py)."""
    results = commands.add_parser("results", help="manage stored results (privacy, xAPI sync)")
    forgetting = results.add_subparsers(dest="results_command", metavar="ACTION", required=True)
    forget = forgetting.add_parser("forget", help="delete every record of a student")
    forget.add_argument("name", metavar="NAME")
    forget.add_argument("--class", dest="class_code", metavar="CODE", help="in this class only")
    sync = forgetting.add_parser(
        "sync", help="send the queued xAPI statements now and say what is pending"
    )
    sync.add_argument(
        "--xapi", metavar="URL", help="send them to this LRS (default: where each was queued for)"
    )
    _add_results_option(forget, sync)


def _add_results_option(*subcommands: argparse.ArgumentParser) -> None:
    for sub in subcommands:
        sub.add_argument("--results", metavar="PATH", help="results database (default: per user)")


# Each command and what builds its part of the command line, in the order
# `locus --help` lists them.
_PARSERS = {
    "play": _add_play,
    "check": _add_check,
    "test": _add_test,
    "graph": _add_graph,
    "schema": _add_schema,
    "new": _add_new,
    "report": _add_report,
    "serve": _add_serve,
    "class": _add_class,
    "results": _add_results,
}


class _VersionAction(argparse.Action):
    """``--version``, looking the version up only when asked: importlib.metadata
    is a noticeable part of `locus play`'s start-up (bench/bench_startup.py)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from game.build import body_build

        print(f"locus {_version()} ({body_build()})")
        parser.exit()


def _version() -> str:
    """The installed package's version (the one pyproject.toml declares)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("locus")
    except PackageNotFoundError:  # running from a copy of the source, not installed
        return "(not installed)"


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
    play.add_argument("--results", metavar="PATH", help=RESULTS_HELP)
    play.add_argument(
        "--class", dest="class_code", metavar="CODE", help="join a class: pick your name"
    )
    _add_xapi_options(play)


def _runner_of(args: argparse.Namespace) -> str:
    """The function that runs a command. The live class view is a Textual
    screen, so `class watch` and `report --live` go to the TUI layer, which
    the classroom layer below it may not import."""
    live = args.command == "report" and getattr(args, "live", False)
    if live or (args.command == "class" and args.class_command == "watch"):
        return "game.tui.class_watch:run"
    if args.command == "results" and args.results_command == "sync":
        return "game.classroom.xapi.sync:run"
    return _COMMANDS[args.command]


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    own_options = ("-h", "--help", "--version")
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in own_options):
        args_list = ["play", *args_list]  # `locus` alone, or `locus --plain ...`, plays
    parser = build_parser(only=args_list[0] if args_list[0] in _PARSERS else None)
    args = parser.parse_args(args_list)
    module_name, _, function = _runner_of(args).partition(":")
    runner = getattr(import_module(module_name), function)
    try:
        return int(runner(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
