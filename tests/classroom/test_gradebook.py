"""`locus report --gradebook`: each format's documented columns, one row per
student (roster students who have not played included), grades as numbers,
no live formulas, and pseudonyms on request."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from game.classroom.session import open_lesson
from game.cli import main
from game.engine.machine import Game
from game.story.loader import load_pack
from tests.classroom.lesson_helpers import play

TWO_PART = Path(__file__).resolve().parent / "packs" / "two_part"
CANVAS_LEAD = ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]


@pytest.fixture
def graded(story, results, tmp_path, capsys) -> tuple[str, str]:
    roster = tmp_path / "roster.csv"
    roster.write_text(
        "Name,SIS User ID\nAna Lima,S001\n=HYPERLINK(1),S002\nCarl Late,S003\n", encoding="utf-8"
    )
    assert main(["class", "create", "Bio 7B", "--roster", str(roster), "--results", results]) == 0
    code = capsys.readouterr().out.split("join code ")[1].split()[0]
    two_part = load_pack(TWO_PART).story
    for pack, lesson, name, answers in (
        (story, "woods_lesson", "ana lima", (1, 1, 1)),  # 100
        (story, "woods_lesson", "=HYPERLINK(1)", (1, 1, 2)),  # 0
        (two_part, "both_parts", "Ana Lima", (1, 1)),  # part one only: 10/10
    ):
        with open_lesson(pack, lesson, name, results, class_code=code) as session:
            game = Game.start(pack, storyline=session.first_storyline())
            session.observe(game, game.last_events)
            play(session, game, *answers)
    return results, code


def _gradebook(results: str, code: str, tmp_path: Path, *extra: str) -> list[list[str]]:
    target = tmp_path / "grades.csv"
    args = ["report", "--class", code, "--gradebook", str(target), "--results", results, *extra]
    assert main(args) == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM, for Excel
    with target.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.reader(stream))


def test_canvas_columns_points_possible_and_one_row_per_student(graded, tmp_path) -> None:
    header, points, *rows = _gradebook(*graded, tmp_path, "--format", "canvas")
    assert header == [*CANVAS_LEAD, "Lesson: Both Parts", "Lesson: Into the Woods"]
    assert points == ["Points Possible", "", "", "", "", "100", "100"]
    assert rows == [
        ["'=HYPERLINK(1)", "", "S002", "", "Bio 7B", "", "0.0"],
        ["Ana Lima", "", "S001", "", "Bio 7B", "100.0", "100.0"],
        ["Carl Late", "", "S003", "", "Bio 7B", "", ""],  # on the roster, not played yet
    ]


def test_moodle_has_an_identifier_then_grades(graded, tmp_path) -> None:
    header, *rows = _gradebook(*graded, tmp_path, "--format", "moodle")
    assert header == ["Identifier", "Lesson: Both Parts", "Lesson: Into the Woods"]
    assert [row[0] for row in rows] == ["S002", "S001", "S003"]


def test_generic_and_pseudonymized(graded, tmp_path) -> None:
    header, *rows = _gradebook(*graded, tmp_path)
    assert header[:3] == ["Student", "Student ID", "Class"]
    assert len(rows) == 3
    header, *rows = _gradebook(*graded, tmp_path, "--format", "canvas", "--pseudonymize")
    names = [row[0] for row in rows[1:]]
    assert all(name.startswith("student-") for name in names)
    assert all(row[2] == "" for row in rows[1:])  # no school id beside a pseudonym


def test_a_gradebook_into_a_missing_folder_fails_clearly(graded, tmp_path, capsys) -> None:
    results, _code = graded
    target = tmp_path / "no" / "grades.csv"
    assert main(["report", "--gradebook", str(target), "--results", results]) == 1
    assert "does not exist" in capsys.readouterr().err
