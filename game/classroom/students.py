"""Student names: what is accepted and how one student is recognised.

Names are data, never code: they go into SQL as parameters and into CSV and
JSON through their writers, so quotes, apostrophes (O'Brien) and emoji are
all fine. What is refused is what would make the teacher's report wrong or
unreadable: an empty name, control characters, direction overrides that can
disguise a name, and names too long for a table.
"""

from __future__ import annotations

import unicodedata

from game.classroom.errors import ClassroomError

MAX_NAME_LENGTH = 80
# Right-to-left and left-to-right overrides/isolates can make one name look
# like another in the report, so they are refused.
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def normalise_student(raw: str) -> str:
    """The name as it will be stored and shown: Unicode NFC, runs of spaces
    collapsed, ends trimmed. Raises ClassroomError with a sentence to show."""
    name = unicodedata.normalize("NFC", " ".join(raw.split()))
    if not name:
        raise ClassroomError("Please type your name; your teacher sees results by name.")
    if any(unicodedata.category(ch) == "Cc" or ch in _DIRECTION_CONTROLS for ch in name):
        raise ClassroomError("Your name contains invisible control characters; please retype it.")
    if len(name) > MAX_NAME_LENGTH:
        raise ClassroomError(
            f"That name is {len(name)} characters long; please use at most "
            f"{MAX_NAME_LENGTH} (a first name and an initial is enough)."
        )
    return name


def student_key(name: str) -> str:
    """How results are matched to a student: case does not matter, so "Ana"
    on Monday and "ana" on Tuesday are the same person."""
    return name.casefold()
