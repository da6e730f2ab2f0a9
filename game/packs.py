"""Finding and loading the pack a command was given, for every front end."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from game.paths import bundled_pack
from game.story.diagnostics import Diagnostic, format_text
from game.story.loader import load_pack
from game.story.model import Story


def pack_dir(argument: str | None) -> Path:
    return Path(argument) if argument else bundled_pack()


def load_or_report(
    argument: str | None,
    stream: TextIO | None = None,
    *,
    for_play: bool = False,
    lesson: str | None = None,
) -> Story | None:
    """Load a pack; on errors print them compiler-style and return None.

    ``for_play`` (see ``load_pack``): tests are not read and lessons with
    errors are left out, unless ``lesson`` names one of them: then its
    errors are printed, since that lesson cannot be played."""
    root = pack_dir(argument)
    result = load_pack(root, for_play=for_play)
    out = stream or sys.stderr
    if result.story is None:
        _report(result.diagnostics, root, "the pack cannot be played", out)
    elif lesson is not None and lesson not in result.story.lessons and result.errors:
        _report(result.diagnostics, root, f"lesson '{lesson}' cannot be played", out)
        return None
    elif result.errors:
        files = ", ".join(sorted({d.loc.path for d in result.errors}))
        print(f"locus: note: left out, with errors: {files} (`locus check` lists them)", file=out)
    return result.story


def _report(diagnostics: tuple[Diagnostic, ...], root: Path, verdict: str, out: TextIO) -> None:
    for diagnostic in diagnostics:
        print(format_text(diagnostic, root), file=out)
    errors = sum(d.is_error for d in diagnostics)
    print(f"{root}: {errors} error{'s' if errors != 1 else ''}; {verdict}", file=out)
