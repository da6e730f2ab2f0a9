"""The ``xapi_outbox`` table: statements waiting for an LRS, queued in the
same transaction as the events they describe.

Each function runs inside a transaction ``ResultsDB`` opened, like
game/classroom/records.py, and uses only SQL both engines share. Queueing
is ``ON CONFLICT DO NOTHING`` on the statement's id, so a transaction run
again (PostgreSQL retries one that clashed) queues nothing twice.

Senders in many processes (every browser tab of ``locus serve`` has one)
share the table. A sender **leases** a batch before posting it, so two
senders do not post the same statements at once; a lease that runs out (the
sender died) frees the batch for the next one. After a failure the batch
waits (``next_try_at``) before anyone tries it again.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from game.classroom import queries
from game.classroom.privacy import pseudonym
from game.classroom.scoring import has_passed
from game.classroom.xapi import statements
from game.classroom.xapi.statements import Attempt, LessonResult, Question
from game.classroom.xapi.target import XapiTarget

PENDING, SENT, FAILED = "pending", "sent", "failed"
STATES = (PENDING, SENT, FAILED)
LEASE_S = 120.0  # longer than any post takes (lrs.TIMEOUT_S)


@dataclass(frozen=True, slots=True)
class Queued:
    seq: int
    id: str
    statement: str  # JSON, exactly as queued (a resend must be identical)


def read_attempt(conn: sqlite3.Connection, session_id: int, target: XapiTarget) -> Attempt:
    """Everything the attempt's statements share, from the results database:
    the session, its lesson, the pack's titles and questions, the key."""
    pack, lesson, student, class_code = conn.execute(
        "SELECT pack, lesson, student, class_code FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    title, objectives_text = conn.execute(
        "SELECT title, objectives FROM lessons WHERE pack = ? AND lesson = ?", (pack, lesson)
    ).fetchone()
    titles = {
        (kind, ident): text
        for kind, ident, text in conn.execute(
            "SELECT kind, id, title FROM titles WHERE pack = ?", (pack,)
        )
    }
    questions = {
        scene: Question(objective, question, tuple(json.loads(options)), int(correct))
        for scene, objective, question, options, correct in conn.execute(
            "SELECT scene, objective, question, options, correct_option FROM questions"
            " WHERE pack = ?",
            (pack,),
        )
    }
    secret = queries.ensure_secret(conn)
    return Attempt(
        namespace=statements.database_namespace(secret),
        session_id=session_id,
        actor=statements.actor(pseudonym(secret, student), student if target.send_names else None),
        pack=pack,
        pack_version=statements.pack_version(titles, questions),
        lesson=lesson,
        lesson_title=title,
        objectives=json.loads(objectives_text),
        class_code=class_code,
        titles=titles,
        questions=questions,
    )


def open_attempt(
    conn: sqlite3.Connection, session_id: int, target: XapiTarget, *, at: float, resumed: bool
) -> Attempt:
    """Read the attempt and queue ``launched`` (or ``resumed``) for it."""
    attempt = read_attempt(conn, session_id, target)
    queue(
        conn,
        target.endpoint,
        session_id,
        at,
        [statements.lesson_opened(attempt, at, resumed=resumed)],
    )
    return attempt


def last_event(conn: sqlite3.Connection, session_id: int) -> int:
    """The id of the session's last recorded event: the step about to be
    recorded adds the events after it."""
    row = conn.execute(
        "SELECT coalesce(max(id), 0) FROM events WHERE session_id = ?", (session_id,)
    ).fetchone()
    return int(row[0])


def queue_step(
    conn: sqlite3.Connection, attempt: Attempt, endpoint: str, after_event: int, at: float
) -> int:
    """Queue the statements of the events recorded after ``after_event`` (in
    this transaction), and, once the attempt is finished, ``completed`` and
    ``passed`` or ``failed``. Returns how many were queued."""
    session_id = attempt.session_id
    found: list[dict[str, Any]] = []
    for event_id, event_at, storyline, kind, text, data in conn.execute(
        "SELECT id, at, storyline, kind, text, data FROM events"
        " WHERE session_id = ? AND id > ? ORDER BY id",
        (session_id, after_event),
    ).fetchall():
        statement = statements.for_event(
            attempt, int(event_id), float(event_at), storyline, kind, text, json.loads(data)
        )
        if statement is not None:
            found.append(statement)
    result = _lesson_result(conn, session_id)
    if result.finished:
        found += statements.lesson_finished(attempt, at, result)
    return queue(conn, endpoint, session_id, at, found)


