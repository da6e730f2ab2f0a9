"""The SQL behind the teacher's tools: classes and rosters, titles, quiz
wording, question analysis, the live class view and forgetting a student.

Every statement these features run is here, beside ``records.py`` (the SQL
of one lesson session), so that another database behind ``ResultsDB`` means
rewriting these two modules and nothing else. The statements are plain
standard SQL (``ON CONFLICT`` upserts, no SQLite-only functions) and every
value goes in as a parameter. Each function runs inside a transaction that
``ResultsDB.read`` or ``ResultsDB.write`` opened.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PSEUDONYM_KEY = "pseudonym_key"


def schema_version(conn: sqlite3.Connection) -> int:
    """The number of the last migration applied (SQLite keeps it in a pragma)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


# --- the pseudonym key --------------------------------------------------------------


def ensure_secret(conn: sqlite3.Connection) -> str:
    """The database's pseudonym key, made (32 random bytes) the first time
    anything writes: it never leaves the file, so an id in an export cannot
    be turned back into a name without the database itself."""
    conn.execute(
        "INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
        (PSEUDONYM_KEY, secrets.token_hex(32)),
    )
    return str(read_secret(conn))


def read_secret(conn: sqlite3.Connection) -> str | None:
    row = conn.execute("SELECT value FROM secrets WHERE name = ?", (PSEUDONYM_KEY,)).fetchone()
    return None if row is None else str(row[0])


# --- classes and rosters ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ClassRow:
    code: str
    name: str
    created_at: float
    roster_size: int
    sessions: int


def code_taken(conn: sqlite3.Connection, code: str) -> bool:
    return conn.execute("SELECT 1 FROM classes WHERE code = ?", (code,)).fetchone() is not None


def create_class(conn: sqlite3.Connection, code: str, name: str, now: float) -> None:
    conn.execute("INSERT INTO classes (code, name, created_at) VALUES (?, ?, ?)", (code, name, now))


def find_class(conn: sqlite3.Connection, code: str) -> ClassRow | None:
    rows = _classes(conn, "WHERE c.code = ?", (code,))
    return rows[0] if rows else None


def list_classes(conn: sqlite3.Connection) -> list[ClassRow]:
    return _classes(conn, "", ())


def _classes(conn: sqlite3.Connection, where: str, params: tuple[object, ...]) -> list[ClassRow]:
    return [
        ClassRow(code, name, created, roster_size, sessions)
        for code, name, created, roster_size, sessions in conn.execute(
            "SELECT c.code, c.name, c.created_at,"
            " (SELECT count(*) FROM roster r WHERE r.class_code = c.code),"
            " (SELECT count(*) FROM sessions s WHERE s.class_code = c.code)"
            f" FROM classes c {where} ORDER BY c.created_at, c.code",
            params,
        )
    ]


def roster(conn: sqlite3.Connection, code: str) -> list[str]:
    """The class's names, in the order a student sees them to pick from."""
    return [
        row[0]
        for row in conn.execute(
            "SELECT student FROM roster WHERE class_code = ? ORDER BY student_key", (code,)
        )
    ]


def roster_ids(conn: sqlite3.Connection, code: str) -> dict[str, str]:
    """student key -> the school's id for the student, where the roster has one."""
    return {
        key: lms_id
        for key, lms_id in conn.execute(
            "SELECT student_key, lms_id FROM roster WHERE class_code = ? AND lms_id IS NOT NULL",
            (code,),
        )
    }


def add_to_roster(
    conn: sqlite3.Connection, code: str, names: Iterable[tuple[str, str, str | None]]
) -> tuple[list[str], list[str]]:
    """Add (name, key, school id) entries; returns (added, already there). A
    key already on the roster is not added again, so "ana lima" cannot sit
    beside "Ana Lima"."""
    added: list[str] = []
    present: list[str] = []
    for name, key, lms_id in names:
        row = conn.execute(
            "SELECT student FROM roster WHERE class_code = ? AND student_key = ?", (code, key)
        ).fetchone()
        if row is not None:
            present.append(str(row[0]))
            continue
        conn.execute(
            "INSERT INTO roster (class_code, student, student_key, lms_id) VALUES (?, ?, ?, ?)",
            (code, name, key, lms_id),
        )
        added.append(name)
    return added, present


