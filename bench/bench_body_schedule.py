"""Where the body's sub-steps go: sweeps per advance, as scheduled and with limiters left out.

Run: python bench/bench_body_schedule.py [PLAYTHROUGHS]   (default 40)

Random playthroughs of the 500-scene graph of ``bench/samegraph.py`` (a
minute a scene; choices set a threat, or end it and bring calm), memo off,
as ``bench/bench_steps.py`` plays them. The named baseline is the same
playthroughs without the body. For each schedule the benchmark prints the
sweeps of the causal sweep per advance and the CPU time per step as a
ratio of the baseline's (the target: at most 2x).

The schedules without some limiters (``quantities.LIMITERS``) are
measurements, not schedules to use: leaving a quantity's limit out is what a
closed form for its transient could save at most, and readouts then stray
from fine stepping (tests/body/test_captured_advances.py would fail). With no
limit at all every advance is one sub-step: the floor of this scheme.
CPU times are one run each (time.process_time); callgrind
(``valgrind --tool=callgrind``) gives counts that do not depend on the load.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.authoring.playtest import random_playtest
from game.body import dynamics
from game.body.model import ADVANCE_MEMO
from game.body.quantities import BURST, LC, LIMITERS, NE
from game.story.loader import load_pack

SCHEDULES = (
    ("as scheduled", LIMITERS),
    ("without the burst's limit", tuple(x for x in LIMITERS if x[0] != BURST)),
    (
        "without the burst's, LC's, brain NE's",
        tuple(x for x in LIMITERS if x[0] not in (BURST, LC, NE)),
    ),
    ("with no limit (one sub-step an advance)", ()),
)


def _play(pack: Path, runs: int) -> tuple[int, float]:
    """(steps, CPU seconds) of ``runs`` seeded random playthroughs, memo off."""
    story = load_pack(pack).story
    assert story is not None, f"{pack} does not load"
    ADVANCE_MEMO.resize(ADVANCE_MEMO.entries)  # (forget the advances of another schedule)
    began = time.process_time()
    report = random_playtest(story, runs, seed=1, memo=False)
    return report.steps, time.process_time() - began


def _counted(pack: Path, runs: int) -> tuple[int, int]:
    """(sweeps, advances computed) in the same playthroughs, counted in a run of their own
    (the memo's function is wrapped: it takes its function when it is built or resized)."""
    counts = [0, 0]
    sweep, integrate = dynamics.sweep, ADVANCE_MEMO._fn

    def counting_sweep(*args: Any) -> None:
        counts[0] += 1
        sweep(*args)

    def counting_integrate(*args: Any) -> Any:
        counts[1] += 1
        return integrate(*args)

    dynamics.sweep = counting_sweep
    ADVANCE_MEMO._fn = counting_integrate
    try:
        _play(pack, runs)
    finally:
        dynamics.sweep, ADVANCE_MEMO._fn = sweep, integrate
        ADVANCE_MEMO.resize(ADVANCE_MEMO.entries)  # (the memo wraps its function when built)
    return counts[0], counts[1]


def main(runs: int) -> None:
    from bench.samegraph import write_all

    with tempfile.TemporaryDirectory() as tmp:
        forms = write_all(Path(tmp))
        steps, cpu = _play(forms["locus"], runs)

        def dearer(body_steps: int, body_cpu: float) -> float:
            return (body_cpu / body_steps) / (cpu / steps)

        print(
            f"{runs:,} random playthroughs of one 500-scene graph, memo off; baseline without "
            f"the body: {steps / cpu:,.0f} steps/CPU-s"
        )
        for label, limiters in SCHEDULES:
            dynamics.LIMITERS = limiters
            try:
                sweeps, advances = _counted(forms["locus_body"], runs)
                body_steps, body_cpu = _play(forms["locus_body"], runs)
            finally:
                dynamics.LIMITERS = LIMITERS
            print(
                f"  {label:<42} {sweeps / max(advances, 1):5.2f} sweeps an advance, "
                f"a step {dearer(body_steps, body_cpu):4.2f}x the baseline's CPU"
            )
    print("(target: the body adds at most 2x)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 40)
