"""The results database's schema, as numbered migrations.

``PRAGMA user_version`` holds the number of the last migration applied. A
database from an older Locus is brought up to date in one transaction, so a
crash halfway leaves it as it was; one from a newer Locus is refused rather
than guessed at. Add a migration by appending to MIGRATIONS; never edit one
that has shipped, since classroom databases already contain it.

The tables are shaped for the teacher report: ``events`` is the raw log
(append-only, for audits and for knowing nothing was lost), while
``sessions``, ``first_tries`` and ``storylines`` are small summaries updated
in the same transaction as each event, so a report over 100,000 events reads
a few hundred rows instead of replaying the log. ``titles`` and ``questions``
keep what the pack said (storyline and badge titles, quiz wording), so the
report reads without the pack; ``classes`` and ``roster`` are the teacher's
classes; ``secrets`` holds the per-database key for pseudonymous exports.
``xapi_outbox`` holds the xAPI statements waiting for (or already sent to) a
learning record store, written in the same transaction as the events they
describe (game/classroom/xapi/).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "lessons, sessions, events, first tries and storylines",
        """
        CREATE TABLE lessons (
            pack        TEXT NOT NULL,
            lesson      TEXT NOT NULL,
            title       TEXT NOT NULL,
            pass_mark   REAL NOT NULL,
            storylines  TEXT NOT NULL,  -- JSON list of storyline ids, in play order
            objectives  TEXT NOT NULL,  -- JSON object: objective id -> sentence
            PRIMARY KEY (pack, lesson)
        );
        CREATE TABLE sessions (
            id               INTEGER PRIMARY KEY,
            pack             TEXT NOT NULL,
            lesson           TEXT NOT NULL,
            student          TEXT NOT NULL,  -- as typed (normalised)
            student_key      TEXT NOT NULL,  -- casefolded: "Ana" and "ana" are one student
            started_at       REAL NOT NULL,  -- Unix time
            updated_at       REAL NOT NULL,
            storylines_total INTEGER NOT NULL,
            storylines_done  INTEGER NOT NULL DEFAULT 0,
            finished         INTEGER NOT NULL DEFAULT 0,
            has_quizzes      INTEGER NOT NULL,
            pass_mark        REAL NOT NULL,
            xp               INTEGER NOT NULL DEFAULT 0,
            time_on_task     REAL NOT NULL DEFAULT 0,
            events           INTEGER NOT NULL DEFAULT 0,
            badges           TEXT NOT NULL DEFAULT '[]',  -- JSON list of badge ids
            endings          TEXT NOT NULL DEFAULT '[]'   -- JSON list of {storyline, scene, kind}
        );
        CREATE INDEX sessions_by_student ON sessions (pack, lesson, student_key);
        CREATE INDEX sessions_by_lesson ON sessions (lesson);
        CREATE TABLE events (
            id          INTEGER PRIMARY KEY,
            session_id  INTEGER NOT NULL REFERENCES sessions (id),
            at          REAL NOT NULL,
            storyline   TEXT,
            kind        TEXT NOT NULL,
            text        TEXT NOT NULL,
            data        TEXT NOT NULL  -- JSON
        );
        CREATE INDEX events_by_session ON events (session_id);
        CREATE TABLE first_tries (
            session_id  INTEGER NOT NULL REFERENCES sessions (id),
            scene       TEXT NOT NULL,
            objective   TEXT NOT NULL,
            correct     INTEGER NOT NULL,
            points      INTEGER NOT NULL,
            possible    INTEGER NOT NULL,
            at          REAL NOT NULL,
            PRIMARY KEY (session_id, scene)
        ) WITHOUT ROWID;
        CREATE TABLE storylines (
            session_id  INTEGER NOT NULL REFERENCES sessions (id),
            storyline   TEXT NOT NULL,
            xp          INTEGER NOT NULL DEFAULT 0,  -- the most this playthrough reached
            ended       INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (session_id, storyline)
        ) WITHOUT ROWID;
        """,
    ),
    Migration(
        2,
        "classes and rosters, titles, questions, the current scene, the pseudonym key",
        """
        CREATE TABLE classes (
            code        TEXT PRIMARY KEY,  -- the short join code students type
            name        TEXT NOT NULL,
            created_at  REAL NOT NULL
        );
        CREATE TABLE roster (
            class_code   TEXT NOT NULL REFERENCES classes (code),
            student      TEXT NOT NULL,  -- as the teacher wrote it (normalised)
            student_key  TEXT NOT NULL,  -- casefolded, as in sessions
            lms_id       TEXT,           -- the school's id for the student, for gradebooks
            PRIMARY KEY (class_code, student_key)
        );
        ALTER TABLE sessions ADD COLUMN class_code TEXT;  -- NULL: played without a class
        ALTER TABLE sessions ADD COLUMN storyline TEXT;   -- what the student plays now
        ALTER TABLE sessions ADD COLUMN scene TEXT;       -- and where in it
        CREATE INDEX sessions_by_class ON sessions (class_code);
        CREATE TABLE titles (
            pack   TEXT NOT NULL,
            kind   TEXT NOT NULL,  -- storyline, scene, badge or objective
            id     TEXT NOT NULL,
            title  TEXT NOT NULL,
            PRIMARY KEY (pack, kind, id)
        );
        CREATE TABLE questions (
            pack            TEXT NOT NULL,
            scene           TEXT NOT NULL,
            objective       TEXT NOT NULL,
            question        TEXT NOT NULL,
            options         TEXT NOT NULL,  -- JSON list of the options' texts
            correct_option  INTEGER NOT NULL,  -- 1-based
            PRIMARY KEY (pack, scene)
        );
        CREATE TABLE secrets (
            name   TEXT PRIMARY KEY,
            value  TEXT NOT NULL
        );
        """,
    ),
    Migration(
        3,
        "the xAPI outbox: statements for a learning record store",
        """
        CREATE TABLE xapi_outbox (
            seq           INTEGER PRIMARY KEY,     -- the order they were queued in
            id            TEXT NOT NULL UNIQUE,    -- the statement id: UUID v5 of what it records
            endpoint      TEXT NOT NULL,           -- the LRS it is for (never with credentials)
            session_id    INTEGER,                 -- the attempt it describes, for forgetting
            queued_at     REAL NOT NULL,
            statement     TEXT NOT NULL,           -- JSON
            state         TEXT NOT NULL DEFAULT 'pending',  -- pending, sent or failed
            attempts      INTEGER NOT NULL DEFAULT 0,
            next_try_at   REAL NOT NULL DEFAULT 0,  -- backing off until then after a failure
            leased_until  REAL NOT NULL DEFAULT 0,  -- a sender is posting it until then
            sent_at       REAL,
            error         TEXT                     -- why the last try failed
        );
        CREATE INDEX xapi_outbox_by_state ON xapi_outbox (state, endpoint);
        CREATE INDEX xapi_outbox_by_session ON xapi_outbox (session_id);
        """,
    ),
)

LATEST = MIGRATIONS[-1].version


def pending(current: int, migrations: Sequence[Migration] = MIGRATIONS) -> tuple[Migration, ...]:
    """The migrations a database at ``current`` still needs, in order."""
    return tuple(m for m in migrations if m.version > current)
