"""The one filter every front end applies to text before a terminal sees it.

A terminal obeys control characters: ``ESC [ 1 A`` moves the cursor up, so a
pack, a template value, a save name or an error message holding one could
rewrite lines the player already trusts ("Correct! You passed."). The loader
refuses control characters in pack text (``find_controls``), and everything a
front end prints passes through ``printable`` again, because text also comes
from saves, names, databases and template values that no check sees.

Newline and tab are kept: they are layout, not commands. Lone surrogates are
replaced too, since they cannot be encoded and would stop the output instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["REPLACEMENT", "control_name", "find_controls", "printable"]

#: What a refused character is shown as, so the reader sees that one was there.
REPLACEMENT = "\ufffd"

# C0 controls except tab and newline, DEL, the C1 controls, and lone surrogates.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` with every control character replaced by U+FFFD."""
    return _UNPRINTABLE.sub(REPLACEMENT, text)


def find_controls(text: str) -> Iterator[int]:
    """The offsets of the characters ``printable`` would replace."""
    return (match.start() for match in _UNPRINTABLE.finditer(text))


def control_name(char: str) -> str:
    """How a diagnostic names a refused character: ``U+001B (escape)``."""
    names = {"\x1b": "escape", "\r": "carriage return", "\x08": "backspace", "\x07": "bell"}
    code = f"U+{ord(char):04X}"
    return f"{code} ({names[char]})" if char in names else code