def _lesson_result(conn: sqlite3.Connection, session_id: int) -> LessonResult:
    finished, has_quizzes, pass_mark, time_on_task = conn.execute(
        "SELECT finished, has_quizzes, pass_mark, time_on_task FROM sessions WHERE id = ?",
        (session_id,),
    ).fetchone()
    earned, possible = conn.execute(
        "SELECT coalesce(sum(points), 0), coalesce(sum(possible), 0) FROM first_tries"
        " WHERE session_id = ?",
        (session_id,),
    ).fetchone()
    earned, possible = int(earned), int(possible)
    return LessonResult(
        finished=bool(finished),
        passed=has_passed(bool(finished), earned, possible, float(pass_mark), bool(has_quizzes)),
        has_quizzes=bool(has_quizzes),
        earned=earned,
        possible=possible,
        time_on_task=float(time_on_task),
    )


def queue(
    conn: sqlite3.Connection,
    endpoint: str,
    session_id: int | None,
    at: float,
    found: Sequence[dict[str, Any]],
) -> int:
    rows = [
        (s["id"], endpoint, session_id, at, json.dumps(s, ensure_ascii=False, sort_keys=True))
        for s in found
    ]
    conn.executemany(
        "INSERT INTO xapi_outbox (id, endpoint, session_id, queued_at, statement)"
        " VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        rows,
    )
    return len(rows)


def lease(
    conn: sqlite3.Connection,
    endpoint: str | None,
    now: float,
    limit: int,
    *,
    states: Iterable[str] = (PENDING,),
    waiting_too: bool = False,
    after_seq: int = 0,
) -> list[Queued]:
    """Take the oldest batch of statements nobody is posting: for
    ``endpoint`` (None: any), in ``states``, queued after ``after_seq``, and
    unless ``waiting_too`` (a teacher's sync) only those whose wait after a
    failure is over."""
    chosen = tuple(states)
    marks = ", ".join("?" for _ in chosen)
    sql = (
        f"SELECT seq, id, statement FROM xapi_outbox WHERE state IN ({marks})"
        " AND leased_until <= ? AND seq > ?"
    )
    params: list[object] = [*chosen, now, after_seq]
    if endpoint is not None:
        sql += " AND endpoint = ?"
        params.append(endpoint)
    if not waiting_too:
        sql += " AND next_try_at <= ?"
        params.append(now)
    rows = conn.execute(sql + " ORDER BY seq LIMIT ?", (*params, limit)).fetchall()
    batch = [Queued(int(seq), str(ident), str(text)) for seq, ident, text in rows]
    conn.executemany(
        "UPDATE xapi_outbox SET leased_until = ? WHERE seq = ?",
        [(now + LEASE_S, q.seq) for q in batch],
    )
    return batch


def mark_sent(conn: sqlite3.Connection, batch: Sequence[Queued], now: float, endpoint: str) -> None:
    conn.executemany(
        "UPDATE xapi_outbox SET state = 'sent', sent_at = ?, attempts = attempts + 1,"
        " leased_until = 0, error = NULL, endpoint = ? WHERE seq = ?",
        [(now, endpoint, q.seq) for q in batch],
    )


def mark_waiting(
    conn: sqlite3.Connection, batch: Sequence[Queued], until: float, error: str
) -> None:
    """A try that failed for a reason that passes (the LRS is down): free
    the batch, to be tried again from ``until``."""
    conn.executemany(
        "UPDATE xapi_outbox SET attempts = attempts + 1, leased_until = 0, next_try_at = ?,"
        " error = ? WHERE seq = ?",
        [(until, error, q.seq) for q in batch],
    )


def mark_failed(conn: sqlite3.Connection, queued: Queued, error: str) -> None:
    """The LRS refused this statement itself: kept, with the reason, for a
    teacher to see; it is not tried again on its own."""
    conn.execute(
        "UPDATE xapi_outbox SET state = 'failed', attempts = attempts + 1, leased_until = 0,"
        " error = ? WHERE seq = ?",
        (error, queued.seq),
    )


def counts(conn: sqlite3.Connection) -> dict[str, int]:
    """How many statements are pending, sent and failed."""
    found = dict.fromkeys(STATES, 0)
    for state, number in conn.execute("SELECT state, count(*) FROM xapi_outbox GROUP BY state"):
        found[str(state)] = int(number)
    return found


def last_errors(conn: sqlite3.Connection, limit: int = 3) -> list[str]:
    """The distinct reasons the latest failures gave."""
    rows = conn.execute(
        "SELECT error FROM xapi_outbox WHERE state <> 'sent' AND error IS NOT NULL"
        " GROUP BY error ORDER BY max(seq) DESC LIMIT ?",
        (limit,),
    ).fetchall()
    return [str(row[0]) for row in rows]
