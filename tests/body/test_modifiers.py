"""Conditions, medications and lifestyle over weeks: physiology.md's modifier targets."""

import pytest

from game.body import (
    CONDITIONS,
    MEDICATIONS,
    Modifier,
    add_condition,
    advance,
    initial_state,
    readout,
    remove_condition,
    start_medication,
    stop_medication,
    with_inputs,
)

MIN = 60.0
HOUR = 3600.0
DAY = 86400.0


def after(state, seconds, **inputs):
    if inputs:
        state = with_inputs(state, inputs)
    return advance(state, seconds)[0]


def bear_rise(state, name):
    """How far ``name`` rises after 1 min of threat 1.0."""
    return readout(after(state, MIN, threat=1.0), name) - readout(state, name)


def live_days(state, days, *, exercise=0.0, calm=0.0, threat=0.0, minutes=45):
    """Ordinary days (16 h awake with an optional session, 8 h asleep), then 2 h awake."""
    session = {"exercise": exercise, "calm": calm, "threat": threat}
    length = minutes * MIN if any(session.values()) else 0.0
    for _ in range(days):
        state = after(state, 2 * HOUR)
        if length:
            state = after(state, length, **session)
            state = with_inputs(state, {"exercise": 0.0, "calm": 0.0, "threat": 0})
        state = after(state, 14 * HOUR - length)
        state = after(state, 8 * HOUR, sleep=True)
        state = with_inputs(state, {"sleep": False})
    return after(state, 2 * HOUR)


HEALTHY = initial_state()


def test_the_modifier_tables():
    assert set(CONDITIONS) == {
        "parkinsons",
        "diabetic_neuropathy",
        "hypothyroidism",
        "chronic_stress",
    }
    assert set(MEDICATIONS) == {
        "reserpine",
        "clonidine",
        "sedating_antihistamine",
        "snri",
        "nri",
        "ssri",
        "beta_blocker",
    }
    for table, kind in ((CONDITIONS, "condition"), (MEDICATIONS, "medication")):
        for ident, m in table.items():
            assert isinstance(m, Modifier) and m.id == ident and m.kind == kind
            assert m.title and m.teaching_point


def test_adding_and_starting_are_idempotent_and_checked():
    s = add_condition(HEALTHY, "parkinsons")
    assert add_condition(s, "parkinsons") == s
    assert remove_condition(remove_condition(s, "parkinsons"), "parkinsons") == HEALTHY
    later = after(HEALTHY, HOUR)
    on = start_medication(later, "snri")
    assert on.medications == (("snri", later.clock),)
    assert start_medication(after(on, HOUR), "snri").medications == on.medications
    assert stop_medication(stop_medication(on, "snri"), "snri") == later
    with pytest.raises(ValueError):
        add_condition(HEALTHY, "flu")
    with pytest.raises(ValueError):
        start_medication(HEALTHY, "aspirin")


class TestParkinsons:
    pd = initial_state(["parkinsons"])

    @pytest.mark.parametrize("name", ["heart_rate", "ne_plasma"])
    def test_threat_response_at_most_60_percent_of_healthy(self, name):
        assert bear_rise(self.pd, name) <= 0.6 * bear_rise(HEALTHY, name)

    def test_focus_and_fatigue_worse_at_rest(self):
        assert readout(self.pd, "focus") < readout(HEALTHY, "focus") - 10
        assert readout(self.pd, "fatigue") > readout(HEALTHY, "fatigue") + 5
        assert readout(self.pd, "ne") < readout(HEALTHY, "ne")

    def test_low_blood_pressure_and_blood_ne(self):
        assert readout(self.pd, "systolic") < readout(HEALTHY, "systolic") - 5
        assert readout(self.pd, "ne_plasma") < readout(HEALTHY, "ne_plasma")

    def test_starts_in_its_steady_state(self):
        assert after(self.pd, 12 * HOUR).physiology == pytest.approx(self.pd.physiology)


