"""Every row of physiology.md's calibration table, through the public interface.

Healthy adult, starting at rest, awake, no modifiers. "Threat 0.5 for 3 min"
means the input is set once and 3 min of game time pass.
"""

import pytest

from game.body import READOUTS, advance, initial_state, readout, readouts, with_inputs

MIN = 60.0
HOUR = 3600.0


def after(state, seconds, **inputs):
    """Set ``inputs`` (if any), then let ``seconds`` pass."""
    if inputs:
        state = with_inputs(state, inputs)
    return advance(state, seconds)[0]


@pytest.fixture(scope="module")
def rest():
    return initial_state()


def rise(state, base, name):
    return readout(state, name) - readout(base, name)


def test_rest_for_12_hours_stays_within_5_percent(rest):
    later = readouts(after(rest, 12 * HOUR))
    for name, spec in READOUTS.items():
        if spec.kind == "text":
            assert later[name] == spec.rest
        else:
            assert abs(later[name] - spec.rest) <= 0.05 * abs(spec.rest), name


class TestThreatHalfForThreeMinutes:
    @pytest.fixture(scope="class")
    def stressed(self, rest):
        return after(rest, 3 * MIN, threat=0.5)

    def test_heart_rate_rises_15_to_30(self, rest, stressed):
        assert 15 <= rise(stressed, rest, "heart_rate") <= 30

    def test_pressure_rises_10_to_22_over_8_to_16(self, rest, stressed):
        assert 10 <= rise(stressed, rest, "systolic") <= 22
        assert 8 <= rise(stressed, rest, "diastolic") <= 16

    def test_plasma_ne_rises_60_to_120_percent(self, rest, stressed):
        assert 0.60 <= rise(stressed, rest, "ne_plasma") / readout(rest, "ne_plasma") <= 1.20

    def test_breathing_17_to_24(self, stressed):
        assert 17 <= readout(stressed, "resp_rate") <= 24


class TestBear:
    """Threat 1.0 for 1 min."""

    @pytest.fixture(scope="class")
    def bear(self, rest):
        return after(rest, 1 * MIN, threat=1.0)

    def test_heart_rate_115_to_160(self, bear):
        assert 115 <= readout(bear, "heart_rate") <= 160

    def test_systolic_145_to_175(self, bear):
        assert 145 <= readout(bear, "systolic") <= 175

    def test_plasma_ne_500_to_1200(self, bear):
        assert 500 <= readout(bear, "ne_plasma") <= 1200

    def test_pupils_5_5_to_7_5_mm(self, bear):
        assert 5.5 <= readout(bear, "pupil") <= 7.5

    def test_glucose_10_min_later_105_to_140(self, bear):
        assert 105 <= readout(after(bear, 10 * MIN), "glucose") <= 140

    def test_digestion_below_50(self, bear):
        assert readout(bear, "digestion") < 50

    def test_focus_falls_past_the_top_of_the_inverted_u(self, rest, bear):
        assert readout(bear, "focus") < readout(rest, "focus")
        assert readout(bear, "lc_mode") == "high_tonic"


class TestAfterTheThreatEnds:
    def test_heart_rate_within_10_percent_of_rest_after_10_min(self, rest):
        for minutes in (1, 2, 10):
            ended = after(after(rest, minutes * MIN, threat=1.0), 10 * MIN, threat=0)
            assert abs(readout(ended, "heart_rate") - 70) <= 7, minutes

    @pytest.mark.parametrize("threat", [0.5, 1.0])
    def test_systolic_still_3_to_8_above_rest_15_min_after_a_2_min_stressor(self, rest, threat):
        ended = after(after(rest, 2 * MIN, threat=threat), 15 * MIN, threat=0)
        assert 3 <= rise(ended, rest, "systolic") <= 8

    def test_plasma_ne_rise_halves_in_2_to_3_min(self, rest):
        """The rise above rest halves with the 2.4-min plasma half-life."""
        ended = with_inputs(after(rest, 2 * MIN, threat=1.0), {"threat": 0})
        peak = rise(ended, rest, "ne_plasma")
        assert rise(after(ended, 2 * MIN), rest, "ne_plasma") > peak / 2
        assert rise(after(ended, 3 * MIN), rest, "ne_plasma") < peak / 2

    def test_glucose_within_10_percent_of_rest_after_60_min(self, rest):
        stressed = after(rest, 10 * MIN, threat=1.0)
        assert readout(stressed, "glucose") > 100
        ended = after(stressed, 60 * MIN, threat=0)
        assert abs(readout(ended, "glucose") - 90) <= 9


def test_threat_0_3_lifts_focus_on_the_rising_side(rest):
    mild = after(rest, 3 * MIN, threat=0.3)
    assert readout(mild, "focus") > readout(rest, "focus")
    assert readout(mild, "lc_mode") == "phasic"


class TestExercise:
    @pytest.fixture(scope="class")
    def workout(self, rest):
        return after(rest, 10 * MIN, exercise=0.65)

    def test_heart_rate_135_to_165(self, workout):
        assert 135 <= readout(workout, "heart_rate") <= 165

    def test_plasma_ne_1000_to_2000(self, workout):
        assert 1000 <= readout(workout, "ne_plasma") <= 2000

    def test_muscle_flow_rises(self, rest, workout):
        assert readout(workout, "muscle_flow") > 3 * readout(rest, "muscle_flow")


@pytest.mark.parametrize("threat_ends", [True, False])
def test_calm_after_a_threat_lowers_heart_rate_and_anxiety_faster(rest, threat_ends):
    scared = after(rest, 5 * MIN, threat=1.0)
    ended = {"threat": 0} if threat_ends else {}
    without = after(scared, 10 * MIN, **ended, calm=0.0)
    calm = after(scared, 10 * MIN, **ended, calm=1.0)
    for name in ("heart_rate", "anxiety"):
        assert readout(calm, name) < readout(without, name), name
        assert readout(calm, name) < readout(scared, name), name


def test_eight_hours_of_sleep_silence_the_lc_and_halve_fatigue(rest):
    slept = after(rest, 8 * HOUR, sleep=True)
    assert readout(slept, "lc_rate") < 0.3
    assert readout(slept, "lc_mode") == "low_tonic"
    assert readout(slept, "fatigue") <= readout(rest, "fatigue") / 2


def test_heart_rate_recovers_over_minutes_not_seconds():
    """Heart-rate recovery after effort: about 12-50 bpm in the first minute
    (Cole 1999; Imai 1994), then close to rest within 10 minutes."""
    from game.body import advance, initial_state, readout, with_inputs

    worked, _ = advance(with_inputs(initial_state(), {"exercise": 0.65}), 600)
    peak = readout(worked, "heart_rate")
    resting = with_inputs(worked, {"exercise": 0.0})
    one_minute, _ = advance(resting, 60)
    ten_minutes, _ = advance(resting, 600)
    assert 12 <= peak - readout(one_minute, "heart_rate") <= 50
    assert readout(ten_minutes, "heart_rate") <= 77
