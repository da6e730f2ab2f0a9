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

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from game import body as bm
from game.engine import events as ev
from game.engine.events import Event
from game.engine.state import (
    TRACE_READOUTS,
    GameState,
    QuizRecord,
    TracePoint,
    Value,
    next_random,
    seed_state,
)
from game.story import model as m
from game.story.clock import anchored
from game.story.diagnostics import Loc
from game.story.expr import Expr, ExprEvalError, check_bounds
from game.story.styles import escape_styles
from game.story.templates import Template

MAX_TRACE = 2000


class ActionError(Exception):
    """The player (or a test step) asked for something not possible now:
    a disabled or hidden choice, a quiz answer in a choice scene..."""


class ContentError(Exception):
    """Content failed while playing (e.g. division by zero in an expression).
    Carries the position of the content that failed."""

    def __init__(self, message: str, loc: Loc) -> None:
        super().__init__(f"{loc}: {message}")
        self.message = message
        self.loc = loc


@dataclass(frozen=True, slots=True)
class Transition:
    """One step of play: the state it reached and the events that explain it."""

    state: GameState
    events: tuple[Event, ...]


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


Events = list[Event] | None  # None: a quiet transition, which builds no events


# --- evaluation context ----------------------------------------------------


class _Context:
    """What expressions may see: variables, body readouts, score, clock and
    the five state functions. Nothing else of Python is reachable."""

    __slots__ = ("state",)

    def __init__(self, state: GameState) -> None:
        self.state = state

    def lookup(self, name: str) -> Value:
        state = self.state
        value = state.vars.get(name)
        if value is not None:
            return value
        if name.startswith("body."):
            return bm.readout(state.body, name[5:])
        if name == "score":
            return state.score
        if name == "minutes":
            return state.minutes
        if name == "day":
            return state.day
        if name == "clock":
            return state.time.clock
        raise KeyError(name)

    def call(self, function: str, args: tuple[Value, ...]) -> Value:
        state = self.state
        if function == "visited":
            return state.visits.get(str(args[0]), 0)
        if function == "chose":
            return (str(args[0]), int(args[1])) in state.taken
        if function == "has_condition":
            return str(args[0]) in state.body.conditions
        if function == "on_medication":
            ident = str(args[0])
            return any(med == ident for med, _start in state.body.medications)
        if function == "has_badge":
            return str(args[0]) in state.badges
        raise KeyError(function)


def evaluate(expr: Expr, state: GameState, loc: Loc) -> Value:
    try:
        return expr.evaluate(_Context(state))
    except ExprEvalError as error:
        raise ContentError(f"{error.message} in '{expr.source}'", loc) from None


def holds(expr: Expr | None, state: GameState, loc: Loc) -> bool:
    return True if expr is None else bool(evaluate(expr, state, loc))


def render(
    template: Template, state: GameState, loc: Loc, escape: Callable[[str], str] | None = None
) -> str:
    if template.is_constant:
        return template.source
    try:
        return template.render(_Context(state), escape)
    except ExprEvalError as error:  # its message names the failing ${...}
        raise ContentError(error.message, loc) from None


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
        setup_body.conditions, setup_body.medications, dict(setup_body.inputs), age=story.age
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
    state = _apply_effects(story, state, setup, events)
    state = _enter(story, state, first, events)
    return Transition(state, tuple(events))


# --- what the player sees -------------------------------------------------------


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
    for choice in _shown(scene, state):
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


def _shown(scene: m.Scene, state: GameState) -> list[m.Choice]:
    shown = []
    for choice in scene.choices:
        if choice.once and (scene.id, choice.number) in state.taken:
            continue
        if holds(choice.condition, state, choice.loc):
            shown.append(choice)
    return shown


