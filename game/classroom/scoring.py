"""Points, XP, levels and mastery: pure functions, no I/O.

The front ends show these numbers while playing and the results database
stores them, so both must agree; keeping the rules here, free of Textual and
SQLite, makes them one tested definition.

The rules (docs/teachers.md explains them to teachers):

* **Score** is about learning: a quiz counts once, at its first attempt in the
  lesson. Later answers to the same quiz (after undo, or when a story loops
  back) teach, but never change the score.
* **XP** is about play, and only ever grows: quiz points on a first-try
  correct answer plus a bonus, badges, codex entries and scenes discovered.
* **Mastery** of an objective is correct first tries / first tries on the
  quizzes that assess it; it is *mastered* at or above the lesson's pass mark.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.state import GameState
    from game.story.model import Lesson, Story

FIRST_TRY_BONUS = 5  # XP on top of the quiz's points for getting it right first time
BADGE_XP = 25
CODEX_XP = 5
SCENE_XP = 2  # per distinct scene visited: exploring is rewarded, not only quizzes
LEVEL_STEP = 50  # level n needs LEVEL_STEP * n more XP to reach level n + 1


@dataclass(frozen=True, slots=True)
class FirstTry:
    """The first answer a student gave to one quiz in a lesson."""

    scene: str
    objective: str
    correct: bool
    points: int  # earned: the quiz's points when correct, else 0
    possible: int


def xp_of(state: GameState) -> int:
    """The XP one playthrough has earned so far (never negative: penalties
    in the story's score do not take XP away)."""
    seen: set[str] = set()
    xp = 0
    for record in state.answers:
        if record.scene in seen:
            continue
        seen.add(record.scene)
        if record.correct:
            xp += record.points + FIRST_TRY_BONUS
    xp += BADGE_XP * len(state.badges)
    xp += CODEX_XP * len(state.codex)
    xp += SCENE_XP * len(state.visits)
    return xp


def level_for(xp: int) -> tuple[int, int, int]:
    """(level, xp into that level, xp that level needs): level 1 starts at 0,
    and each level takes LEVEL_STEP more XP than the one before, so early
    levels come quickly and later ones still mean something."""
    level, floor = 1, 0
    while xp >= floor + LEVEL_STEP * level:
        floor += LEVEL_STEP * level
        level += 1
    return level, xp - floor, LEVEL_STEP * level


def xp_and_level(state: GameState) -> tuple[int, int, int, int]:
    """(xp, level, xp_into_level, xp_for_next) for the on-screen XP bar."""
    xp = xp_of(state)
    return (xp, *level_for(xp))


def percent(earned: int, possible: int) -> float:
    """Score as a percent of the points of the quizzes answered. A branch that
    skips a quiz neither costs nor earns points, so two students who took
    different paths are measured on what each was asked."""
    return 100.0 * earned / possible if possible else 0.0


def mastery(
    tries: Iterable[FirstTry], objectives: Iterable[str] = ()
) -> dict[str, tuple[int, int]]:
    """objective -> (correct first tries, first tries); the lesson's own
    objectives come first (as (0, 0) when no quiz assessed them yet), then any
    other objective a quiz in the lesson assessed."""
    result: dict[str, tuple[int, int]] = {objective: (0, 0) for objective in objectives}
    for attempt in tries:
        correct, attempts = result.get(attempt.objective, (0, 0))
        result[attempt.objective] = (correct + attempt.correct, attempts + 1)
    return result


def is_mastered(correct: int, attempts: int, pass_mark: float) -> bool:
    """At least one first try, and at least the pass mark of them right: the
    same bar the teacher set for the lesson, so there is one number to tune."""
    return attempts > 0 and 100.0 * correct / attempts >= pass_mark


def has_passed(finished: bool, earned: int, possible: int, pass_mark: float, quizzes: bool) -> bool:
    """Passed = every storyline of the lesson finished and the score at or
    above the pass mark. A lesson with no quiz at all is passed by finishing."""
    if not finished:
        return False
    if not quizzes:
        return True
    return possible > 0 and percent(earned, possible) >= pass_mark


def lesson_quiz_scenes(story: Story, lesson: Lesson) -> frozenset[str]:
    """Quiz scenes a student can reach from the lesson's storylines (following
    every route), which tells whether the lesson assesses anything at all."""
    seen: set[str] = set()
    todo = [story.storylines[s].start for s in lesson.storylines if s in story.storylines]
    while todo:
        scene_id = todo.pop()
        if scene_id in seen or scene_id not in story.scenes:
            continue
        seen.add(scene_id)
        for route in story.scenes[scene_id].routes():
            todo.extend(route.targets())
    return frozenset(s for s in seen if story.scenes[s].quiz is not None)
