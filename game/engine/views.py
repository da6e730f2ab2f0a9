"""What the player sees of a state: the scene (its text rendered, its art,
quiz question or ending) and the numbered options, disabled ones with
their hint. Pure functions of the story and the state."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from game.engine.context import holds, render
from game.engine.state import GameState
from game.story import model as m
from game.story.styles import escape_styles


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """One numbered option as the player sees it."""

    number: int  # 1-based among the visible options
    text: str
    enabled: bool = True
    hint: str | None = None
    kind: Literal["choice", "continue", "answer"] = "choice"
    source: int = 0  # the choice's position in the scene (for `chose`), or the option number


@dataclass(frozen=True, slots=True)
class SceneView:
    id: str
    title: str
    paragraphs: tuple[str, ...]  # in the styles of game.story.styles
    kind: Literal["choices", "next", "quiz", "ending"]
    art: str | None = None
    question: str | None = None
    ending_kind: str | None = None
    ending_summary: str | None = None


def scene_view(story: m.Story, state: GameState) -> SceneView:
    scene = story.scenes[state.scene]
    paragraphs = tuple(  # style source: a value's brackets are escaped (game.story.styles)
        render(p.text, state, scene.loc, escape_styles)
        for p in scene.text
        if holds(p.condition, state, scene.loc)
    )
    art = None
    if scene.art:
        try:
            art = story.read_asset(scene.art)
        except OSError:
            art = None
    quiz, ending = scene.quiz, scene.ending
    return SceneView(
        scene.id,
        scene.title,
        paragraphs,
        scene.kind,
        art,
        question=render(quiz.question, state, quiz.loc) if quiz is not None else None,
        ending_kind=ending.kind if ending is not None else None,
        ending_summary=render(ending.summary, state, ending.loc) if ending is not None else None,
    )


def visible_choices(story: m.Story, state: GameState) -> tuple[ChoiceView, ...]:
    """The numbered options: choices whose ``if`` holds (disabled ones kept, with
    their hint), a single Continue for ``next`` scenes, or the quiz's options."""
    scene = story.scenes[state.scene]
    if scene.ending is not None:
        return ()
    if scene.quiz is not None:
        return tuple(
            ChoiceView(n, render(o.text, state, o.loc), kind="answer", source=n)
            for n, o in enumerate(scene.quiz.options, 1)
        )
    if scene.next is not None:
        return (ChoiceView(1, "Continue", kind="continue", source=1),)
    views: list[ChoiceView] = []
    for choice in shown_choices(scene, state):
        enabled = holds(choice.enabled_if, state, choice.loc)
        hint = None
        if not enabled and choice.hint is not None:
            hint = render(choice.hint, state, choice.loc)
        views.append(
            ChoiceView(
                len(views) + 1,
                render(choice.text, state, choice.loc),
                enabled,
                hint,
                "choice",
                choice.number,
            )
        )
    return tuple(views)


def shown_choices(scene: m.Scene, state: GameState) -> list[m.Choice]:
    shown = []
    for choice in scene.choices:
        if choice.once and (scene.id, choice.number) in state.taken:
            continue
        if holds(choice.condition, state, choice.loc):
            shown.append(choice)
    return shown


def is_ending(story: m.Story, state: GameState) -> bool:
    return story.scenes[state.scene].ending is not None
