"""`locus play` in the terminal: load the pack, then open the Textual app.

Textual is imported only after the pack has loaded, so a pack with mistakes
reports them (compiler style, like `locus check`) without paying for the UI.
In watch mode a broken pack opens the app anyway and shows the diagnostics
there, because the author is about to fix it.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from game.packs import pack_dir
from game.story.diagnostics import format_text
from game.story.loader import load_pack


@dataclass(frozen=True, slots=True)
class LaunchOptions:
    """The command-line options the app acts on when it opens."""

    seed: int = 0
    start: str | None = None
    storyline: str | None = None
    load: str | None = None
    watch: bool = False
    lesson: str | None = None
    student: str | None = None
    results: str | None = None

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> LaunchOptions:
        return cls(
            seed=int(getattr(args, "seed", 0) or 0),
            start=getattr(args, "start", None),
            storyline=getattr(args, "storyline", None),
            load=getattr(args, "load", None),
            watch=bool(getattr(args, "watch", False)),
            lesson=getattr(args, "lesson", None),
            student=getattr(args, "student", None),
            results=getattr(args, "results", None),
        )


def run_tui(args: argparse.Namespace) -> int:
    root = pack_dir(getattr(args, "pack", None))
    loaded = load_pack(root)
    options = LaunchOptions.from_args(args)
    if loaded.story is None and not options.watch:
        for diagnostic in loaded.diagnostics:
            print(format_text(diagnostic, root), file=sys.stderr)
        print(f"{root}: the pack cannot be played (use --watch to fix it live)", file=sys.stderr)
        return 1
    from game.tui.app import LocusApp

    app = LocusApp(root, loaded, options)
    try:
        app.run()
    finally:
        app.close_lesson()
    return app.return_code or 0
