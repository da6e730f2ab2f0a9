"""Student names: what is accepted and how one student is recognised.

Names are data, never code: they go into SQL as parameters and into CSV and
JSON through their writers, so quotes, apostrophes (O'Brien) and emoji are
all fine. What is refused is what would make the teacher's report wrong or
unreadable: an empty name, control characters, direction overrides that can
disguise a name, and names too long for a table.

Two names that look the same must be one student. So a name is stored
without invisible characters (zero-width spaces and joiners, word joiners,
byte-order marks, soft hyphens, bidi marks, variation selectors, tag
characters, Hangul fillers: Unicode's default-ignorable code points and every
format character, category Cf), and in Unicode NFKC, which folds
compatibility forms into the plain ones they look like (full-width ``Ａｎａ``
and ``＝``, ligatures, superscripts, non-breaking spaces), the form Python
itself uses to compare identifiers. The one exception keeps emoji whole: a
zero-width joiner between two emoji and a variation selector after one
(``👩‍🔬``, ``❤️``). Letters of different scripts that look alike (Latin ``a``
and Cyrillic ``а``) stay different; the report shows both.
"""

from __future__ import annotations

import unicodedata

from game.classroom.errors import ClassroomError

MAX_NAME_LENGTH = 80
# Right-to-left and left-to-right overrides/isolates can make one name look
# like another in the report, so they are refused rather than dropped.
_DIRECTION_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
# Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt):
# drawn as nothing by every renderer.
_IGNORABLE = (
    (0x00AD, 0x00AD),
    (0x034F, 0x034F),
    (0x061C, 0x061C),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x206F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFEFF, 0xFEFF),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)
_ZWJ = "\u200d"
_EMOJI_SELECTORS = frozenset("\ufe0e\ufe0f")


def is_invisible(ch: str) -> bool:
    code = ord(ch)
    return unicodedata.category(ch) == "Cf" or any(lo <= code <= hi for lo, hi in _IGNORABLE)


def _emoji(ch: str) -> bool:
    return bool(ch) and unicodedata.category(ch) == "So"


def _holds_emoji_together(ch: str, kept: list[str], after: str) -> bool:
    """A variation selector after an emoji, or a joiner between two."""
    last = kept[-1] if kept else ""
    if ch in _EMOJI_SELECTORS:
        return _emoji(last)
    if ch == _ZWJ:
        base = kept[-2] if last in _EMOJI_SELECTORS and len(kept) > 1 else last
        return _emoji(base) and _emoji(after)
    return False


def without_invisibles(text: str) -> str:
    """``text`` without the characters that show as nothing, keeping the
    joiners and selectors that hold an emoji together (module docstring)."""
    kept: list[str] = []
    for index, ch in enumerate(text):
        after = text[index + 1 : index + 2]
        if not is_invisible(ch) or _holds_emoji_together(ch, kept, after):
            kept.append(ch)
    return "".join(kept)


def normalise_student(raw: str) -> str:
    """The name as it will be stored and shown: invisible characters removed,
    Unicode NFKC, runs of spaces collapsed, ends trimmed. Raises
    ClassroomError with a sentence to show."""
    if any(ch in _DIRECTION_CONTROLS for ch in raw):
        raise ClassroomError(
            "Your name contains invisible direction control characters; please retype it."
        )
    name = " ".join(unicodedata.normalize("NFKC", without_invisibles(raw)).split())
    if not name:
        raise ClassroomError("Please type your name; your teacher sees results by name.")
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise ClassroomError("Your name contains invisible control characters; please retype it.")
    if len(name) > MAX_NAME_LENGTH:
        raise ClassroomError(
            f"That name is {len(name)} characters long; please use at most "
            f"{MAX_NAME_LENGTH} (a first name and an initial is enough)."
        )
    return name


def student_key(name: str) -> str:
    """How results are matched to a student: case does not matter, so "Ana"
    on Monday and "ana" on Tuesday are the same person (NFKC again after
    case folding, which can undo it)."""
    return unicodedata.normalize("NFKC", name.casefold())
