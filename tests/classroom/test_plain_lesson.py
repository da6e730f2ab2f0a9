"""`locus play --plain --lesson`: storylines in order, results recorded, the
lesson result printed; and nothing lost when the game is killed mid-lesson."""

from __future__ import annotations

import argparse
import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.classroom.errors import ClassroomError
from game.classroom.plain_lesson import NAME_PROMPT, play_lesson_plain
from game.story.loader import load_pack
from tests.classroom.lesson_helpers import query

TWO_PART = Path(__file__).resolve().parent / "packs" / "two_part"


@pytest.fixture(scope="module")
def two_part():
    result = load_pack(TWO_PART)
    assert result.story is not None, result.diagnostics
    return result.story


def _args(lesson: str, student: str | None, results: str, **more: object) -> argparse.Namespace:
    options = {
        "pack": None,
        "plain": True,
        "seed": 0,
        "start": None,
        "storyline": None,
        "load": None,
        "watch": False,
        "lesson": lesson,
        "student": student,
        "results": results,
    }
    options.update(more)
    return argparse.Namespace(**options)


def _run(story, args: argparse.Namespace, typed: str) -> tuple[int, str]:
    out = io.StringIO()
    code = play_lesson_plain(story, args, stdin=io.StringIO(typed), stdout=out)
    return code, out.getvalue()


def test_the_mini_lesson_is_played_and_passed(story, results) -> None:
    code, out = _run(story, _args("woods_lesson", "Ana", results), "1\n1\n1\n")
    assert code == 0
    assert "THE END (good)" in out
    assert "PASSED: 100% of quiz points" in out
    assert "✓" in out and "Badges: Brave" in out
    with sqlite3.connect(results) as db:
        assert db.execute("SELECT student, finished FROM sessions").fetchall() == [("Ana", 1)]


def test_a_two_part_lesson_plays_in_order_and_asks_for_a_name(two_part, results) -> None:
    typed = "\n" + "x" * 500 + "\n" + "Zoë O'Brien 🧠\n" + "1\n1\n" + "1\n2\n"
    code, out = _run(two_part, _args("both_parts", None, results), typed)
    assert code == 0, out
    assert out.count(NAME_PROMPT) == 3
    assert "type your name" in out and "500 characters" in out
    assert out.index("Part 1 of 2: Part One") < out.index("Part 2 of 2: Part Two")
    assert "Part one done." in out and "Part two done." in out
    # 10 of 40 first-try points: lc_location right, ne_heart wrong.
    assert "NOT PASSED YET: 25% of quiz points on first tries (10/40; pass mark 75%)" in out
    assert "not asked  An objective no quiz asks about." in out
    assert "Saved for Zoë O'Brien 🧠" in out


def test_quitting_pauses_and_the_next_run_carries_on(two_part, results) -> None:
    code, out = _run(two_part, _args("both_parts", "Ben", results), "2\n1\nq\n")
    assert code == 0 and "Lesson paused" in out
    code, out = _run(two_part, _args("both_parts", "ben", results), "1\n1\n")
    assert code == 0
    assert "Welcome back, ben" in out
    assert "Part 1 of 2" not in out and "Part 2 of 2: Part Two" in out
    assert "PASSED: 100%" in out


def test_an_unknown_lesson_is_reported_before_asking_a_name(story, results, capsys) -> None:
    code, out = _run(story, _args("nope", None, results), "Ana\n")
    assert code == 1 and NAME_PROMPT not in out
    assert "no lesson 'nope'" in capsys.readouterr().err
    assert not Path(results).exists()


def test_a_too_long_name_on_the_command_line_is_a_clear_error(story, results, capsys) -> None:
    code, _ = _run(story, _args("woods_lesson", "x" * 500, results), "")
    assert code == 1
    assert "500 characters" in capsys.readouterr().err


def test_lesson_and_storyline_together_are_refused(story, results, capsys) -> None:
    code, _ = _run(story, _args("woods_lesson", "Ana", results, storyline="woods"), "")
    assert code == 1
    assert "leave out" in capsys.readouterr().err


def _events(results: str) -> list[str]:
    try:
        return [kind for (kind,) in query(results, "SELECT kind FROM events ORDER BY id")]
    except ClassroomError:  # not created yet, or its schema not committed yet
        return []


def test_a_killed_game_loses_nothing_it_showed(tmp_path: Path, any_results: str) -> None:
    """The real command, killed with SIGKILL after two choices: every step it
    printed is in the database (on either engine), and the next run resumes
    the session."""
    results = any_results
    command = [
        sys.executable,
        "-m",
        "game",
        "play",
        str(TWO_PART),
        "--plain",
        "--lesson",
        "both_parts",
        "--student",
        "Cleo",
        "--results",
        results,
    ]
    env = {**os.environ, "LOCUS_HOME": str(tmp_path / "home")}
    game = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert game.stdin is not None
    game.stdin.write("1\n1\n")  # look around (badge), then answer the first quiz right
    game.stdin.flush()
    deadline = time.monotonic() + 60
    while "answer" not in _events(results) and time.monotonic() < deadline:
        time.sleep(0.05)
    game.send_signal(signal.SIGKILL)
    game.communicate(timeout=30)
    kinds = _events(results)
    assert kinds[:2] == ["start", "enter"] and "badge" in kinds and "answer" in kinds
    assert query(results, "SELECT finished, badges FROM sessions") == [(0, '["curious"]')]
    assert query(results, "SELECT scene, correct FROM first_tries") == [("one_quiz", 1)]
    again = subprocess.run(
        command, input="1\n2\n", capture_output=True, text=True, env=env, timeout=120
    )
    assert again.returncode == 0, again.stderr
    assert "Welcome back, Cleo" in again.stdout
    assert "NOT PASSED YET: 25%" in again.stdout  # the first try survived the crash


def test_no_name_and_no_input_is_a_clear_error(story, results, capsys) -> None:
    code, out = _run(story, _args("woods_lesson", None, results), "")
    assert code == 1 and NAME_PROMPT in out
    assert "A student name is needed" in capsys.readouterr().err
