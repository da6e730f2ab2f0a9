"""The results database and the report against edited rows and a full disk,
through `locus play --plain --lesson` and `locus report` as separate
processes: damaged rows are named and the report goes on, a full disk says
so, results already saved are kept, and a failed export leaves nothing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from game.classroom.results_db import describe
from tests.security.disks import fill, small_disk
from tests.security.hostile import MINI, run_locus, snapshot

RIGHT_FIRST_TIME = "1\n1\n1\n"


def _play(results: Path, home: Path, student: str, moves: str = RIGHT_FIRST_TIME):
    return run_locus(
        "play",
        "--plain",
        "--lesson",
        "woods_lesson",
        "--student",
        student,
        "--results",
        str(results),
        str(MINI),
        home=home,
        stdin=moves,
    )


@pytest.fixture
def class_db(tmp_path: Path) -> Path:
    results = tmp_path / "results.db"
    for student in ("Ana", "Ben", "Cleo", "Dev", "Eve", "Finn"):
        outcome = _play(results, tmp_path / "home", student)
        assert outcome.code == 0, outcome.stderr
    return results


EDITS = {
    "Ben": "UPDATE sessions SET endings = 'not json' WHERE student = 'Ben'",
    "Cleo": "UPDATE sessions SET xp = 'lots' WHERE student = 'Cleo'",
    "Dev": "UPDATE sessions SET time_on_task = 9e999 WHERE student = 'Dev'",
    "Eve": "UPDATE sessions SET badges = '[1, 2]' WHERE student = 'Eve'",
    "Finn": "UPDATE first_tries SET correct = 'x' WHERE session_id ="
    " (SELECT id FROM sessions WHERE student = 'Finn')",
}


def test_the_report_names_damaged_rows_and_goes_on(class_db: Path, tmp_path: Path) -> None:
    with sqlite3.connect(class_db) as conn:
        for statement in EDITS.values():
            conn.execute(statement)
        conn.execute("UPDATE lessons SET objectives = '{'")
    conn.close()
    before = class_db.read_bytes()
    outcome = run_locus("report", "--results", str(class_db), home=tmp_path / "home")
    assert outcome.code == 0, outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert "1 student" in outcome.stdout and "Ana" in outcome.stdout
    assert "6 damaged rows" in outcome.stderr  # five sessions and the lesson
    for student, reason in zip(
        EDITS,
        ("endings is not valid JSON", "xp", "time_on_task", "badges", "first tries"),
        strict=True,
    ):
        assert f"(student '{student}'): " in outcome.stderr
        assert reason in outcome.stderr, outcome.stderr
    assert class_db.read_bytes() == before
    as_json = run_locus("report", "--json", "--results", str(class_db), home=tmp_path / "home")
    assert as_json.code == 0 and '"skipped"' in as_json.stdout


def test_a_genuine_sqlite_full_error_says_the_disk_is_full(tmp_path: Path) -> None:
    """SQLite's own SQLITE_FULL, produced by capping the file's pages."""
    path = tmp_path / "capped.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x TEXT)")
    conn.execute("PRAGMA max_page_count = 3")
    with pytest.raises(sqlite3.Error) as raised:
        conn.executemany("INSERT INTO t VALUES (?)", [("x" * 1000,)] * 100)
    conn.close()
    assert raised.value.sqlite_errorcode == sqlite3.SQLITE_FULL
    assert "is full" in str(describe(raised.value, path))


@pytest.mark.parametrize(
    ("make", "sentence"),
    [
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000), "damaged"),
        (lambda p: p.write_bytes(b"x" * 5000), "damaged"),
    ],
    ids=["corrupt", "not a database"],
)
def test_genuine_sqlite_errors_are_told_by_their_code(tmp_path: Path, make, sentence) -> None:
    path = tmp_path / "r.db"
    make(path)
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.Error) as raised:
        conn.execute("SELECT * FROM sqlite_master").fetchall()
    conn.close()
    assert sentence in str(describe(raised.value, path))


def test_a_full_disk_while_playing_says_so_and_keeps_what_was_saved(tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk") as disk:
        results = disk / "results.db"
        first = _play(results, tmp_path / "home", "Ana")
        assert first.code == 0, first.stderr
        filler = fill(disk)
        outcome = _play(results, tmp_path / "home", "Ben")
        outcome.assert_refused("is full")
        assert "cannot commit" not in outcome.stderr
        filler.unlink()
        report = run_locus("report", "--results", str(results), home=tmp_path / "home")
        assert report.code == 0, report.stderr
        assert "Ana" in report.stdout  # nothing already saved was lost


def test_a_csv_export_to_a_full_disk_leaves_nothing_behind(class_db: Path, tmp_path: Path) -> None:
    with small_disk(tmp_path / "disk", size="64k") as disk:
        target = disk / "class.csv"
        target.write_text("the old export\n", encoding="utf-8")
        fill(disk)
        before = snapshot(disk)
        outcome = run_locus(
            "report", "--results", str(class_db), "--csv", str(target), home=tmp_path / "home"
        )
        outcome.assert_refused("the disk is full")
        assert snapshot(disk) == before  # no temp file, the old export unchanged
