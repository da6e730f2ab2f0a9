"""Finding and loading the pack a command was given, for every front end."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from game.paths import bundled_pack
from game.story.diagnostics import format_text
from game.story.loader import load_pack
from game.story.model import Story


def pack_dir(argument: str | None) -> Path:
    return Path(argument) if argument else bundled_pack()


def load_or_report(argument: str | None, stream: TextIO | None = None) -> Story | None:
    """Load a pack; on errors print them compiler-style and return None."""
    root = pack_dir(argument)
    result = load_pack(root)
    if result.story is None:
        out = stream or sys.stderr
        for diagnostic in result.diagnostics:
            print(format_text(diagnostic, root), file=out)
        errors = len(result.errors)
        print(
            f"{root}: {errors} error{'s' if errors != 1 else ''}; the pack cannot be played",
            file=out,
        )
    return result.story
