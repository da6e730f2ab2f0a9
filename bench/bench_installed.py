"""`locus test --random N` as installed, against the engine issue 19 measured, and the sources.

Target (issue 19, point 3): 10,000 random playthroughs of the bundled pack
take half the CPU they took when the issue was written. The named baseline is
that engine: commit 87fe291 (the last before any work on the issue), taken
from this repository's history with ``git archive`` and run from its own
sources. It plays its own bundled pack (150 scenes), which today's engine
loads unchanged (the pack format is a contract), so the two play the same
content; today's engine runs as ``pip install .`` installs it (the wheel,
unpacked, bench/compiled.py: the body's inner loop compiled by mypyc). The
today's pack (177 scenes, more steps a playthrough) is timed too, as
installed and from the sources (the editable install of the test command).

Each is the real command line in a child (``python -m game test PACK --random
N --seed 1``), all alternating, R rounds, after a first short run of each
that caches its bytecode (as an install does). Two figures for each: CPU of
the whole command (user + system, from wait4: load, walkthrough tests,
playthroughs and today's path-aware assessment, which the baseline did not
have), and the playthroughs' own time as the command's report prints it. The
reports of the installed and the source runs must be the same but for the
lines that time the run or say when the memo (which watches the process's
memory) stopped growing.
Run: python bench/bench_installed.py [N] [--rounds R] [--baseline COMMIT]
"""

from __future__ import annotations

import argparse
import io
import os
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.compiled import ROOT, body_build, installed_tree
from game.paths import bundled_pack

#: The engine the issue measured: the last commit before any work on it.
BASELINE = "87fe291"
_PLAYED = re.compile(r"^Random playtest: .* steps in ([0-9.]+) s")


def _run(runs: int, tree: Path | None, pack: Path, cwd: Path) -> tuple[float, float, list[str]]:
    """CPU seconds of one command, its playthroughs' seconds, and its report
    without the timing line."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # (all as installed: bytecode cached)
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    command = [sys.executable, "-m", "game", "test", str(pack), "--random", str(runs)]
    command += ["--seed", "1"]
    with tempfile.TemporaryFile("w+") as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        out.seek(0)
        text = out.read()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed:\n{text[-2000:]}")
    played = [float(m.group(1)) for line in text.splitlines() if (m := _PLAYED.match(line))]
    if not played:
        raise SystemExit(f"{' '.join(command)} printed no playtest line:\n{text[-2000:]}")
    report = [line for line in text.splitlines() if not line.startswith("Random playtest:")]
    return usage.ru_utime + usage.ru_stime, played[0], report


def baseline_tree(commit: str, out: Path) -> Path:
    """The sources of ``commit``, from this checkout's history, written into ``out``."""
    try:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", "--format=tar", commit],
            capture_output=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as error:
        raise SystemExit(
            f"bench_installed: cannot read commit {commit} from {ROOT}'s history ({error}); "
            "a shallow clone has no baseline: fetch the full history"
        ) from None
    out.mkdir(parents=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(out, filter="data")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=10_000, help="playthroughs")
    parser.add_argument("--rounds", type=int, default=2, help="rounds, order alternating")
    parser.add_argument("--baseline", default=BASELINE, help="the commit to compare with")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tree = installed_tree(Path(tmp) / "wheel")
        old = baseline_tree(args.baseline, Path(tmp) / "baseline")
        old_pack, pack = old / "scenes", bundled_pack()
        print(
            f"locus test --random {args.runs:,} --seed 1; today's engine: {body_build(tree)}; "
            f"baseline: the engine of {args.baseline}, from its sources"
        )
        runs = {  # label -> (PYTHONPATH, pack, working directory)
            f"{args.baseline} on its pack": (old, old_pack, old),
            "installed on that pack": (tree, old_pack, tree),
            "installed on today's pack": (tree, pack, tree),
            "sources on today's pack": (None, pack, Path(tmp)),
        }
        for folder, content, cwd in runs.values():  # a first run of each writes its bytecode
            _run(1, folder, content, cwd)
        cpu: dict[str, list[float]] = {label: [] for label in runs}
        playing: dict[str, list[float]] = {label: [] for label in runs}
        for number in range(max(1, args.rounds)):
            order = list(runs) if number % 2 == 0 else list(reversed(runs))
            reports = {}
            for label in order:
                seconds, played, reports[label] = _run(args.runs, *runs[label])
                cpu[label].append(seconds)
                playing[label].append(played)
            same = reports["installed on today's pack"] == reports["sources on today's pack"]
            print(
                f"  round {number + 1}: "
                + "; ".join(f"{label} {cpu[label][-1]:.2f} CPU-s" for label in runs)
                + f"; installed and sources report {'the same' if same else 'DIFFERENTLY'}"
            )
        print("  medians (whole command CPU-s / playthroughs s, as each report prints it):")
        for label in runs:
            print(
                f"    {label:<28} {statistics.median(cpu[label]):6.2f} / "
                f"{statistics.median(playing[label]):5.2f}"
            )
        base = f"{args.baseline} on its pack"
        for figure, table in (("whole command", cpu), ("playthroughs", playing)):
            ratios = [
                new / old
                for new, old in zip(table["installed on that pack"], table[base], strict=True)
            ]
            print(
                f"  {figure}, installed against {args.baseline}, same pack: "
                f"{statistics.median(ratios):.2f}x (target: 0.5x; rounds "
                + ", ".join(f"{r:.2f}" for r in ratios)
                + ")"
            )


if __name__ == "__main__":
    main()
