"""Scene assertions: what the body must show when a scene is shown (a scene's ``expect:``).

A scene's text describes the body ("you sleep badly", "pressure sags when you
stand"); its ``expect:`` says the same in numbers, so the text and the body
panel cannot drift apart. Every playtest path and every walkthrough checks
them on arrival at the scene. ``rising`` and ``falling`` compare with the
previous scene shown on the same path; at the first scene there is nothing to
compare with, so they hold.
"""

from __future__ import annotations

from game import body as bm
from game.engine.state import GameState
from game.story import model as m
from game.story.diagnostics import Loc
from game.story.templates import format_value


def broken(story: m.Story, before: GameState | None, after: GameState) -> list[tuple[str, Loc]]:
    """Each assertion of the scene ``after`` is at that does not hold, with its position.

    ``before`` is the state at the previous scene shown (None at the start).
    """
    scene = story.scenes[after.scene]
    if not scene.expect:
        return []
    problems = []
    for expectation in scene.expect:
        actual = bm.readout(after.body, expectation.readout)
        message = _failure(expectation, actual, before)
        if message is not None:
            problems.append((f"scene '{scene.id}': {message}", expectation.loc))
    return problems


def _failure(
    expectation: m.SceneExpectation, actual: float | str, before: GameState | None
) -> str | None:
    name = f"body.{expectation.readout}"
    if expectation.comparison is not None:
        if expectation.comparison.holds(actual):
            return None
        expected = show_comparison(expectation.comparison)
        return f"{name}: expected {expected}, actual {show_value(actual)}"
    if before is None:
        return None
    previous = bm.readout(before.body, expectation.readout)
    change = float(actual) - float(previous)
    if (change > 0) if expectation.trend == "rising" else (change < 0):
        return None
    return (
        f"{name}: expected {expectation.trend} since scene '{before.scene}', "
        f"but it went {show_value(previous)} -> {show_value(actual)}"
    )


def show_value(value: object) -> str:
    """A value as a test report shows it: numbers as templates print them, text quoted."""
    if isinstance(value, bool | int | float | str):
        return format_value(value) if not isinstance(value, str) else f"'{value}'"
    return str(value)


def show_comparison(comparison: m.Comparison) -> str:
    """A comparison as an author wrote it: "> 40", "90..110", "'phasic'"."""
    if comparison.op == "range":
        return f"{show_value(comparison.value)}..{show_value(comparison.high)}"
    if comparison.op == "==":
        return show_value(comparison.value)
    return f"{comparison.op} {show_value(comparison.value)}"
