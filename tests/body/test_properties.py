"""Property tests: any sequence of inputs, modifiers and steps keeps the body sane.

Readouts stay within their physiological bounds (the model is not clamped,
except the 0-100 scores, whose scale is 0-100), nothing is NaN, the same
sequence gives the same state bit for bit, and every state survives a JSON
round trip exactly.
"""

import json
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from game.body import (
    CONDITIONS,
    MEDICATIONS,
    READOUTS,
    add_condition,
    advance,
    from_dict,
    initial_state,
    readouts,
    remove_condition,
    start_medication,
    stop_medication,
    to_dict,
    with_inputs,
)

SPEC_BOUNDS = {"heart_rate": (30, 220), "systolic": (70, 250), "glucose": (40, 400)}
SCORES = ("alertness", "focus", "anxiety", "fatigue", "mood", "stress_load")

fraction = st.floats(min_value=-0.5, max_value=1.5, allow_nan=False)
inputs = st.fixed_dictionaries(
    {},
    optional={
        "threat": fraction,
        "exercise": fraction,
        "calm": fraction,
        "meal": fraction,
        "sleep": st.booleans(),
        "standing": st.booleans(),
    },
)
seconds = st.one_of(
    st.floats(min_value=0, max_value=120),
    st.floats(min_value=0, max_value=6 * 3600),
    st.floats(min_value=0, max_value=21 * 86400),
)
operation = st.one_of(
    st.tuples(st.just("inputs"), inputs),
    st.tuples(st.just("advance"), seconds),
    st.tuples(st.just("advance"), seconds),
    st.tuples(
        st.sampled_from(["add_condition", "remove_condition"]), st.sampled_from(sorted(CONDITIONS))
    ),
    st.tuples(
        st.sampled_from(["start_medication", "stop_medication"]),
        st.sampled_from(sorted(MEDICATIONS)),
    ),
)
start = st.tuples(
    st.sets(st.sampled_from(sorted(CONDITIONS))), st.sets(st.sampled_from(sorted(MEDICATIONS)))
)
story = st.tuples(start, st.lists(operation, min_size=1, max_size=10))

APPLY = {
    "inputs": with_inputs,
    "advance": lambda s, t: advance(s, t)[0],
    "add_condition": add_condition,
    "remove_condition": remove_condition,
    "start_medication": start_medication,
    "stop_medication": stop_medication,
}


def play(plan):
    (conditions, medications), operations = plan
    state = initial_state(sorted(conditions), sorted(medications))
    states = [state]
    for name, arg in operations:
        state = APPLY[name](state, arg)
        states.append(state)
    return states


def check_bounds(state):
    values = readouts(state)
    for name, spec in READOUTS.items():
        value = values[name]
        if spec.kind == "text":
            assert value in ("low_tonic", "phasic", "high_tonic")
            continue
        assert not math.isnan(value), name
        assert spec.low <= value <= spec.high, (name, value)
        low, high = SPEC_BOUNDS.get(name, (-math.inf, math.inf))
        assert low <= value <= high, (name, value)
    for name in SCORES:
        assert 0 <= values[name] <= 100, name


@settings(max_examples=60, deadline=None)
@given(story)
def test_readouts_stay_within_bounds(plan):
    for state in play(plan):
        check_bounds(state)


@settings(max_examples=30, deadline=None)
@given(story)
def test_the_same_sequence_gives_the_same_state(plan):
    first, second = play(plan), play(plan)
    assert first == second
    assert [hash(s) for s in first] == [hash(s) for s in second]


@settings(max_examples=30, deadline=None)
@given(story)
def test_every_state_round_trips_through_json_exactly(plan):
    for state in play(plan):
        assert from_dict(to_dict(state)) == state
        assert from_dict(json.loads(json.dumps(to_dict(state)))) == state


@settings(max_examples=40, deadline=None)
@given(story)
def test_advancing_in_two_parts_lands_close_to_one(plan):
    """Splitting a step changes only the sub-steps, never the physiology much."""
    state = play(plan)[-1]
    whole = readouts(advance(state, 3600)[0])
    parts = readouts(advance(advance(state, 1000)[0], 2600)[0])
    for name, spec in READOUTS.items():
        if spec.kind == "number":
            # 2% of the value, and never less than 0.2 in absolute terms: near
            # zero a relative bound would demand more than sub-stepping gives.
            assert abs(whole[name] - parts[name]) <= 0.02 * max(abs(parts[name]), 10.0), name
