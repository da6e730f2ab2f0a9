"""The state machine: everything a player or a tool can do to a game.

The TUI, the plain front end, walkthrough tests and random playtests all call
these functions, so a test of one is a test of all. Each function takes the
(immutable) story and state and returns a ``Transition``: the new state and the
events that explain it. ``Game`` adds the undo stack on top.

The order of a turn is the contract's: a choice's effects apply in order, then
its time passes, then its route is evaluated; entering a scene counts the
visit, applies ``on_enter``, lets the scene's time pass, and only then is the
scene shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType

from game import body as bm
from game.engine import events as ev
from game.engine.context import evaluate, holds, render
from game.engine.effects import Events, apply_effects, format_duration, pass_time, synced
from game.engine.errors import ActionError, ContentError
from game.engine.events import Event
from game.engine.state import (
    TRACE_READOUTS,
    GameState,
    QuizRecord,
    TracePoint,
    next_random,
    seed_state,
)
from game.engine.views import (
    ChoiceView,
    SceneView,
    is_ending,
    scene_view,
    shown_choices,
    visible_choices,
)
from game.story import model as m
from game.story.clock import anchored

# The front ends, tools and tests import all of this from here, the entry
# point; the phases live in context.py (what expressions see), views.py (what
# the player sees), effects.py (effects and time) and errors.py.
__all__ = [
    "MAX_TRACE",
    "ActionError",
    "ChoiceView",
    "ContentError",
    "Game",
    "SceneView",
    "Transition",
    "act",
    "answer",
    "choose",
    "evaluate",
    "format_duration",
    "holds",
    "is_ending",
    "new_game",
    "render",
    "scene_view",
    "visible_choices",
    "wait",
]

MAX_TRACE = 2000


@dataclass(frozen=True, slots=True)
class Transition:
    """One step of play: the state it reached and the events that explain it."""

    state: GameState
    events: tuple[Event, ...]


# --- starting ------------------------------------------------------------------


def new_game(
    story: m.Story,
    *,
    seed: int = 0,
    storyline: str | None = None,
    start: str | None = None,
    setup: Sequence[m.Effect] = (),
) -> Transition:
    """Begin at the story start, a storyline's start, or any scene; ``setup``
    effects (from walkthrough tests) apply before the first scene."""
    if storyline is not None and storyline not in story.storylines:
        raise ActionError(f"unknown storyline '{storyline}'")
    if start is not None and start not in story.scenes:
        raise ActionError(f"unknown scene '{start}'")
    first = start or (story.storylines[storyline].start if storyline else story.start)
    setup_body = story.body
    body_state = bm.initial_state(
        setup_body.conditions,
        setup_body.medications,
        dict(setup_body.inputs),
        age=story.age_in(storyline),
    )
    state = GameState(
        scene=first,
        vars=MappingProxyType(dict(story.variables)),
        visits=MappingProxyType({}),
        taken=frozenset(),
        clock=0.0,
        body=body_state,
        rng=seed_state(seed),
        storyline=storyline,
        start_time=story.start_time(storyline),
    )
    events: list[Event] = [
        ev.GameStarted(
            f"New game: {story.title}"
            + (f" — {story.storylines[storyline].title}" if storyline else ""),
            pack=story.id,
            storyline=storyline,
            seed=seed,
            scene=first,
        )
    ]
    state = _record(state, None)
    state = apply_effects(story, state, setup, events)
    state = _enter(story, state, first, events)
    return Transition(state, tuple(events))


# --- what the player sees -------------------------------------------------------


# --- acting ---------------------------------------------------------------------
#
# Every action takes ``quiet``: a quiet transition reaches exactly the same
# state, and fails where a loud one would, but builds no events, body
# explanations or debrief trace points, and does not render again the text of
# the option taken (it was rendered when it was shown). Tools that only follow
# states (random playtests, exploration) take tens of thousands of steps, and
# explaining them was most of their time.


def choose(story: m.Story, state: GameState, number: int, *, quiet: bool = False) -> Transition:
    """Take visible option ``number`` (1-based) of a choices or next scene."""
    scene = story.scenes[state.scene]
    if scene.ending is not None:
        raise ActionError("the story has ended; there is nothing to choose")
    if scene.quiz is not None:
        raise ActionError("this is a quiz: answer it instead of choosing")
    events: Events = None if quiet else []
    if scene.next is not None:
        if number != 1:
            raise ActionError("the only option here is 1 (Continue)")
        if events is not None:
            events.append(ev.ChoiceTaken("Continue", scene=scene.id, number=1))
        state = state._replace(turn=state.turn + 1)
        state, target = _route(story, state, scene.next, events)
        state = _enter(story, state, target, events, label=None)
        return Transition(state, tuple(events or ()))
    shown = shown_choices(scene, state)
    if not 1 <= number <= len(shown):
        raise ActionError(f"there is no choice {number} here (1 to {len(shown)})")
    choice = shown[number - 1]
    if not holds(choice.enabled_if, state, choice.loc):
        hint = render(choice.hint, state, choice.loc) if choice.hint else "not possible now"
        raise ActionError(f"choice {number} is not available: {hint}")
    text = None
    if events is not None:  # the text as shown, for the log and the debrief chart's label
        text = render(choice.text, state, choice.loc)
        events.append(ev.ChoiceTaken(text, scene=scene.id, number=choice.number))
    state = state._replace(taken=state.taken | {(scene.id, choice.number)}, turn=state.turn + 1)
    state = apply_effects(story, state, choice.effects, events, then_wait=choice.time)
    state, target = _route(story, state, choice.goto, events)
    state = _enter(story, state, target, events, label=text)
    return Transition(state, tuple(events or ()))


def answer(story: m.Story, state: GameState, number: int, *, quiet: bool = False) -> Transition:
    """Answer the quiz of the current scene; its ``next`` route follows at once."""
    scene = story.scenes[state.scene]
    quiz = scene.quiz
    if quiz is None:
        raise ActionError("there is no quiz here")
    if not 1 <= number <= len(quiz.options):
        raise ActionError(f"there is no option {number} (1 to {len(quiz.options)})")
    option = quiz.options[number - 1]
    earned = quiz.points if option.correct else 0
    # The feedback is rendered even when quiet: it is first shown now, so this is where
    # a template error in it shows (a quiet playtest must find what play would).
    feedback = render(option.feedback, state, option.loc) if option.feedback else ""
    events: Events = None if quiet else []
    if events is not None:
        text = render(option.text, state, option.loc)
        events.append(
            ev.AnswerGiven(
                ("Correct. " if option.correct else "Not quite. ") + feedback,
                scene=scene.id,
                objective=quiz.objective,
                option=number,
                option_text=text,
                correct=option.correct,
                points=earned,
                possible=quiz.points,
                feedback=feedback,
                correct_option=quiz.correct_number,
            )
        )
    record = QuizRecord(
        scene.id, quiz.objective, number, option.correct, earned, quiz.points, state.clock
    )
    state = state._replace(
        answers=(*state.answers, record),
        score=state.score + earned,
        turn=state.turn + 1,
    )
    if earned and events is not None:
        events.append(ev.ScoreChanged(f"+{earned} points", points=earned, score=state.score))
    assert scene.next is not None  # the loader guarantees quiz scenes have next
    state, target = _route(story, state, scene.next, events)
    state = _enter(story, state, target, events)
    return Transition(state, tuple(events or ()))


def act(story: m.Story, state: GameState, number: int, *, quiet: bool = False) -> Transition:
    """Take option ``number`` as the player sees it: an answer in a quiz
    scene, a choice (or Continue) anywhere else."""
    if story.scenes[state.scene].quiz is not None:
        return answer(story, state, number, quiet=quiet)
    return choose(story, state, number, quiet=quiet)


def wait(story: m.Story, state: GameState, seconds: float, *, quiet: bool = False) -> Transition:
    """Let game time pass without a choice (walkthrough ``wait``)."""
    events: Events = None if quiet else []
    state = synced(state, *pass_time(state.body, state.clock, seconds, events))
    return Transition(state, tuple(events or ()))


# --- internals --------------------------------------------------------------------


def _route(
    story: m.Story, state: GameState, route: m.Route, events: Events
) -> tuple[GameState, str]:
    if route.random:
        total = sum(branch.weight for branch in route.branches)
        rng, draw = next_random(state.rng)
        state = state._replace(rng=rng)
        pick = draw * total
        chosen = route.branches[-1]
        for branch in route.branches:
            if pick < branch.weight:
                chosen = branch
                break
            pick -= branch.weight
        if events is not None:
            title = story.scenes[chosen.to].title
            events.append(ev.RouteTaken(f"Chance led to {title}", to=chosen.to, random=True))
        return state, chosen.to
    for branch in route.branches:
        if holds(branch.condition, state, branch.loc):
            condition = branch.condition
            if condition is not None and events is not None:
                events.append(
                    ev.RouteTaken(
                        f"Because {condition.source}", to=branch.to, condition=condition.source
                    )
                )
            return state, branch.to
    raise ContentError("no route condition holds and there is no fallback", route.loc)


def _enter(
    story: m.Story,
    state: GameState,
    target: str,
    events: Events,
    label: str | None = None,
) -> GameState:
    scene = story.scenes[target]
    visits = dict(state.visits)
    visits[target] = visit = visits.get(target, 0) + 1
    state = state._replace(scene=target, visits=MappingProxyType(visits))
    chapter = story.chapter_start(target) if visit == 1 else None
    if chapter is not None:  # a storyline begins here: the story's clock says when
        state = state._replace(start_time=anchored(chapter, state.clock))
    age = story.chapter_age(target) if visit == 1 else None
    if age is not None and age != state.body.age:  # ... and whose body it is
        state = state._replace(body=state.body._replace(age=age))
    if events is not None:
        events.append(ev.SceneEntered(scene.title, scene=target, visit=visit))
    state = apply_effects(story, state, scene.on_enter, events, then_wait=scene.time)
    if events is None:
        return state
    state = _record(state, label)
    if scene.ending is not None:
        events.append(
            ev.EndingReached(
                render(scene.ending.summary, state, scene.ending.loc),
                scene=target,
                ending_kind=scene.ending.kind,
                score=state.score,
            )
        )
    return state


def _record(state: GameState, label: str | None) -> GameState:
    values = tuple(float(bm.readout(state.body, name)) for name in TRACE_READOUTS)
    point = TracePoint(state.clock, state.scene, values, label)
    trace = state.trace
    last = trace[-1] if trace else None
    if last and last.clock == point.clock and last.values == values and label in (None, last.label):
        return state  # nothing new to chart
    trace = (*trace, point)
    if len(trace) > MAX_TRACE:
        trace = trace[-MAX_TRACE:]
    return state._replace(trace=trace)


# --- undo -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Game:
    """A playthrough with its undo stack: every step since the start."""

    story: m.Story
    steps: tuple[Transition, ...]

    @classmethod
    def start(cls, story: m.Story, **options: object) -> Game:
        return cls(story, (new_game(story, **options),))  # type: ignore[arg-type]

    @property
    def state(self) -> GameState:
        return self.steps[-1].state

    @property
    def last_events(self) -> tuple[Event, ...]:
        return self.steps[-1].events

    @property
    def can_undo(self) -> bool:
        return len(self.steps) > 1

    @property
    def ended(self) -> bool:
        return is_ending(self.story, self.state)

    def view(self) -> SceneView:
        return scene_view(self.story, self.state)

    def options(self) -> tuple[ChoiceView, ...]:
        return visible_choices(self.story, self.state)

    def choose(self, number: int) -> Game:
        return self._push(choose(self.story, self.state, number))

    def answer(self, number: int) -> Game:
        return self._push(answer(self.story, self.state, number))

    def act(self, number: int) -> Game:
        """Choose or answer, whichever the current scene takes."""
        return self._push(act(self.story, self.state, number))

    def wait(self, seconds: float) -> Game:
        return self._push(wait(self.story, self.state, seconds))

    def undo(self, count: int = 1) -> Game:
        if count < 1 or not self.can_undo:
            return self
        keep = max(1, len(self.steps) - count)
        return Game(self.story, self.steps[:keep])

    def _push(self, step: Transition) -> Game:
        return Game(self.story, (*self.steps, step))
