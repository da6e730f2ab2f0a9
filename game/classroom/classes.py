"""Classes and rosters: `locus class create|list|show|add|watch` (options in game/cli.py).

A class is a name, a short join code and (optionally) a roster. Students
join with ``locus play --class CODE`` and pick their name from the roster
instead of typing it, so a typo can no longer split one student into two.
Without a roster they type their name as before, and the session is still
filed under the class, so ``locus report --class CODE`` shows only them.

Join codes use letters and digits that cannot be misread for one another
(no 0/O, 1/I/L), are six long (about 10^9 codes: no two classes of a school
ever collide), and are matched without regard to case.
"""

from __future__ import annotations

import argparse
import csv
import io
import secrets
import sqlite3
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from game.classroom import queries
from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB, results_path
from game.classroom.students import normalise_student, student_key
from game.story.printable import printable

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 6
MAX_CLASS_NAME = 80
NAME_HEADERS = ("name", "student", "student name", "full name")  # a CSV column to take
# The school's id, in order of preference: a Canvas gradebook export has both
# "ID" (Canvas's own number) and "SIS User ID" (the school's), and the latter wins.
ID_HEADERS = ("sis user id", "student id", "id number", "username", "email", "id")
CANVAS_POINTS_ROW = "points possible"  # a Canvas export's second row, not a student


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str:
    """The code as stored: capitals, no spaces or dashes (``abc-def`` works)."""
    return "".join(ch for ch in raw.upper() if ch not in " -")


@dataclass(frozen=True, slots=True)
class RosterEntry:
    name: str
    lms_id: str | None = None  # the school's id (SIS id, email, username), for gradebooks


