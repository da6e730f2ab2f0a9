"""An advance from a body another advance gave back starts from that advance's last targets
(dynamics.integrate): it must give exactly what a sweep of its own would have given."""

from __future__ import annotations

import captured_advances as captured
import pytest

from game.body import BodyState, initial_state, with_inputs
from game.body.dynamics import integrate
from game.body.inputs import input_terms
from game.body.modifiers import compute_effects
from game.body.quantities import COUNT, TWO_SPEED
from game.body.state import Physiology
from game.body.sweep import sweep

DATA = captured.load()


def _copy(body: BodyState) -> BodyState:
    """An equal body that no advance gave back (as a save loaded from disk would be)."""
    return captured.decode(captured.encode(body))


def _chains() -> list[BodyState]:
    """Bodies from the corpus, each advanced once so the next advance can reuse targets."""
    return [integrate(captured.decode(start), seconds) for start, seconds, _ in DATA["advances"]]


@pytest.mark.parametrize("seconds", [0.3, 30.0, 600.0, 7200.0])
def test_an_advance_from_a_returned_body_is_the_advance_from_an_equal_copy(seconds):
    """Each body is advanced again right after it was given back, while the targets its
    advance ended with are still kept (dynamics._ENDED holds the last few only), so the
    advance from it does reuse them where it may; a copy starts with a sweep of its own."""
    differ = []
    for case, (start, first, _) in enumerate(DATA["advances"]):
        body = integrate(captured.decode(start), first)
        reused = integrate(body, seconds)
        fresh = integrate(_copy(body), seconds)
        if captured.encode(reused) != captured.encode(fresh):
            differ.append(case)
    assert not differ, f"{len(differ)} bodies differ, first {differ[:5]}"


def test_chains_of_unchanged_inputs_match_copies_at_every_step():
    body = with_inputs(initial_state(), {"threat": 1.0, "meal": 1.0, "standing": True})
    copy = body
    for seconds in (1.0, 2.0, 5.0, 10.0, 30.0, 60.0, 600.0, 3600.0):
        body, copy = integrate(body, seconds), integrate(_copy(copy), seconds)
        assert captured.encode(body) == captured.encode(copy), seconds


def _targets_and_taus(body: BodyState) -> tuple[list[float], list[float]]:
    values, targets, taus = list(body.physiology), [0.0] * COUNT, [0.0] * COUNT
    effects = compute_effects(body.conditions, body.medications, body.clock)
    k = input_terms(body)
    sweep(values, [0.0] * COUNT, targets, taus, 0.0, body, k, effects, body.hours_awake)
    return targets, taus


def test_only_two_speed_quantities_pick_their_time_constant_by_side():
    """Moving a quantity across its target changes its own time constant only if named."""
    by_side: set[int] = set()
    for body in _chains()[::5]:
        targets, taus = _targets_and_taus(body)
        for i in range(COUNT):
            target = targets[i]
            # above its target, and below it (never below zero: powers of zero are kept real)
            for value in (target + 0.5 * abs(target) + 1.0, target - 0.5 * abs(target)):
                values = list(body.physiology)
                values[i] = value
                moved = body._replace(physiology=Physiology._make(values))
                if _targets_and_taus(moved)[1][i] != taus[i]:
                    by_side.add(i)
    assert by_side == set(TWO_SPEED)
