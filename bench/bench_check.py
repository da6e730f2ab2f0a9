"""`locus check` on a generated 5,000-scene pack vs parsing the same files alone.

Target (issue 6): the work of `locus check` (load with every diagnostic, plus
the whole-pack analysis) costs at most 1.5x `yaml.load(..., CSafeLoader)` on
the same files, measured in the same run. The analysis is also timed alone,
so a regression can be pinned on the loader or on the checker.
Run: python bench/bench_check.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.genpack import best_of, csafeloader_baseline, generate
from game.authoring.analysis import analyze
from game.authoring.check import check_pack
from game.story.loader import load_pack


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = generate(Path(folder) / "big", scenes=5000)
        files = sorted(root.rglob("*.yaml"))
        size = sum(f.stat().st_size for f in files)

        def baseline() -> None:
            csafeloader_baseline(files)

        def check() -> None:
            diagnostics = check_pack(root)
            assert not any(d.is_error for d in diagnostics), diagnostics[:3]

        story = load_pack(root).story
        assert story is not None
        check()  # warm imports and caches the same way for both sides
        base = best_of(5, baseline)
        mine = best_of(5, check)
        analysis = best_of(5, lambda: analyze(story))
        warnings = len(check_pack(root))
        print(
            f"pack: {len(files)} files, {size / 1e6:.2f} MB, {len(story.scenes)} scenes, "
            f"{warnings} warnings"
        )
        print(f"yaml.load, CSafeLoader     : {base * 1000:8.1f} ms (baseline)")
        print(f"locus check (load+analysis): {mine * 1000:8.1f} ms")
        print(f"  of which analysis        : {analysis * 1000:8.1f} ms")
        print(f"ratio: {mine / base:.2f}x  (target <= 1.5x)")


if __name__ == "__main__":
    main()
