"""A ``starts_at`` the clock cannot read says what is wrong with it (E053's
words), and each edge of a time of day is read as written."""

from __future__ import annotations

import pytest

from game.story.clock import StartTime, parse_starts_at

FORMS = 'write "21:00", "Thu 18:30" or "day 3 06:00"'


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        ("24:00", "'24:00' is not a time of day (00:00 to 23:59)"),
        ("12:60", "'12:60' is not a time of day (00:00 to 23:59)"),
        ("Thx 10:00", "'Thx' is not a weekday; use Mon, Tue, Wed, Thu, Fri, Sat, Sun"),
        ("noon", f"'noon' is not a time; {FORMS}"),
        ("", f"'' is not a time; {FORMS}"),
        (-1, "a day number cannot be negative"),
        (True, f"write a time such as {FORMS[6:]}, or a day number"),
        (2.5, f"write a time such as {FORMS[6:]}, or a day number"),
        (None, f"write a time such as {FORMS[6:]}, or a day number"),
    ],
)
def test_a_start_the_clock_cannot_read_says_why(value: object, problem: str) -> None:
    assert parse_starts_at(value) == problem


@pytest.mark.parametrize(
    ("value", "start"),
    [
        ("00:00", StartTime(0.0)),
        ("23:59", StartTime(23 * 3600.0 + 59 * 60.0)),
        (0, StartTime(0.0, 0)),
        ("day 2 7:05", StartTime(7 * 3600.0 + 300.0, 2)),
        ("Sun 00:00", StartTime(0.0, 0, 6)),
        ("MON 1:00", StartTime(3600.0, 0, 0)),
    ],
)
def test_each_edge_of_the_day_and_week_is_read_as_written(value: object, start: StartTime) -> None:
    assert parse_starts_at(value) == start
