"""Instructions a playthrough with and without the body, counted by callgrind.

Run: python bench/bench_body_callgrind.py [PLAYTHROUGHS] [--bundled N]
(default 100 playthroughs of the 500-scene graph; ``--bundled N`` also counts
N random playthroughs of the bundled pack, as ``locus test --random`` plays
them, memo on; 0 skips it).

CPU seconds on a shared 2-core machine move by tens of percent with the load;
instruction counts do not, so the cost of the body's step is measured here as
a count. The graph is ``bench/samegraph.py``'s (a minute a scene; choices set
a threat, or end it and bring calm), played as ``bench/bench_steps.py`` plays
it (memo off). The named baseline is the same playthroughs without the body;
the target is the body adding at most 2x. Each count is the difference
between a run of N playthroughs and a run of none in a fresh process under
``valgrind --tool=callgrind``, so start-up and loading the pack cancel out.
A run of 100 body playthroughs takes a few minutes under callgrind.

Each count is taken twice: as a regular install runs it (the wheel pip builds,
unpacked: the body's inner loop compiled, hatch_build.py; bench/compiled.py)
and as the sources run (the editable install of the test command). The target
is read on the first; the engine is the same Python in both.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
BUNDLED = HERE / "scenes"
sys.path.insert(0, str(HERE))


def _child(tree: str, pack: str, runs: int, memo: bool) -> None:
    """In the child (under callgrind): load ``pack`` and play ``runs`` random playthroughs.

    ``tree``: the folder the game is imported from ("-": this checkout)."""
    if tree != "-":
        sys.path.insert(0, tree)
    from game.authoring.playtest import random_playtest
    from game.story.loader import load_pack

    story = load_pack(pack).story
    assert story is not None, f"{pack} does not load"
    if runs:
        random_playtest(story, runs, seed=1, memo=memo)


def _instructions(tree: str, pack: Path, runs: int, memo: bool) -> int:
    """Instructions callgrind counted in a child that plays ``runs`` playthroughs."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            __file__,
            "--child",
            tree,
            str(pack),
            str(runs),
            "1" if memo else "0",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    found = re.search(r"Collected\s*:\s*(\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def _per_run(tree: str, pack: Path, runs: int, memo: bool) -> float:
    return (_instructions(tree, pack, runs, memo) - _instructions(tree, pack, 0, memo)) / runs


def main(runs: int, bundled: int) -> None:
    from bench.compiled import body_build, installed_tree
    from bench.samegraph import write_all

    with tempfile.TemporaryDirectory() as tmp:
        forms = write_all(Path(tmp))
        tree = installed_tree(Path(tmp) / "wheel")
        builds = (
            (f"as installed (the wheel: {body_build(tree)})", str(tree)),
            ("as the sources run (editable install)", "-"),
        )
        for label, where in builds:
            bare = _per_run(where, forms["locus"], runs, memo=False)
            body = _per_run(where, forms["locus_body"], runs, memo=False)
            print(f"{runs} random playthroughs of the 500-scene graph, memo off, {label}:")
            print(f"  without the body {bare / 1e6:8.2f}M instructions a playthrough (baseline)")
            print(f"  with the body    {body / 1e6:8.2f}M instructions a playthrough")
            print(f"  the body makes a step {body / bare:.2f}x dearer (target: at most 2x)")
            if bundled:
                total = _per_run(where, BUNDLED, bundled, memo=True) * bundled
                print(
                    f"  bundled pack, {bundled} random playthroughs, memo on: "
                    f"{total / 1e9:.3f}G instructions"
                )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5] == "1")
    else:
        parser = argparse.ArgumentParser(description="Instructions a playthrough, by callgrind.")
        parser.add_argument("playthroughs", type=int, nargs="?", default=100)
        parser.add_argument("--bundled", type=int, default=0, metavar="N")
        args = parser.parse_args()
        main(args.playthroughs, args.bundled)
