"""The story's clock: when a story or storyline starts (``starts_at``) and what time it is.

Game time counts seconds from the start of play; a story says what time of
day that is (``starts_at: "21:00"``, ``"Thu 18:30"``, ``"day 3 06:00"`` or a
day number), so the header, the debrief chart and ``${clock}`` show the time
the text speaks of. Pure: no I/O, no user interface.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_FORM = re.compile(
    r"^\s*(?:(?P<weekday>[A-Za-z]{3})\s+|day\s+(?P<day>\d+)\s+)?"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class StartTime:
    """When play begins on the story's clock; the default is day 0 at 00:00."""

    seconds: float = 0.0  # into the day
    day: int = 0
    weekday: int | None = None  # 0 = Monday, when the story names one


MIDNIGHT = StartTime()  # day 0 at 00:00: the clock of a story without starts_at


def parse_starts_at(value: object) -> StartTime | str:
    """The start a ``starts_at`` value names, or a message saying what is wrong."""
    if isinstance(value, int) and not isinstance(value, bool):
        return StartTime(day=value) if value >= 0 else "a day number cannot be negative"
    if not isinstance(value, str):
        return 'write a time such as "21:00", "Thu 18:30" or "day 3 06:00", or a day number'
    found = _FORM.match(value)
    if found is None:
        return f'\'{value}\' is not a time; write "21:00", "Thu 18:30" or "day 3 06:00"'
    hour, minute = int(found["hour"]), int(found["minute"])
    if hour > 23 or minute > 59:
        return f"'{value}' is not a time of day (00:00 to 23:59)"
    weekday = None
    if found["weekday"]:
        name = found["weekday"].capitalize()
        if name not in WEEKDAYS:
            return f"'{found['weekday']}' is not a weekday; use {', '.join(WEEKDAYS)}"
        weekday = WEEKDAYS.index(name)
    day = int(found["day"]) if found["day"] else 0
    return StartTime(hour * 3600.0 + minute * 60.0, day, weekday)


def anchored(start: StartTime, clock: float) -> StartTime:
    """The start that puts the story's clock at ``start`` when game time is ``clock``.

    A storyline entered from the story's hub begins when it says it does, however
    long the hub took.
    """
    return StartTime(start.seconds - clock, start.day, start.weekday)


@dataclass(frozen=True, slots=True)
class StoryTime:
    """A moment on the story's clock."""

    day: int  # the start's day number plus the whole days since
    minutes: int  # into the day
    weekday: int | None

    @property
    def clock(self) -> str:
        return f"{self.minutes // 60:02d}:{self.minutes % 60:02d}"

    def label(self) -> str:
        """ "Thu 21:05" when the story names weekdays, "day 3 · 21:05" after day 0, else "21:05"."""
        if self.weekday is not None:
            return f"{WEEKDAYS[self.weekday]} {self.clock}"
        return f"day {self.day} · {self.clock}" if self.day else self.clock


def story_time(start: StartTime, seconds: float) -> StoryTime:
    """The story's time ``seconds`` of game time after ``start``."""
    whole = int((start.seconds + seconds) // 60)
    days, minutes = divmod(whole, 24 * 60)
    weekday = None if start.weekday is None else (start.weekday + days) % 7
    return StoryTime(start.day + days, minutes, weekday)
