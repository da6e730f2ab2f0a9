"""Pack text with Locus's own styles, as Textual Content.

The spans come from ``game.story.styles``, never from Rich or Textual markup,
so a bracket in a pack can only ever be a style from that small set or text.
Control characters are replaced here too: this is the TUI's last step before
the screen.
"""

from __future__ import annotations

from textual.content import Content

from game.story.printable import printable
from game.story.styles import parse_styles


def styled_content(text: str) -> Content:
    """``text`` (scene or codex text) with its styles applied."""
    spans = parse_styles(printable(text)).spans
    return Content.assemble(*((span.text, " ".join(sorted(span.styles))) for span in spans))
