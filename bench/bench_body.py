"""Benchmark of the body model: long advances against the cost of one-second steps.

Run: /work/venv/bin/python bench/bench_body.py

The baseline is the plain cost of stepping the model through the public
``advance`` computation (``compute_advance``, bypassing its memo) in one-second
steps (what a per-second game loop would pay). The
two measured cases are what the engine really does: a scene's update (10 min
in one call) and a long time skip (14 days in one call). Each is compared
with the baseline cost of covering the same game time in one-second steps.
All times are medians of repeats (time.perf_counter), on one core, in one run.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from game.body import BodyState, initial_state, with_inputs
from game.body.model import compute_advance

DAY = 86400.0
BASELINE_STEPS = 3600  # one hour of game time in one-second steps, per repeat


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``run`` over ``repeats`` calls, after one warm-up call."""
    run()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def busy_body() -> BodyState:
    """A body just hit by a threat while digesting a meal: every fast process is moving."""
    return with_inputs(initial_state(), {"threat": 1.0, "meal": 1.0})


def one_second_steps(state: BodyState, steps: int) -> BodyState:
    for _ in range(steps):
        state, _ = compute_advance(state, 1.0)
    return state


def report(label: str, seconds_of_game: float, cost: float, per_step: float) -> str:
    steps = round(seconds_of_game)
    baseline = steps * per_step
    return (f"{label}: {cost * 1e3:.3f} ms = {cost / baseline:.3g}× the cost of "
            f"{steps:,} one-second steps ({baseline * 1e3:,.0f} ms)")


def main() -> None:
    body = busy_body()
    per_step = median_seconds(lambda: one_second_steps(body, BASELINE_STEPS), 5) / BASELINE_STEPS
    scene = median_seconds(lambda: compute_advance(body, 600.0), 200)
    skip = median_seconds(lambda: compute_advance(body, 14 * DAY), 50)
    print(f"baseline: one one-second step costs {per_step * 1e6:.1f} µs "
          f"(median of 5 runs of {BASELINE_STEPS:,} steps)")
    print(report("10-min scene update in one call", 600.0, scene, per_step))
    print(report("14 days in one call", 14 * DAY, skip, per_step))


if __name__ == "__main__":
    main()