class TestDiabeticNeuropathy:
    dn = initial_state(["diabetic_neuropathy"])

    def test_smaller_sympathetic_responses(self):
        assert bear_rise(self.dn, "heart_rate") <= 0.7 * bear_rise(HEALTHY, "heart_rate")
        assert bear_rise(self.dn, "ne_plasma") <= 0.7 * bear_rise(HEALTHY, "ne_plasma")

    def test_higher_glucose_peak_and_slower_return_after_a_meal(self):
        def curve(state):
            state = with_inputs(state, {"meal": 1.0})
            points = []
            for _ in range(6 * 12):
                state = after(state, 5 * MIN)
                points.append(readout(state, "glucose"))
            return points

        healthy, dn = curve(HEALTHY), curve(self.dn)
        assert max(dn) - readout(self.dn, "glucose") > max(healthy) - 90 + 5
        at_3h = 3 * 12 - 1
        assert dn[at_3h] - readout(self.dn, "glucose") > 2 * (healthy[at_3h] - 90)


class TestHypothyroidism:
    hypo = initial_state(["hypothyroidism"])

    def test_resting_heart_rate_about_60(self):
        assert 57 <= readout(self.hypo, "heart_rate") <= 63

    def test_fatigue_and_low_mood_with_normal_or_raised_plasma_ne(self):
        assert readout(self.hypo, "fatigue") > readout(HEALTHY, "fatigue") + 10
        assert readout(self.hypo, "mood") < readout(HEALTHY, "mood") - 5
        assert readout(self.hypo, "ne_plasma") >= readout(HEALTHY, "ne_plasma")
        assert readout(self.hypo, "ne") == pytest.approx(readout(HEALTHY, "ne"))


class TestChronicStress:
    cs = initial_state(["chronic_stress"])

    def test_more_tonic_lc_pressure_anxiety_and_load(self):
        for name in ("lc_rate", "systolic", "diastolic", "anxiety", "stress_load"):
            assert readout(self.cs, name) > readout(HEALTHY, name) + 1, name
        assert readout(self.cs, "stress_load") > 40
        assert readout(self.cs, "anxiety") > 25

    def test_sleep_is_less_restful(self):
        night = {"sleep": True}
        assert (
            readout(after(self.cs, 8 * HOUR, **night), "fatigue")
            > readout(after(HEALTHY, 8 * HOUR, **night), "fatigue") + 2
        )


class TestReserpine:
    def test_empties_ne_stores_over_days(self):
        on = start_medication(HEALTHY, "reserpine")
        hour, three, seven = (after(on, t) for t in (HOUR, 3 * DAY, 7 * DAY))
        assert readout(hour, "ne") > 95
        for name in ("ne", "ne_plasma"):
            assert readout(three, name) < 0.7 * readout(HEALTHY, name)
            assert readout(seven, name) < readout(three, name)
        assert readout(seven, "systolic") < readout(HEALTHY, "systolic") - 10
        assert readout(seven, "mood") < readout(HEALTHY, "mood") - 5

    def test_stores_refill_slowly_after_stopping(self):
        depleted = after(start_medication(HEALTHY, "reserpine"), 14 * DAY)
        stopped = stop_medication(depleted, "reserpine")
        day, fortnight = after(stopped, DAY), after(stopped, 14 * DAY)
        assert readout(day, "ne") < 0.8 * readout(HEALTHY, "ne")
        assert readout(day, "ne") < readout(fortnight, "ne")


def test_clonidine_lowers_lc_firing_and_pressure():
    on = after(start_medication(HEALTHY, "clonidine"), 4 * HOUR)
    assert readout(on, "lc_rate") < 0.8 * readout(HEALTHY, "lc_rate")
    assert readout(on, "systolic") < readout(HEALTHY, "systolic") - 5
    assert readout(on, "ne_plasma") < readout(HEALTHY, "ne_plasma")
    assert readout(on, "pupil") < readout(HEALTHY, "pupil")


def test_sedating_antihistamine_lowers_alertness_not_ne():
    on = after(start_medication(HEALTHY, "sedating_antihistamine"), 3 * HOUR)
    assert readout(on, "alertness") < readout(HEALTHY, "alertness") - 10
    for name in ("ne", "lc_rate", "ne_plasma"):
        assert readout(on, name) == pytest.approx(readout(HEALTHY, name), rel=0.01), name


