"""`locus results sync [--results ...] [--xapi URL]`: send the queued xAPI
statements now, and say what is pending, sent and failed.

Without ``--xapi`` each statement goes to the LRS it was queued for; with
it, every statement not yet sent goes to that address (an LRS that moved).
Statements the LRS refused before are tried again too: the teacher may
have fixed what it objected to. It exits 1, with one sentence and nothing
lost, when the LRS is down, refuses the credentials or refuses statements.
"""

from __future__ import annotations

import argparse
import os
import sys

from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB
from game.classroom.xapi import outbox
from game.classroom.xapi.outbox import FAILED, PENDING
from game.classroom.xapi.sender import flush
from game.classroom.xapi.target import AUTH_ENV, XapiTarget, authorization, parse_endpoint
from game.story.printable import printable


def run(args: argparse.Namespace) -> int:
    try:
        chosen = parse_endpoint(args.xapi) if args.xapi else None
        auth = authorization(os.environ.get(AUTH_ENV))
        db = ResultsDB.open_for_reading(args.results)
        db.close()  # exists and is a results database: only then open it to write (migrate)
        db = ResultsDB.open_for_writing(args.results)
    except ClassroomError as error:
        return _fail(str(error))
    try:
        return _sync(db, chosen, auth)
    except ClassroomError as error:
        return _fail(str(error))
    finally:
        db.close()


def _sync(db: ResultsDB, chosen: str | None, auth: str | None) -> int:
    if chosen is not None:
        endpoints = [chosen]
    else:
        endpoints = db.read(
            lambda conn: [
                str(row[0])
                for row in conn.execute(
                    "SELECT DISTINCT endpoint FROM xapi_outbox WHERE state <> 'sent'"
                    " ORDER BY endpoint"
                )
            ]
        )
    problems: list[str] = []
    sent = 0
    for endpoint in endpoints:
        target = XapiTarget(endpoint, auth)
        done = flush(
            db, target, only_endpoint=chosen is None, states=(PENDING, FAILED), waiting_too=True
        )
        sent += done.sent
        if done.stopped is not None:
            reason = done.stopped.reason
            ends = "" if reason.endswith((".", "?", "!")) else "."  # "is it running?" ends itself
            problems.append(
                f"The learning record store at {endpoint} did not take the statements: "
                f"{reason}{ends}"
            )
        elif done.rejected:
            problems.append(
                f"The learning record store at {endpoint} refused {done.rejected} "
                "statement(s); they are kept as failed (the reasons are below)."
            )
    counts = db.read(outbox.counts)
    errors = db.read(outbox.last_errors) if counts[PENDING] or counts[FAILED] else []
    print(printable(f"xAPI statements in {db.path}:"))
    print(f"  sent now: {sent}")
    print(
        f"  pending: {counts[PENDING]}, sent: {counts['sent']}, failed: {counts[FAILED]}",
        flush=True,
    )
    for problem in problems:
        print(printable(f"locus: {problem}"), file=sys.stderr)
    if problems:
        for reason in errors:
            print(printable(f"  last error: {reason}"), file=sys.stderr)
        print(
            "Nothing was lost: what was not sent stays queued; run `locus results sync` again.",
            file=sys.stderr,
        )
        return 1
    return 0


def _fail(message: str) -> int:
    print(printable(f"locus: {message}"), file=sys.stderr)
    return 1
