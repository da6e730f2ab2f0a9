"""The SQL that writes and reads one lesson session's results.

Each function runs inside a transaction that ``ResultsDB`` opened, so the raw
events and the summaries derived from them (first tries, storylines done,
XP, time, badges, endings) always change together: a report never sees an
answer without its score, even when a game dies between two steps.

Summaries are updated incrementally and in SQL (``ON CONFLICT DO NOTHING``
for a first try, the larger XP kept) rather than rewritten from memory, so
two windows open on the same student's session cannot overwrite each other.
The SQL is the part SQLite and PostgreSQL share (game/classroom/results_pg.py
only turns ``?`` into ``%s``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from game.classroom.scoring import FirstTry
from game.engine import events as ev

# The body's explanations, time passing and variable changes follow
# deterministically from the choices and the seed; storing them would multiply
# the log without telling a teacher anything. Every other event is kept.
UNRECORDED_KINDS = frozenset(
    kind.kind for kind in (ev.TimePassed, ev.BodyExplained, ev.VariableChanged, ev.InputsChanged)
)

#: An event as the ``events`` table stores it: (kind, text, data), where data
#: is the event's ``payload()``.
EventRow = tuple[str, str, Mapping[str, object]]


def event_rows(events: Iterable[ev.Event]) -> list[EventRow]:
    return [(e.kind, e.text, e.payload()) for e in events]


@dataclass(frozen=True, slots=True)
class RecordedStep:
    """What one observed game step adds to a session."""

    at: float
    storyline: str | None  # None when the game is not one of the lesson's storylines
    events: Sequence[EventRow]
    answers: Sequence[FirstTry]  # every answer; the database keeps each quiz's first
    xp: int
    ended: bool
    ending: tuple[str, str] | None  # (scene, kind)
    badges: Sequence[str]
    time_on_task: float  # seconds to add
    scene: str | None = None  # where the student is after the step, for the live view


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    student: str
    started_at: float
    finished: bool
    storylines_done: int
    storylines_total: int
    has_quizzes: bool
    pass_mark: float
    xp: int
    time_on_task: float
    badges: tuple[str, ...]
    endings: tuple[dict[str, str], ...]


def save_lesson(
    conn: sqlite3.Connection,
    pack: str,
    lesson: str,
    title: str,
    pass_mark: float,
    storylines: Sequence[str],
    objectives: Mapping[str, str],
) -> None:
    """Keep the lesson's title and objective sentences, so the report can be
    read without the pack that produced it."""
    conn.execute(
        "INSERT INTO lessons (pack, lesson, title, pass_mark, storylines, objectives)"
        " VALUES (?, ?, ?, ?, ?, ?)"
        " ON CONFLICT (pack, lesson) DO UPDATE SET title = excluded.title,"
        " pass_mark = excluded.pass_mark, storylines = excluded.storylines,"
        " objectives = excluded.objectives",
        (pack, lesson, title, pass_mark, _json(list(storylines)), _json(dict(objectives))),
    )


def open_session(
    conn: sqlite3.Connection,
    *,
    pack: str,
    lesson: str,
    student: str,
    key: str,
    now: float,
    storylines_total: int,
    has_quizzes: bool,
    pass_mark: float,
    class_code: str | None = None,
) -> tuple[int, bool]:
    """The student's unfinished session of this lesson (resumed after a crash
    or a closed window), or a new one. Returns (session id, resumed)."""
    row = conn.execute(
        "SELECT id FROM sessions WHERE pack = ? AND lesson = ? AND student_key = ?"
        " AND finished = 0 AND coalesce(class_code, '') = ? ORDER BY id DESC LIMIT 1",
        (pack, lesson, key, class_code or ""),
    ).fetchone()
    if row is not None:
        conn.execute("UPDATE sessions SET student = ? WHERE id = ?", (student, row[0]))
        return int(row[0]), True
    (session_id,) = conn.execute(
        "INSERT INTO sessions (pack, lesson, student, student_key, started_at, updated_at,"
        " storylines_total, has_quizzes, pass_mark, class_code)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            pack,
            lesson,
            student,
            key,
            now,
            now,
            storylines_total,
            int(has_quizzes),
            pass_mark,
            class_code,
        ),
    ).fetchone()
    return int(session_id), False


def record_step(conn: sqlite3.Connection, session_id: int, step: RecordedStep) -> None:
    rows = [
        (session_id, step.at, step.storyline, kind, text, _json(dict(data)))
        for kind, text, data in step.events
        if kind not in UNRECORDED_KINDS
    ]
    if rows:
        conn.executemany(
            "INSERT INTO events (session_id, at, storyline, kind, text, data)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            rows,
        )
    conn.executemany(
        "INSERT INTO first_tries"
        " (session_id, scene, objective, correct, points, possible, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        [
            (session_id, t.scene, t.objective, int(t.correct), t.points, t.possible, step.at)
            for t in step.answers
        ],
    )
    if step.storyline is not None:
        conn.execute(
            "INSERT INTO storylines (session_id, storyline, xp, ended) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (session_id, storyline) DO UPDATE"
            " SET xp = CASE WHEN excluded.xp > storylines.xp"
            " THEN excluded.xp ELSE storylines.xp END,"
            " ended = CASE WHEN excluded.ended > storylines.ended"
            " THEN excluded.ended ELSE storylines.ended END",
            (session_id, step.storyline, step.xp, int(step.ended)),
        )
    if step.badges or step.ending:
        _merge_lists(conn, session_id, step)
    conn.execute(
        "UPDATE sessions SET updated_at = ?, time_on_task = time_on_task + ?,"
        " events = events + ?, storyline = coalesce(?, storyline), scene = coalesce(?, scene),"
        " xp = (SELECT coalesce(sum(xp), 0) FROM storylines WHERE session_id = ?),"
        " storylines_done ="
        "   (SELECT count(*) FROM storylines WHERE session_id = ? AND ended = 1),"
        " finished = CASE WHEN"
        "   (SELECT count(*) FROM storylines WHERE session_id = ? AND ended = 1)"
        "   >= storylines_total THEN 1 ELSE 0 END"
        " WHERE id = ?",
        (
            step.at,
            step.time_on_task,
            len(rows),
            step.storyline,
            step.scene,
            session_id,
            session_id,
            session_id,
            session_id,
        ),
    )


def _merge_lists(conn: sqlite3.Connection, session_id: int, step: RecordedStep) -> None:
    badges_text, endings_text = conn.execute(
        "SELECT badges, endings FROM sessions WHERE id = ?", (session_id,)
    ).fetchone()
    badges = json.loads(badges_text)
    badges.extend(b for b in step.badges if b not in badges)
    endings = json.loads(endings_text)
    if step.ending is not None:
        scene, kind = step.ending
        entry = {"storyline": step.storyline or "", "scene": scene, "kind": kind}
        if entry not in endings:
            endings.append(entry)
    conn.execute(
        "UPDATE sessions SET badges = ?, endings = ? WHERE id = ?",
        (_json(badges), _json(endings), session_id),
    )


def ended_storylines(conn: sqlite3.Connection, session_id: int) -> frozenset[str]:
    return frozenset(
        row[0]
        for row in conn.execute(
            "SELECT storyline FROM storylines WHERE session_id = ? AND ended = 1", (session_id,)
        )
    )


def first_tries(conn: sqlite3.Connection, session_id: int) -> list[FirstTry]:
    return [
        FirstTry(scene, objective, bool(correct), points, possible)
        for scene, objective, correct, points, possible in conn.execute(
            "SELECT scene, objective, correct, points, possible FROM first_tries"
            " WHERE session_id = ? ORDER BY at, scene",
            (session_id,),
        )
    ]


def session_row(conn: sqlite3.Connection, session_id: int) -> SessionRow:
    row = conn.execute(
        "SELECT id, student, started_at, finished, storylines_done, storylines_total,"
        " has_quizzes, pass_mark, xp, time_on_task, badges, endings"
        " FROM sessions WHERE id = ?",
        (session_id,),
    ).fetchone()
    return SessionRow(
        id=row[0],
        student=row[1],
        started_at=row[2],
        finished=bool(row[3]),
        storylines_done=row[4],
        storylines_total=row[5],
        has_quizzes=bool(row[6]),
        pass_mark=row[7],
        xp=row[8],
        time_on_task=row[9],
        badges=tuple(json.loads(row[10])),
        endings=tuple(json.loads(row[11])),
    )


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def answers_in(events: Iterable[ev.Event]) -> list[FirstTry]:
    """The quiz answers among a step's events (the database decides which of
    them are first tries)."""
    return [
        FirstTry(e.scene, e.objective, e.correct, e.points, e.possible)
        for e in events
        if isinstance(e, ev.AnswerGiven)
    ]
