"""Effects and time: what a choice, a scene's entry or a wait does to the
state, with the events that explain it.

Effects apply in order; body inputs and waits change only the body and the
clock, and time passing advances the body model and summarises what moved.
With ``events`` None (a quiet transition) the same state is reached without
building events or explanations.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from game import body as bm
from game.engine import events as ev
from game.engine.context import evaluate
from game.engine.errors import ContentError
from game.engine.events import Event
from game.engine.state import GameState
from game.story import model as m
from game.story.diagnostics import Loc
from game.story.expr import ExprEvalError, Value, check_bounds, stored_as

Events = list[Event] | None  # None: a quiet transition, which builds no events


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


def pass_time(
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


def synced(state: GameState, body: bm.BodyState, clock: float) -> GameState:
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


def apply_effects(
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
            body, clock = pass_time(body, clock, effect.seconds, events)
        else:
            state = _apply(story, synced(state, body, clock), effect, events)
            body, clock = state.body, state.clock
    if then_wait:
        body, clock = pass_time(body, clock, then_wait, events)
    return synced(state, body, clock)


def _bounded(value: Value, name: str, loc: Loc) -> Value:
    """A variable never holds an infinite, NaN, huge number or huge text (see
    ``check_bounds``): a loop that doubles one stops with a content error."""
    try:
        return check_bounds(value)
    except ExprEvalError as error:
        raise ContentError(f"{name}: {error.message}", loc) from None


def _apply(story: m.Story, state: GameState, effect: m.Effect, events: Events) -> GameState:
    """One effect other than body inputs and waits (see ``apply_effects``)."""
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
            value = stored_as(story.variables[name], value)  # whole-number variables stay whole
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
