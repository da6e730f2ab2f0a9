"""The gradebook's cells, row by row and whole: a student who opened a
lesson and left before any quiz has an empty grade (not a zero, not a
mark), and a student without a school id has an empty text cell, in the
rows handed to the CSV writer as in the file."""

from __future__ import annotations

import csv
from pathlib import Path

from game.classroom.gradebook import gradebook_rows
from game.classroom.report import build_report
from game.classroom.results_db import ResultsDB
from game.classroom.session import open_lesson
from game.cli import main
from game.engine.machine import Game
from tests.classroom.lesson_helpers import play


def _record(story, results: str) -> None:
    """Ana finishes the lesson (100); Bea opens it and leaves at the start."""
    for name, answers in (("Ana Lima", (1, 1, 1)), ("Bea Early", ())):
        with open_lesson(story, "woods_lesson", name, results) as session:
            game = Game.start(story, storyline=session.first_storyline())
            session.observe(game, game.last_events)
            play(session, game, *answers)


def _rows(results: str, lms: str, **options) -> list[list[object]]:
    db = ResultsDB.open_for_reading(results)
    try:
        return gradebook_rows(build_report(db), lms, **options)
    finally:
        db.close()


def test_a_student_who_left_before_any_quiz_has_an_empty_grade_in_the_file(
    story, results, tmp_path: Path
) -> None:
    _record(story, results)
    target = tmp_path / "grades.csv"
    assert main(["report", "--gradebook", str(target), "--results", results]) == 0
    with target.open(encoding="utf-8-sig", newline="") as stream:
        assert list(csv.reader(stream)) == [
            ["Student", "Student ID", "Class", "Lesson: Into the Woods"],
            ["Ana Lima", "", "", "100.0"],
            ["Bea Early", "", "", ""],
        ]


def test_each_format_s_rows_whole_with_and_without_a_school_id(story, results) -> None:
    _record(story, results)
    ids = {"ana lima": "S001"}
    assert _rows(results, "generic", ids=ids, section="Bio 7B") == [
        ["Student", "Student ID", "Class", "Lesson: Into the Woods"],
        ["Ana Lima", "S001", "Bio 7B", 100.0],
        ["Bea Early", "", "Bio 7B", ""],
    ]
    assert _rows(results, "canvas", ids=ids, section="Bio 7B") == [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "Lesson: Into the Woods"],
        ["Points Possible", "", "", "", "", 100],
        ["Ana Lima", "", "S001", "", "Bio 7B", 100.0],
        ["Bea Early", "", "", "", "Bio 7B", ""],
    ]
    assert _rows(results, "moodle", ids=ids) == [
        ["Identifier", "Lesson: Into the Woods"],
        ["S001", 100.0],
        ["Bea Early", ""],
    ]
