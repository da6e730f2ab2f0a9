"""Random playthroughs per second on the bundled pack (`locus test --random N`).

Target (issue 6): at least 1,000 playthroughs/s on one core. Prints the rate
of the playtester as `locus test` runs it (transitions shared between
playthroughs), the rate of the plain engine path (every step computed), and
where the engine path spends its time, measured with cProfile, so a miss
can be pinned on a function.
Run: python bench/bench_playtest.py [N]   (N playthroughs, default 1000)
"""

from __future__ import annotations

import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.authoring.playtest import random_playtest
from game.paths import bundled_pack
from game.story.loader import load_pack

# (file suffix, function name) -> label, for the breakdown
_HOT = {
    ("game/body/model.py", "advance"): "body.advance (integration + explanations)",
    ("game/body/model.py", "readout"): "body.readout (recomputes every readout)",
    ("game/engine/machine.py", "_pass_time"): "machine._pass_time",
    ("game/engine/machine.py", "_record"): "machine._record (trace point)",
    ("game/engine/machine.py", "visible_choices"): "machine.visible_choices",
    ("game/engine/machine.py", "scene_view"): "machine.scene_view",
}


def breakdown(story: object, runs: int) -> None:
    profile = cProfile.Profile()
    profile.enable()
    report = random_playtest(story, runs, seed=7, memo=False)  # type: ignore[arg-type]
    profile.disable()
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    total = max(ct for (_, _, _, ct, _) in stats.values())
    print(f"where the engine path spends its time ({runs} playthroughs, {report.steps} steps, "
          "under cProfile; cumulative, so nested rows overlap):")
    for (filename, _line, function), (_cc, calls, _tt, cumulative, _) in stats.items():
        for (suffix, name), label in _HOT.items():
            if function == name and filename.replace("\\", "/").endswith(suffix):
                print(f"  {label:<44} {calls:>7} calls {cumulative / calls * 1e6:>8.0f} us/call "
                      f"{cumulative / report.steps * 1e3:>7.2f} ms/step {cumulative / total:>5.0%}")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    story = load_pack(bundled_pack()).story
    assert story is not None, "the bundled pack does not load; run locus check"
    shared = random_playtest(story, runs, seed=0)
    per_run = shared.steps / max(shared.playthroughs, 1)
    print(f"bundled pack: {len(story.scenes)} scenes; {runs} playthroughs, "
          f"{per_run:.1f} steps each")
    print(f"locus test --random (shared transitions): {shared.rate:8.1f} playthroughs/s "
          "(target >= 1,000)")
    plain_runs = max(runs // 20, 5)
    plain = random_playtest(story, plain_runs, seed=0, memo=False)
    print(f"engine path, every step computed        : {plain.rate:8.1f} playthroughs/s, "
          f"{plain.seconds / max(plain.steps, 1) * 1e3:.2f} ms/step ({plain_runs} playthroughs)")
    breakdown(story, max(runs // 100, 3))


if __name__ == "__main__":
    main()
