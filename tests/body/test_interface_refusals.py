"""What the body refuses, in the words a pack author or a tool sees, and
what it accepts at the edges of each input."""

from __future__ import annotations

import math

import pytest

from game.body import (
    CONDITIONS,
    INPUTS,
    MEDICATIONS,
    add_condition,
    advance,
    advance_state,
    initial_state,
    remove_condition,
    start_medication,
    stop_medication,
    with_inputs,
)


def refusal(call, *args, **kwargs) -> str:
    with pytest.raises(ValueError) as error:
        call(*args, **kwargs)
    return str(error.value)


@pytest.mark.parametrize("age", [4.9, 100.5, True, "16", None])
def test_an_age_outside_5_to_100_years_is_refused(age: object) -> None:
    assert refusal(initial_state, age=age) == (
        f"age must be a number of years from 5 to 100, not {age!r}"
    )


@pytest.mark.parametrize("age", [5, 100, 64.5])
def test_an_age_from_5_to_100_years_is_the_bodys(age: float) -> None:
    state = initial_state(age=age)
    assert state.age == float(age) and isinstance(state.age, float)


def test_unknown_conditions_and_medications_name_the_known_ones() -> None:
    assert refusal(initial_state, conditions=["flu"]) == (
        f"unknown condition 'flu'; known: {', '.join(sorted(CONDITIONS))}"
    )
    assert refusal(initial_state, medications=["aspirin"]) == (
        f"unknown medication 'aspirin'; known: {', '.join(sorted(MEDICATIONS))}"
    )
    body = initial_state()
    assert refusal(add_condition, body, "flu") == (
        f"unknown condition 'flu'; known: {', '.join(sorted(CONDITIONS))}"
    )
    assert refusal(start_medication, body, "aspirin") == (
        f"unknown medication 'aspirin'; known: {', '.join(sorted(MEDICATIONS))}"
    )


def test_modifiers_are_held_once_each_in_order() -> None:
    body = initial_state(conditions=["parkinsons", "chronic_stress", "parkinsons"])
    assert body.conditions == ("chronic_stress", "parkinsons")
    body = initial_state(medications=["snri", "clonidine", "snri"])
    assert [m for m, _ in body.medications] == ["clonidine", "snri"]
    assert all(started < 0 for _, started in body.medications)  # long established


def test_adding_or_removing_a_modifier_twice_changes_nothing_more() -> None:
    body = add_condition(initial_state(), "parkinsons")
    assert add_condition(body, "parkinsons") == body
    assert remove_condition(remove_condition(body, "parkinsons"), "parkinsons").conditions == ()
    later = body._replace(clock=600.0)
    on = start_medication(later, "snri")
    assert on.medications == (("snri", 600.0),)  # started now
    assert start_medication(on, "snri") == on
    assert stop_medication(stop_medication(on, "snri"), "snri").medications == ()


def test_unknown_inputs_are_refused_with_the_known_ones() -> None:
    assert refusal(with_inputs, initial_state(), {"fear": 1.0, "anger": 2}) == (
        f"unknown body input(s) ['anger', 'fear']; known: {', '.join(INPUTS)}"
    )


@pytest.mark.parametrize("value", ["high", True, math.nan, None])
def test_a_level_input_is_a_number(value: object) -> None:
    assert refusal(with_inputs, initial_state(), {"calm": value}) == (
        f"body input 'calm' must be a number from 0 to 1, not {value!r}"
    )


@pytest.mark.parametrize(("value", "level"), [(0, 0.0), (1, 1.0), (0.5, 0.5), (7, 1.0), (-2, 0.0)])
def test_a_level_input_is_held_between_0_and_1(value: float, level: float) -> None:
    state = with_inputs(initial_state(), {"exercise": value, "calm": value})
    assert state.exercise == level and state.calm == level
    assert isinstance(state.exercise, float)


@pytest.mark.parametrize(("value", "flag"), [(True, True), (False, False), (1, True), (0, False)])
def test_a_flag_input_is_true_or_false_or_1_or_0(value: object, flag: bool) -> None:
    state = with_inputs(initial_state(), {"standing": value})
    assert state.standing is flag


@pytest.mark.parametrize("value", [0.5, 2, "yes", None])
def test_any_other_flag_value_is_refused(value: object) -> None:
    assert refusal(with_inputs, initial_state(), {"sleep": value}) == (
        f"body input 'sleep' must be true or false, not {value!r}"
    )


@pytest.mark.parametrize("seconds", [-1, -0.5, math.inf, math.nan, True, "60"])
def test_time_runs_forward_by_a_finite_number_of_seconds(seconds: object) -> None:
    message = f"seconds must be a finite number >= 0, not {seconds!r}"
    assert refusal(advance, initial_state(), seconds) == message
    assert refusal(advance_state, initial_state(), seconds) == message


def test_whole_seconds_advance_like_the_same_float() -> None:
    state = with_inputs(initial_state(), {"threat": 1.0})
    assert advance_state(state, 60) == advance_state(state, 60.0)
    assert advance(state, 60)[0].clock == 60.0


def test_a_meal_fills_the_gut_up_to_three_meals() -> None:
    state = initial_state()
    for _ in range(5):
        state = with_inputs(state, {"meal": 1.0})
    assert state.physiology.gut_carbs == 3.0
    half = with_inputs(initial_state(), {"meal": 0.5})
    assert half.physiology.gut_carbs == 0.5
