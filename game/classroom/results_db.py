"""Where results live and how they are written safely by many players at once.

One SQLite file (standard library) holds every student's results. The rules
that keep a classroom's data safe:

* **WAL mode**: readers (the teacher's report) never block writers, and
  writers do not block readers.
* **Every step is its own transaction**, committed before the player sees the
  next scene, so a crash or a closed terminal loses nothing already shown.
  ``synchronous=NORMAL`` keeps a commit at memory speed; a committed
  transaction survives the program dying, and only a power cut can lose the
  last moments (a trade every SQLite app in WAL mode makes).
* **BEGIN IMMEDIATE** takes the write lock up front, so a transaction never
  fails halfway on a lock; waiting for it uses SQLite's busy timeout and then
  our own retry with jitter, well past what thirty writers ever need.
* **A damaged or foreign file is refused, never repaired, replaced or
  deleted**: the message says where it is, so nothing already written is lost.
"""

from __future__ import annotations

import contextlib
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar
from urllib.parse import quote

from game.classroom.errors import ClassroomError
from game.classroom.migrations import LATEST, MIGRATIONS, Migration, pending
from game.paths import data_dir

T = TypeVar("T")

ENV_VAR = "LOCUS_RESULTS"
FILE_NAME = "results.db"
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0  # SQLite's own wait for the lock, per attempt
WRITE_PATIENCE_S = 60.0  # our retries on top: far beyond any real queue of 30 writers


def results_path(argument: str | None) -> tuple[Path, bool]:
    """The database path and whether someone chose it (``--results`` or
    ``LOCUS_RESULTS``) rather than it being the per-user default."""
    chosen = argument or os.environ.get(ENV_VAR)
    if chosen:
        return Path(chosen).expanduser(), True
    return data_dir() / FILE_NAME, False


