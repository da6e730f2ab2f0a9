"""`locus test --random N` on the bundled pack as installed (body compiled) and as the sources run.

Target (issue 19, point 3): 10,000 random playthroughs of the bundled pack
take half the CPU. The named baseline is the same command run from this
checkout's sources (the editable install of the test command: pure Python);
the measured one runs from the wheel pip builds (bench/compiled.py: the body's
inner loop compiled by mypyc, hatch_build.py), as `pip install .` installs it.
Both are the real command line in a child (`python -m game test PACK --random
N --seed 1`), alternating, R rounds each, after a first short run of each that
caches its bytecode (as an install does); CPU is user + system from wait4.
The two reports must be the same but for the lines that time the run or say
when the memo (which watches the process's memory) stopped growing.
Run: python bench/bench_installed.py [N] [--rounds R]   (default 10000, 2)
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.compiled import body_build, installed_tree
from game.paths import bundled_pack


def _run(runs: int, tree: Path | None, cwd: Path) -> tuple[float, list[str]]:
    """CPU seconds of one command, and its report without the timing line."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # (both as installed: bytecode cached)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    command = [sys.executable, "-m", "game", "test", str(bundled_pack())]
    command += ["--random", str(runs), "--seed", "1"]
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        out.seek(0)
        text = out.read()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{text[-2000:]}")
    return usage.ru_utime + usage.ru_stime, [
        line for line in text.splitlines() if not line.startswith("Random playtest:")
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=10_000, help="playthroughs")
    parser.add_argument("--rounds", type=int, default=2, help="pairs, order alternating")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = installed_tree(Path(tmp) / "wheel")
        print(f"bundled pack, locus test --random {args.runs:,} --seed 1; {body_build(tree)}")
        for folder in (tree, None):  # a first run of each writes its bytecode
            _run(1, folder, tree if folder else Path(tmp))
        cpu: dict[Path | None, list[float]] = {tree: [], None: []}
        for number in range(max(1, args.rounds)):
            reports = {}
            for folder in (tree, None) if number % 2 == 0 else (None, tree):
                seconds, reports[folder] = _run(args.runs, folder, tree if folder else Path(tmp))
                cpu[folder].append(seconds)
            installed, sources = cpu[tree][-1], cpu[None][-1]
            print(
                f"  round {number + 1}: installed {installed:.1f} CPU-s, sources "
                f"{sources:.1f} CPU-s, {installed / sources:.2f}x; reports "
                f"{'the same' if reports[tree] == reports[None] else 'DIFFER'}"
            )
        ratios = [i / s for i, s in zip(cpu[tree], cpu[None], strict=True)]
        print(
            f"  median: {statistics.median(cpu[tree]):.1f} against "
            f"{statistics.median(cpu[None]):.1f} CPU-s, {statistics.median(ratios):.2f}x "
            "(target: 0.5x)"
        )


if __name__ == "__main__":
    main()
