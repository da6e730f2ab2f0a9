"""Exact relaxation toward a moving target, and the sub-step schedule.

Every quantity of the model relaxes toward a target with a time constant:
dx/dt = (target(t) - x) / tau. Over one sub-step the target is taken to move
in a straight line from its value at the start to its value at the end, and
that equation is solved exactly. The result is a weighted average of x, the
start target and the end target with non-negative weights, so it can never
overshoot, blow up or leave the range the targets stay in, whatever the step:
one second or a week. It is second-order accurate for smooth targets, which
is why long advances need few sub-steps.
"""

from __future__ import annotations

import math
from math import expm1, log1p, sqrt

from game.body.params import (
    ERROR_RATIO,
    FIRST_SUBSTEP_PER_TAU,
    MAX_SUBSTEP_S,
    MIN_SUBSTEP_S,
    SUBSTEP_GROWTH,
    SUBSTEP_PER_TAU,
)


def relax(x: float, target_start: float, target_end: float, h: float, tau: float) -> float:
    """x after ``h`` seconds of relaxing with time constant ``tau`` toward a linear target.

    (sweep.py writes this out for every quantity, with the same operations.)"""
    z = h / tau
    gone = -expm1(-z)  # 1 - e^-z without losing digits when z is small
    lag = gone / z if z > 1e-9 else 1.0 - 0.5 * z
    return target_end + (x - target_start) * (1.0 - gone) - (target_end - target_start) * lag


def relax_across(
    x: float, target_start: float, target_end: float, h: float, above: float, below: float
) -> float:
    """``relax`` for a quantity that is slower on one side of its target than on the other.

    ``above`` is the time constant while the quantity is above its target,
    ``below`` while it is below. The sweep picks one for a whole sub-step; when
    the moving target passes the quantity within it, the other one holds from
    then on. Toward a straight-line target the gap x - target is
    -tau*slope + (gap0 + tau*slope)*e^(-t/tau), so the target meets the
    quantity at t = tau*ln(1 + gap0/(tau*slope)) when the gap and the slope
    have the same sign (the target moving toward it), and the rest of the
    sub-step relaxes from there with the other time constant.
    """
    rise = target_end - target_start  # (slope = rise / h, kept apart: h may be tiny)
    gap = x - target_start
    tau, other = (above, below) if gap > 0.0 or (gap == 0.0 and rise < 0.0) else (below, above)
    if gap * rise > 0.0:
        meets = tau * log1p(gap * h / (tau * rise))
        if meets < h:
            met = target_start + rise * (meets / h)
            return relax(met, met, target_end, h - meets, other)
    return relax(x, target_start, target_end, h, tau)


def next_substep(previous: float, left: float, limit: float, boundary: float = math.inf) -> float:
    """The next sub-step: growing geometrically, never past ``limit``, landing on the end.

    ``limit`` comes from the quantities still moving (see ``moving_limit``); the
    first sub-step is as long as it allows (a fraction of the fastest transient
    right after a change of inputs, the whole advance for a settled body). A
    sliver of a last step is merged into this one if the limit allows. A
    sub-step never crosses ``boundary``, a kink of a target in time (it would
    bend the straight line ``relax`` assumes).
    """
    h = previous * SUBSTEP_GROWTH if previous else limit
    # (Comparisons written out: builtin min and max cost several times more.)
    if h > MAX_SUBSTEP_S:
        h = MAX_SUBSTEP_S
    if h > limit:
        h = limit
    if h < MIN_SUBSTEP_S:
        h = MIN_SUBSTEP_S
    if h >= 0.8 * left and left <= boundary and left <= limit:
        return left
    if h > boundary:
        h = boundary
    return h if h < left else left  # never past the end, even when held to MIN_SUBSTEP_S


def moving_limit(
    values: list[float],
    starts: list[float],
    ends: list[float],
    taus: list[float],
    h: float,
    left: float,
    limiters: tuple[tuple[int, float, float], ...],
    onset_tau: float = math.inf,
) -> float:
    """The longest sub-step that still follows every fast transient that matters.

    After a sub-step of ``h`` whose targets went from ``starts`` to ``ends``, a
    quantity is its target, minus a steady lag behind a moving target, plus a
    transient that decays with its time constant. Whatever depends on a
    quantity in a transient sees a curved target, and ``relax`` draws a
    straight line through it: the chord's error grows with the sub-step (in
    time constants) and with the transient's size, so a sub-step may be the
    longer the smaller the transient left. Each limiter's sub-step is
    ``SUBSTEP_PER_TAU`` time constants for a transient of ``ERROR_RATIO``
    times its threshold, longer as the square root of how much smaller it is
    (so at most sqrt(``ERROR_RATIO``) times longer, just above the threshold),
    shorter as it is bigger; a transient below the threshold asks nothing.
    Quantities that merely follow slow targets impose nothing, and neither do
    those nothing depends on (``relax`` solves a quantity's own transient
    exactly; only what depends on it sees the curve). ``limiters`` holds
    (index, memory, threshold) for the others, fastest first, where threshold
    is ``SETTLED_FRACTION`` x the quantity's scale and memory is how long
    their dependants take to forget (``FORGET_AFTER`` x the longest time
    constant downstream): a transient that ends more than that before the
    end of the advance cannot show in the result, so it only asks that the
    sub-step stop that long before the end. A medication's onset (time
    constant ``onset_tau``) bends every target it touches and counts like a
    transient. (``h`` = 0: the targets are not moving yet, and the first
    sub-step is ``FIRST_SUBSTEP_PER_TAU`` where the others are
    ``SUBSTEP_PER_TAU``, from where sub-steps grow.)
    """
    base = SUBSTEP_PER_TAU if h else FIRST_SUBSTEP_PER_TAU
    limit = base * onset_tau
    cap = math.inf
    for i, memory, threshold in limiters:
        end = ends[i]
        if h:
            transient = abs(values[i] - end + taus[i] * (end - starts[i]) / h)
        else:
            transient = abs(values[i] - end)
        if transient > threshold:
            if left <= memory:
                step = taus[i] * base * sqrt(ERROR_RATIO * threshold / transient)
                if step < limit:
                    limit = step
            elif left - memory < cap:
                cap = left - memory
    if cap < limit:
        limit = cap
    return limit if limit < MAX_SUBSTEP_S else MAX_SUBSTEP_S
