"""The targets physiology.md added so that the body tells the same story as the text.

Sleep that matters, rumination, posture and the baroreflex, an age-predicted
heart-rate ceiling, the shapes of effort and mental stress, slow breathing's
small effect, and a beta blocker's onset. Healthy 16-year-old unless a test
says otherwise.
"""

import pytest

from game.body import (
    add_condition,
    advance,
    from_dict,
    initial_state,
    readout,
    start_medication,
    to_dict,
    with_inputs,
)
from game.body.readouts import max_heart_rate

MIN = 60.0
HOUR = 3600.0


def after(state, seconds, **inputs):
    if inputs:
        state = with_inputs(state, inputs)
    return advance(state, seconds)[0]


REST = initial_state()


def night(state, hours, **inputs):
    """Sleep ``hours``, then wake and spend 30 min awake."""
    return after(after(state, hours * HOUR, sleep=True, **inputs), 30 * MIN, sleep=False)


class TestSleepDebt:
    @pytest.fixture(scope="class")
    def evening(self):
        return after(REST, 16 * HOUR)

    def test_a_four_hour_night_leaves_more_fatigue_and_less_focus(self, evening):
        short, full = night(evening, 4), night(evening, 8)
        assert readout(short, "fatigue") >= readout(full, "fatigue") + 15
        assert readout(short, "focus") <= readout(full, "focus") - 5

    def test_lost_sleep_is_proportional_to_the_lost_hours(self, evening):
        fatigue = [readout(night(evening, h), "fatigue") for h in (8, 6, 4)]
        assert fatigue[0] < fatigue[1] < fatigue[2]

    def test_short_nights_add_up_and_a_full_night_repays_part(self, evening):
        one = night(evening, 4)
        two = night(after(one, 15.5 * HOUR), 4)
        assert readout(two, "fatigue") > readout(one, "fatigue") + 5
        repaid = night(after(two, 15.5 * HOUR), 8)
        assert readout(repaid, "fatigue") < readout(two, "fatigue")
        assert readout(repaid, "fatigue") > readout(night(evening, 8), "fatigue") + 5
        assert 0 < repaid.sleep_debt < two.sleep_debt

    def test_a_nap_leaves_no_debt(self):
        napped = night(after(REST, 2 * HOUR), 1)
        assert napped.sleep_debt == 0
        assert readout(napped, "fatigue") <= readout(after(REST, 3.5 * HOUR), "fatigue") + 1

    def test_debt_survives_a_save(self, evening):
        short = night(evening, 4)
        assert from_dict(to_dict(short)) == short


class TestRumination:
    def test_a_night_with_a_threat_on_keeps_the_lc_up_and_restores_less(self):
        evening = after(REST, 16 * HOUR)
        calm = after(evening, 4 * HOUR, sleep=True)
        worried = after(evening, 4 * HOUR, sleep=True, threat=0.3)
        assert readout(worried, "anxiety") >= readout(calm, "anxiety") + 5
        assert readout(worried, "fatigue") >= readout(calm, "fatigue") + 3
        assert readout(calm, "lc_rate") < 0.3 < readout(worried, "lc_rate")

    def test_a_threat_held_while_nothing_happens_keeps_anxiety_rising(self):
        five = after(REST, 5 * MIN, threat=0.3)
        thirty = after(five, 25 * MIN)
        assert readout(thirty, "anxiety") >= readout(five, "anxiety") + 3

    def test_calm_interrupts_worry(self):
        worried = after(REST, 30 * MIN, threat=0.3)
        breathing = after(REST, 30 * MIN, threat=0.3, calm=1.0)
        assert readout(breathing, "anxiety") < readout(worried, "anxiety") - 5


class TestHeartRateLimits:
    def test_tanaka_maximum(self):
        assert max_heart_rate(16) == pytest.approx(196.8)
        assert max_heart_rate(60) == pytest.approx(166.0)

    @pytest.mark.parametrize("age", [16, 40, 70])
    def test_heart_rate_never_passes_the_age_predicted_maximum(self, age):
        body = initial_state(age=age)
        worst = after(body, 20 * MIN, exercise=1.0, threat=1.0)
        assert readout(worst, "heart_rate") <= max_heart_rate(age)

    def test_an_all_out_sprint_approaches_the_maximum_over_minutes(self):
        one = after(REST, 1 * MIN, exercise=1.0)
        two = after(one, 1 * MIN)
        assert 160 <= readout(one, "heart_rate") <= 186
        assert readout(two, "heart_rate") > readout(one, "heart_rate") + 2
        assert readout(after(two, 10 * MIN), "heart_rate") <= max_heart_rate(16)

    def test_dynamic_exercise_barely_moves_diastolic_and_output_stays_near_20(self):
        for minutes in (1, 3, 10):
            sprint = after(REST, minutes * MIN, exercise=1.0)
            assert abs(readout(sprint, "diastolic") - readout(REST, "diastolic")) <= 10
            assert readout(sprint, "cardiac_output") <= 20

    def test_mental_stress_adds_at_most_30_bpm(self):
        exam = after(REST, 5 * MIN, threat=0.6)
        assert readout(exam, "heart_rate") - readout(REST, "heart_rate") <= 30

    def test_slow_breathing_lowers_heart_rate_a_few_bpm(self):
        drop = readout(REST, "heart_rate") - readout(after(REST, 10 * MIN, calm=1.0), "heart_rate")
        assert 1 <= drop <= 6


def test_beta_blocker_acts_within_two_hours():
    healthy = readout(after(REST, 1 * MIN, threat=1.0), "heart_rate") - readout(REST, "heart_rate")
    dosed = after(start_medication(REST, "beta_blocker"), 2 * HOUR)
    blocked = readout(after(dosed, 1 * MIN, threat=1.0), "heart_rate") - readout(
        dosed, "heart_rate"
    )
    assert blocked <= 0.4 * healthy


class TestStanding:
    def stand(self, body):
        lying = after(body, 30 * MIN)
        return lying, [after(lying, s, standing=True) for s in range(1, 181)]

    def test_healthy_pressure_barely_dips_and_recovers(self):
        lying, standing = self.stand(REST)
        base = readout(lying, "systolic")
        assert base - readout(standing[29], "systolic") <= 12
        assert abs(readout(standing[179], "systolic") - base) <= 5
        assert readout(standing[179], "heart_rate") > readout(lying, "heart_rate") + 5

    @pytest.mark.parametrize("condition", ["parkinsons", "diabetic_neuropathy"])
    def test_autonomic_failure_gives_orthostatic_hypotension(self, condition):
        lying, standing = self.stand(add_condition(REST, condition))
        assert readout(lying, "systolic") >= 105
        systolic_fall = readout(lying, "systolic") - min(readout(s, "systolic") for s in standing)
        diastolic_fall = readout(lying, "diastolic") - min(
            readout(s, "diastolic") for s in standing
        )
        assert systolic_fall >= 20 and diastolic_fall >= 10
        assert readout(standing[179], "systolic") <= readout(lying, "systolic") - 20

    def test_lying_down_again_restores_the_pressure(self):
        lying, standing = self.stand(add_condition(REST, "parkinsons"))
        back = after(standing[-1], 3 * MIN, standing=False)
        assert readout(back, "systolic") == pytest.approx(readout(lying, "systolic"), abs=1)

    def test_the_baroreflex_shows_in_blood_ne(self):
        lying, standing = self.stand(REST)
        assert readout(standing[-1], "ne_plasma") >= 1.4 * readout(lying, "ne_plasma")
