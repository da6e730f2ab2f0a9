"""A plain-mode lesson's own lines, word for word: picking a lesson by
number, the part headings, the lesson result (verdict, each objective's
first tries, XP and level, badges, time, where it was saved), and what a
lesson refuses. (tests/classroom/test_plain_lesson.py plays the lessons.)"""

from __future__ import annotations

import dataclasses
import io

import pytest

from game.classroom.plain_lesson import format_minutes, play_lesson_plain
from tests.classroom.test_plain_lesson import _args, two_part  # noqa: F401 (a fixture)

BOTH_PARTS = "1\n1\n" + "1\n2\n"  # part one right, part two wrong


def _play(story, args, typed: str) -> tuple[int, list[str]]:
    out = io.StringIO()
    code = play_lesson_plain(story, args, stdin=io.StringIO(typed), stdout=out)
    return code, out.getvalue().splitlines()


def _result(lines: list[str]) -> list[str]:
    return lines[lines.index(next(li for li in lines if li.startswith("== Lesson result"))) :]


def test_a_lesson_is_picked_by_its_number(two_part, results) -> None:  # noqa: F811
    code, lines = _play(two_part, _args(None, "Ana", results), "0\nx\n2\n1\n" + BOTH_PARTS)
    assert code == 0
    assert lines[:6] == [
        "Which lesson? Type its number:",
        "  1. Lesson: Both Parts",
        "Type a number from 1 to 1.",
        "Type a number from 1 to 1.",
        "Type a number from 1 to 1.",
        "Lesson: Both Parts, for Ana. Every step is saved as you play.",
    ]
    assert lines[6:8] == ["", "--- Part 1 of 2: Part One ---"]
    assert "--- Part 2 of 2: Part Two ---" in lines


def test_no_lesson_picked_is_a_clear_error(two_part, results, capsys) -> None:  # noqa: F811
    code, _lines = _play(two_part, _args(None, "Ana", results), "5\n")
    assert code == 1
    assert capsys.readouterr().err == "locus: A lesson is needed (use --lesson ID).\n"


def test_a_pack_without_lessons_cannot_be_played_as_one(results, capsys) -> None:
    from game.story.loader import load_pack
    from tests.classroom.conftest import MINI

    story = load_pack(MINI).story
    bare = dataclasses.replace(story, lessons={})
    code, _lines = _play(bare, _args(None, "Ana", results), "1\n")
    assert code == 1
    assert capsys.readouterr().err == f"locus: {story.title} has no lessons to play in a class.\n"


def test_an_unknown_lesson_lists_the_known_ones(two_part, results, capsys) -> None:  # noqa: F811
    code, _lines = _play(two_part, _args("nope", "Ana", results), "")
    assert code == 1
    assert capsys.readouterr().err == (
        f"locus: there is no lesson 'nope' in {two_part.title}. Lessons: both_parts\n"
    )


def test_the_lesson_result_reads_exactly_so(two_part, results) -> None:  # noqa: F811
    code, lines = _play(two_part, _args("both_parts", "Ana", results), BOTH_PARTS)
    assert code == 0
    result = _result(lines)
    assert result[:7] == [
        "== Lesson result: Lesson: Both Parts ==",
        "NOT PASSED YET: 25% of quiz points on first tries (10/40; pass mark 75%)",
        "Objectives (correct first tries / tries):",
        "  ✓       1/1  Most brain NE comes from the locus coeruleus.",
        "  ·       0/1  Norepinephrine speeds the heart through beta-1 receptors.",
        "  · not asked  An objective no quiz asks about.",
        "XP 52 · level 2 (2/100 to level 3)",
    ]
    assert result[7] == "Badges: Curious"
    assert result[8].startswith("Time on task: 0 min ")
    assert result[9] == f"Saved for Ana in {results}"
    assert len(result) == 10


def test_a_passed_lesson_and_one_without_badges(two_part, results) -> None:  # noqa: F811
    code, lines = _play(two_part, _args("both_parts", "Ben", results), "2\n1\n1\n1\n")
    assert code == 0
    result = _result(lines)
    assert result[1] == "PASSED: 100% of quiz points on first tries (40/40; pass mark 75%)"
    assert "Badges: none yet" in result


def test_an_unfinished_lesson_result_counts_the_parts_done(two_part, results) -> None:  # noqa: F811
    from game.classroom.plain_lesson import result_lines
    from game.classroom.session import open_lesson
    from game.engine.machine import Game

    lesson = two_part.lessons["both_parts"]
    with open_lesson(two_part, "both_parts", "Cleo", results) as session:
        game = Game.start(two_part, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        lines = result_lines(two_part, lesson, session, session.summary(game))
    assert lines[1] == (
        "NOT FINISHED (0 of 2 parts): 0% of quiz points on first tries (0/0; pass mark 75%)"
    )


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0 min 00 s"), (59.6, "1 min 00 s"), (65, "1 min 05 s"), (3600, "1 h 00 min"),
     (3725, "1 h 02 min"), (36000, "10 h 00 min")],
)  # fmt: skip
def test_time_on_task_in_minutes_and_hours(seconds: float, shown: str) -> None:
    assert format_minutes(seconds) == shown


def test_a_paused_lesson_welcomes_the_student_back(two_part, results) -> None:  # noqa: F811
    code, lines = _play(two_part, _args("both_parts", "Ana", results), "1\n")
    assert (code, lines[-2:]) == (
        0,
        ["", "Lesson paused. Everything so far is saved; run the same command to carry on."],
    )
    code, lines = _play(two_part, _args("both_parts", "ana", results), "1\n")
    assert lines[0] == "Welcome back, ana: carrying on with Lesson: Both Parts."  # as typed now
