"""Benchmark of the body model: long advances against the cost of one-second steps.

Run: /work/venv/bin/python bench/bench_body.py

The baseline is the plain cost of stepping the model through the public
``advance`` computation (``compute_advance``, bypassing its memo) in one-second
steps (what a per-second game loop would pay). The
two measured cases are what the engine really does: a scene's update (10 min
in one call) and a long time skip (14 days in one call). Each is compared
with the baseline cost of covering the same game time in one-second steps.
The last line times a realistic mix: the advances a story makes (30 s to
16 h) from bodies in the situations stories put them in, each just after its
inputs changed, with their explanations (what play pays per distinct advance;
playtests skip the explanations).
All times are medians of repeats (time.perf_counter), on one core, in one run.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.genpack import median_of
from game.body import BodyState, initial_state, with_inputs
from game.body.model import compute_advance

DAY = 86400.0
BASELINE_STEPS = 3600  # one hour of game time in one-second steps, per repeat


def busy_body() -> BodyState:
    """A body just hit by a threat while digesting a meal: every fast process is moving."""
    return with_inputs(initial_state(), {"threat": 1.0, "meal": 1.0})


# Situations stories put a body in: (conditions, medications, inputs set just before the advance).
SITUATIONS = (
    ((), (), {}),
    ((), (), {"threat": 0.3}),
    ((), (), {"threat": 0.7, "meal": 1.0}),
    ((), (), {"threat": 1.0}),
    ((), (), {"exercise": 0.65}),
    ((), (), {"calm": 1.0, "threat": 0.2}),
    ((), (), {"sleep": True}),
    (("parkinsons",), (), {"threat": 0.5}),
    (("chronic_stress",), (), {"threat": 0.4, "sleep": False}),
    (("chronic_stress",), (), {"sleep": True}),
    (("hypothyroidism",), ("snri",), {"meal": 1.0}),
    (("diabetic_neuropathy",), ("beta_blocker",), {"threat": 0.6, "exercise": 0.2}),
    ((), (), {"standing": True}),
    (("parkinsons",), (), {"standing": True, "exercise": 0.3}),
    ((), (), {"sleep": True, "threat": 0.3}),
)
# What follows a change of inputs in the bundled story: a scene's time, a choice's time
# and a `time:` effect, from 30 s to 16 h (each chain runs on from the one before).
CHAINS = ((600.0, 1800.0, 7200.0), (120.0, 2700.0, 28800.0), (30.0, 14400.0, 57600.0))


def realistic_mix() -> list[tuple[BodyState, float]]:
    """The advances of a story: inputs change, then a chain of advances, in every situation.

    Each situation starts from a body that lived a day; about a third of the
    advances come right after a change of inputs, as in random playthroughs.
    """
    calls = []
    for conditions, medications, inputs in SITUATIONS:
        lived, _ = compute_advance(initial_state(conditions, medications), DAY)
        for chain in CHAINS:
            body = with_inputs(lived, inputs) if inputs else lived
            for seconds in chain:
                calls.append((body, seconds))
                body, _ = compute_advance(body, seconds)
    return calls


def one_second_steps(state: BodyState, steps: int) -> BodyState:
    for _ in range(steps):
        state, _ = compute_advance(state, 1.0)
    return state


def report(label: str, seconds_of_game: float, cost: float, per_step: float) -> str:
    steps = round(seconds_of_game)
    baseline = steps * per_step
    return (
        f"{label}: {cost * 1e3:.3f} ms = {cost / baseline:.3g}× the cost of "
        f"{steps:,} one-second steps ({baseline * 1e3:,.0f} ms)"
    )


def main() -> None:
    body = busy_body()
    per_step = (
        median_of(5, lambda: one_second_steps(body, BASELINE_STEPS), warm_up=True) / BASELINE_STEPS
    )
    scene = median_of(200, lambda: compute_advance(body, 600.0), warm_up=True)
    skip = median_of(50, lambda: compute_advance(body, 14 * DAY), warm_up=True)
    print(
        f"baseline: one one-second step costs {per_step * 1e6:.1f} µs "
        f"(median of 5 runs of {BASELINE_STEPS:,} steps)"
    )
    print(report("10-min scene update in one call", 600.0, scene, per_step))
    print(report("14 days in one call", 14 * DAY, skip, per_step))
    mix = realistic_mix()
    costs = sorted(
        median_of(21, lambda b=body, t=seconds: compute_advance(b, t), warm_up=True)
        for body, seconds in mix
    )
    print(
        f"realistic mix of {len(mix)} advances (30 s to 16 h, uncached): median "
        f"{statistics.median(costs) * 1e6:.0f} µs, 90th percentile "
        f"{costs[int(0.9 * len(costs))] * 1e6:.0f} µs per call"
    )


if __name__ == "__main__":
    main()
