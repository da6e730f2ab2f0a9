"""Joining a class: which name a student plays under.

With a roster the student picks their name (a number in plain mode, a list
in the TUI) or types it, and only a name on the roster is accepted, matched
without regard to case; so "ana lima" is Ana Lima, and "Ana Lma" is refused
instead of becoming a second student. Without a roster any usable name is
accepted, as without a class.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TextIO

from game.classroom.classes import class_roster, normalise_code
from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB
from game.classroom.students import normalise_student, student_key

Say = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class JoinedClass:
    code: str
    name: str
    roster: tuple[str, ...]  # empty: students type their names


def join_class(results: str | None, code: str) -> JoinedClass:
    """The class behind a join code, or a ClassroomError a student can act on."""
    db = ResultsDB.open_for_reading(results)
    try:
        found, names = class_roster(db, normalise_code(code))
    finally:
        db.close()
    return JoinedClass(found.code, found.name, tuple(names))


def roster_name(joined: JoinedClass, typed: str) -> str:
    """The roster's spelling of ``typed`` (any case), or ``typed`` itself
    (normalised) when the class has no roster."""
    name = normalise_student(typed)
    if not joined.roster:
        return name
    key = student_key(name)
    for listed in joined.roster:
        if student_key(listed) == key:
            return listed
    raise ClassroomError(
        f"'{name}' is not on the roster of {joined.name}; pick your name from the list, "
        "or ask your teacher to add it (locus class add)."
    )


def pick_plain(joined: JoinedClass, source: TextIO, say: Say) -> str:
    """Ask a plain-mode student for their name: a number from the numbered
    roster, or the name typed. End of input is an error, as for a typed name."""
    if not joined.roster:
        say(f"{joined.name}: type your name (your teacher sees your results under it):")
    else:
        say(f"{joined.name}: who are you? Type your number (or your name):")
        for number, name in enumerate(joined.roster, 1):
            say(f"  {number}. {name}")
    while True:
        line = source.readline()
        if not line:
            raise ClassroomError("A student name is needed for results (use --student NAME).")
        text = line.strip()
        if joined.roster and text.isdigit():
            number = int(text)
            if 1 <= number <= len(joined.roster):
                return joined.roster[number - 1]
            say(f"There is no number {number}; type 1 to {len(joined.roster)}.")
            continue
        try:
            return roster_name(joined, text)
        except ClassroomError as error:
            say(str(error))
