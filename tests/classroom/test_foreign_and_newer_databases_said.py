"""A results database Locus must not touch, told whole: another program's
SQLite file or PostgreSQL tables, an empty SQLite file given to the report,
and a database a newer Locus wrote. Each refusal names the file and says
what to do, and leaves the file as it was, on writing (a lesson) and on
reading (the report)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from game.classroom.errors import ClassroomError
from game.classroom.migrations import LATEST
from game.classroom.results_db import ResultsDB
from game.classroom.results_pg import SCHEMA_TABLE, redact
from tests.pg import Server, need_server


def _refusal(open_db, argument: str) -> str:
    with pytest.raises(ClassroomError) as refused:
        open_db(argument).close()
    return str(refused.value)


def _foreign_sqlite(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE grades (name TEXT, mark INTEGER)")
        db.execute("INSERT INTO grades VALUES ('Ana', 9)")


@pytest.mark.parametrize("open_db", [ResultsDB.open_for_writing, ResultsDB.open_for_reading])
def test_another_programs_sqlite_database_is_refused_in_full(open_db, tmp_path) -> None:
    path = tmp_path / "grades.db"
    _foreign_sqlite(path)
    before = path.read_bytes()
    assert _refusal(open_db, str(path)) == (
        f"{path} is an SQLite database, but not a Locus results database. "
        "It was left untouched; choose another file with --results."
    )
    assert path.read_bytes() == before


def test_an_empty_sqlite_file_given_to_the_report_is_not_a_results_database(tmp_path) -> None:
    path = tmp_path / "empty.db"
    sqlite3.connect(path).execute("PRAGMA user_version = 0").connection.close()
    assert _refusal(ResultsDB.open_for_reading, str(path)) == (
        f"{path} is an SQLite database, but not a Locus results database. "
        "It was left untouched; choose another file with --results."
    )


@pytest.mark.parametrize("open_db", [ResultsDB.open_for_writing, ResultsDB.open_for_reading])
def test_a_sqlite_database_from_a_newer_locus_is_refused_in_full(open_db, results) -> None:
    ResultsDB.open_for_writing(results).close()
    with sqlite3.connect(results) as db:
        db.execute(f"PRAGMA user_version = {LATEST + 1}")
    before = Path(results).read_bytes()
    assert _refusal(open_db, results) == (
        f"The results database {results} was written by a newer version of Locus "
        f"(schema {LATEST + 1}; this one knows {LATEST}). Update Locus to use it; "
        "the file was not changed."
    )
    assert Path(results).read_bytes() == before


def _sql(url: str, statement: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)


def test_a_postgresql_database_with_other_tables_is_refused_in_full(
    pg_server: Server | None,
) -> None:
    url = need_server(pg_server).new_database()
    _sql(url, "CREATE TABLE grades (name TEXT, mark INTEGER)")
    assert _refusal(ResultsDB.open_for_writing, url) == (
        f"The PostgreSQL database {redact(url)} already has tables, but not Locus "
        "results. It was left untouched; give Locus a database of its own."
    )
    _sql(url, "SELECT * FROM grades")  # still there
    with pytest.raises(Exception, match="does not exist"):
        _sql(url, f"SELECT * FROM {SCHEMA_TABLE}")


@pytest.mark.parametrize("open_db", [ResultsDB.open_for_writing, ResultsDB.open_for_reading])
def test_a_postgresql_database_from_a_newer_locus_is_refused_in_full(
    open_db, pg_server: Server | None
) -> None:
    url = need_server(pg_server).new_database()
    ResultsDB.open_for_writing(url).close()
    _sql(url, f"INSERT INTO {SCHEMA_TABLE} (version) VALUES ({LATEST + 1})")
    assert _refusal(open_db, url) == (
        f"The results database {redact(url)} was written by a newer version of Locus "
        f"(schema {LATEST + 1}; this one knows {LATEST}). Update Locus to use it; "
        "the database was not changed."
    )
