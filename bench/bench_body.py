"""Benchmark of the body model: long advances against the cost of one-second steps.

Run: python bench/bench_body.py [--against CHECKOUT] [--rounds N]

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

``--against CHECKOUT`` measures another checkout of the project (an older
commit, say) in the same run: each round measures both, alternately, each in
a fresh process importing its own ``game``, and the last lines print the
cost of this checkout as a ratio of the other's, per case (medians over the
rounds, default 3). The body's public API is all it uses, so any version
that has ``game.body.model.compute_advance`` can be compared.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
DAY = 86400.0
BASELINE_STEPS = 3600  # one hour of game time in one-second steps, per repeat

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


def measure() -> dict[str, float]:
    """Every figure of this benchmark for the ``game`` first on sys.path, in seconds."""
    from bench.genpack import median_of
    from game.body import initial_state, with_inputs
    from game.body.model import compute_advance

    def one_second_steps(state: object, steps: int) -> None:
        for _ in range(steps):
            state, _ = compute_advance(state, 1.0)  # type: ignore[arg-type]

    # A body just hit by a threat while digesting a meal: every fast process is moving.
    body = with_inputs(initial_state(), {"threat": 1.0, "meal": 1.0})
    per_step = (
        median_of(5, lambda: one_second_steps(body, BASELINE_STEPS), warm_up=True) / BASELINE_STEPS
    )
    scene = median_of(200, lambda: compute_advance(body, 600.0), warm_up=True)
    skip = median_of(50, lambda: compute_advance(body, 14 * DAY), warm_up=True)
    # The advances of a story: inputs change, then a chain of advances, in every
    # situation, each from a body that lived a day; about a third of the advances
    # come right after a change of inputs, as in random playthroughs.
    calls = []
    for conditions, medications, inputs in SITUATIONS:
        lived, _ = compute_advance(initial_state(conditions, medications), DAY)
        for chain in CHAINS:
            state = with_inputs(lived, inputs) if inputs else lived
            for seconds in chain:
                calls.append((state, seconds))
                state, _ = compute_advance(state, seconds)
    costs = sorted(
        median_of(21, lambda b=b, t=t: compute_advance(b, t), warm_up=True) for b, t in calls
    )
    return {
        "one_second_step": per_step,
        "scene": scene,
        "skip": skip,
        "mix_median": statistics.median(costs),
        "mix_p90": costs[int(0.9 * len(costs))],
        "mix_calls": float(len(calls)),
    }


def report(m: dict[str, float]) -> None:
    per_step = m["one_second_step"]

    def line(label: str, seconds_of_game: float, cost: float) -> str:
        steps = round(seconds_of_game)
        baseline = steps * per_step
        return (
            f"{label}: {cost * 1e3:.3f} ms = {cost / baseline:.3g}× the cost of "
            f"{steps:,} one-second steps ({baseline * 1e3:,.0f} ms)"
        )

    print(
        f"baseline: one one-second step costs {per_step * 1e6:.1f} µs "
        f"(median of 5 runs of {BASELINE_STEPS:,} steps)"
    )
    print(line("10-min scene update in one call", 600.0, m["scene"]))
    print(line("14 days in one call", 14 * DAY, m["skip"]))
    print(
        f"realistic mix of {m['mix_calls']:.0f} advances (30 s to 16 h, uncached): median "
        f"{m['mix_median'] * 1e6:.0f} µs, 90th percentile {m['mix_p90'] * 1e6:.0f} µs per call"
    )


_CASES = {
    "one_second_step": "one one-second step",
    "scene": "10-min scene update",
    "skip": "14 days in one call",
    "mix_median": "realistic mix, median",
    "mix_p90": "realistic mix, 90th percentile",
}


def _child(checkout: Path) -> dict[str, float]:
    # This file's ``bench`` (genpack imports no ``game``), then the checkout's own ``game``.
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[2]); "
        "from bench.bench_body import measure; import bench.genpack; "
        "sys.path.insert(0, sys.argv[1]); import game; "
        "print(json.dumps({**measure(), 'game': game.__file__}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(checkout), str(HERE)],
        capture_output=True,
        text=True,
        check=True,
        cwd=checkout,
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    where = Path(data.pop("game")).resolve()
    if not where.is_relative_to(checkout):
        raise SystemExit(f"measured {where}, not the game of {checkout}")
    return {name: float(value) for name, value in data.items()}


def compare(other: Path, rounds: int) -> None:
    runs: dict[str, list[dict[str, float]]] = {"this": [], "other": []}
    for _ in range(rounds):
        runs["other"].append(_child(other))
        runs["this"].append(_child(HERE))
    mid = {k: {c: statistics.median(r[c] for r in v) for c in _CASES} for k, v in runs.items()}
    print(f"this checkout ({HERE}), medians of {rounds} alternating rounds:")
    report({**mid["this"], "mix_calls": runs["this"][0]["mix_calls"]})
    print(f"against {other}: cost here / cost there")
    for case, label in _CASES.items():
        ratio = mid["this"][case] / mid["other"][case]
        print(
            f"  {label:<32} {mid['this'][case] * 1e6:>9.1f} µs / "
            f"{mid['other'][case] * 1e6:>9.1f} µs = {ratio:.2f}x"
        )


def main() -> None:
    args = sys.argv[1:]
    if "--against" in args:
        where = args.index("--against")
        rounds = int(args[args.index("--rounds") + 1]) if "--rounds" in args else 3
        compare(Path(args[where + 1]).resolve(), rounds)
        return
    sys.path.insert(0, str(HERE))
    report(measure())


if __name__ == "__main__":
    main()