class ResultsDB:
    """A connection to the results database, safe to share between the
    threads of one front end (a lock serialises them)."""

    def __init__(self, path: Path, connection: sqlite3.Connection) -> None:
        self.path = path
        self._connection = connection
        self._lock = threading.Lock()

    # --- opening -----------------------------------------------------------

    @classmethod
    def open_for_writing(
        cls, argument: str | None, migrations: Sequence[Migration] = MIGRATIONS
    ) -> ResultsDB:
        """Open (creating if needed) and bring the schema up to date."""
        path, chosen = results_path(argument)
        _check_writable(path, chosen)
        try:
            connection = sqlite3.connect(
                path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise describe(error, path) from None
        db = cls(path, connection)
        latest = migrations[-1].version if migrations else LATEST
        try:
            # Look before writing anything: switching to WAL rewrites the header,
            # which must not happen to another program's database.
            version, tables = db.read(_inspect)
            db._check_version(version, tables, empty_ok=True, latest=latest)
            db._retry(lambda: connection.execute("PRAGMA journal_mode=WAL").fetchone())
            connection.execute("PRAGMA synchronous=NORMAL")
            connection.execute("PRAGMA foreign_keys=ON")
            if version < latest:
                db._migrate(migrations)
        except BaseException:
            connection.close()
            raise
        return db

    @classmethod
    def open_for_reading(cls, argument: str | None) -> ResultsDB:
        """Open an existing database without changing it (the teacher report).
        A copy on a read-only share still opens: SQLite is then told the file
        cannot change under it."""
        path, _ = results_path(argument)
        if not path.exists():
            raise ClassroomError(
                f"There is no results database at {path}. No student has played a lesson "
                "with it yet, or the path is wrong (see --results or LOCUS_RESULTS)."
            )
        if path.is_dir():
            raise ClassroomError(f"{path} is a folder; give the results database file inside it.")
        _check_header(path)
        uri = "file:" + quote(str(path.resolve()))
        try:
            connection = _connect_read_only(uri)
        except sqlite3.Error as error:
            raise describe(error, path) from None
        db = cls(path, connection)
        try:
            db._check_version(*_inspect(connection), empty_ok=False)
        except BaseException:
            connection.close()
            raise
        return db

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    # --- transactions --------------------------------------------------------

    def write(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` in one write transaction and commit it, waiting (not
        failing) while other players hold the lock."""
        connection = self._connection
        with self._lock:
            self._retry(lambda: connection.execute("BEGIN IMMEDIATE"))
            with self._errors_described():
                return _in_transaction(connection, work)

    def read(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``work`` on one consistent snapshot of the database."""
        connection = self._connection
        with self._lock, self._errors_described():
            connection.execute("BEGIN")
            return _in_transaction(connection, work)

    @contextlib.contextmanager
    def _errors_described(self) -> Iterator[None]:
        """Every SQLite error of a transaction becomes one ClassroomError
        sentence (``describe``, which opening uses too)."""
        try:
            yield
        except sqlite3.Error as error:
            raise describe(error, self.path) from None

    def _retry(self, attempt: Callable[[], object]) -> None:
        deadline = time.monotonic() + WRITE_PATIENCE_S
        delay = 0.001
        while True:
            try:
                attempt()
                return
            except sqlite3.Error as error:
                if _kind(error) != "busy" or time.monotonic() > deadline:
                    raise describe(error, self.path) from None
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 0.05)

    # --- schema ----------------------------------------------------------------

    def _migrate(self, migrations: Sequence[Migration]) -> None:
        def apply(conn: sqlite3.Connection) -> None:
            # Another player may have migrated while we waited for the lock.
            current = conn.execute("PRAGMA user_version").fetchone()[0]
            for migration in pending(current, migrations):
                for statement in _statements(migration.sql):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {int(migration.version)}")

        self.write(apply)

    def _check_version(
        self, version: int, tables: int, *, empty_ok: bool, latest: int = LATEST
    ) -> None:
        if version > latest:
            raise ClassroomError(
                f"The results database {self.path} was written by a newer version of Locus "
                f"(schema {version}; this one knows {latest}). Update Locus to use it; "
                "the file was not changed."
            )
        if version == 0 and (tables or not empty_ok):
            raise ClassroomError(
                f"{self.path} is an SQLite database, but not a Locus results database. "
                "It was left untouched; choose another file with --results."
            )


def _connect_read_only(uri: str) -> sqlite3.Connection:
    """Read-only, or else read-only and immutable (a copy on a read-only
    share, where SQLite cannot create the -shm file it reads WAL with)."""
    try:
        return _connect_checked(uri + "?mode=ro")
    except sqlite3.Error:
        return _connect_checked(uri + "?mode=ro&immutable=1")


def _connect_checked(uri: str) -> sqlite3.Connection:
    connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    try:
        _inspect(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def _inspect(connection: sqlite3.Connection) -> tuple[int, int]:
    """(schema version, number of tables), read together: another player may
    be creating the schema this very moment, and a version read before their
    commit with a table count read after it would look like a foreign file."""
    version = int(connection.execute("PRAGMA user_version").fetchone()[0])
    tables = connection.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'")
    return version, int(tables.fetchone()[0])


def _statements(script: str) -> list[str]:
    """Split a migration into statements, so each runs inside our transaction
    (``executescript`` would commit on its own)."""
    statements: list[str] = []
    pending_text = ""
    for line in script.splitlines(keepends=True):
        pending_text += line
        if sqlite3.complete_statement(pending_text):
            statements.append(pending_text.strip())
            pending_text = ""
    if pending_text.strip():
        statements.append(pending_text.strip())
    return statements


def _in_transaction(connection: sqlite3.Connection, work: Callable[[sqlite3.Connection], T]) -> T:
    """Run ``work`` in the transaction just begun and commit it; on any
    failure roll back, and let the first error be the one reported (SQLite
    may already have rolled back, and a second error, such as "cannot
    commit - no transaction is active", would hide the real cause)."""
    try:
        result = work(connection)
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
        raise
    return result


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite touches it."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise ClassroomError(
            f"Cannot read the results database {path}: {error.strerror}."
        ) from None
    if head and head != SQLITE_MAGIC:
        raise ClassroomError(_damaged(path))


def _check_writable(path: Path, chosen: bool) -> None:
    if path.is_dir():
        raise ClassroomError(
            f"The results path {path} is a folder; give a file inside it, "
            f"such as {path / FILE_NAME}."
        )
    folder = path.parent
    if not folder.exists():
        if chosen:
            raise ClassroomError(
                f"The folder {folder} for the results database does not exist. "
                "Create it, or give another --results path."
            )
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ClassroomError(f"Cannot create {folder} for results: {error.strerror}.") from None
    if path.exists():
        _check_header(path)
        if not os.access(path, os.W_OK):
            raise ClassroomError(_read_only(path))
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ClassroomError(
            f"The folder {folder} is read-only, and the results database needs to write there "
            f"(it keeps {path.name}-wal and {path.name}-shm beside the file). "
            "Choose a writable place with --results."
        )


def _read_only(path: Path) -> str:
    return (
        f"The results database {path} is read-only, so results could not be saved. "
        "Ask for write access, or give another file with --results."
    )


def _damaged(path: Path) -> str:
    return (
        f"The results database {path} is damaged or is not a Locus results file. "
        "It was left exactly as it is, so nothing in it is lost: copy it somewhere safe "
        "for repair, and give a new file with --results to carry on."
    )


# SQLite's primary result codes (the low byte of an extended code), by the
# sentence a teacher needs; Python 3.11 gives every sqlite3 error its code.
_KINDS = {
    sqlite3.SQLITE_CORRUPT: "damaged",
    sqlite3.SQLITE_NOTADB: "damaged",
    sqlite3.SQLITE_READONLY: "read-only",
    sqlite3.SQLITE_PERM: "read-only",
    sqlite3.SQLITE_CANTOPEN: "cannot open",
    sqlite3.SQLITE_FULL: "full",
    sqlite3.SQLITE_BUSY: "busy",
    sqlite3.SQLITE_LOCKED: "busy",
    sqlite3.SQLITE_IOERR: "io",
}


# Extended codes that say more than their primary one: SQLite reports a disk
# too full to grow the WAL index (-shm) file as this I/O error.
_EXTENDED_KINDS = {sqlite3.SQLITE_IOERR_SHMSIZE: "full"}


def _kind(error: sqlite3.Error) -> str | None:
    code = getattr(error, "sqlite_errorcode", None)
    if not isinstance(code, int):
        return None
    return _EXTENDED_KINDS.get(code) or _KINDS.get(code & 0xFF)


def describe(error: sqlite3.Error, path: Path) -> ClassroomError:
    """Turn an SQLite error into a sentence a teacher can act on, by its
    result code (the message text differs between SQLite versions)."""
    kind = _kind(error)
    if kind == "damaged":
        return ClassroomError(_damaged(path))
    if kind == "read-only":
        return ClassroomError(_read_only(path))
    if kind == "cannot open":
        return ClassroomError(
            f"Cannot open the results database {path}: check that the folder exists "
            "and can be written."
        )
    if kind == "full":
        return ClassroomError(
            f"The disk holding {path} is full, so results cannot be saved. "
            "Results already saved are kept; free some space and play on."
        )
    if kind == "busy":
        return ClassroomError(
            f"The results database {path} stayed locked for over a minute; "
            "another program may be holding it open."
        )
    if kind == "io":
        return ClassroomError(
            f"The results database {path} could not be read or written (a disk or network "
            f"error: {getattr(error, 'sqlite_errorname', error)})."
        )
    return ClassroomError(f"The results database {path} failed: {error}.")
