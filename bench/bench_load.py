"""Loading and checking a generated 5,000-scene pack vs CSafeLoader alone.

Target (issue 2): load_pack costs at most 1.5x `yaml.load(..., CSafeLoader)`
on the same files, measured in the same run. Also: one transition (choose,
effects, route, 1 min of body time) on that pack, target under 1 ms.
Run: python bench/bench_load.py
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.genpack import best_of, csafeloader_baseline, generate
from game.engine.machine import act, new_game, visible_choices
from game.story.loader import load_pack


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder) / "big")
        files = sorted(root.glob("*.yaml"))
        size = sum(f.stat().st_size for f in files)

        def baseline() -> None:
            csafeloader_baseline(files)

        def ours() -> None:
            result = load_pack(root)
            assert result.ok, result.diagnostics[:3]

        ours()  # warm imports
        base = best_of(5, baseline)
        mine = best_of(5, ours)
        print(f"pack: {len(files)} files, {size / 1e6:.2f} MB, 5000 scenes")
        print(f"CSafeLoader alone : {base * 1000:8.1f} ms (baseline)")
        print(f"load_pack (checked): {mine * 1000:8.1f} ms")
        print(f"ratio: {mine / base:.2f}x  (target <= 1.5x)")

        story = load_pack(root).story
        state = new_game(story).state
        samples = []
        picker = random.Random(0)
        while len(samples) < 2000:
            scene = story.scenes[state.scene]
            if scene.ending is not None:
                state = new_game(story, seed=len(samples)).state
                continue
            options = [o for o in visible_choices(story, state) if o.enabled]
            number = picker.choice(options).number
            start = time.perf_counter()
            state = act(story, state, number).state
            samples.append(time.perf_counter() - start)
        med = statistics.median(samples)
        print(
            "one transition (choose or answer, effects, route, >= 1 min body time): "
            f"median {med * 1e6:.0f} us "
            f"= {med / base * 1e6:.0f} ppm of the baseline load (target < 1 ms)"
        )


if __name__ == "__main__":
    main()
