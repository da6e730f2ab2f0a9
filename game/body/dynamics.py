"""How the body moves over an advance: sub-steps of the causal sweep, from perception to mood.

``sweep.sweep`` relaxes every quantity over one sub-step in causal order;
``numerics`` chooses the sub-steps (short while something that matters is in
a fast transient, growing as it settles, never across a bend of a target in
time); ``settle`` puts every quantity on its target in one sweep.
"""

from __future__ import annotations

import math

from game.body import params as P
from game.body.inputs import input_terms
from game.body.modifiers import Effects, compute_effects, onset_under_way
from game.body.numerics import moving_limit, next_substep
from game.body.quantities import COUNT, LIMITERS, TWO_SPEED
from game.body.state import BodyState, Physiology
from game.body.sweep import sweep

_new = tuple.__new__

# Fatigue's target bends where lost sleep starts to count and where it stops growing.
_KINKS_H = (
    P.HOURS_AWAKE_BEFORE_DEBT,
    P.HOURS_AWAKE_BEFORE_DEBT + P.FATIGUE_LOST_SLEEP_MAX / P.FATIGUE_PER_LOST_HOUR,
)


def nerve_capacity(eff: Effects, stores: float) -> float:
    """How much of the LC's NE-making machinery is left (1 = healthy).

    Lost neurons (Parkinson's) or emptied stores (reserpine) are the true
    "too little NE" of the curriculum: they add fatigue, lower mood and
    sharpen pain. Drugs that only change firing or reuptake do not count.
    """
    return min(1.0, stores * eff.lc_capacity)


def _hours_awake_after(hours: float, seconds: float, asleep: bool) -> float:
    """Awake time since the last full sleep; sleep pays it back twice as fast."""
    if asleep:
        hours -= P.SLEEP_REPAYS_PER_HOUR * seconds / P.HOUR
        return hours if hours > 0.0 else 0.0  # (builtin max costs several times more)
    return hours + seconds / P.HOUR


def _next_kink(hours: float) -> float:
    """Seconds until fatigue's target bends (awake time crosses a kink), or inf.
    (Awake only: asleep, fatigue's target does not depend on awake time.)"""
    for kink in _KINKS_H:
        seconds = (kink - hours) * P.HOUR
        if seconds >= P.MIN_SUBSTEP_S:
            return seconds
    return math.inf


def integrate(state: BodyState, seconds: float) -> BodyState:
    """The body ``seconds`` later with the inputs held (seconds > 0)."""
    values = [*state.physiology]
    clock, hours, asleep = state.clock, state.hours_awake, state.sleep
    meds, conditions = state.medications, state.conditions
    k = input_terms(state)
    previous = [0.0] * COUNT
    ended = _ENDED.get(id(state))
    if ended is not None and ended[0] is state:
        # The body an advance gave back, its inputs unchanged: its targets are known.
        targets, taus = list(ended[1]), list(ended[2])
    else:
        # The targets as the advance starts: just after ``clock``, so a medication started
        # now with an immediate effect (no onset time) already acts on them.
        targets, taus = [0.0] * COUNT, [0.0] * COUNT
        sweep(
            values,
            previous,
            targets,
            taus,
            0.0,
            state,
            k,
            compute_effects(conditions, meds, math.nextafter(clock, math.inf)),
            hours,
        )
    # Without medications the effects are the conditions', the same at every sub-step.
    steady = None if meds else compute_effects(conditions, meds, clock)
    # Fatigue's kinks are looked for only when one lies within the advance (a boundary
    # past the end never shortens a sub-step: see next_substep).
    bends = not asleep and _next_kink(hours) <= seconds + 1.0
    left, h = seconds, 0.0
    while left > 0.0:
        limit = moving_limit(
            values,
            previous,
            targets,
            taus,
            h,
            left,
            LIMITERS,
            onset_under_way(meds, clock) if meds else math.inf,
        )
        h = next_substep(h, left, limit, _next_kink(hours) if bends else math.inf)
        left = left - h if h < left else 0.0
        if not left:
            before = values.copy()  # (the last sub-step: see _reusable)
        clock += h
        hours = _hours_awake_after(hours, h, asleep)
        previous, targets = targets, previous
        sweep(
            values,
            previous,
            targets,
            taus,
            h,
            state,
            k,
            compute_effects(conditions, meds, clock) if steady is None else steady,
            hours,
        )
    debt = state.sleep_debt
    if asleep and debt:
        debt = max(0.0, debt - P.SLEEP_DEBT_REPAID_PER_HOUR * seconds / P.HOUR)
    # (tuple.__new__ builds the named tuples without their Python-level __new__: ~1% of an
    # advance; the fields in BodyState's order, as ever.)
    after = _new(
        BodyState,
        (
            state.clock + seconds,
            state.threat,
            state.exercise,
            state.calm,
            asleep,
            state.standing,
            conditions,
            meds,
            hours,
            debt,
            state.awake_at_bedtime,
            state.age,
            _new(Physiology, values),
        ),
    )
    if not meds and _reusable(before, values, targets):  # (see _reusable)
        if len(_ENDED) >= _ENDED_SIZE:
            _ENDED.clear()
        _ENDED[id(after)] = (after, tuple(targets), tuple(taus))
    return after


def _reusable(before: list[float], after: list[float], targets: list[float]) -> bool:
    """Whether the last sweep's time constants are the ones a sweep of the result would pick.

    Its targets are (the same causes, already updated), but a two-speed quantity
    picks its time constant by the side of its target it was on before the sub-step;
    a sweep of the result would see the side it ended on. Without medications (whose
    effects change with the clock) and with every such quantity unmoved or on the same
    side of its target throughout, the next advance from the result starts from these,
    exactly as a sweep of its own would have started it.
    """
    for i in TWO_SPEED:
        target, was, now = targets[i], before[i], after[i]
        if was != now and (target - was) * (target - now) <= 0.0:
            return False
    return True


# The targets and time constants of the bodies advances gave back lately, by identity (the
# body is kept with them, so its id cannot be reused): the next advance from such a body,
# its inputs unchanged, starts from them and saves a sweep. A body with new inputs is a new
# object and starts with a sweep of its own. Cleared when full (one call, safe with threads).
_ENDED: dict[int, tuple[BodyState, tuple[float, ...], tuple[float, ...]]] = {}
_ENDED_SIZE = 8


def settle(state: BodyState) -> BodyState:
    """The steady state for the current inputs and modifiers, with the clock unchanged."""
    values = list(state.physiology)
    sweep(
        values,
        list(values),
        [0.0] * COUNT,
        [0.0] * COUNT,
        math.inf,
        state,
        input_terms(state),
        compute_effects(state.conditions, state.medications, state.clock),
        state.hours_awake,
    )
    return state._replace(physiology=Physiology._make(values))
