"""Picking a lesson in plain mode when the pack has several: listed by id,
numbered from 1, every number from the first to the last accepted and
anything outside refused with the range. (tests/classroom/
test_plain_lesson_said.py picks the only lesson of a one-lesson pack.)"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from game.classroom.plain_lesson import play_lesson_plain
from game.story.loader import load_pack
from tests.classroom.test_plain_lesson import TWO_PART, _args

LESSON = """id: {id}
title: "{title}"
storylines: [part_one, part_two]
objectives: [lc_location, ne_heart]
"""


def _three_lessons(tmp_path: Path):
    pack = tmp_path / "pack"
    shutil.copytree(TWO_PART, pack)
    # Written out of order, titled against the order of their ids:
    for file, ident, title in (("z.yaml", "c_third", "A last"), ("a.yaml", "a_first", "C first")):
        (pack / "lessons" / file).write_text(LESSON.format(id=ident, title=title), "utf-8")
    result = load_pack(pack)
    assert result.story is not None, result.diagnostics
    return result.story


def _first_lines(story, results: str, typed: str) -> list[str]:
    out = io.StringIO()
    play_lesson_plain(story, _args(None, "Ana", results), stdin=io.StringIO(typed), stdout=out)
    return out.getvalue().splitlines()


def test_several_lessons_are_listed_by_id_and_the_last_number_is_accepted(
    tmp_path, results
) -> None:
    story = _three_lessons(tmp_path)
    lines = _first_lines(story, results, "0\n4\n3\n")
    assert lines[:7] == [
        "Which lesson? Type its number:",
        "  1. C first",
        "  2. Lesson: Both Parts",
        "  3. A last",
        "Type a number from 1 to 3.",
        "Type a number from 1 to 3.",
        "A last, for Ana. Every step is saved as you play.",
    ]


def test_the_first_number_picks_the_first_lesson_by_id(tmp_path, results) -> None:
    lines = _first_lines(_three_lessons(tmp_path), results, "1\n")
    assert lines[4] == "C first, for Ana. Every step is saved as you play."
