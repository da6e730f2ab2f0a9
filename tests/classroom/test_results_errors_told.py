"""Each way the results database can fail is told to the teacher in full: what
happened to which file, and what to do next. The errors are SQLite's own,
produced for real; the sentences are the product, so they are pinned whole."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from game.classroom.results_db import describe


def _full(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("PRAGMA max_page_count = 3")
    try:
        conn.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 100)
    finally:
        conn.close()


def _busy(path: Path) -> None:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        sqlite3.connect(path, timeout=0).execute("SELECT * FROM t")
    finally:
        holder.close()


def _cannot_open(path: Path) -> None:
    sqlite3.connect(path.parent / "missing" / path.name)


def _read_only(path: Path) -> None:
    sqlite3.connect(path).close()
    sqlite3.connect(f"file:{path}?mode=ro", uri=True).execute("CREATE TABLE t (x)")


def _damaged(path: Path) -> None:
    path.write_bytes(b"x" * 5000)
    sqlite3.connect(path).execute("SELECT * FROM sqlite_master")


def _other(path: Path) -> None:
    sqlite3.connect(path).execute("SELECT * FROM no_such_table")


CASES: dict[str, tuple[Callable[[Path], None], str]] = {
    "full": (
        _full,
        "The disk holding {path} is full, so results cannot be saved. "
        "Results already saved are kept; free some space and play on.",
    ),
    "busy": (
        _busy,
        "The results database {path} stayed locked for over a minute; "
        "another program may be holding it open.",
    ),
    "cannot open": (
        _cannot_open,
        "Cannot open the results database {path}: check that the folder exists and can be written.",
    ),
    "read-only": (
        _read_only,
        "The results database {path} is read-only, so results could not be saved. "
        "Ask for write access, or give another file with --results.",
    ),
    "damaged": (
        _damaged,
        "The results database {path} is damaged or is not a Locus results file. "
        "It was left exactly as it is, so nothing in it is lost: copy it somewhere safe "
        "for repair, and give a new file with --results to carry on.",
    ),
    "anything else": (_other, "The results database {path} failed: no such table: no_such_table."),
}


@pytest.mark.parametrize("kind", CASES)
def test_each_failure_is_told_with_what_to_do(kind: str, tmp_path: Path) -> None:
    cause, sentence = CASES[kind]
    path = tmp_path / "results.db"
    with pytest.raises(sqlite3.Error) as raised:
        cause(path)
    assert str(describe(raised.value, path)) == sentence.format(path=path)
