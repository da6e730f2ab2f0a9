"""`locus report`: the per-student table, class mastery bars, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from game.classroom.report import build_report
from game.classroom.report_formats import format_text, to_json, write_csv
from game.classroom.results_db import ResultsDB
from game.classroom.session import open_lesson
from game.cli import main
from game.engine.machine import Game
from tests.classroom.lesson_helpers import FakeClock, play, without_root_overrides

NAMES = {
    "ana": 'Ana "the brain" Lima',
    "zoe": "Zoë 🧠",
    "evil": '=HYPERLINK("http://x")',
}


def _lesson(story, results: str, student: str, *moves: int, clock=None) -> None:
    clock = clock or FakeClock()
    with open_lesson(story, "woods_lesson", student, results, clock=clock) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        play(session, game, *moves)


@pytest.fixture
def class_results(story, any_results) -> str:
    """The class on each engine (an SQLite file, a PostgreSQL database)."""
    return _play_the_class(story, any_results)


@pytest.fixture
def class_file(story, results) -> str:
    """The class in an SQLite file, for what only a file can be (copied, damaged)."""
    return _play_the_class(story, results)


def _play_the_class(story, results: str) -> str:
    # One clock for the class: every attempt is later than the one before, so
    # the best attempt (zoe's second) is neither her first nor her latest.
    clock = FakeClock()
    _lesson(story, results, NAMES["ana"], 1, 1, 1, clock=clock)  # right first time
    _lesson(story, results, NAMES["zoe"], 1, 1, 2, clock=clock)  # wrong
    _lesson(story, results, NAMES["zoe"], 1, 1, 1, clock=clock)  # retry: passes, counts once
    _lesson(story, results, NAMES["zoe"], 1, clock=clock)  # a later try, left at the bear
    _lesson(story, results, NAMES["evil"], 1, clock=clock)  # stopped at the bear
    return results


def _report(path: str, lesson: str | None = None):
    db = ResultsDB.open_for_reading(path)
    try:
        return build_report(db, lesson)
    finally:
        db.close()


def test_each_student_is_shown_once_by_their_best_attempt(class_results) -> None:
    report = _report(class_results)
    by_name = {s.student: s for s in report.students}
    assert set(by_name) == set(NAMES.values())
    ana, zoe, evil = (by_name[NAMES[k]] for k in ("ana", "zoe", "evil"))
    assert (ana.finished, ana.passed, ana.score_percent, ana.attempts) == (True, True, 100.0, 1)
    assert (zoe.finished, zoe.passed, zoe.score_percent, zoe.attempts) == (True, True, 100.0, 3)
    assert (evil.finished, evil.passed, evil.score_percent) == (False, False, None)
    assert ana.mastered == ("ne_heart",) and ana.badges == ("brave",)
    assert ana.endings == ({"storyline": "woods", "scene": "end_safe", "kind": "good"},)
    assert ana.time_on_task_s == 30.0  # four steps ten seconds apart


def test_class_mastery_counts_each_students_best_attempt(class_results) -> None:
    (objective,) = _report(class_results).objectives
    assert (objective.objective, objective.correct, objective.attempts) == ("ne_heart", 2, 2)
    assert objective.students_mastered == 2 and objective.students_assessed == 2
    assert objective.sentence.startswith("Norepinephrine speeds the heart")


def test_text_report_has_the_table_and_a_bar_per_objective(class_results) -> None:
    text = format_text(_report(class_results), width=100)
    header = next(line for line in text.splitlines() if line.startswith("Student"))
    for column in ("Finished", "Score", "Passed", "Mastered", "Time", "Endings", "Badges"):
        assert column in header
    assert "Lesson: woods_lesson (Lesson: Into the Woods)" in text  # one lesson: no column
    assert "Zoë 🧠 ×3" in text
    assert "Safe (good)" in text and "end_safe" not in text  # titles, not ids
    bar_line = next(line for line in text.splitlines() if line.startswith("ne_heart "))
    assert "█" * 10 in bar_line and "100%" in bar_line and "2/2" in bar_line
    assert all(len(line) <= 100 for line in text.splitlines() if not line.startswith("  ne_"))


def test_several_lessons_get_a_lesson_column_and_pack_labels(class_results) -> None:
    from game.story.loader import load_pack

    two_part = load_pack(Path(__file__).parent / "packs" / "two_part").story
    with open_lesson(two_part, "both_parts", "Ana", class_results) as session:
        game = Game.start(two_part, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        play(session, game, 1, 1)
    text = format_text(_report(class_results), width=120)
    header = next(line for line in text.splitlines() if line.startswith("Student"))
    assert "Lesson" in header and "both_parts" in text
    assert "two_part:lc_location" in text and "mini:ne_heart" in text
    assert "two_part:untested" in text  # in the lesson, never asked: an empty bar, no percent


def test_text_report_fits_a_narrow_terminal_and_plain_ascii(class_results) -> None:
    text = format_text(_report(class_results), width=70, unicode=False)
    table = [line for line in text.splitlines() if line.startswith(("Student", "---"))]
    assert all(len(line) <= 70 for line in table)
    assert "#" * 10 in text and "█" not in text


def test_csv_keeps_names_exact_and_defuses_formulas(class_results) -> None:
    stream = io.StringIO()
    write_csv(_report(class_results), stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    names = {row["student"] for row in rows}
    assert NAMES["ana"] in names and NAMES["zoe"] in names
    assert "'" + NAMES["evil"] in names
    ana = next(row for row in rows if row["student"] == NAMES["ana"])
    assert ana["score_percent"] == "100.0" and ana["passed"] == "1"
    assert ana["mastery_ne_heart_percent"] == "100.0"
    assert ana["objectives_mastered"] == "1" and ana["objectives_total"] == "1"


def test_json_has_every_student_and_objective(class_results) -> None:
    data = json.loads(json.dumps(to_json(_report(class_results))))
    assert len(data["students"]) == 3
    zoe = next(s for s in data["students"] if s["student"] == NAMES["zoe"])
    assert zoe["mastery"]["ne_heart"] == {"correct": 1, "attempts": 1, "mastered": True}
    assert zoe["mastered"] == ["ne_heart"]
    assert data["objectives"][0]["percent"] == 100.0
    assert data["objectives"][0]["objective"] == "ne_heart"


def test_a_legacy_console_keeps_what_its_encoding_has(
    class_results, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a Latin-1 console the report has no bars to draw, keeps 'ë' and
    shows '?' for the emoji it cannot print, instead of crashing."""
    raw = io.BytesIO()
    console = io.TextIOWrapper(raw, encoding="latin-1")
    monkeypatch.setattr(sys, "stdout", console)
    assert main(["report", "--results", class_results]) == 0
    console.flush()
    shown = raw.getvalue().decode("latin-1")
    assert "Zoë ?" in shown