@pytest.mark.parametrize("drug", ["snri", "nri"])
class TestNetBlockers:
    def test_net_blocked_within_hours(self, drug):
        on = after(start_medication(HEALTHY, drug), 6 * HOUR)
        assert readout(on, "ne") > 1.2 * readout(HEALTHY, "ne")
        assert readout(on, "lc_rate") < readout(HEALTHY, "lc_rate")  # alpha-2 feedback

    def test_mood_benefit_is_delayed_by_weeks(self, drug):
        on = start_medication(HEALTHY, drug)
        for days, low, high in ((3, -3, 3), (42, 10, 100)):
            untreated = readout(after(HEALTHY, days * DAY), "mood")
            gain = readout(after(on, days * DAY), "mood") - untreated
            assert low <= gain <= high, days

    def test_mood_benefit_over_nights_and_days(self, drug):
        untreated = live_days(HEALTHY, 42)
        treated = live_days(start_medication(HEALTHY, drug), 42)
        assert readout(treated, "mood") >= readout(untreated, "mood") + 10


def test_ssri_mood_benefit_without_raising_ne():
    on = start_medication(HEALTHY, "ssri")
    weeks = after(on, 42 * DAY)
    assert readout(weeks, "mood") >= readout(after(HEALTHY, 42 * DAY), "mood") + 10
    assert 0.8 * 1.5 <= readout(weeks, "lc_rate") < 0.97 * 1.5  # slightly down
    assert readout(weeks, "ne") <= readout(HEALTHY, "ne")


def test_beta_blocker_cuts_the_heart_rate_rise_to_at_most_40_percent():
    on = after(start_medication(HEALTHY, "beta_blocker"), 6 * HOUR)
    assert bear_rise(on, "heart_rate") <= 0.4 * bear_rise(HEALTHY, "heart_rate")
    assert readout(on, "heart_rate") < readout(HEALTHY, "heart_rate")
    assert bear_rise(on, "ne_plasma") == pytest.approx(bear_rise(HEALTHY, "ne_plasma"))


class TestRegularExercise:
    """45 min of exercise 0.6 on every game day for 6 weeks, against the same days without."""

    trained = live_days(HEALTHY, 42, exercise=0.6)
    untrained = live_days(HEALTHY, 42)

    def test_lower_resting_heart_rate_higher_mood_lower_fatigue(self):
        assert readout(self.trained, "heart_rate") < readout(self.untrained, "heart_rate") - 4
        assert readout(self.trained, "mood") > readout(self.untrained, "mood") + 3
        assert readout(self.trained, "fatigue") < readout(self.untrained, "fatigue") - 2

    def test_less_ne_for_the_same_effort_though_one_bout_raises_it_sharply(self):
        def bout(state):
            return readout(after(state, 10 * MIN, exercise=0.65), "ne_plasma")

        assert bout(self.untrained) > 4 * readout(self.untrained, "ne_plasma")
        assert bout(self.trained) < 0.9 * bout(self.untrained)


class TestCalmPractice:
    """20 min of calm 1.0 every day for 4 weeks."""

    practised = live_days(HEALTHY, 28, calm=1.0, minutes=20)
    control = live_days(HEALTHY, 28)

    def test_lower_tonic_lc_firing(self):
        assert readout(self.practised, "lc_rate") < readout(self.control, "lc_rate") - 0.1

    def test_threats_fade_faster(self):
        def twenty_minutes_of_threat(state):
            return after(state, 20 * MIN, threat=0.8)

        p, c = twenty_minutes_of_threat(self.practised), twenty_minutes_of_threat(self.control)
        assert p.physiology.perceived < c.physiology.perceived
        assert readout(p, "heart_rate") < readout(c, "heart_rate")


def test_repeated_threats_over_days_build_stress_load():
    stressed = live_days(HEALTHY, 7, threat=0.8, minutes=60)
    control = live_days(HEALTHY, 7)
    assert readout(stressed, "stress_load") > 5
    assert readout(stressed, "systolic") > readout(control, "systolic")
    assert readout(stressed, "anxiety") > readout(control, "anxiety")
