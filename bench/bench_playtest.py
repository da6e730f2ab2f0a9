"""Random playthroughs per second on the bundled pack (`locus test --random N`).

Target (issue 6): `locus test --random 10000` on the bundled pack plays at
least 1,000 playthroughs/s on one core. Prints that rate, the rate of the
named baseline measured in the same run (the plain engine path: each
playthrough takes every step itself, sharing none with the others) and the
ratio, then
where a shared run spends its time, measured with cProfile, so a miss can be
pinned on a function, and the body model's share without the profiler (whose
cost per call inflates the body's many small ones): the same playthroughs
again with each distinct advance of the body only moving its clock. That is a
measurement, not a game (a body that never changes reads the same in every
condition, so the playthroughs differ a little; the rates are per step), and
the most any faster body model could save.
Run: python bench/bench_playtest.py [N]   (N playthroughs, default 10000)
"""

from __future__ import annotations

import cProfile
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.authoring.playtest import random_playtest
from game.paths import bundled_pack
from game.story.loader import load_pack

# (file suffix, function name) -> label, for the breakdown
_HOT = {
    ("game/authoring/playtest.py", "_act"): "a new step: act + render the arrival",
    ("game/engine/machine.py", "act"): "  machine.act (quiet)",
    ("game/body/dynamics.py", "integrate"): "    body integration (distinct advances)",
    ("game/body/model.py", "with_inputs"): "    body.with_inputs",
    ("game/engine/machine.py", "scene_view"): "  machine.scene_view",
    ("game/engine/machine.py", "visible_choices"): "machine.visible_choices",
    ("game/engine/state.py", "key"): "GameState.key (merging paths)",
    ("game/authoring/playtest.py", "_least_used"): "picking the least-used option",
}


def breakdown(story: object, runs: int) -> None:
    profile = cProfile.Profile()
    profile.enable()
    report = random_playtest(story, runs, seed=7)  # type: ignore[arg-type]
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _, ct, _) in stats.values())
    print(
        f"where a shared run spends its time ({runs} playthroughs, {report.steps} steps, "
        "under cProfile; cumulative, so nested rows overlap):"
    )
    rows = []
    for (filename, _line, function), (_cc, calls, _tt, cumulative, _) in stats.items():
        for (suffix, name), label in _HOT.items():
            if function == name and filename.replace("\\", "/").endswith(suffix):
                rows.append((list(_HOT.values()).index(label), label, calls, cumulative))
    for _, label, calls, cumulative in sorted(rows):
        print(
            f"  {label:<42} {calls:>8} calls {cumulative / calls * 1e6:>7.0f} us/call "
            f"{cumulative / total:>5.0%}"
        )


def body_share(story: object, runs: int) -> None:
    """CPU per step of ``runs`` shared playthroughs with the body, then with a body whose
    advances only move the clock (see the module doc), alternating, two rounds."""
    from game.body.model import ADVANCE_MEMO

    integrate = ADVANCE_MEMO._fn
    per_step: dict[str, list[float]] = {"with the body": [], "advances cost nothing": []}
    try:
        for _ in range(2):
            for label in per_step:
                ADVANCE_MEMO._fn = (
                    integrate
                    if label == "with the body"
                    else lambda body, seconds: body._replace(clock=body.clock + seconds)
                )
                ADVANCE_MEMO.resize(ADVANCE_MEMO.entries)  # (it wraps its function when made)
                began = time.process_time()
                report = random_playtest(story, runs, seed=0)  # type: ignore[arg-type]
                per_step[label].append((time.process_time() - began) / report.steps)
    finally:
        ADVANCE_MEMO._fn = integrate
        ADVANCE_MEMO.resize(ADVANCE_MEMO.entries)
    real, free = (min(times) for times in per_step.values())
    print(
        f"the body's share, without the profiler ({runs:,} playthroughs, best of two): "
        f"{real * 1e6:.1f} us a step with it, {free * 1e6:.1f} us when its advances cost "
        f"nothing; a free body would take {1 - free / real:.0%} off ({real / free:.2f}x)"
    )


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    story = load_pack(bundled_pack()).story
    assert story is not None, "the bundled pack does not load; run locus check"
    shared = random_playtest(story, runs, seed=0)
    print(
        f"bundled pack: {len(story.scenes)} scenes; {runs:,} playthroughs, "
        f"{shared.steps / max(shared.playthroughs, 1):.1f} steps each, "
        f"{len(shared.scene_hits)} scenes and {len(shared.ending_hits)} endings reached"
    )
    print(f"locus test --random {runs}: {shared.rate:8.1f} playthroughs/s (target >= 1,000)")
    plain_runs = max(runs // 20, 5)
    plain = random_playtest(story, plain_runs, seed=0, memo=False)
    print(
        f"baseline, no steps shared between playthroughs: {plain.rate:8.1f} playthroughs/s "
        f"({plain_runs:,} playthroughs, {plain.seconds / max(plain.steps, 1) * 1e3:.2f} ms/step)"
    )
    print(f"ratio: {shared.rate / plain.rate:.1f}x the baseline")
    breakdown(story, max(runs // 10, 3))
    body_share(story, runs)


if __name__ == "__main__":
    main()
