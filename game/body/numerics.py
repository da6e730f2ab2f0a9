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

from game.body import params as P


def relax(x: float, target_start: float, target_end: float, h: float, tau: float) -> float:
    """x after ``h`` seconds of relaxing with time constant ``tau`` toward a linear target."""
    z = h / tau
    gone = -math.expm1(-z)  # 1 - e^-z without losing digits when z is small
    lag = gone / z if z > 1e-9 else 1.0 - 0.5 * z
    return target_end + (x - target_start) * (1.0 - gone) - (target_end - target_start) * lag


def next_substep(previous: float, left: float, limit: float) -> float:
    """The next sub-step: growing geometrically, never past ``limit``, landing on the end.

    ``limit`` comes from the quantities still moving (see ``moving_limit``); the
    first step is short because inputs usually just changed. A sliver of a last
    step is merged into this one.
    """
    h = previous * P.SUBSTEP_GROWTH if previous else P.FIRST_SUBSTEP_S
    h = max(P.MIN_SUBSTEP_S, min(h, P.MAX_SUBSTEP_S, limit))
    return left if h >= 0.8 * left else h


def moving_limit(values: list[float], starts: list[float], ends: list[float],
                 taus: list[float], h: float, scales: tuple[float, ...]) -> float:
    """The longest sub-step that still follows every quantity in a fast transient.

    After a sub-step of ``h`` whose targets went from ``starts`` to ``ends``, a
    quantity is its target, minus a steady lag behind a moving target, plus a
    transient that decays with its time constant. Whatever depends on a
    quantity in a transient sees a curved target; a sub-step of about that time
    constant keeps the straight-line assumption of ``relax`` accurate.
    Quantities that merely follow slow targets impose nothing. (``h`` = 0: the
    targets are not moving yet.)
    """
    fastest = math.inf
    for x, start, end, tau, scale in zip(values, starts, ends, taus, scales, strict=True):
        if tau < fastest:
            lag = tau * (end - start) / h if h else 0.0
            if abs(x - end + lag) > P.SETTLED_FRACTION * scale:
                fastest = tau
    return min(P.MAX_SUBSTEP_S, P.SUBSTEP_PER_TAU * fastest)
