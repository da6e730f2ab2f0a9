"""The question analysis of a class that has played but answered no question yet."""

from __future__ import annotations

from pathlib import Path

from game.classroom.session import open_lesson
from game.cli import main
from game.engine.machine import Game
from game.story.loader import load_pack
from tests.classroom.test_items_report import PACK


def test_no_answer_yet_is_said_in_words(tmp_path: Path, clock, capsys) -> None:
    story = load_pack(PACK).story
    assert story is not None
    results = str(tmp_path / "class.db")
    with open_lesson(story, "quiz_lesson", "S1", results, clock=clock) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
    assert main(["report", "--items", "--results", results]) == 0
    assert capsys.readouterr().out == (
        "Question analysis: 0 questions, all lessons\n\nNo quiz answered yet.\n"
    )
