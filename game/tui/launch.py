"""`locus play` in the terminal: open the Textual app on a pack.

The app draws its title screen first and loads the pack right after, so the
game opens about as fast as Textual itself (bench/bench_tui.py). A pack
with mistakes ends the app and its diagnostics are printed compiler style,
like `locus check`; in watch mode they are shown in the app instead, because
the author is about to fix them.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.paths import bundled_pack

if TYPE_CHECKING:
    from game.story.loader import LoadResult


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
    class_code: str | None = None  # join this class: pick the name from its roster
    xapi: str | None = None  # also send the lesson's steps to this LRS (game/classroom/xapi/)
    xapi_send_names: bool = False

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
            class_code=getattr(args, "class_code", None),
            xapi=getattr(args, "xapi", None),
            xapi_send_names=bool(getattr(args, "xapi_send_names", False)),
        )


def run_tui(args: argparse.Namespace, loaded: LoadResult | None = None) -> int:
    """``loaded``: the pack, already loaded (by `locus serve`'s warm parent,
    game/warm.py); None loads it after the title screen is drawn."""
    pack = getattr(args, "pack", None)
    root = Path(pack) if pack else bundled_pack()
    from game.tui.app import LocusApp

    app = LocusApp(root, loaded, launch=LaunchOptions.from_args(args))
    try:
        app.run()
    finally:
        app.flush_autosave()
        app.close_lesson()
    diagnostics, code = app.diagnostics, app.return_code or 0
    if app.loading and app.pack is None:
        # Quit before the worker's load reached the app, and the pack is not one the
        # cache knows loads: check it now, so one that cannot be played still says why.
        from game.story.loader import load_pack

        loaded = load_pack(root, for_play=True)
        if loaded.story is None:
            diagnostics, code = loaded.diagnostics, 1
    if app.story is None and diagnostics:
        from game.story.diagnostics import format_text

        for diagnostic in diagnostics:
            print(format_text(diagnostic, root), file=sys.stderr)
        print(f"{root}: the pack cannot be played (--watch shows this live)", file=sys.stderr)
    return code
