"""The results database refuses what it cannot safely write, and says why.

Whatever goes wrong, a file that already holds results is never deleted,
replaced or repaired behind the teacher's back.
"""

from __future__ import annotations

import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from game.classroom.errors import ClassroomError
from game.classroom.migrations import LATEST, MIGRATIONS, Migration
from game.classroom.results_db import ResultsDB
from game.classroom.session import open_lesson
from game.engine.machine import Game
from tests.classroom.conftest import MINI
from tests.classroom.lesson_helpers import without_root_overrides
from tests.pg import PASSWORD, need_server


def _bytes(path: Path) -> bytes:
    return path.read_bytes()


def test_a_new_database_is_created_in_wal_mode_at_the_latest_schema(results) -> None:
    db = ResultsDB.open_for_writing(results)
    db.close()
    with sqlite3.connect(results) as check:
        assert check.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert check.execute("PRAGMA user_version").fetchone() == (LATEST,)


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(story, tmp_path) -> None:
    path = tmp_path / "results.db"
    path.write_bytes(b"these are the class's results, honest\x00" * 100)
    before = _bytes(path)
    with pytest.raises(ClassroomError) as caught:
        open_lesson(story, "woods_lesson", "Ana", str(path))
    message = str(caught.value)
    assert str(path) in message and "damaged" in message and "left exactly as it is" in message
    assert _bytes(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["results.db"]


def test_a_database_with_a_damaged_page_is_refused_without_losing_it(story, results) -> None:
    with open_lesson(story, "woods_lesson", "Ana", results) as session:
        game = Game.start(story, storyline="woods")
        session.observe(game, game.last_events)
    path = Path(results)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
    data = bytearray(path.read_bytes())
    data[page_size : 2 * page_size] = b"\xde\xad" * (page_size // 2)  # smash the schema's page 2
    path.write_bytes(bytes(data))
    with (
        pytest.raises(ClassroomError, match="damaged"),
        open_lesson(story, "woods_lesson", "Ben", results) as again,
    ):
        game = Game.start(story, storyline="woods")
        again.observe(game, game.last_events)
    assert path.read_bytes()[:page_size] == bytes(data[:page_size])
    assert path.exists()


def test_another_programs_sqlite_database_is_refused(story, tmp_path) -> None:
    path = tmp_path / "grades.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE grades (name TEXT, mark INTEGER)")
        db.execute("INSERT INTO grades VALUES ('Ana', 9)")
    before = _bytes(path)
    with pytest.raises(ClassroomError, match="not a Locus results database"):
        open_lesson(story, "woods_lesson", "Ana", str(path))
    assert _bytes(path) == before


def test_a_database_from_a_newer_locus_is_refused(story, results) -> None:
    ResultsDB.open_for_writing(results).close()
    with sqlite3.connect(results) as db:
        db.execute("PRAGMA user_version = 99")
    with pytest.raises(ClassroomError, match="newer version of Locus"):
        open_lesson(story, "woods_lesson", "Ana", results)


def test_migrations_upgrade_in_place_and_keep_every_row(story, results) -> None:
    with open_lesson(story, "woods_lesson", "Ana", results) as session:
        game = Game.start(story, storyline="woods")
        session.observe(game, game.last_events)
    later = (
        *MIGRATIONS,
        Migration(LATEST + 1, "a note per session", "ALTER TABLE sessions ADD COLUMN note TEXT;"),
    )
    ResultsDB.open_for_writing(results, migrations=later).close()
    with sqlite3.connect(results) as db:
        assert db.execute("PRAGMA user_version").fetchone() == (LATEST + 1,)
        assert db.execute("SELECT student, note FROM sessions").fetchall() == [("Ana", None)]
        assert db.execute("SELECT count(*) FROM events").fetchone()[0] >= 2


def test_a_missing_folder_is_reported_not_created(story, tmp_path) -> None:
    path = tmp_path / "no" / "such" / "folder" / "results.db"
    with pytest.raises(ClassroomError, match="does not exist"):
        open_lesson(story, "woods_lesson", "Ana", str(path))
    assert not (tmp_path / "no").exists()


def test_a_folder_given_as_the_results_file_is_reported(story, tmp_path) -> None:
    with pytest.raises(ClassroomError, match="is a folder"):
        open_lesson(story, "woods_lesson", "Ana", str(tmp_path))


_AS_ANOTHER_USER = r"""
import sys
from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB
try:
    ResultsDB.open_for_writing(sys.argv[1]).close()
except ClassroomError as error:
    print(error)
    sys.exit(3)
"""


def _open_without_overrides(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _AS_ANOTHER_USER, str(path)],
        capture_output=True,
        text=True,
        preexec_fn=without_root_overrides if os.geteuid() == 0 else None,
        timeout=60,
    )