# --- what the pack said -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Question:
    pack: str
    scene: str
    objective: str
    question: str
    options: tuple[str, ...]
    correct_option: int


def save_titles(conn: sqlite3.Connection, pack: str, kind: str, titles: Mapping[str, str]) -> None:
    conn.executemany(
        "INSERT INTO titles (pack, kind, id, title) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (pack, kind, id) DO UPDATE SET title = excluded.title",
        [(pack, kind, ident, title) for ident, title in titles.items()],
    )


def load_titles(conn: sqlite3.Connection) -> dict[tuple[str, str, str], str]:
    """(pack, kind, id) -> title, for every title any lesson stored."""
    return {
        (pack, kind, ident): title
        for pack, kind, ident, title in conn.execute("SELECT pack, kind, id, title FROM titles")
    }


def save_questions(conn: sqlite3.Connection, questions: Sequence[Question]) -> None:
    conn.executemany(
        "INSERT INTO questions (pack, scene, objective, question, options, correct_option)"
        " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (pack, scene) DO UPDATE SET"
        " objective = excluded.objective, question = excluded.question,"
        " options = excluded.options, correct_option = excluded.correct_option",
        [
            (q.pack, q.scene, q.objective, q.question, _json(list(q.options)), q.correct_option)
            for q in questions
        ],
    )


def load_questions(conn: sqlite3.Connection) -> dict[tuple[str, str], Question]:
    return {
        (pack, scene): Question(pack, scene, objective, question, tuple(json.loads(options)), right)
        for pack, scene, objective, question, options, right in conn.execute(
            "SELECT pack, scene, objective, question, options, correct_option FROM questions"
        )
    }


# --- answers -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer a student gave, as the answer event recorded it."""

    session_id: int
    pack: str
    lesson: str
    at: float
    scene: str
    objective: str
    option: int
    text: str
    correct: bool
    feedback: str
    points: int
    possible: int


def answers(
    conn: sqlite3.Connection,
    *,
    lesson: str | None = None,
    class_code: str | None = None,
    student_key: str | None = None,
) -> list[Answer]:
    """Every answer in scope, oldest first (the first per session and quiz
    is the first try)."""
    where, params = session_filter(lesson=lesson, class_code=class_code, student_key=student_key)
    out: list[Answer] = []
    for session_id, pack, lesson_id, at, data_text in conn.execute(
        "SELECT e.session_id, s.pack, s.lesson, e.at, e.data FROM events e"
        f" JOIN sessions s ON s.id = e.session_id WHERE e.kind = 'answer' {where}"
        " ORDER BY e.id",
        params,
    ):
        data = json.loads(data_text)
        out.append(
            Answer(
                session_id=session_id,
                pack=pack,
                lesson=lesson_id,
                at=at,
                scene=str(data.get("scene", "")),
                objective=str(data.get("objective", "")),
                option=int(data.get("option", 0) or 0),
                text=str(data.get("text", "")),
                correct=bool(data.get("correct")),
                feedback=str(data.get("feedback", "")),
                points=int(data.get("points", 0) or 0),
                possible=int(data.get("possible", 0) or 0),
            )
        )
    return out


def session_filter(
    *, lesson: str | None = None, class_code: str | None = None, student_key: str | None = None
) -> tuple[str, tuple[str, ...]]:
    """``AND ...`` conditions on the sessions table (alias ``s``) for a scope."""
    clauses: list[str] = []
    params: list[str] = []
    for column, value in (
        ("lesson", lesson),
        ("class_code", class_code),
        ("student_key", student_key),
    ):
        if value is not None:
            clauses.append(f"AND s.{column} = ?")
            params.append(value)
    return " ".join(clauses), tuple(params)


# --- the live class view ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LiveRow:
    session_id: int
    student: str
    student_key: str
    pack: str
    lesson: str
    storyline: str | None
    scene: str | None
    storylines_done: int
    storylines_total: int
    finished: bool
    updated_at: float
    points: int
    possible: int


