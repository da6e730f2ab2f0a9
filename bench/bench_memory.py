"""Peak memory and CPU of `locus test --random N`, with the memo and without it.

Target (issue 19): 10,000 random playthroughs of a generated 5,000-scene pack
(bench/genpack.py) stay under 300 MB peak, and the command is never slower
with the memo than without it (within noise); on the bundled pack the memo
keeps its speed win. Each run is the real command line in a child process
(`python -m game test PACK --random N`, the same as the `locus` command),
once with the memo at its default budget and once with `--memo-budget 0`.
Prints the child's peak resident size (VmHWM, read from /proc while it runs;
ru_maxrss from wait4 as a cross-check) against the 300 MB target, its CPU
time (user + system, from wait4), and the memo / no-memo CPU ratio.
Run: python bench/bench_memory.py [N] [generated|bundled] [--rounds R]
(N playthroughs, default 10000; both packs unless one is named; R pairs, the
order swapped each round, default 1)

On the generated pack the memo's peak is its first two windows
(game/authoring/playtest.py, ``_Transitions.review``): 4,000 remembered
states of 500-step games, each with its visit counts, about 110 MB within its
budget, before it finds that games do not meet and drops them (measured: 12
games peak at 292 MB with the memo, 202 MB without).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.genpack import generate
from game.paths import bundled_pack

TARGET_MB = 300.0
GENERATED_SCENES = 5000
POLL_S = 0.02


@dataclass(frozen=True)
class Run:
    peak_mb: float  # the child's VmHWM, the highest reading
    maxrss_mb: float  # ru_maxrss from wait4
    cpu_s: float
    summary: str  # the report's memo line


def _vm_hwm_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


def measure(pack: Path, runs: int, budget: str | None) -> Run:
    """One `locus test PACK --random runs` in a child, its peak and CPU time."""
    command = [sys.executable, "-m", "game", "test", str(pack), "--random", str(runs)]
    if budget is not None:
        command += ["--memo-budget", budget]
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
        peak_kb = 0
        while True:
            done, status, usage = os.wait4(child.pid, os.WNOHANG)
            if done:
                break
            peak_kb = max(peak_kb, _vm_hwm_kb(child.pid) or 0)
            time.sleep(POLL_S)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        text = out.read()
    memo = next((line.strip() for line in text.splitlines() if "; memo" in line), "")
    if child.returncode not in (0, 1) or not memo:
        raise SystemExit(f"{' '.join(command)} failed ({child.returncode}):\n{text[-2000:]}")
    return Run(peak_kb / 1024, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime, memo)


def report(label: str, pack: Path, runs: int, rounds: int) -> tuple[Run, Run]:
    """Both configurations ``rounds`` times, the order swapped each round (memo first,
    then no memo first...), so a change of load during the run weighs on both alike.
    Returns the runs with the highest peaks; prints every pair and the median ratio."""
    print(f"{label}: locus test --random {runs:,}, {rounds} round(s), order alternating")
    fixed = measure(pack, 1, "0")  # loading, walkthroughs and the assessment: the same in both
    pairs: list[tuple[Run, Run]] = []
    for number in range(rounds):
        if number % 2:
            plain = measure(pack, runs, "0")
            memo = measure(pack, runs, None)
        else:
            memo = measure(pack, runs, None)
            plain = measure(pack, runs, "0")
        pairs.append((memo, plain))
        for name, run in (("memo at its default", memo), ("--memo-budget 0", plain)):
            print(
                f"  {name:<20} peak {run.peak_mb:6.0f} MB ({run.peak_mb / TARGET_MB:4.2f}x the "
                f"{TARGET_MB:.0f} MB target; ru_maxrss {run.maxrss_mb:.0f} MB)  "
                f"CPU {run.cpu_s:6.1f} s"
            )
            print(f"  {'':<20} {run.summary}")
        print(
            f"  round {number + 1}: memo / no-memo CPU {memo.cpu_s / plain.cpu_s:.2f}x; "
            f"of the playthroughs alone (without the {fixed.cpu_s:.1f} s both spend on "
            f"loading, walkthroughs and the assessment) "
            f"{_playthroughs_ratio(memo, plain, fixed):.2f}x"
        )
    if rounds > 1:
        print(
            f"  median of {rounds} rounds: memo / no-memo CPU "
            f"{statistics.median(m.cpu_s / p.cpu_s for m, p in pairs):.2f}x; "
            "of the playthroughs alone "
            f"{statistics.median(_playthroughs_ratio(m, p, fixed) for m, p in pairs):.2f}x"
        )
    memo = max((m for m, _ in pairs), key=lambda run: run.peak_mb)
    plain = max((p for _, p in pairs), key=lambda run: run.peak_mb)
    return memo, plain


def _playthroughs_ratio(memo: Run, plain: Run, fixed: Run) -> float:
    return (memo.cpu_s - fixed.cpu_s) / max(plain.cpu_s - fixed.cpu_s, 1e-9)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=10_000, help="playthroughs")
    parser.add_argument("which", nargs="?", choices=("generated", "bundled", "both"))
    parser.add_argument("--rounds", type=int, default=1, help="pairs, order alternating")
    args = parser.parse_args()
    runs, which, rounds = args.runs, args.which or "both", max(1, args.rounds)
    if which in ("generated", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            pack = generate(Path(tmp) / "big", scenes=GENERATED_SCENES)
            memo, plain = report(f"generated {GENERATED_SCENES:,}-scene pack", pack, runs, rounds)
        worst = max(memo.peak_mb, plain.peak_mb)
        print(
            f"generated pack: peak {worst:.0f} MB, {'within' if worst < TARGET_MB else 'OVER'} "
            f"the {TARGET_MB:.0f} MB target (target for the memo's CPU: <= 1x no memo's, "
            "within noise)"
        )
    if which in ("bundled", "both"):
        memo, plain = report("bundled pack", bundled_pack(), runs, rounds)
        print(f"bundled pack: the memo's speed-up {plain.cpu_s / memo.cpu_s:.2f}x (last: 2.95x)")


if __name__ == "__main__":
    main()
