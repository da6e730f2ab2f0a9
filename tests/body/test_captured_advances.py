"""The integrator gives the captured advances back within stated tolerances (captured_advances.py).

The corpus holds what the integrator gave before its sub-step schedule was
made error-controlled (docs/science.md, "Numerics"): the schedule now takes
fewer sub-steps where a transient is small, more while the LC burst decays,
so readouts move a little. ``TOLERANCE`` is how far each readout may move
from the corpus; the bands are about the old schedule's own error against
finely stepped advances (the largest moves are the old integrator's misses
in the seconds after a burst: brain NE and what reads it), and
``test_no_readout_strays_further_from_fine_stepping`` holds the new schedule
at least as close to fine stepping as the corpus was.
"""

from __future__ import annotations

import json

import captured_advances as captured
import pytest

from game.body import BodyState, advance_state, initial_state, readouts

DATA = captured.load()

# How far each readout may move from the corpus, in its own unit (readouts.py).
TOLERANCE = {
    "lc_rate": 0.01,  # Hz
    "ne": 7.0,  # % of calm-awake baseline
    "ne_plasma": 6.0,  # pg/mL
    "heart_rate": 1.0,  # bpm
    "systolic": 0.5,  # mmHg
    "diastolic": 0.2,  # mmHg
    "resp_rate": 0.05,  # breaths/min
    "glucose": 1.5,  # mg/dL
    "cardiac_output": 0.15,  # L/min
    "pupil": 0.01,  # mm
    "muscle_flow": 1.5,  # % of rest
    "digestion": 1.0,  # % of rest
    "pain": 2.0,  # % sensitivity
    "alertness": 2.5,  # points of 100
    "focus": 2.5,
    "anxiety": 0.6,
    "fatigue": 0.1,
    "mood": 0.02,
    "stress_load": 0.25,
}


def _starts() -> list[tuple[BodyState, float, BodyState]]:
    return [
        (captured.decode(start), seconds, captured.decode(after))
        for start, seconds, after in DATA["advances"]
    ]


def test_the_corpus_covers_the_model():
    """Sleep, standing, medications, conditions, ages, sub-second to week-long advances."""
    starts = [start for start, _, _ in _starts()]
    seconds = [s for _, s, _ in _starts()]
    assert len(starts) >= 400
    assert any(b.sleep for b in starts) and any(b.standing for b in starts)
    assert any(b.medications for b in starts) and any(b.conditions for b in starts)
    assert any(b.exercise for b in starts) and any(b.calm for b in starts)
    assert any(b.physiology.gut_carbs for b in starts)
    assert len({b.age for b in starts}) > 5
    assert min(seconds) < 1.0 and max(seconds) > 7 * 86400.0
    onsets = [b for b in starts if any(b.clock - t < 86400.0 for _, t in b.medications)]
    assert len(onsets) > 10


def test_every_numeric_readout_has_a_tolerance():
    numbers = {k for k, v in readouts(initial_state()).items() if not isinstance(v, str)}
    assert numbers == TOLERANCE.keys()


def test_every_advance_is_within_tolerance_of_the_corpus():
    moved = []
    for case, (start, seconds, want) in enumerate(_starts()):
        after = advance_state(start, seconds)
        got, old = readouts(after), readouts(want)
        assert got["lc_mode"] == old["lc_mode"], case
        moved += [
            (case, name, got[name], old[name])
            for name, band in TOLERANCE.items()
            if abs(float(got[name]) - float(old[name])) > band
        ]
        # Inputs, modifiers, clock and sleep bookkeeping are not numerics: as before (awake
        # time is summed over the sub-steps, so to the last digits only).
        assert after._replace(hours_awake=0.0)[:-1] == want._replace(hours_awake=0.0)[:-1]
        assert after.hours_awake == pytest.approx(want.hours_awake, rel=1e-12, abs=1e-12)
    assert not moved, f"{len(moved)} readouts moved beyond tolerance, first {moved[:5]}"


def _fine(start: BodyState, seconds: float, step: float = 0.25) -> BodyState:
    """The advance in calls of ``step`` seconds: each starts a schedule of its own."""
    body, left = start, seconds
    while left > 1e-9:
        h = min(step, left)
        body, left = advance_state(body, h), left - h
    return body


@pytest.mark.parametrize("name", ["ne", "focus", "alertness", "heart_rate", "anxiety", "glucose"])
def test_no_readout_strays_further_from_fine_stepping(name):
    """On the corpus's advances of up to two minutes, where transients are fastest, the
    largest miss against quarter-second stepping is no larger than the corpus's own (or,
    where both are tiny, under a tenth of the readout's tolerance)."""
    short = [case for case in _starts() if case[1] <= 120.0]
    assert len(short) >= 40
    new = old = 0.0
    for start, seconds, want in short:
        fine = float(readouts(_fine(start, seconds))[name])
        new = max(new, abs(float(readouts(advance_state(start, seconds))[name]) - fine))
        old = max(old, abs(float(readouts(want)[name]) - fine))
    assert new <= max(1.05 * old, 0.1 * TOLERANCE[name]), (new, old)


def _same(state: object, fields: list) -> bool:
    """Bit for bit: the JSON texts of floats are their shortest exact repr (-0.0 included)."""
    return json.dumps(captured.encode(state)) == json.dumps(fields)


def test_settled_bodies_are_what_they_were_bit_for_bit():
    """``settle`` puts every quantity on its target in one sweep: no schedule, no tolerance."""
    for conditions, medications, age, body in DATA["settled"]:
        assert _same(initial_state(conditions, medications, age=age), body), (conditions, age)
