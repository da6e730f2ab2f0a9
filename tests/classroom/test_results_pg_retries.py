"""Writes to a PostgreSQL results database (SERIALIZABLE transactions) when
another writer gets in between, on a real server (tests/pg.py): the clashing
write is run again on fresh data and commits once; a write that fails for
any other reason is not run again and is told at once."""

from __future__ import annotations

import pytest

from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB
from game.classroom.results_pg import redact
from tests.pg import Server, need_server


def _database_with_a_tally(pg_server: Server | None) -> tuple[str, ResultsDB]:
    import psycopg

    url = need_server(pg_server).new_database()
    db = ResultsDB.open_for_writing(url)
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("CREATE TABLE tally (n INTEGER)")
        admin.execute("INSERT INTO tally VALUES (0)")
    return url, db


def test_a_write_that_clashes_with_another_writer_is_run_again(pg_server: Server | None) -> None:
    import psycopg

    url, db = _database_with_a_tally(pg_server)
    attempts: list[int] = []

    def add_one(conn) -> int:
        (n,) = conn.execute("SELECT n FROM tally").fetchone()
        attempts.append(n)
        if len(attempts) == 1:  # another writer commits after this one has read
            with psycopg.connect(url, autocommit=True) as other:
                other.execute("UPDATE tally SET n = n + 100")
        conn.execute("UPDATE tally SET n = ?", (n + 1,))
        return n + 1

    try:
        assert db.write(add_one) == 101
        assert attempts == [0, 100]  # the first try's stale read was not kept
        assert db.read(lambda conn: conn.execute("SELECT n FROM tally").fetchone()[0]) == 101
    finally:
        db.close()


def test_a_write_that_fails_otherwise_is_told_at_once_and_not_repeated(
    pg_server: Server | None,
) -> None:
    url, db = _database_with_a_tally(pg_server)
    attempts: list[int] = []

    def broken(conn) -> None:
        attempts.append(1)
        conn.execute("UPDATE no_such_table SET n = 1")

    try:
        with pytest.raises(ClassroomError) as refused:
            db.write(broken)
        assert attempts == [1]
        assert str(refused.value).startswith(
            f'The results database {redact(url)} failed: relation "no_such_table" does not exist'
        )
    finally:
        db.close()
