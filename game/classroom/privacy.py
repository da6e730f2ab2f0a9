"""Privacy: pseudonymous exports and `locus results forget`.

A pseudonym is an HMAC-SHA256 of the student's matching key (their name,
casefolded) under a 32-byte key kept in the database's ``secrets`` table. It
is stable (the same student gets the same id in every export of that
database, so a researcher can join files) and cannot be reversed by hashing
a list of likely names, because the key never leaves the database file.
A different database gives the same student a different id.

Forgetting deletes every row about a student in one transaction, then says
what went: a school answering a deletion request needs to know it is done.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import sqlite3
import sys

from game.classroom import queries
from game.classroom.classes import normalise_code
from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB
from game.classroom.students import normalise_student, student_key
from game.story.printable import printable

PSEUDONYM_PREFIX = "student-"
PSEUDONYM_HEX = 12  # 48 bits: no two students of a school share one


def pseudonym(secret: str, name: str) -> str:
    digest = hmac.new(bytes.fromhex(secret), student_key(name).encode(), hashlib.sha256)
    return PSEUDONYM_PREFIX + digest.hexdigest()[:PSEUDONYM_HEX]


def pseudonym_key(results: str | None) -> str:
    """The database's key, made now if no lesson made it yet (so this is
    the one export option that may write to the database)."""
    db = ResultsDB.open_for_writing(results)
    try:
        return db.write(queries.ensure_secret)
    finally:
        db.close()


def run(args: argparse.Namespace) -> int:
    """`locus results forget NAME [--class CODE]`."""
    try:
        name = normalise_student(args.name)
        code = normalise_code(args.class_code) if args.class_code else None
        db = ResultsDB.open_for_reading(args.results)
        db.close()  # exists and is a results database: only then open it to write
        db = ResultsDB.open_for_writing(args.results)
        try:

            def forget(conn: sqlite3.Connection) -> tuple[list[str], dict[str, int]]:
                if code is not None and queries.find_class(conn, code) is None:
                    raise ClassroomError(f"There is no class '{code}' in {db.path}.")
                spellings = queries.student_names(conn, student_key(name))
                return spellings, queries.forget_student(conn, student_key(name), code)

            spellings, counts = db.write(forget)
            db.checkpoint()
        finally:
            db.close()
    except ClassroomError as error:
        print(printable(f"locus: {error}"), file=sys.stderr)
        return 1
    scope = f" in class {code}" if code else ""
    if not any(counts.values()):
        print(printable(f"Nothing stored about '{name}'{scope}; nothing was deleted."))
        return 0
    print(printable(f"Deleted every record of {', '.join(spellings) or name}{scope}:"))
    print(f"  {counts['sessions']} lesson session(s), {counts['events']} recorded step(s),")
    print(f"  {counts['first_tries']} quiz answer(s), {counts['storylines']} storyline result(s),")
    print(f"  {counts['roster']} roster entr{'y' if counts['roster'] == 1 else 'ies'}.")
    if counts.get("xapi_outbox"):
        print(
            f"  {counts['xapi_outbox']} xAPI statement(s); copies already sent to a learning "
            "record store must be deleted there."
        )
    print(f"From {db.path}. Copies and exports made earlier must be deleted by hand.")
    return 0
