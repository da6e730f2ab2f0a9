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
from collections.abc import Iterator

from game.body import params as P


def relax(x: float, target_start: float, target_end: float, h: float, tau: float) -> float:
    """x after ``h`` seconds of relaxing with time constant ``tau`` toward a linear target."""
    z = h / tau
    if z > 700.0:  # far past the time constant: only the lag behind the moving target is left
        return target_end - (target_end - target_start) / z
    decay = math.exp(-z)
    lag = -math.expm1(-z) / z if z > 1e-9 else 1.0 - 0.5 * z
    return target_end + (x - target_start) * decay - (target_end - target_start) * lag


def substeps(seconds: float) -> Iterator[float]:
    """Sub-step lengths that sum to ``seconds``: short first, where inputs just changed.

    Steps start at one second and double up to a few hours, so ten minutes take
    about ten sub-steps and two weeks about a hundred. The last step is shortened
    to land exactly on ``seconds``.
    """
    left = seconds
    h = P.FIRST_SUBSTEP_S
    while left > 0.0:
        step = h if h < left else left
        # avoid a sliver of a last step: take it together with this one
        if left - step < 0.25 * step:
            step = left
        yield step
        left -= step
        h = min(h * P.SUBSTEP_GROWTH, P.MAX_SUBSTEP_S)
