"""The CSV report and the gradebook are written beside their final name and
renamed into place, so a spreadsheet never opens half a file: even when
Python's temporary folder is on another disk, where a rename could not reach."""

from __future__ import annotations

import csv
from pathlib import Path

from game.classroom.gradebook import write_gradebook
from game.classroom.session import open_lesson
from game.cli import main
from game.engine.machine import Game
from tests.classroom.lesson_helpers import play


def test_the_csv_report_is_written_beside_its_target(
    story, results, tmp_path: Path, temp_on_another_disk: Path
) -> None:
    with open_lesson(story, "woods_lesson", "Ana", results) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        play(session, game, 1, 1, 1)
    folder = tmp_path / "export"
    folder.mkdir()
    assert main(["report", "--results", results, "--csv", str(folder / "class.csv")]) == 0
    with (folder / "class.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert [row["student"] for row in csv.DictReader(stream)] == ["Ana"]
    assert [p.name for p in folder.iterdir()] == ["class.csv"]  # no temporary file left
    assert list(temp_on_another_disk.iterdir()) == []


def test_the_gradebook_is_written_beside_its_target(
    tmp_path: Path, temp_on_another_disk: Path
) -> None:
    rows = [["Student", "Lesson"], ["Ana", 100.0]]
    write_gradebook(rows, str(tmp_path / "grades.csv"))
    with (tmp_path / "grades.csv").open(encoding="utf-8-sig", newline="") as stream:
        assert list(csv.reader(stream)) == [["Student", "Lesson"], ["Ana", "100.0"]]
    assert [p.name for p in tmp_path.iterdir()] == ["grades.csv"]
    assert list(temp_on_another_disk.iterdir()) == []
