"""Steps per CPU second on one story graph shared with ChoiceScript and ink.

The named baseline is ChoiceScript's randomtest on the same-shaped story
(``bench/samegraph.py`` writes its ChoiceScript and ink forms too):
21.8k steps per CPU second, measured on this project's 2-core machine kind
in one interleaved run (medians of 5-7 rounds), beside inkjs at 12.6k. The
target is at least 25k steps/CPU-s for Locus without the body, as the
command line runs (`locus test --random`), and the body adding at most 2x.

Each configuration runs in its own process so its peak memory (max RSS) is
its own. With a ChoiceScript checkout (its randomtest.js) and node, ChoiceScript
is measured in the same run on the same graph and becomes the baseline:
    python bench/bench_steps.py [PLAYTHROUGHS] [--choicescript DIR]
(default 1000 playthroughs). ``--against CHECKOUT [--rounds N]`` measures how
much dearer the body makes a step here and in another checkout of the project
(an older commit, say), alternately in one run, each configuration in a
fresh process importing its own checkout's ``game`` (medians of N rounds,
default 3): the before and after of a change to the body.
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

CHOICESCRIPT_STEPS_PER_CPU_S = 21_800  # randomtest, same graph (see the docstring)
INKJS_STEPS_PER_CPU_S = 12_600


def _measure(pack: str, runs: int, memo: bool, checkout: str | None = None) -> None:
    """In the child: one random playtest, printed as JSON (with ``checkout``'s ``game``)."""
    if checkout is not None:
        sys.path.insert(0, checkout)
    import game
    from game.authoring.playtest import random_playtest
    from game.story.loader import load_pack

    story = load_pack(pack).story
    assert story is not None, f"{pack} does not load"
    began = time.process_time()
    report = random_playtest(story, runs, seed=1, memo=memo)
    cpu = time.process_time() - began
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "steps": report.steps,
                "cpu": cpu,
                "peak_mb": peak_mb,
                "per_run": report.steps / max(report.playthroughs, 1),
                "endings": sum(report.ending_hits.values()),
                "problems": len(report.problems),
                "game": game.__file__,
            }
        )
    )


def _run(pack: Path, runs: int, memo: bool, checkout: Path | None = None) -> dict[str, float]:
    where = [] if checkout is None else [str(checkout)]
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(pack), str(runs), "1" if memo else "0", *where],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    game = Path(data.pop("game")).resolve()
    if checkout is not None and not game.is_relative_to(checkout.resolve()):
        raise SystemExit(f"measured {game}, not the game of {checkout}")
    return data


def compare(other: Path, runs: int, rounds: int) -> None:
    """How much dearer the body makes a step, here and in ``other``, alternating rounds."""
    from bench.samegraph import write_all

    here = Path(__file__).resolve().parent.parent
    rates: dict[tuple[Path, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        forms = write_all(Path(tmp))
        for _ in range(rounds):
            for checkout in (other, here):
                for form in ("locus", "locus_body"):
                    r = _run(forms[form], runs, False, checkout)
                    rates.setdefault((checkout, form), []).append(r["steps"] / r["cpu"])
    print(f"{runs:,} random playthroughs of one 500-scene graph, memo off, medians of {rounds}:")
    for label, checkout in (("there", other), ("here", here)):
        bare = statistics.median(rates[checkout, "locus"])
        body = statistics.median(rates[checkout, "locus_body"])
        print(
            f"  {label:<5} ({checkout}): {bare:,.0f} steps/CPU-s without the body, "
            f"{body:,.0f} with it: the body makes a step {bare / body:.2f}x dearer"
        )
    print("(target <= 2x)")


def _choicescript(checkout: Path, runs: int) -> tuple[float, float]:
    """ChoiceScript's randomtest on the same graph: (steps, CPU seconds)."""
    from bench.samegraph import choicescript, graph

    choicescript(checkout / "web" / "samegraph" / "scenes", graph())
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [
            *("node", "randomtest.js", f"num={runs}", "game=samegraph", "seed=0"),
            *("showChoices=true", "showCoverage=false", "avoidUsedOptions=true"),
        ],
        cwd=checkout,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    assert "RANDOMTEST PASSED" in out, out[-500:]
    steps = sum(1 for line in out.splitlines() if line.startswith("startup *choice"))
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return steps, cpu


def main() -> None:
    from bench.samegraph import write_all

    args = sys.argv[1:]
    checkout = None
    if "--choicescript" in args:
        where = args.index("--choicescript")
        checkout = Path(args[where + 1])
        del args[where : where + 2]
    if "--against" in args:
        where = args.index("--against")
        other = Path(args[where + 1]).resolve()
        rounds = 3
        if "--rounds" in args:
            at = args.index("--rounds")
            rounds = int(args[at + 1])
            del args[at : at + 2]
        del args[where : where + 2]
        compare(other, int(args[0]) if args else 1000, rounds)
        return
    runs = int(args[0]) if args else 1000
    baseline = CHOICESCRIPT_STEPS_PER_CPU_S
    with tempfile.TemporaryDirectory() as tmp:
        forms = write_all(Path(tmp))
        print(
            f"one 500-scene graph (bench/samegraph.py), {runs:,} random playthroughs each, "
            "least-used picking"
        )
        if checkout is None:
            print(
                f"named baseline: ChoiceScript randomtest {baseline:,} steps/CPU-s as recorded "
                f"(inkjs {INKJS_STEPS_PER_CPU_S:,}); give --choicescript DIR to measure it now"
            )
        else:
            steps, cpu = _choicescript(checkout, runs)
            baseline = round(steps / cpu)
            print(
                f"named baseline: ChoiceScript randomtest measured now: {baseline:,} steps/CPU-s "
                f"({steps:,} steps, node's CPU time including start-up)"
            )
        rows = [
            ("Locus, no body, memo off", forms["locus"], False),
            ("Locus, no body, memo on (as the command runs)", forms["locus"], True),
            ("Locus with the body, memo off", forms["locus_body"], False),
            ("Locus with the body, memo on", forms["locus_body"], True),
        ]
        rates = {}
        for label, pack, memo in rows:
            r = _run(pack, runs, memo)
            rate = r["steps"] / r["cpu"]
            rates[label] = rate
            print(
                f"  {label:<48} {rate:>9,.0f} steps/CPU-s  "
                f"{rate / baseline:>5.2f}x ChoiceScript  "
                f"peak {r['peak_mb']:>5.0f} MB  ({r['per_run']:.0f} steps a playthrough, "
                f"{r['problems']} problems)"
            )
        no_body = rates["Locus, no body, memo off"]
        body = rates["Locus with the body, memo off"]
        print(f"the body makes a step {no_body / body:.1f}x dearer (target <= 2x)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _measure(sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1", *sys.argv[5:6])
    else:
        main()
