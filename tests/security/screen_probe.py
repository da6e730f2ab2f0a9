"""What the Textual app really draws: every line of every widget on the
current screen (toasts included), and whether any cell carries an action or
a link. Hostile-text tests read the screen through these, not through the
strings the code meant to show."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.widget import Widget

from game.tui.app import LocusApp

MINI = Path(__file__).parent.parent / "packs" / "mini"


def _widgets(app: LocusApp) -> list[Widget]:
    return [w for w in app.screen.walk_children(with_self=True) if isinstance(w, Widget)]


def drawn_lines(app: LocusApp) -> list[str]:
    """The text of each rendered line of each widget on the screen."""
    lines: list[str] = []
    for widget in _widgets(app):
        for y in range(widget.size.height):
            lines.append("".join(segment.text for segment in widget.render_line(y)))
    return lines


def drawn_text(app: LocusApp) -> str:
    return "\n".join(drawn_lines(app))


def live_cells(app: LocusApp) -> list[str]:
    """Cells that would run an action or open a link when clicked."""
    found: list[str] = []
    for widget in _widgets(app):
        for y in range(widget.size.height):
            for segment in widget.render_line(y):
                style = segment.style
                if style is None:
                    continue
                meta = style.meta
                if style.link or any(key.startswith("@") for key in meta):
                    found.append(f"{type(widget).__name__}: {segment.text!r} {meta} {style.link}")
    return found


def copy_mini(tmp_path: Path, edits: dict[str, tuple[str, str]]) -> Path:
    """A copy of the mini pack with ``{file: (old, new)}`` replacements made,
    each of which must apply (a test whose edit missed proves nothing)."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    for name, (old, new) in edits.items():
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {name}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return root
