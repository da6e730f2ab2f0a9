"""Numerics: exact relaxation, stability at any step, long advances that match fine stepping."""

import math

import pytest

from game.body import (
    READOUTS,
    advance,
    initial_state,
    readouts,
    start_medication,
    with_inputs,
)
from game.body import params as P
from game.body.modifiers import _CONDITIONS
from game.body.numerics import relax

DAY = 86400.0
TWO_WEEKS = 14 * DAY


def test_relax_is_exact_for_a_fixed_target():
    for h, tau in ((1.0, 10.0), (600.0, 3.0), (1e-12, 5.0), (1e6, 1.0)):
        expected = 5.0 + (1.0 - 5.0) * math.exp(-h / tau)
        assert relax(1.0, 5.0, 5.0, h, tau) == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_relax_follows_a_linear_target_exactly():
    """dx/dt = (a + b t - x) / tau has the lag b * tau once the start is forgotten."""
    tau, h = 30.0, 1000.0
    x = relax(0.0, 0.0, 2.0 * h, h, tau)  # target 2 t
    assert x == pytest.approx(2.0 * h - 2.0 * tau, rel=1e-9)


@pytest.mark.parametrize("x", [-10.0, 0.0, 3.0, 20.0])
@pytest.mark.parametrize("h", [1e-6, 1.0, 60.0, 1e5, 1e9])
def test_relax_never_leaves_the_range_of_its_inputs(x, h):
    value = relax(x, 2.0, 8.0, h, 15.0)
    assert min(x, 2.0, 8.0) <= value <= max(x, 2.0, 8.0)


def busy_two_weeks(sleep):
    """Every slow process at once: load, medication onsets, emptying stores, training."""
    s = initial_state(["chronic_stress"])
    for drug in ("snri", "reserpine"):
        s = start_medication(s, drug)
    return with_inputs(
        s, {"threat": 0.6, "exercise": 0.3, "calm": 0.2, "meal": 1.0, "sleep": sleep}
    )


def step_finely(state, seconds):
    """One-minute steps for the first six hours (the fast transients), then ten-minute steps."""
    end = state.clock + seconds
    for _ in range(360):
        state, _ = advance(state, 60.0)
    while state.clock < end:
        state, _ = advance(state, min(600.0, end - state.clock))
    return state


@pytest.mark.parametrize("sleep", [False, True])
def test_fourteen_days_in_one_call_match_fine_stepping_within_2_percent(sleep):
    start = busy_two_weeks(sleep)
    one, _ = advance(start, TWO_WEEKS)
    fine = step_finely(start, TWO_WEEKS)
    assert one.clock == fine.clock == pytest.approx(TWO_WEEKS)
    got, want = readouts(one), readouts(fine)
    for name, spec in READOUTS.items():
        if spec.kind == "number":
            assert abs(got[name] - want[name]) <= 0.02 * max(abs(want[name]), 1.0), name
        else:
            assert got[name] == want[name]


def test_a_scene_in_one_call_matches_one_second_steps():
    start = with_inputs(initial_state(), {"threat": 1.0, "exercise": 0.5, "meal": 1.0})
    one, _ = advance(start, 600.0)
    fine = start
    for _ in range(600):
        fine, _ = advance(fine, 1.0)
    got, want = readouts(one), readouts(fine)
    for name, spec in READOUTS.items():
        if spec.kind == "number":
            assert abs(got[name] - want[name]) <= 0.01 * max(abs(want[name]), 1.0), name


def test_tiny_and_huge_steps_are_stable():
    s = with_inputs(initial_state(), {"threat": 1.0})
    for seconds in (1e-9, 0.01, 1.0, 1e7):
        s, _ = advance(s, seconds)
        assert all(not isinstance(v, float) or math.isfinite(v) for v in readouts(s).values())


def test_long_awake_advance_in_one_call_follows_the_fatigue_kinks():
    """Lost sleep starts to count at 16 h awake and stops growing later: sub-steps stop there."""
    start = initial_state()
    one, _ = advance(start, 20 * 3600.0)
    fine = start
    for _ in range(20 * 60):
        fine, _ = advance(fine, 60.0)
    assert readouts(one)["fatigue"] == pytest.approx(readouts(fine)["fatigue"], abs=0.01)
    assert one.hours_awake == pytest.approx(fine.hours_awake, rel=1e-12)


def test_glucose_memory_covers_the_slowest_condition():
    """The sub-step schedule assumes no glucose return slower than MAX_GLUCOSE_TAU_FACTOR."""
    assert max(e.glucose_tau_factor for _, e in _CONDITIONS) <= P.MAX_GLUCOSE_TAU_FACTOR


@pytest.mark.parametrize("seconds", [30.0, 600.0, 3600.0, 8 * 3600.0])
def test_after_a_threat_and_a_meal_one_call_matches_one_minute_steps(seconds):
    """The first sub-steps follow the fast transients that anything downstream can see."""
    start = with_inputs(
        initial_state(["diabetic_neuropathy"]), {"threat": 1.0, "meal": 1.0, "calm": 0.3}
    )
    one, _ = advance(start, seconds)
    fine = start
    for _ in range(int(seconds // 10)):
        fine, _ = advance(fine, 10.0)
    got, want = readouts(one), readouts(fine)
    for name, spec in READOUTS.items():
        if spec.kind == "number":
            assert abs(got[name] - want[name]) <= 0.01 * max(abs(want[name]), 1.0), name


def test_every_quantity_with_dependants_can_limit_sub_steps():
    """Only quantities nothing depends on are left out (brain NE follows the burst)."""
    from game.body import quantities

    limiting = {i for i, _, _ in quantities.LIMITERS}
    assert limiting == set(quantities.DOWNSTREAM_TAU_S)
    assert all(memory > 0.0 and threshold > 0.0 for _, memory, threshold in quantities.LIMITERS)
