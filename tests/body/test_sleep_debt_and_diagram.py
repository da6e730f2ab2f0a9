"""Two things the player reads off the body that no other test pins exactly:
sleep debt paid back while asleep, and how lit each organ of the diagram is."""

from __future__ import annotations

import pytest

from game.body import (
    ORGANS,
    READOUTS,
    BodyState,
    activity,
    advance_state,
    from_dict,
    initial_state,
    readouts,
    to_dict,
    with_inputs,
)
from game.body import params as P

HOUR = 3600.0


def _in_debt(debt: float, asleep: bool) -> BodyState:
    data = to_dict(with_inputs(initial_state(), {"sleep": asleep}))
    return from_dict({**data, "sleep_debt": debt})


@pytest.mark.parametrize("hours", [0.5, 2.0, 4.0])
def test_sleep_pays_back_debt_at_its_hourly_rate(hours: float) -> None:
    after = advance_state(_in_debt(3.0, asleep=True), hours * HOUR)
    assert after.sleep_debt == pytest.approx(3.0 - P.SLEEP_DEBT_REPAID_PER_HOUR * hours)


def test_debt_is_paid_back_to_zero_and_no_further_and_never_while_awake() -> None:
    assert advance_state(_in_debt(0.5, asleep=True), 8 * HOUR).sleep_debt == 0.0
    assert advance_state(_in_debt(3.0, asleep=False), 4 * HOUR).sleep_debt == 3.0


# How far each organ's readout moves in a full fight-or-flight or hard-exercise
# response: the diagram is fully lit there (activity 1) and dark at rest.
FULL_RESPONSE = {"heart_rate": 80.0, "resp_rate": 16.0, "pupil": 3.0, "muscle_flow": 400.0}


def _share(x: float, span: float) -> float:
    return min(1.0, max(0.0, x / span))


def _expected(state: BodyState) -> dict[str, float]:
    r = readouts(state)
    physiology = to_dict(state)["physiology"]

    def rise(name: str) -> float:
        return _share(float(r[name]) - float(READOUTS[name].rest), FULL_RESPONSE[name])

    return {
        "lc": max(
            _share(float(r["lc_rate"]) - float(READOUTS["lc_rate"].rest), 4.5),
            _share(physiology["burst"], 15.0),
        ),
        "heart": rise("heart_rate"),
        "lungs": rise("resp_rate"),
        "pupils": rise("pupil"),
        "liver": _share(physiology["liver"], 0.8),
        "gut": _share(abs(100.0 - float(r["digestion"])), 70.0),
        "muscles": rise("muscle_flow"),
    }


BODIES = {
    "startled": ({"threat": 0.9}, 1.0),
    "scared": ({"threat": 0.6}, 30.0),
    "running": ({"exercise": 0.5}, 300.0),
    "digesting": ({"meal": 1.0}, 1800.0),
    "sprinting in fear": ({"exercise": 1.0, "threat": 0.3}, 120.0),
}


@pytest.mark.parametrize("name", BODIES)
def test_each_organ_is_lit_by_its_share_of_a_full_response(name: str) -> None:
    inputs, seconds = BODIES[name]
    state = advance_state(with_inputs(initial_state(), inputs), seconds)
    lit = activity(state)
    assert list(lit) == list(ORGANS)
    assert lit == pytest.approx(_expected(state))
    assert any(0.0 < v < 1.0 for v in lit.values())  # a scale, not only dark or full


def test_the_lc_is_lit_by_a_burst_before_its_rate_rises() -> None:
    startled = with_inputs(initial_state(), {"threat": 0.9})
    burst = to_dict(startled)["physiology"]["burst"]
    assert burst > 0.0
    assert activity(startled)["lc"] == pytest.approx(min(1.0, burst / 15.0))


# Each input changed on its own, then a moment of time: the body moves
# continuously from where it was, never jumps (a jump is a wrong term in how a
# quantity starts towards its new target; a picosecond is a small step for
# every quantity, where a model may switch to a series expansion).
CHANGES = (
    {"threat": 0.8},
    {"exercise": 0.7},
    {"calm": 1.0},
    {"sleep": True},
    {"standing": True},
    {"meal": 1.0},
    {"exercise": 0.6, "calm": 0.5, "threat": 0.3},
)


@pytest.mark.parametrize("moment", [1e-6, 1e-12])
@pytest.mark.parametrize("change", CHANGES, ids=lambda c: ",".join(c))
def test_a_moment_after_a_change_the_body_has_barely_moved(change: dict, moment: float) -> None:
    before = with_inputs(advance_state(initial_state(), HOUR), change)
    after = advance_state(before, moment)
    was, now = to_dict(before)["physiology"], to_dict(after)["physiology"]
    moved = {k: now[k] - was[k] for k in was if abs(now[k] - was[k]) > 1e-3 * (1 + abs(was[k]))}
    assert moved == {}