def read_roster(path: Path) -> list[RosterEntry]:
    """Names from a roster file: a CSV whose ``name`` (or ``student``) column
    holds them, and whose ``id``, ``sis user id``, ``email`` or ``username``
    column (if any) the school's id; a CSV without such a header (the first
    column); or one name a line. Blank lines are skipped; a bad name is an
    error naming its line."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ClassroomError(f"There is no roster file {path}.") from None
    except UnicodeDecodeError:
        raise ClassroomError(f"{path} is not UTF-8 text; save the roster as UTF-8 CSV.") from None
    except OSError as error:
        raise ClassroomError(f"Cannot read the roster {path}: {error.strerror}.") from None
    rows = list(csv.reader(io.StringIO(text)))
    header = [cell.strip().casefold() for cell in rows[0]] if rows else []
    name_column, id_column, start = 0, None, 0
    if any(cell in NAME_HEADERS for cell in header):
        name_column = next(i for i, cell in enumerate(header) if cell in NAME_HEADERS)
        id_column = next((header.index(h) for h in ID_HEADERS if h in header), None)
        start = 1
    entries: list[RosterEntry] = []
    for number, row in enumerate(rows[start:], start + 1):
        cell = row[name_column] if name_column < len(row) else ""
        if not cell.strip() or cell.strip().casefold() == CANVAS_POINTS_ROW:
            continue
        try:
            name = normalise_student(cell)
        except ClassroomError as error:
            raise ClassroomError(f"{path}, line {number}: {error}") from None
        lms_id = row[id_column].strip() if id_column is not None and id_column < len(row) else ""
        entries.append(RosterEntry(name, printable(lms_id) or None))
    return entries


def unique_names(
    entries: Sequence[RosterEntry],
) -> tuple[list[tuple[str, str, str | None]], list[str]]:
    """(name, key, school id) with one entry per student (the first spelling
    kept), and the near-duplicates dropped, to tell the teacher about."""
    kept: dict[str, RosterEntry] = {}
    dropped: list[str] = []
    for entry in entries:
        key = student_key(entry.name)
        if key in kept:
            dropped.append(entry.name)
        else:
            kept[key] = entry
    return [(e.name, key, e.lms_id) for key, e in kept.items()], dropped


def class_roster(db: ResultsDB, code: str) -> tuple[queries.ClassRow, list[str]]:
    """The class and its roster, or a ClassroomError naming the known codes."""
    code = normalise_code(code)

    def load(conn: sqlite3.Connection) -> tuple[queries.ClassRow | None, list[str]]:
        return queries.find_class(conn, code), queries.roster(conn, code)

    found, names = db.read(load)
    if found is None:
        raise ClassroomError(f"There is no class '{code}' in {db.path} (`locus class list`).")
    return found, names


# --- the commands --------------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    try:
        return _COMMANDS[args.class_command](args)
    except ClassroomError as error:
        print(printable(f"locus: {error}"), file=sys.stderr)
        return 1


def _create(args: argparse.Namespace) -> int:
    name = " ".join(args.name.split())
    if not name or len(name) > MAX_CLASS_NAME:
        raise ClassroomError(f"Give the class a name of 1 to {MAX_CLASS_NAME} characters.")
    names = read_roster(Path(args.roster)) if args.roster else []
    pairs, dropped = unique_names(names)
    db = ResultsDB.open_for_writing(args.results)
    try:

        def create(conn: sqlite3.Connection) -> str:
            queries.ensure_secret(conn)
            code = new_code()
            while queries.code_taken(conn, code):
                code = new_code()
            queries.create_class(conn, code, name, time.time())
            queries.add_to_roster(conn, code, pairs)
            return code

        code = db.write(create)
    finally:
        db.close()
    say(f"Created class {name}: join code {code}")
    if pairs:
        say(f"Roster: {len(pairs)} student{'s' if len(pairs) != 1 else ''}.")
    for duplicate in dropped:
        say(f"  skipped '{duplicate}': the same name as one already on the roster")
    say(f"Students join with: locus play --class {code} --lesson LESSON_ID")
    return 0


def _list(args: argparse.Namespace) -> int:
    path, chosen = results_path(args.results)
    if not chosen and not path.exists():  # a fresh machine
        say("No classes yet. Create one with: locus class create NAME [--roster FILE]")
        return 0
    db = ResultsDB.open_for_reading(args.results)
    try:
        rows = db.read(queries.list_classes)
    finally:
        db.close()
    if not rows:
        say("No classes yet. Create one with: locus class create NAME [--roster FILE]")
        return 0
    for row in rows:
        say(
            f"{row.code}  {row.name}  ({row.roster_size} on the roster, "
            f"{row.sessions} lesson session{'s' if row.sessions != 1 else ''}, "
            f"created {_date(row.created_at)})"
        )
    return 0


def _show(args: argparse.Namespace) -> int:
    db = ResultsDB.open_for_reading(args.results)
    try:
        found, names = class_roster(db, args.code)
    finally:
        db.close()
    say(f"{found.name}: join code {found.code}, created {_date(found.created_at)}")
    if not names:
        say("No roster: students type their name when they join.")
    else:
        say(f"Roster ({len(names)}):")
        for number, name in enumerate(names, 1):
            say(f"  {number:>3}. {name}")
    say(f"Students join with: locus play --class {found.code} --lesson LESSON_ID")
    return 0


def _add(args: argparse.Namespace) -> int:
    pairs, dropped = unique_names([RosterEntry(normalise_student(raw)) for raw in args.names])
    code = normalise_code(args.code)
    db = ResultsDB.open_for_writing(args.results)
    try:

        def add(conn: sqlite3.Connection) -> tuple[list[str], list[str]]:
            if queries.find_class(conn, code) is None:
                raise ClassroomError(f"There is no class '{code}' in {db.path}.")
            return queries.add_to_roster(conn, code, pairs)

        added, present = db.write(add)
    finally:
        db.close()
    say(f"Added {len(added)} to {code}: {', '.join(added) or 'nobody new'}")
    for name in [*present, *dropped]:
        say(f"  '{name}' is already on the roster")
    return 0


# `class watch` is a Textual screen: game.cli sends it to game.tui.class_watch.
_COMMANDS = {"create": _create, "list": _list, "show": _show, "add": _add}


def say(text: str) -> None:
    print(printable(text), flush=True)


def _date(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
