"""`locus check`: every mistake in a pack, compiler-style, with file and line.

It prints what the loader finds (errors and warnings of each file) and, when
the pack loads, the whole-pack analysis of ``game.authoring.analysis``
(unreachable scenes, dead ends, unused variables, markup slips...), the
item-writing checks of ``game.authoring.items`` and the path-aware lesson
checks of ``game.authoring.assessment``. Paths are
printed as the user named the pack folder, so a terminal or an editor can
open ``scenes/woods/bear.yaml:12:7`` from where the command ran. Errors exit
1; warnings exit 0 unless ``--strict``. ``--format json`` prints one JSON
object per diagnostic per line, for editors and CI.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from game.authoring import analysis, assessment, items
from game.authoring.analysis import analyze
from game.packs import pack_dir
from game.story.diagnostics import REGISTRY, Diagnostic, Loc, format_json, format_text, sort_key
from game.story.loader import load_pack

#: Every code `locus check` can print: the loader's descriptors (their
#: registry in game/story/diagnostics.py), the analysis, item-writing and
#: assessment warnings.
ALL_CODES: dict[str, str] = {
    kind.code: kind.summary
    for kind in (
        *REGISTRY.values(),
        *analysis.DESCRIPTORS,
        *items.DESCRIPTORS,
        *assessment.DESCRIPTORS,
    )
}


def check_pack(root: Path) -> list[Diagnostic]:
    """Loader diagnostics plus, for a pack that loads, the analysis warnings;
    positions are relative to ``root``."""
    result = load_pack(root)
    diagnostics = list(result.diagnostics)
    if result.story is not None:
        diagnostics.extend(analyze(result.story))
        diagnostics.extend(items.check_items(result.story))
        diagnostics.extend(assessment.analyze_lessons(result.story))
    return sorted(diagnostics, key=sort_key)


def run(args: argparse.Namespace) -> int:
    roots = args.packs or [None]
    failed = False
    for argument in roots:
        folder = pack_dir(argument)
        diagnostics = [_under(d, folder) for d in check_pack(folder)]
        if args.format == "json":
            if diagnostics:
                print(format_json(diagnostics))
        else:
            for diagnostic in diagnostics:
                print(format_text(diagnostic))
            errors = sum(d.is_error for d in diagnostics)
            warnings = len(diagnostics) - errors
            print(
                f"{folder}: {errors} error{'s' * (errors != 1)}, "
                f"{warnings} warning{'s' * (warnings != 1)}",
                file=sys.stderr,
            )
        if any(d.is_error for d in diagnostics) or (args.strict and diagnostics):
            failed = True
    return 1 if failed else 0


def _under(diagnostic: Diagnostic, folder: Path) -> Diagnostic:
    """The diagnostic with its path joined to the pack folder as given."""
    loc = diagnostic.loc
    path = Path(loc.path)
    if path.is_absolute() or path == folder:
        return diagnostic
    return replace(diagnostic, loc=Loc(str(folder / path), loc.line, loc.col))
