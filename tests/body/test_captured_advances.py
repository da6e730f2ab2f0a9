"""The integrator gives the captured advances back bit for bit (see captured_advances.py)."""

from __future__ import annotations

import json

import captured_advances as captured

from game.body import advance_state, initial_state

DATA = captured.load()


def test_the_corpus_covers_the_model():
    """Sleep, standing, medications, conditions, ages, sub-second to week-long advances."""
    starts = [captured.decode(start) for start, _, _ in DATA["advances"]]
    seconds = [s for _, s, _ in DATA["advances"]]
    assert len(starts) >= 400
    assert any(b.sleep for b in starts) and any(b.standing for b in starts)
    assert any(b.medications for b in starts) and any(b.conditions for b in starts)
    assert any(b.exercise for b in starts) and any(b.calm for b in starts)
    assert any(b.physiology.gut_carbs for b in starts)
    assert len({b.age for b in starts}) > 5
    assert min(seconds) < 1.0 and max(seconds) > 7 * 86400.0
    onsets = [b for b in starts if any(b.clock - t < 86400.0 for _, t in b.medications)]
    assert len(onsets) > 10


def _same(state: object, fields: list) -> bool:
    """Bit for bit: the JSON texts of floats are their shortest exact repr (-0.0 included)."""
    return json.dumps(captured.encode(state)) == json.dumps(fields)


def test_every_advance_is_what_it_was_bit_for_bit():
    changed = [
        case
        for case, (start, seconds, after) in enumerate(DATA["advances"])
        if not _same(advance_state(captured.decode(start), seconds), after)
    ]
    assert not changed, f"{len(changed)} captured advances changed, first {changed[:10]}"


def test_settled_bodies_are_what_they_were_bit_for_bit():
    for conditions, medications, age, body in DATA["settled"]:
        assert _same(initial_state(conditions, medications, age=age), body), (conditions, age)
