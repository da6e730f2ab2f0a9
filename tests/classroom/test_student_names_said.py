"""Student names at their edges: each refusal's sentence word for word (a
student reads it and retypes), the length limit at 80 characters, and the
joiners and selectors kept only where they hold an emoji together.
(tests/security/test_names.py throws hostile names at the same rules.)"""

from __future__ import annotations

import pytest

from game.classroom.errors import ClassroomError
from game.classroom.students import (
    MAX_NAME_LENGTH,
    normalise_student,
    student_key,
    without_invisibles,
)


def _refusal(raw: str) -> str:
    with pytest.raises(ClassroomError) as refused:
        normalise_student(raw)
    return str(refused.value)


def test_each_refused_name_says_what_to_do() -> None:
    assert _refusal(" \u200b \t") == "Please type your name; your teacher sees results by name."
    assert _refusal("An\x07a") == (
        "Your name contains invisible control characters; please retype it."
    )
    assert _refusal("Ana\u2066") == (
        "Your name contains invisible direction control characters; please retype it."
    )
    assert _refusal("x" * 81) == (
        "That name is 81 characters long; please use at most 80 "
        "(a first name and an initial is enough)."
    )


def test_a_name_of_80_characters_is_kept_whole() -> None:
    assert MAX_NAME_LENGTH == 80
    assert normalise_student("  " + "x" * 80 + "  ") == "x" * 80
    assert (
        normalise_student("x" * 40 + "\u200b" * 10 + "x" * 40) == "x" * 80
    )  # invisibles uncounted


def test_a_name_is_trimmed_folded_and_spaced_once() -> None:
    assert normalise_student("  Ａｎａ \u00a0 Lima\u200b ") == "Ana Lima"
    assert student_key("ANA LIMA") == student_key("ana lima") == "ana lima"
    assert student_key("Straße") == "strasse"


def test_a_selector_or_joiner_with_no_emoji_before_it_is_dropped() -> None:
    assert without_invisibles("\ufe0fAna") == "Ana"
    assert without_invisibles("\u200dAna") == "Ana"
    assert without_invisibles("A\ufe0fna") == "Ana"
    assert without_invisibles("Ana 🔥\u200d") == "Ana 🔥"  # nothing after the joiner
    assert without_invisibles("Ana 🔥\u200dx") == "Ana 🔥x"  # no emoji after it


def test_a_joiner_after_a_selector_joins_the_emoji_before_the_selector() -> None:
    heart_on_fire = "\u2764\ufe0f\u200d\U0001f525"
    assert without_invisibles(heart_on_fire) == heart_on_fire
    assert without_invisibles(f"Ana Lima {heart_on_fire}") == f"Ana Lima {heart_on_fire}"
    assert without_invisibles("Ana\ufe0f\u200d\U0001f525") == "Ana\U0001f525"