def test_a_read_only_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "results.db"
    ResultsDB.open_for_writing(str(path)).close()
    before = _bytes(path)
    path.chmod(0o444)
    result = _open_without_overrides(path)
    path.chmod(0o644)
    assert result.returncode == 3, result.stderr
    assert "read-only" in result.stdout and str(path) in result.stdout
    assert _bytes(path) == before


def test_a_read_only_folder_is_reported(tmp_path: Path) -> None:
    folder = tmp_path / "share"
    folder.mkdir(mode=0o555)
    try:
        result = _open_without_overrides(folder / "results.db")
    finally:
        folder.chmod(0o755)
    assert result.returncode == 3, result.stderr
    assert "read-only" in result.stdout


def _set_schema_version(results: str, version: int) -> None:
    """What a newer Locus would leave behind, written by hand on either engine."""
    if results.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(results, autocommit=True) as db:
            db.execute("INSERT INTO locus_schema (version) VALUES (%s)", (version,))
    else:
        with sqlite3.connect(results) as db:
            db.execute(f"PRAGMA user_version = {int(version)}")


def test_a_newer_schema_is_refused_on_either_engine(story, any_results) -> None:
    ResultsDB.open_for_writing(any_results).close()
    _set_schema_version(any_results, 99)
    with pytest.raises(ClassroomError, match="newer version of Locus"):
        open_lesson(story, "woods_lesson", "Ana", any_results)
    with pytest.raises(ClassroomError, match="newer version of Locus"):
        ResultsDB.open_for_reading(any_results)


def test_a_later_migration_keeps_every_row_on_either_engine(story, any_results) -> None:
    with open_lesson(story, "woods_lesson", "Ana", any_results) as session:
        game = Game.start(story, storyline="woods")
        session.observe(game, game.last_events)
    later = (
        *MIGRATIONS,
        Migration(LATEST + 1, "a note per session", "ALTER TABLE sessions ADD COLUMN note TEXT;"),
    )
    db = ResultsDB.open_for_writing(any_results, migrations=later)
    try:
        assert db.read(lambda c: c.execute("SELECT student, note FROM sessions").fetchall()) == [
            ("Ana", None)
        ]
        assert db.read(lambda c: c.execute("SELECT count(*) FROM events").fetchone()[0]) >= 2
    finally:
        db.close()
    with pytest.raises(ClassroomError, match="newer version of Locus"):
        ResultsDB.open_for_writing(any_results).close()  # this Locus knows only LATEST


def _locus(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "game", *args], capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("command", ["report", "play"])
def test_a_server_that_is_down_gets_one_clear_line(command, pg_server) -> None:
    need_server(pg_server)
    with socket.socket() as probe:  # a loopback port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://teacher:{PASSWORD}@127.0.0.1:{port}/class"
    args = ["--lesson", "woods_lesson", "--student", "Ana", "--plain"] if command == "play" else []
    target = [str(MINI)] if command == "play" else []
    result = _locus(command, *target, *args, "--results", url)
    assert result.returncode == 1
    assert (
        "Cannot reach the PostgreSQL server at postgresql://teacher:***@127.0.0.1" in result.stderr
    )
    assert PASSWORD not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_a_wrong_password_is_named_but_never_printed(pg_server) -> None:
    server = need_server(pg_server)
    url = server.new_database().replace(PASSWORD, "not-the-Pw-42")
    result = _locus("report", "--results", url)
    assert result.returncode == 1
    assert "refused the user name or password" in result.stderr
    assert "not-the-Pw-42" not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_a_postgresql_url_without_psycopg_asks_for_the_extra(tmp_path: Path) -> None:
    blocker = tmp_path / "psycopg.py"
    blocker.write_text("raise ImportError('psycopg is not installed here')\n")
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "game", "report", "--results", "postgresql://u:pw@127.0.0.1/db"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 1
    assert "pip install 'locus[postgres]'" in result.stderr
    assert "pw@" not in result.stderr and "Traceback" not in result.stderr
