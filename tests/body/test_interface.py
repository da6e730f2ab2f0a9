"""The public interface other packages are written against: names, shapes, errors."""

import json
import subprocess
import sys

import pytest

import game.body as body
from game.body import (
    ADVANCE_MEMO,
    INPUTS,
    ORGANS,
    READOUTS,
    activity,
    advance,
    advance_state,
    from_dict,
    initial_state,
    readout,
    readouts,
    remembering,
    to_dict,
    with_inputs,
)

EXPECTED_READOUTS = [
    "lc_rate",
    "lc_mode",
    "ne",
    "ne_plasma",
    "heart_rate",
    "systolic",
    "diastolic",
    "resp_rate",
    "glucose",
    "cardiac_output",
    "pupil",
    "muscle_flow",
    "digestion",
    "pain",
    "alertness",
    "focus",
    "anxiety",
    "fatigue",
    "mood",
    "stress_load",
]


def test_exports_exactly_the_agreed_names():
    assert sorted(body.__all__) == sorted(
        [
            "BodyState",
            "Explanation",
            "Readout",
            "READOUTS",
            "INPUTS",
            "ORGANS",
            "initial_state",
            "with_inputs",
            "advance",
            "advance_state",
            "remembering",
            "ADVANCE_MEMO",
            "readout",
            "readouts",
            "activity",
            "to_dict",
            "from_dict",
            "CONDITIONS",
            "MEDICATIONS",
            "Modifier",
            "add_condition",
            "remove_condition",
            "start_medication",
            "stop_medication",
        ]
    )


def test_readouts_in_table_order_with_rest_values():
    assert list(READOUTS) == EXPECTED_READOUTS
    values = readouts(initial_state())
    assert list(values) == EXPECTED_READOUTS
    for name, spec in READOUTS.items():
        if spec.kind == "number":
            assert values[name] == pytest.approx(spec.rest, abs=1e-9), name
            assert spec.low <= values[name] <= spec.high
        else:
            assert spec.kind == "text" and spec.low is None and spec.high is None
    assert values["lc_mode"] == "phasic"


def test_inputs_and_organs():
    assert dict(INPUTS) == {
        "threat": "fraction",
        "exercise": "fraction",
        "calm": "fraction",
        "sleep": "bool",
        "standing": "bool",
        "meal": "fraction",
    }
    assert ORGANS == ("lc", "heart", "lungs", "pupils", "liver", "gut", "muscles")
    act = activity(initial_state())
    assert list(act) == list(ORGANS)
    assert all(v == 0.0 for v in act.values())


def test_state_is_hashable_and_zero_advance_is_identity():
    s = initial_state()
    assert hash(s) == hash(initial_state())
    same, links = advance(s, 0)
    assert same is s and links == ()


def test_bad_input_names_values_and_readouts():
    s = initial_state()
    with pytest.raises(ValueError):
        with_inputs(s, {"fear": 1.0})
    with pytest.raises(ValueError):
        with_inputs(s, {"threat": "high"})
    with pytest.raises(ValueError):
        with_inputs(s, {"sleep": 0.5})
    with pytest.raises(ValueError):
        advance(s, -1)
    with pytest.raises(KeyError):
        readout(s, "blood_type")
    with pytest.raises(ValueError):
        initial_state(conditions=["flu"])


def test_inputs_are_clamped_and_threat_zero_ends_at_once():
    s = with_inputs(initial_state(), {"threat": 3.0, "exercise": -1})
    assert s.threat == 1.0 and s.exercise == 0.0
    s, _ = advance(s, 30)
    s = with_inputs(s, {"threat": 0})
    assert s.threat == 0.0 and s.physiology.perceived == 0.0


def test_round_trip_through_json_is_exact():
    s = with_inputs(initial_state(["parkinsons"], ["snri"]), {"threat": 0.7, "meal": 0.5})
    s, _ = advance(s, 123.456)
    assert from_dict(json.loads(json.dumps(to_dict(s)))) == s


def test_from_dict_rejects_bad_data_with_a_message_naming_the_field():
    data = to_dict(initial_state())
    for broken, named in (
        ({**data, "version": 99}, "version 99"),
        ({**data, "clock": "noon"}, "clock must be a number, not 'noon'"),
        ({**data, "conditions": ["flu"]}, "flu"),
        ({**data, "inputs": {**data["inputs"], "sleep": "yes"}}, "sleep"),
        ({k: v for k, v in data.items() if k != "physiology"}, "physiology"),
        ({**data, "physiology": {**data["physiology"], "ne": float("nan")}}, "ne"),
    ):
        with pytest.raises(ValueError, match="body data") as raised:
            from_dict(broken)
        assert named in str(raised.value), (named, str(raised.value))


def test_importing_game_body_pulls_in_no_user_interface():
    code = (
        "import game.body, sys; "
        "assert not any(m.split('.')[0] in ('textual', 'rich') for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_setting_the_same_threat_again_does_not_startle_anew():
    s, _ = advance(with_inputs(initial_state(), {"threat": 0.8}), 600)
    assert with_inputs(s, {"threat": 0.8}) == s
    renewed = with_inputs(with_inputs(s, {"threat": 0}), {"threat": 0.8})
    assert renewed.physiology.burst > 10 and renewed.physiology.perceived == 0.8


def test_advance_state_is_advance_without_the_links():
    scared = with_inputs(initial_state(), {"threat": 0.9})
    state, links = advance(scared, 90.0)
    assert links  # a threat explains itself
    assert advance_state(scared, 90.0) == state
    assert advance_state(scared, 0) is scared
    with pytest.raises(ValueError):
        advance_state(scared, -1.0)


def test_a_bigger_memo_changes_no_result_and_ends_with_its_block():
    interactive = ADVANCE_MEMO.call
    start = with_inputs(initial_state(), {"exercise": 0.5})
    expected = advance_state(start, 600.0)
    with remembering(100_000):
        assert ADVANCE_MEMO.call is not interactive
        assert ADVANCE_MEMO.entries == 100_000
        assert advance_state(start, 600.0) == expected
    assert ADVANCE_MEMO.call is interactive
    assert ADVANCE_MEMO.entries == 16_384