def is_ending(story: m.Story, state: GameState) -> bool:
    return story.scenes[state.scene].ending is not None


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
    shown = _shown(scene, state)
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
    state = _apply_effects(story, state, choice.effects, events, then_wait=choice.time)
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
    state = _synced(state, *_passed(state.body, state.clock, seconds, events))
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
    if events is not None:
        events.append(ev.SceneEntered(scene.title, scene=target, visit=visit))
    state = _apply_effects(story, state, scene.on_enter, events, then_wait=scene.time)
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


_SUMMARY = (
    ("heart_rate", "heart rate", "bpm", 2.0),
    ("systolic", "systolic pressure", "mmHg", 3.0),
    ("resp_rate", "breathing", "/min", 1.5),
    ("ne", "brain NE", "%", 8.0),
    ("ne_plasma", "blood NE", "pg/mL", 30.0),
    ("glucose", "glucose", "mg/dL", 4.0),
    ("focus", "focus", "", 3.0),
    ("anxiety", "anxiety", "", 3.0),
    ("fatigue", "fatigue", "", 3.0),
    ("mood", "mood", "", 2.0),
)


def _passed(
    body: bm.BodyState, clock: float, seconds: float, events: Events
) -> tuple[bm.BodyState, float]:
    """The body and the clock ``seconds`` later."""
    if seconds <= 0:
        return body, clock
    clock += seconds
    if events is None:
        return bm.advance_state(body, seconds), clock
    after, explanations = bm.advance(body, seconds)
    old, new = bm.readouts(body), bm.readouts(after)
    changes = []
    for name, label, unit, threshold in _SUMMARY:
        was, now = float(old[name]), float(new[name])
        if abs(now - was) >= threshold:
            arrow = "▲" if now > was else "▼"
            changes.append(f"{label} {was:.0f} → {now:.0f}{(' ' + unit) if unit else ''} {arrow}")
    events.append(
        ev.TimePassed(
            f"{format_duration(seconds)} pass" + (": " + ", ".join(changes) if changes else ""),
            seconds=seconds,
            clock=clock,
        )
    )
    for explanation in explanations:
        events.append(
            ev.BodyExplained(
                explanation.text, readouts=tuple(explanation.readouts), organ=explanation.organ
            )
        )
    return after, clock


def _synced(state: GameState, body: bm.BodyState, clock: float) -> GameState:
    if body is state.body and clock == state.clock:
        return state
    return state._replace(body=body, clock=clock)


