"""Plain-text tables and bars that line up in a terminal.

Student names carry accents, CJK characters and emoji, which take one or two
terminal cells, so widths are measured in cells (East Asian width), not in
Python characters. Kept free of Rich so that ``locus report`` starts fast and
prints the same text to a file as to a screen.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

ELLIPSIS = "…"
BLOCKS = " ▏▎▍▌▋▊▉█"  # eighths, for bars with sub-cell precision


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200d\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def clip(text: str, width: int) -> str:
    """``text`` cut to at most ``width`` cells, with an ellipsis when cut."""
    if cells(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        size = cells(ch)
        if used + size > width - 1:
            break
        out.append(ch)
        used += size
    return "".join(out) + ELLIPSIS


def pad(text: str, width: int) -> str:
    return text + " " * max(0, width - cells(text))


def fit_table(
    header: Sequence[str], rows: Sequence[Sequence[str]], width: int, shrink: Sequence[int] = ()
) -> list[str]:
    """Lines of a left-aligned table no wider than ``width`` (when possible):
    the columns listed in ``shrink`` give up space first, in that order, down
    to the width of their heading."""
    widths = [max(cells(str(c)) for c in column) for column in zip(header, *rows, strict=True)]
    gap = 2
    excess = sum(widths) + gap * (len(widths) - 1) - width
    for index in shrink:
        if excess <= 0:
            break
        floor = max(cells(header[index]), 6)
        give = min(excess, max(0, widths[index] - floor))
        widths[index] -= give
        excess -= give
    lines = []
    for row in (header, *rows):
        parts = [pad(clip(str(cell), w), w) for cell, w in zip(row, widths, strict=True)]
        lines.append((" " * gap).join(parts))
    lines.insert(1, (" " * gap).join("-" * w for w in widths))
    return lines


def bar(percent: float, width: int, unicode: bool = True) -> str:
    """A horizontal bar for 0-100 percent, ``width`` cells long: block
    characters with eighths, or ``#`` and ``.`` where the terminal cannot show
    them."""
    share = min(max(percent, 0.0), 100.0) / 100.0
    if not unicode:
        full = round(share * width)
        return "#" * full + "." * (width - full)
    eighths = round(share * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (BLOCKS[part] if part else "")
    return text + "░" * (width - cells(text))