def _live_row(row: Sequence[Any]) -> LiveRow:
    """A row of live_rows()'s query, in its column order (SQLite has no
    boolean: `finished` arrives as 0 or 1)."""
    (session_id, student, key, pack, lesson, storyline, scene, done, total) = row[:9]
    updated_at, points, possible = row[10:13]
    return LiveRow(
        session_id,
        student,
        key,
        pack,
        lesson,
        storyline,
        scene,
        done,
        total,
        bool(row[9]),
        updated_at,
        points,
        possible,
    )


def live_rows(conn: sqlite3.Connection, class_code: str | None) -> list[LiveRow]:
    """Each student's latest session (in the class, or everywhere), with
    first-try points: one small query, cheap enough to repeat every second."""
    where, params = session_filter(class_code=class_code)
    return [
        _live_row(row)
        for row in conn.execute(
            "SELECT s.id, s.student, s.student_key, s.pack, s.lesson, s.storyline, s.scene,"
            " s.storylines_done, s.storylines_total, s.finished, s.updated_at,"
            " (SELECT coalesce(sum(f.points), 0) FROM first_tries f WHERE f.session_id = s.id),"
            " (SELECT coalesce(sum(f.possible), 0) FROM first_tries f WHERE f.session_id = s.id)"
            f" FROM sessions s WHERE s.id IN (SELECT max(s.id) FROM sessions s WHERE 1 = 1 {where}"
            " GROUP BY s.student_key) ORDER BY s.student_key",
            params,
        )
    ]


def live_mastery(
    conn: sqlite3.Connection, class_code: str | None
) -> list[tuple[str, str, int, int]]:
    """(pack, objective, correct first tries, first tries) over the scope."""
    where, params = session_filter(class_code=class_code)
    return [
        (pack, objective, int(correct), int(count))
        for pack, objective, correct, count in conn.execute(
            "SELECT s.pack, f.objective, sum(f.correct), count(*) FROM first_tries f"
            f" JOIN sessions s ON s.id = f.session_id WHERE 1 = 1 {where}"
            " GROUP BY s.pack, f.objective ORDER BY s.pack, f.objective",
            params,
        )
    ]


# --- forgetting a student --------------------------------------------------------------------


def forget_student(
    conn: sqlite3.Connection, student_key: str, class_code: str | None
) -> dict[str, int]:
    """Delete every row about one student (in one class, or everywhere):
    their events, first tries, storylines, sessions and roster entries.
    Returns how many rows of each were deleted. ``secure_delete`` makes SQLite
    overwrite the deleted rows in the file instead of leaving them in free
    pages (SQLite's own setting; another database would vacuum instead)."""
    conn.execute("PRAGMA secure_delete = ON")
    where, params = session_filter(class_code=class_code, student_key=student_key)
    chosen = f"SELECT s.id FROM sessions s WHERE 1 = 1 {where}"
    counts: dict[str, int] = {}
    for table in ("events", "first_tries", "storylines"):
        cursor = conn.execute(f"DELETE FROM {table} WHERE session_id IN ({chosen})", params)
        counts[table] = cursor.rowcount
    counts["sessions"] = conn.execute(
        f"DELETE FROM sessions WHERE id IN ({chosen})", params
    ).rowcount
    roster_where = "student_key = ?" + (" AND class_code = ?" if class_code else "")
    roster_params = (student_key, class_code) if class_code else (student_key,)
    counts["roster"] = conn.execute(
        f"DELETE FROM roster WHERE {roster_where}", roster_params
    ).rowcount
    return counts


def student_names(conn: sqlite3.Connection, student_key: str) -> list[str]:
    """The spellings a student's name was stored under (sessions and rosters)."""
    return sorted(
        {
            row[0]
            for row in conn.execute(
                "SELECT student FROM sessions WHERE student_key = ?"
                " UNION SELECT student FROM roster WHERE student_key = ?",
                (student_key, student_key),
            )
        }
    )


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