def format_duration(seconds: float) -> str:
    for unit, size in (("week", 604800), ("day", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            count = seconds / size
            shown = f"{count:.0f}" if abs(count - round(count)) < 0.05 else f"{count:.1f}"
            if unit in ("week", "day"):
                return f"{shown} {unit}{'' if shown == '1' else 's'}"
            return f"{shown} {unit}"
    return f"{seconds:.0f} s"


def _apply_effects(
    story: m.Story,
    state: GameState,
    effects: Iterable[m.Effect],
    events: Events,
    then_wait: float = 0.0,
) -> GameState:
    """Apply ``effects`` in order, then let ``then_wait`` seconds pass (a
    choice's or a scene's time). Runs of body inputs and waits (most effect
    lists are such runs) change only the body and the clock, so those are
    carried along and the state is rebuilt once, before an effect that can
    read them, or at the end."""
    body, clock = state.body, state.clock
    for effect in effects:
        if isinstance(effect, m.BodyInputs):
            if events is not None:
                changes_text = "Body input: " + ", ".join(
                    f"{k} → {_show(v)}" for k, v in effect.changes
                )
                events.append(ev.InputsChanged(changes_text, tuple(effect.changes)))
            body = bm.with_inputs(body, dict(effect.changes))
        elif isinstance(effect, m.Wait):
            body, clock = _passed(body, clock, effect.seconds, events)
        else:
            state = _apply(story, _synced(state, body, clock), effect, events)
            body, clock = state.body, state.clock
    if then_wait:
        body, clock = _passed(body, clock, then_wait, events)
    return _synced(state, body, clock)


def _bounded(value: Value, name: str, loc: Loc) -> Value:
    """A variable never holds an infinite, NaN, huge number or huge text (see
    ``check_bounds``): a loop that doubles one stops with a content error."""
    try:
        return check_bounds(value)
    except ExprEvalError as error:
        raise ContentError(f"{name}: {error.message}", loc) from None


def _apply(story: m.Story, state: GameState, effect: m.Effect, events: Events) -> GameState:
    """One effect other than body inputs and waits (see ``_apply_effects``)."""
    if isinstance(effect, m.SetVars):
        if events is not None:
            for name, value in effect.values:
                events.append(ev.VariableChanged(f"{name} = {value}", name=name, value=value))
        return state.with_vars(dict(effect.values))
    if isinstance(effect, m.AddVars):
        changes: dict[str, Value] = {}
        for name, amount in effect.values:
            current = changes.get(name, state.vars[name])
            changes[name] = _bounded(current + amount, name, effect.loc)  # type: ignore[operator]
            if events is not None:
                text = f"{name} {amount:+g} → {changes[name]}"
                events.append(ev.VariableChanged(text, name=name, value=changes[name]))
        return state.with_vars(changes)
    if isinstance(effect, m.ComputeVars):
        for name, expr in effect.values:
            value = _bounded(evaluate(expr, state, effect.loc), name, effect.loc)
            default = story.variables[name]
            if (
                isinstance(default, int)
                and not isinstance(default, bool)
                and isinstance(value, float)
            ):
                value = round(value)  # whole-number variables stay whole
            elif (
                isinstance(default, float)
                and isinstance(value, int)
                and not isinstance(value, bool)
            ):
                value = float(value)
            if events is not None:
                events.append(ev.VariableChanged(f"{name} = {value}", name=name, value=value))
            state = state.with_vars({name: value})
        return state
    if isinstance(effect, m.ConditionChange | m.MedicationChange):
        change, event, wording = _MODIFIER_CHANGES[effect.action]
        if events is not None:
            known = bm.CONDITIONS if event is ev.ConditionChanged else bm.MEDICATIONS
            text = f"{wording}: {known[effect.id].title}"
            events.append(event(text, id=effect.id, action=effect.action))
        return state._replace(body=change(state.body, effect.id))
    if isinstance(effect, m.UnlockCodex):
        new = [i for i in effect.ids if i not in state.codex]
        if events is not None:
            for ident in new:
                text = f"Codex unlocked: {story.codex[ident].title}"
                events.append(ev.CodexUnlocked(text, id=ident))
        return state._replace(codex=(*state.codex, *new)) if new else state
    if isinstance(effect, m.AddScore):
        score = state.score + effect.points
        if events is not None:
            text = f"{effect.points:+d} points"
            events.append(ev.ScoreChanged(text, points=effect.points, score=score))
        return state._replace(score=score)
    if isinstance(effect, m.AwardBadge):
        if effect.id in state.badges:
            return state
        if events is not None:
            text = f"Badge earned: {story.badges[effect.id].title}"
            events.append(ev.BadgeEarned(text, id=effect.id))
        return state._replace(badges=(*state.badges, effect.id))
    raise TypeError(f"unknown effect {effect!r}")  # pragma: no cover - the model is closed


_MODIFIER_CHANGES: dict[
    str,
    tuple[
        Callable[[bm.BodyState, str], bm.BodyState],
        type[ev.ConditionChanged] | type[ev.MedicationChanged],
        str,
    ],
] = {
    "add": (bm.add_condition, ev.ConditionChanged, "Condition"),
    "remove": (bm.remove_condition, ev.ConditionChanged, "Condition resolved"),
    "start": (bm.start_medication, ev.MedicationChanged, "Medication started"),
    "stop": (bm.stop_medication, ev.MedicationChanged, "Medication stopped"),
}


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


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