def test_the_command_prints_writes_csv_and_json(class_results, tmp_path, capsys) -> None:
    target = tmp_path / "class.csv"
    assert main(["report", "--results", class_results, "--csv", str(target)]) == 0
    captured = capsys.readouterr()
    assert "Class mastery per objective" in captured.out
    assert "Wrote 3 rows" in captured.err
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM, so Excel reads UTF-8
    assert NAMES["zoe"] in target.read_text(encoding="utf-8-sig")
    assert main(["report", "--results", class_results, "--json", "--lesson", "woods_lesson"]) == 0
    assert json.loads(capsys.readouterr().out)["lesson"] == "woods_lesson"


def test_results_path_from_the_environment(class_results, monkeypatch, capsys) -> None:
    monkeypatch.setenv("LOCUS_RESULTS", class_results)
    assert main(["report"]) == 0
    assert "3 students" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "There is no results database"),
        ("garbage", "damaged"),
        ("lesson", "No results for lesson 'nope'"),
    ],
)
def test_bad_input_gives_a_clear_message(class_file, tmp_path, capsys, setup, message) -> None:
    path, extra = class_file, ["--lesson", "nope"] if setup == "lesson" else []
    if setup == "missing":
        path = str(tmp_path / "nowhere.db")
    if setup == "garbage":
        path = str(tmp_path / "garbage.db")
        Path(path).write_bytes(b"\x00\x01not sqlite" * 50)
    assert main(["report", "--results", path, *extra]) == 1
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_an_empty_database_says_so(any_results, capsys) -> None:
    ResultsDB.open_for_writing(any_results).close()
    assert main(["report", "--results", any_results]) == 0
    assert "No results yet" in capsys.readouterr().out


def test_the_report_runs_while_a_student_is_writing(class_results) -> None:
    if class_results.startswith("postgresql://"):
        import psycopg

        writer = psycopg.connect(class_results, autocommit=True)
        writer.execute("BEGIN")  # a player mid-transaction holds row locks
    else:
        writer = sqlite3.connect(class_results, isolation_level=None)
        writer.execute("BEGIN IMMEDIATE")  # a player mid-transaction holds the write lock
    writer.execute("UPDATE sessions SET xp = xp + 1")
    try:
        assert len(_report(class_results).students) == 3
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_read_only_copy_can_still_be_reported(class_file, tmp_path) -> None:
    """A copy on a read-only share, without its -shm file: the report opens
    it as immutable rather than failing."""
    with sqlite3.connect(class_file) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    share = tmp_path / "share"
    share.mkdir()
    shutil.copy(class_file, share / "results.db")
    share.chmod(0o555)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "game", "report", "--results", str(share / "results.db")],
            capture_output=True,
            text=True,
            timeout=60,
            preexec_fn=without_root_overrides if os.geteuid() == 0 else None,
        )
    finally:
        share.chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert "3 students" in result.stdout
