"""The runner for walkthrough tests (``tests/*.yaml`` in a pack).

A walkthrough test is a scripted playthrough with expectations, like Yarn
Spinner's test plans. It drives exactly the functions a player drives
(``game.engine.machine``), so a passing test says something about the game,
not about a test double. Every failure names the step that failed with its
file and line, and shows the actual values next to the expected ones: an
author should be able to fix the pack, or the test, without a debugger.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from game import body as bm
from game.authoring.assertions import broken, show_comparison, show_value
from game.engine.machine import (
    ActionError,
    ChoiceView,
    ContentError,
    answer,
    choose,
    new_game,
    scene_view,
    visible_choices,
    wait,
)
from game.engine.state import GameState
from game.story import model as m
from game.story.diagnostics import Loc


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a test failed: ``loc`` is the failing step (or the test itself when
    the game could not start); ``content_loc`` is the pack content that raised
    a runtime error, when that was the cause."""

    loc: Loc
    message: str
    content_loc: Loc | None = None


@dataclass(frozen=True, slots=True)
class TestResult:
    test: m.WalkthroughTest
    failure: Failure | None
    steps_run: int

    @property
    def passed(self) -> bool:
        return self.failure is None


class StepFailed(Exception):
    """A step could not be carried out or an expectation did not hold."""

    def __init__(self, message: str, content_loc: Loc | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.content_loc = content_loc


def run_tests(story: m.Story) -> list[TestResult]:
    """Every walkthrough test of the pack, in file order."""
    return [run_test(story, test) for test in story.tests]


def run_test(story: m.Story, test: m.WalkthroughTest) -> TestResult:
    try:
        state = new_game(story, seed=test.seed, start=test.start, setup=test.setup).state
        scene_view(story, state)
    except ContentError as error:
        message = f"the game could not start: {error.message} (at {error.loc})"
        return TestResult(test, Failure(test.loc, message, error.loc), 0)
    except ActionError as error:
        return TestResult(test, Failure(test.loc, f"the game could not start: {error}"), 0)
    problems = broken(story, None, state)
    if problems:
        message, loc = problems[0]
        return TestResult(test, Failure(test.loc, f"the first scene: {message}", loc), 0)
    shown = state  # the state as the current scene was shown, for rising/falling
    for done, step in enumerate(test.steps):
        try:
            state = perform(story, state, step)
            if step.kind in ("choose", "answer"):
                problems = broken(story, shown, state)
                if problems:
                    message, loc = problems[0]
                    raise StepFailed(f"{describe_step(step)}: {message}", loc)
                shown = state
        except StepFailed as failed:
            return TestResult(test, Failure(step.loc, failed.message, failed.content_loc), done)
        except ContentError as error:
            message = f"{describe_step(step)}: the content failed: {error.message} (at {error.loc})"
            return TestResult(test, Failure(step.loc, message, error.loc), done)
    return TestResult(test, None, len(test.steps))


def perform(story: m.Story, state: GameState, step: m.WalkthroughStep) -> GameState:
    """Carry out one step; raises StepFailed with a message for the author."""
    scene = story.scenes[state.scene]
    if step.kind == "wait":
        return wait(story, state, step.seconds).state
    if step.kind == "expect":
        assert step.expect is not None  # the loader builds expect steps with one
        problems = check_expect(story, state, step.expect)
        if problems:
            raise StepFailed("expect: " + "; ".join(problems))
        return state
    what = describe_step(step)
    if scene.ending is not None:
        raise StepFailed(f"{what}: the story has already ended at '{scene.id}' ({scene.title})")
    if step.kind == "answer":
        if scene.quiz is None:
            raise StepFailed(
                f"{what}: scene '{scene.id}' has no quiz; use choose: here. "
                + _describe_options(visible_choices(story, state))
            )
        option = _pick(visible_choices(story, state), step.target, what)
        try:
            return _shown(story, answer(story, state, option.number).state)
        except ActionError as error:  # pragma: no cover - _pick only returns valid options
            raise StepFailed(f"{what}: {error}") from None
    if scene.quiz is not None:
        raise StepFailed(
            f"{what}: scene '{scene.id}' is a quiz; use answer: here. "
            + _describe_options(visible_choices(story, state))
        )
    options = visible_choices(story, state)
    option = _pick(options, step.target, what)
    if not option.enabled:
        reason = f": {option.hint}" if option.hint else ""
        raise StepFailed(f"{what}: choice {option.number} '{option.text}' is disabled{reason}")
    try:
        return _shown(story, choose(story, state, option.number).state)
    except ActionError as error:  # pragma: no cover - _pick only returns enabled options
        raise StepFailed(f"{what}: {error}") from None


def _shown(story: m.Story, state: GameState) -> GameState:
    """Render the new scene as a player would see it, so a template that
    fails in its text fails the step that led there."""
    scene_view(story, state)
    return state


def describe_step(step: m.WalkthroughStep) -> str:
    if step.kind == "wait":
        return f"wait {step.seconds:g}s"
    if step.kind == "expect":
        return "expect"
    target = step.target if isinstance(step.target, int) else f"'{step.target}'"
    return f"{step.kind} {target}"


def _pick(options: Sequence[ChoiceView], target: int | str | None, what: str) -> ChoiceView:
    """A number picks the visible option with that number; text picks the one
    option containing it (case-insensitive). Text matching several options is
    a failure, because a test that silently takes the first one would keep
    passing after a writer adds a similar choice above it."""
    if isinstance(target, int):
        for option in options:
            if option.number == target:
                return option
        raise StepFailed(f"{what}: there is no option {target}. {_describe_options(options)}")
    needle = str(target).casefold()
    matches = [option for option in options if needle in option.text.casefold()]
    if len(matches) > 1:
        exact = [option for option in matches if option.text.casefold() == needle]
        if len(exact) == 1:
            return exact[0]
        shown = ", ".join(f"{o.number} '{o.text}'" for o in matches)
        raise StepFailed(f"{what}: the text matches several options ({shown}); quote more of it")
    if not matches:
        raise StepFailed(f"{what}: no option contains '{target}'. {_describe_options(options)}")
    return matches[0]


def _describe_options(options: Sequence[ChoiceView]) -> str:
    if not options:
        return "There are no options here."
    parts = []
    for option in options:
        text = f"{option.number} '{option.text}'"
        if not option.enabled:
            text += " (disabled" + (f": {option.hint})" if option.hint else ")")
        parts.append(text)
    return "The options are: " + ", ".join(parts) + "."


def check_expect(story: m.Story, state: GameState, expect: m.Expect) -> list[str]:
    """Every expectation that does not hold, each with the actual value."""
    problems: list[str] = []
    scene = story.scenes[state.scene]
    where = f"'{scene.id}' ({scene.title})"
    if expect.scene is not None and state.scene != expect.scene:
        problems.append(f"scene: expected '{expect.scene}', but the game is at {where}")
    if expect.ending is not None:
        if scene.ending is None:
            problems.append(
                f"ending: expected '{expect.ending}', but the game is at {where}, not an ending"
            )
        elif state.scene != expect.ending:
            problems.append(f"ending: expected '{expect.ending}', but the story ended at {where}")
    if expect.choices is not None or expect.disabled is not None:
        options = visible_choices(story, state)
        enabled = [o.text for o in options if o.enabled]
        disabled = [o.text for o in options if not o.enabled]
        if expect.choices is not None and not _texts_match(expect.choices, enabled):
            problems.append(
                f"choices: expected {_quote_list(expect.choices)}, "
                f"but the selectable choices are {_quote_list(enabled)}"
            )
        if expect.disabled is not None and not _texts_match(expect.disabled, disabled):
            problems.append(
                f"disabled: expected {_quote_list(expect.disabled)}, "
                f"but the disabled choices are {_quote_list(disabled)}"
            )
    for name, comparison in expect.vars:
        actual = state.vars[name]
        if not comparison.holds(actual):
            problems.append(
                f"vars.{name}: expected {show_comparison(comparison)}, actual {show_value(actual)}"
            )
    for name, comparison in expect.body:
        actual = bm.readout(state.body, name)
        if not comparison.holds(actual):
            problems.append(
                f"body.{name}: expected {show_comparison(comparison)}, actual {show_value(actual)}"
            )
    if expect.score is not None and not expect.score.holds(state.score):
        problems.append(f"score: expected {show_comparison(expect.score)}, actual {state.score}")
    missing_badges = [b for b in expect.badges if b not in state.badges]
    if missing_badges:
        problems.append(
            f"badges: expected {_quote_list(missing_badges)}, "
            f"but the badges earned are {_quote_list(state.badges)}"
        )
    missing_codex = [c for c in expect.codex if c not in state.codex]
    if missing_codex:
        problems.append(
            f"codex: expected {_quote_list(missing_codex)} unlocked, "
            f"but the unlocked entries are {_quote_list(state.codex)}"
        )
    return problems


def _texts_match(expected: Sequence[str], actual: Sequence[str]) -> bool:
    """Same count, and each expected text is part of the actual one in its place."""
    return len(expected) == len(actual) and all(
        e.casefold() in a.casefold() for e, a in zip(expected, actual, strict=True)
    )


def _quote_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(f"'{item}'" for item in items) + "]" if items else "none"
