"""The pure scoring rules: levels, XP, percent, mastery, passing."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.classroom.scoring import (
    CODEX_XP,
    LEVEL_STEP,
    SCENE_XP,
    FirstTry,
    has_passed,
    is_mastered,
    level_for,
    mastery,
    percent,
    xp_of,
)


def test_levels_start_at_one_and_grow_by_larger_steps() -> None:
    assert level_for(0) == (1, 0, LEVEL_STEP)
    assert level_for(LEVEL_STEP - 1) == (1, LEVEL_STEP - 1, LEVEL_STEP)
    assert level_for(LEVEL_STEP) == (2, 0, 2 * LEVEL_STEP)
    assert level_for(3 * LEVEL_STEP) == (3, 0, 3 * LEVEL_STEP)


@given(st.integers(min_value=0, max_value=1_000_000))
def test_level_progress_is_always_inside_the_level(xp: int) -> None:
    level, into, needed = level_for(xp)
    assert level >= 1
    assert 0 <= into < needed == LEVEL_STEP * level


@given(st.integers(min_value=0, max_value=100_000), st.integers(min_value=0, max_value=100_000))
def test_levels_never_go_down_as_xp_grows(a: int, b: int) -> None:
    low, high = sorted((a, b))
    assert level_for(low)[0] <= level_for(high)[0]


def test_percent_is_of_the_points_asked_and_zero_when_nothing_was_asked() -> None:
    assert percent(7, 10) == 70.0
    assert percent(0, 0) == 0.0


def test_mastery_lists_lesson_objectives_first_even_when_unassessed() -> None:
    tries = [
        FirstTry("q1", "ne_heart", True, 10, 10),
        FirstTry("q2", "ne_heart", False, 0, 10),
        FirstTry("q3", "extra", True, 5, 5),
    ]
    result = mastery(tries, ("lc_location", "ne_heart"))
    assert list(result) == ["lc_location", "ne_heart", "extra"]
    assert result == {"lc_location": (0, 0), "ne_heart": (1, 2), "extra": (1, 1)}


def test_mastered_needs_an_attempt_and_the_pass_mark() -> None:
    assert not is_mastered(0, 0, 70)
    assert is_mastered(7, 10, 70)
    assert not is_mastered(6, 10, 70)


def test_passing_needs_the_whole_lesson_and_the_pass_mark() -> None:
    assert has_passed(True, 7, 10, 70, quizzes=True)
    assert not has_passed(False, 10, 10, 70, quizzes=True)
    assert not has_passed(True, 6, 10, 70, quizzes=True)
    assert not has_passed(True, 0, 0, 70, quizzes=True)  # skipped every quiz
    assert has_passed(True, 0, 0, 70, quizzes=False)  # nothing to answer


def test_each_unlocked_codex_entry_earns_xp(story) -> None:
    from game.engine.machine import Game

    game = Game.start(story).choose(2)  # the library unlocks an entry
    state = game.state
    assert state.codex == ("locus_coeruleus",)
    without = state._replace(codex=())
    assert CODEX_XP > 0
    assert xp_of(state) - xp_of(without) == CODEX_XP
    # and the player sees it: the library adds a scene and an entry
    assert xp_of(state) - xp_of(Game.start(story).state) == SCENE_XP + CODEX_XP
