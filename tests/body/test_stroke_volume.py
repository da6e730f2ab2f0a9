"""Cardiac output is heart rate times stroke volume, and each of stroke
volume's factors moves it the way docs/science.md ("Cardiac output") says:
effort fills and empties the heart more (up, not down), training makes each
beat bigger (up, so a trained heart at rest beats slower for the same 5
L/min), standing pools blood in the legs (down), a beta blocker weakens the
beat a little (down).

Stroke volume is read back from the public readouts (output / rate), so
these hold whatever the integrator's schedule: the states are minutes into
steady inputs, near their plateaus, and the bands are wide.
"""

from __future__ import annotations

import pytest

from game.body import (
    advance,
    from_dict,
    initial_state,
    readouts,
    start_medication,
    to_dict,
    with_inputs,
)

REST = initial_state()
MIN = 60.0


def stroke_ml(body) -> float:
    values = readouts(body)
    return 1000.0 * values["cardiac_output"] / values["heart_rate"]


def after(body, seconds: float, **inputs):
    return advance(with_inputs(body, inputs), seconds)[0]


def test_at_rest_the_heart_moves_5_litres_a_minute_at_70_bpm() -> None:
    assert readouts(REST)["cardiac_output"] == pytest.approx(5.0)
    assert stroke_ml(REST) == pytest.approx(5000.0 / 70.0)


@pytest.mark.parametrize("minutes", [3, 10])
def test_an_all_out_effort_raises_stroke_volume_and_output_toward_20_litres(minutes) -> None:
    sprint = after(REST, minutes * MIN, exercise=1.0)
    assert 15.0 <= readouts(sprint)["cardiac_output"] <= 20.0
    assert 1.25 <= stroke_ml(sprint) / stroke_ml(REST) <= 1.5


def test_moderate_effort_raises_stroke_volume_less_than_all_out() -> None:
    moderate, sprint = after(REST, 10 * MIN, exercise=0.5), after(REST, 10 * MIN, exercise=1.0)
    assert stroke_ml(REST) < stroke_ml(moderate) < stroke_ml(sprint)
    assert readouts(REST)["cardiac_output"] < readouts(moderate)["cardiac_output"]


def test_standing_lowers_stroke_volume_while_the_heart_beats_faster() -> None:
    standing = after(REST, 10 * MIN, standing=True)
    assert readouts(standing)["heart_rate"] > readouts(REST)["heart_rate"]
    assert 0.7 <= stroke_ml(standing) / stroke_ml(REST) <= 0.9
    assert readouts(standing)["cardiac_output"] < readouts(REST)["cardiac_output"]


def test_a_beta_blocker_slows_the_heart_and_barely_weakens_its_beat() -> None:
    blocked = advance(start_medication(REST, "beta_blocker"), 6 * 3600)[0]
    assert readouts(blocked)["heart_rate"] < readouts(REST)["heart_rate"] - 5
    assert 0.97 <= stroke_ml(blocked) / stroke_ml(REST) < 1.0


def test_a_trained_heart_beats_slower_at_rest_for_the_same_output() -> None:
    saved = to_dict(REST)
    saved["physiology"]["training"] = 1.0  # weeks of regular exercise, as a save holds them
    trained = after(from_dict(saved), 10 * MIN)
    assert readouts(trained)["heart_rate"] < readouts(REST)["heart_rate"] - 5
    assert readouts(trained)["cardiac_output"] == pytest.approx(5.0, abs=0.25)
    assert 1.1 <= stroke_ml(trained) / stroke_ml(REST) <= 1.25
    sprint = after(trained, 10 * MIN, exercise=1.0)
    assert stroke_ml(sprint) / stroke_ml(trained) >= 1.2  # effort still adds its share
