"""A saved body is read back only when every bounded number is inside its range.

Each range is checked at both sides of its edge: the edge itself is a body
the model can be in (a 5-year-old, a fresh morning with no sleep debt), one
step past it is damaged data that must be refused with the field's name.
"""

from __future__ import annotations

import math

import pytest

from game.body import from_dict, initial_state, to_dict, with_inputs

# (where in the saved dict, lowest valid, highest valid)
RANGES = (
    (("inputs", "threat"), 0.0, 1.0),
    (("inputs", "exercise"), 0.0, 1.0),
    (("inputs", "calm"), 0.0, 1.0),
    (("hours_awake",), 0.0, math.inf),
    (("sleep_debt",), 0.0, math.inf),
    (("awake_at_bedtime",), 0.0, math.inf),
    (("age",), 5.0, 100.0),
)


def _with(path: tuple[str, ...], value: float) -> dict:
    data = to_dict(with_inputs(initial_state(), {"threat": 0.5, "exercise": 0.5, "calm": 0.5}))
    inner = data
    for key in path[:-1]:
        inner = inner[key]
    inner[path[-1]] = value
    return data


@pytest.mark.parametrize(("path", "low", "high"), RANGES, ids=lambda v: str(v))
def test_each_edge_is_read_back_and_one_step_past_it_is_refused(
    path: tuple[str, ...], low: float, high: float
) -> None:
    field = ".".join(path)
    for edge in (low, high):
        if math.isfinite(edge):
            state = from_dict(_with(path, edge))
            assert to_dict(state) == _with(path, edge)
    for outside in (low - 0.5, high + 0.5):
        if math.isfinite(outside):
            with pytest.raises(ValueError, match=f"body data: {field} = .* is out of range"):
                from_dict(_with(path, outside))


def test_a_medication_start_and_the_clock_may_be_any_finite_time() -> None:
    data = to_dict(initial_state(medications=["snri"]))
    assert data["medications"][0]["started"] < 0  # long established: started before the story
    assert from_dict({**data, "clock": -1.0}).clock == -1.0
    with pytest.raises(ValueError, match="clock = inf"):
        from_dict({**data, "clock": math.inf})
