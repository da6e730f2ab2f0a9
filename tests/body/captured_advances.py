"""Advances of the body model captured once, to hold a rewrite of the integrator to them.

``captured_advances.json.gz`` holds, for each case, a body as an advance
starts (every field of ``BodyState``), the seconds, and the body the model
gave back when the file was written; and, for ``initial_state``, its
arguments and the settled body. The bodies come from random chains of play
(conditions, medications taken for years or started on the way, ages,
threat, effort, calm, meals, standing, sleep, advances from under a second
to two weeks), so every branch of the model is in there: regime changes
(cardiac drive rising and falling, the sleeping LC, stress load, stores),
the fatigue kinks, medication onsets.

Rewrite the file only on purpose (a change of the model itself), with
``python tests/body/captured_advances.py``; a change of the integrator that
is meant to keep the numbers must pass tests/body/test_captured_advances.py
against the file as it is.
"""

from __future__ import annotations

import gzip
import json
import math
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from game.body import (
    CONDITIONS,
    MEDICATIONS,
    BodyState,
    add_condition,
    advance_state,
    initial_state,
    start_medication,
    stop_medication,
    with_inputs,
)
from game.body.state import Physiology

FILE = Path(__file__).with_name("captured_advances.json.gz")
SEED = 20261201
CHAINS = 70
STEPS = 6

# Advances as stories make them, and the extremes.
_USUAL_S = (30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0, 7200.0, 28800.0, 57600.0)


def encode(state: BodyState) -> list[Any]:
    """A body as JSON: the named tuple's fields in order (floats round-trip exactly)."""
    return json.loads(json.dumps(state))


def decode(fields: list[Any]) -> BodyState:
    """The body ``encode`` wrote."""
    *head, physiology = fields
    clock, threat, exercise, calm, sleep, standing, conditions, meds, *rest = head
    return BodyState(
        clock,
        threat,
        exercise,
        calm,
        sleep,
        standing,
        tuple(conditions),
        tuple((m, started) for m, started in meds),
        *rest,
        Physiology._make(physiology),
    )


def _seconds(rng: random.Random) -> float:
    pick = rng.random()
    if pick < 0.5:
        return rng.choice(_USUAL_S)
    if pick < 0.6:
        return rng.uniform(0.01, 5.0)
    return math.exp(rng.uniform(math.log(1.0), math.log(14 * 86400.0)))


def _changes(rng: random.Random) -> dict[str, float | bool]:
    changes: dict[str, float | bool] = {}
    for name in ("threat", "exercise", "calm", "meal"):
        if rng.random() < 0.35:
            changes[name] = rng.choice((0.0, 1.0, round(rng.random(), 2)))
    for name in ("sleep", "standing"):
        if rng.random() < 0.25:
            changes[name] = rng.random() < 0.5
    return changes


def _modified(rng: random.Random, body: BodyState) -> BodyState:
    pick = rng.random()
    if pick < 0.1:
        return start_medication(body, rng.choice(sorted(MEDICATIONS)))
    if pick < 0.13 and body.medications:
        return stop_medication(body, rng.choice(body.medications)[0])
    if pick < 0.16:
        return add_condition(body, rng.choice(sorted(CONDITIONS)))
    return body


def settled_cases(rng: random.Random) -> Iterator[tuple[list[str], list[str], float]]:
    """Arguments of ``initial_state``: conditions, medications, age."""
    for _ in range(CHAINS):
        conditions = sorted(rng.sample(sorted(CONDITIONS), rng.choice((0, 0, 1, 1, 2))))
        medications = sorted(rng.sample(sorted(MEDICATIONS), rng.choice((0, 0, 1, 2))))
        age = rng.choice((16.0, 16.0, 35.0, 70.0, round(rng.uniform(5.0, 100.0), 1)))
        yield conditions, medications, age


def capture() -> dict[str, Any]:
    """Play the random chains with the model as it is; every advance and its result."""
    rng = random.Random(SEED)
    settled, advances = [], []
    for conditions, medications, age in list(settled_cases(rng)):
        body = initial_state(conditions, medications, age=age)
        settled.append([conditions, medications, age, encode(body)])
        for _ in range(STEPS):
            body = _modified(rng, with_inputs(body, _changes(rng)))
            seconds = _seconds(rng)
            after = advance_state(body, seconds)
            advances.append([encode(body), seconds, encode(after)])
            body = after
    return {"seed": SEED, "settled": settled, "advances": advances}


def load() -> dict[str, Any]:
    with gzip.open(FILE, "rt", encoding="utf-8") as f:
        data: dict[str, Any] = json.load(f)
    return data


def main() -> None:
    data = capture()
    raw = json.dumps(data, separators=(",", ":")).encode()
    FILE.write_bytes(gzip.compress(raw, mtime=0))
    print(f"{FILE.name}: {len(data['advances'])} advances, {len(data['settled'])} settled bodies")


if __name__ == "__main__":
    main()
