"""A saved body that is damaged is refused with a sentence naming the field
and what is wrong with it (a player's save shows it); one that is whole
reads back exactly, in a canonical order."""

from __future__ import annotations

import copy

import pytest

from game.body import from_dict, initial_state, to_dict
from game.body.modifiers import CONDITIONS, MEDICATIONS

SAVED = to_dict(initial_state(conditions=["parkinsons"], medications=["snri"]))


def edited(change) -> dict:
    data = copy.deepcopy(SAVED)
    change(data)
    return data


def refusal(data: object) -> str:
    with pytest.raises(ValueError) as error:
        from_dict(data)  # type: ignore[arg-type]
    return str(error.value)


def test_the_saved_body_holds_its_inputs_modifiers_and_physiology() -> None:
    state = initial_state(conditions=["parkinsons"], medications=["snri"])
    data = to_dict(state)
    assert data["version"] == 2
    assert data["inputs"] == {
        "threat": 0.0,
        "exercise": 0.0,
        "calm": 0.0,
        "sleep": False,
        "standing": False,
    }
    assert data["conditions"] == ["parkinsons"]
    assert data["medications"] == [{"id": "snri", "started": state.medications[0][1]}]
    assert data["age"] == state.age and data["hours_awake"] == state.hours_awake
    assert list(data["physiology"]) == list(type(state.physiology)._fields)
    assert from_dict(data) == state


def test_modifiers_read_back_in_a_canonical_order() -> None:
    data = edited(lambda d: d.update(conditions=["parkinsons", "chronic_stress"]))
    data["medications"] = [{"id": "snri", "started": 5.0}, {"id": "clonidine", "started": 1.0}]
    state = from_dict(data)
    assert state.conditions == ("chronic_stress", "parkinsons")
    assert state.medications == (("clonidine", 1.0), ("snri", 5.0))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(version=1), "body data: version 1 is not 2"),
        (
            lambda d: d.pop("age"),
            "body data: the top level has missing keys ['age'] / unknown keys []",
        ),
        (
            lambda d: d.update(extra=1, more=2),
            "body data: the top level has missing keys [] / unknown keys ['extra', 'more']",
        ),
        (lambda d: d.update(inputs=[]), "body data: inputs must be a mapping, not list"),
        (
            lambda d: d["inputs"].update(threat="high"),
            "body data: inputs.threat must be a number, not 'high'",
        ),
        (
            lambda d: d["inputs"].update(calm=True),
            "body data: inputs.calm must be a number, not True",
        ),
        (
            lambda d: d["inputs"].update(exercise=1.5),
            "body data: inputs.exercise = 1.5 is out of range 0.0 to 1.0",
        ),
        (
            lambda d: d["inputs"].update(sleep=1),
            "body data: inputs.sleep must be true or false, not 1",
        ),
        (
            lambda d: d["inputs"].update(standing="yes"),
            "body data: inputs.standing must be true or false, not 'yes'",
        ),
        (
            lambda d: d.update(conditions=["flu"]),
            f"body data: conditions ['flu'] must be a list of {sorted(CONDITIONS)}",
        ),
        (
            lambda d: d.update(conditions="parkinsons"),
            f"body data: conditions 'parkinsons' must be a list of {sorted(CONDITIONS)}",
        ),
        (
            lambda d: d.update(conditions=["parkinsons", "parkinsons"]),
            "body data: conditions ['parkinsons', 'parkinsons'] repeat an id",
        ),
        (lambda d: d.update(medications={}), "body data: medications must be a list"),
        (
            lambda d: d.update(medications=[{"id": "snri"}]),
            "body data: medications[0] has missing keys ['started'] / unknown keys []",
        ),
        (
            lambda d: d.update(medications=[{"id": "aspirin", "started": 0.0}]),
            f"body data: medications[0].id 'aspirin' is not one of {sorted(MEDICATIONS)}",
        ),
        (
            lambda d: d.update(
                medications=[{"id": "snri", "started": 0.0}, {"id": "snri", "started": 1.0}]
            ),
            "body data: a medication is listed twice",
        ),
        (
            lambda d: d["medications"][0].update(started="yesterday"),
            "body data: medications[0].started must be a number, not 'yesterday'",
        ),
        (
            lambda d: d["physiology"].pop("mood"),
            "body data: physiology has missing keys ['mood'] / unknown keys []",
        ),
        (
            lambda d: d["physiology"].update(mood=float("nan")),
            "body data: physiology.mood = nan is out of range -inf to inf",
        ),
        (
            lambda d: d.update(sleep_debt=-1.0),
            "body data: sleep_debt = -1.0 is out of range 0.0 to inf",
        ),
        (lambda d: d.update(age=4), "body data: age = 4 is out of range 5.0 to 100.0"),
        (lambda d: d.update(clock=None), "body data: clock must be a number, not None"),
    ],
)
def test_a_damaged_body_is_refused_naming_the_field(change, message: str) -> None:
    assert refusal(edited(change)) == message


def test_data_that_is_not_a_mapping_is_refused() -> None:
    assert refusal([]) == "body data: the top level must be a mapping, not list"


def test_whole_numbers_are_read_as_numbers() -> None:
    state = from_dict(edited(lambda d: d.update(age=40, clock=7)))
    assert state.age == 40.0 and isinstance(state.age, float)
    assert state.clock == 7.0 and isinstance(state.clock, float)
