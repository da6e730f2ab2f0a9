"""Walkthrough expectations such as ``> 100``, ``90..110`` or ``!= calm``."""

from __future__ import annotations

import pytest

from game.story.model import Comparison


@pytest.mark.parametrize(
    ("op", "value", "actual", "holds"),
    [
        ("==", "calm", "calm", True),
        ("==", "calm", "tense", False),
        ("!=", "calm", "tense", True),
        ("!=", "calm", "calm", False),
        ("==", "true", True, True),  # a flag is written as true/false
        ("!=", "true", False, True),
        ("==", "3", 3, True),  # a number against text compares as shown
        (">", "calm", "tense", False),  # text has no order
        (">", 100.0, 101, True),
        ("<=", 100.0, 101, False),
        ("!=", 100.0, 100.0, False),
    ],
)
def test_comparison(op: str, value: float | str, actual: object, holds: bool) -> None:
    assert Comparison(op, value).holds(actual) is holds  # type: ignore[arg-type]


def test_range_includes_both_ends_and_refuses_text() -> None:
    between = Comparison("range", 90.0, 110.0)
    assert between.holds(90) and between.holds(110.0) and between.holds(100)
    assert not between.holds(89.9) and not between.holds(110.1)
    assert not between.holds("100")
