"""A target that passes its two-speed quantity within a sub-step (numerics.relax_across).

The asleep LC falls with a ten-minute time constant and rises with a
ten-second one. A sub-step that began with the LC above its rising target,
and ended with the target past it, used to relax all of it with the slow
time constant, leaving the LC (and brain NE, focus and alertness) behind:
the same hour advanced in 1,000 + 2,600 s then landed further from fine
stepping than in one call, past the bound of
test_properties.py::test_advancing_in_two_parts_lands_close_to_one.
"""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from game.body import BodyState, advance_state, initial_state, readouts, with_inputs
from game.body.numerics import relax, relax_across

# The body of the property's failures: four conditions, three medications, asleep under a threat
# that came with effort (the effort's trace keeps the heart's drive moving as the LC settles).
CONDITIONS = ["chronic_stress", "diabetic_neuropathy", "hypothyroidism", "parkinsons"]
MEDICATIONS = ["beta_blocker", "clonidine", "nri"]


def _asleep_under_threat() -> BodyState:
    body = with_inputs(initial_state(CONDITIONS, MEDICATIONS), {"threat": 0.25, "exercise": 0.7})
    return with_inputs(body, {"sleep": True})


def _fine(body: BodyState, seconds: float, step: float = 1.0) -> BodyState:
    left = seconds
    while left > 1e-9:
        h = min(step, left)
        body, left = advance_state(body, h), left - h
    return body


def test_an_hour_asleep_in_two_parts_lands_where_one_call_and_fine_stepping_do():
    body = _asleep_under_threat()
    whole = readouts(advance_state(body, 3600.0))
    parts = readouts(advance_state(advance_state(body, 1000.0), 2600.0))
    fine = readouts(_fine(body, 3600.0))
    # Before relax_across: brain NE 40.01 in two parts, 40.22 in one, 40.23 stepping each second.
    assert abs(parts["ne"] - fine["ne"]) < 0.05
    assert abs(parts["lc_rate"] - fine["lc_rate"]) < 0.001
    for name in ("ne", "focus", "alertness"):
        # The property's bound (focus: 9.02 in two parts against 9.23 in one, before).
        assert abs(whole[name] - parts[name]) <= 0.02 * max(abs(parts[name]), 10.0), name


def _stepped(x: float, start: float, end: float, h: float, above: float, below: float) -> float:
    """Many small relaxations, each with the time constant of the side it starts on."""
    steps = 4000
    for n in range(steps):
        a = start + (end - start) * n / steps
        b = start + (end - start) * (n + 1) / steps
        tau = above if x > a or (x == a and b < a) else below
        x = relax(x, a, b, h / steps, tau)
    return x


level = st.floats(min_value=-2.0, max_value=2.0, allow_nan=False)
tau = st.floats(min_value=5.0, max_value=900.0)


@settings(max_examples=60, deadline=None)
@given(level, level, level, st.floats(min_value=1.0, max_value=3000.0), tau, tau)
def test_relax_across_follows_the_side_the_quantity_is_on_at_every_moment(
    x, start, end, h, above, below
):
    got = relax_across(x, start, end, h, above, below)
    want = _stepped(x, start, end, h, above, below)
    # Fine stepping is first order where the side changes: a small multiple of its step.
    assert math.isclose(got, want, abs_tol=2e-3 * (abs(x - start) + abs(end - start) + 1e-9))
    assert min(x, start, end) <= got <= max(x, start, end)  # never past the targets


@given(level, level, st.floats(min_value=1.0, max_value=3000.0), tau, tau)
def test_with_a_target_that_never_reaches_it_relax_across_is_relax(x, gap, h, above, below):
    start = end = x - gap  # a target that does not move: it can never pass the quantity
    tau_of_side = above if x > start else below
    assert relax_across(x, start, end, h, above, below) == relax(x, start, end, h, tau_of_side)


@given(level, level, level, st.floats(min_value=1e-300, max_value=1e-6), tau, tau)
def test_relax_across_over_a_vanishing_sub_step_stays_put(x, start, end, h, above, below):
    got = relax_across(x, start, end, h, above, below)  # (no slope computed: rise / h overflows)
    # It moves at most h / tau of the widest gap (and the rounding of a sum of targets).
    moved = h / min(above, below) * (abs(x - start) + abs(end - start))
    assert abs(got - x) <= moved + 1e-12
