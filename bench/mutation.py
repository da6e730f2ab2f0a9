"""Mutation testing of the core: a seeded sample of mutmut's mutants, scored
per package.

A full mutmut run of game/story, game/engine, game/body and game/classroom is
thousands of mutants, hours on a 2-core machine. A seeded random sample of
each package's mutants estimates the same mutation score in minutes and,
with the same seed and code, picks the same mutants again, so a survivor can
be re-checked after a new test::

    pip install -e ".[test,mutation]"
    python bench/mutation.py --jobs 2           # 40 a package, seed 1: ~30 min when idle
    python bench/mutation.py --package body --sample 10 --seed 7 --show

It prints, per package, mutants killed / tried, the score and its 95%
confidence interval (Wilson's: a sample of 40 that kills 36 says the
package's score is between 77% and 96%), then the survivors (``--show`` adds
each one's diff; ``mutmut show NAME`` too). Killed means a test failed or
timed out; a mutant no test reaches counts as a survivor. The same seed
draws the same mutants of a package whether or not ``--package`` narrows
the run.

mutmut runs a mutant against the tests that called its function during one
recording run, so a function whose result is cached (``game.story.expr``
caches parsed expressions) is credited to the first test only and its
mutants can survive falsely. ``--recheck`` runs each survivor against every
selected test once more (a minute or two each) and scores again.

CONTRIBUTING.md, "Mutation testing", lists the survivors known to be
equivalent (no test can tell them apart), with the reason for each.
The settings (which files, which tests) are in pyproject.toml,
[tool.mutmut]; mutmut works in ./mutants (git-ignored).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import os
import random
import shutil
import subprocess
import sys
import time
import tomllib
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("story", "engine", "body", "classroom")
#: mutmut's exit codes (mutmut.stats.status_by_exit_code) that mean a test noticed.
KILLED = {1, 3, 24, -24, 36, 152, 255}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=40, help="mutants per package (40)")
    parser.add_argument("--seed", type=int, default=1, help="which mutants (1)")
    parser.add_argument("--jobs", type=int, default=1, help="mutants tested at once (1)")
    parser.add_argument(
        "--package",
        action="append",
        choices=PACKAGES,
        help="sample only this package (repeatable; default: all four)",
    )
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    parser.add_argument(
        "--recheck", action="store_true", help="run survivors against every selected test"
    )
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    started = time.monotonic()

    all_names = _generate()
    sample = _sample(all_names, args.sample, args.seed, args.package or PACKAGES)
    chosen = [name for names in sample.values() for name in names]
    print(f"{len(all_names)} mutants in all; testing {len(chosen)} (seed {args.seed})", flush=True)
    # mutmut draws a progress spinner; its verdicts are read from ./mutants below.
    run = subprocess.run(
        [_mutmut(), "run", "--max-children", str(args.jobs), *chosen],
        check=False,
        capture_output=True,
        text=True,
    )
    if run.returncode != 0:  # e.g. a test that fails without any mutant
        print(run.stdout[-4000:], run.stderr[-4000:], sep="\n", file=sys.stderr)
        print(f"mutmut run failed (exit {run.returncode}); no score", file=sys.stderr)
        return 1
    verdicts = _verdicts()
    survivors = _scores(sample, verdicts, "mutmut")
    if args.recheck and survivors:
        for name in survivors:
            verdicts[name] = _recheck(name)
        survivors = _scores(sample, verdicts, "after --recheck against every selected test")
    print(f"\n{len(survivors)} survivors:")
    for name in survivors:
        print(f"  {name}  ({_status(verdicts.get(name))})")
        if args.show:
            shown = subprocess.run([_mutmut(), "show", name], capture_output=True, text=True)
            print(_indent(shown.stdout))
    print(f"\n{time.monotonic() - started:.0f} s")
    return 0


def _scores(sample: dict[str, list[str]], verdicts: dict[str, int | None], title: str) -> list[str]:
    """Print killed/tried and the score per package; return the survivors."""
    print(f"\n{title}\n{'package':<15} {'killed':>6} {'tried':>6} {'score':>7}  95% interval")
    survivors: list[str] = []
    for package, names in sample.items():
        killed = sum(verdicts.get(n) in KILLED for n in names)
        survivors += [n for n in names if verdicts.get(n) not in KILLED]
        if names:
            low, high = wilson_interval(killed, len(names))
            score = f"{100 * killed / len(names):6.1f}%  {100 * low:.0f}-{100 * high:.0f}%"
        else:
            score = "      -"
        print(f"{'game.' + package:<15} {killed:>6} {len(names):>6} {score}")
    return survivors


def wilson_interval(killed: int, tried: int, z: float = 1.96) -> tuple[float, float]:
    """The range the whole package's score lies in with 95% confidence, from
    a sample's ``killed`` of ``tried`` (Wilson's score interval: unlike the
    plain +-1.96 standard errors it stays inside 0..1 near a score of 100%)."""
    share = killed / tried
    middle = (share + z * z / (2 * tried)) / (1 + z * z / tried)
    half = z * math.sqrt(share * (1 - share) / tried + z * z / (4 * tried * tried))
    half /= 1 + z * z / tried
    return max(0.0, middle - half), min(1.0, middle + half)


def _recheck(name: str) -> int:
    """pytest's exit code for mutant ``name`` against all the tests that
    [tool.mutmut] selects (mutmut's trampolines pick the mutant by name)."""
    settings = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        *settings.get("pytest_add_cli_args", []),
        *settings.get("pytest_add_cli_args_test_selection", []),
    ]
    env = {**os.environ, "MUTANT_UNDER_TEST": name, "PY_IGNORE_IMPORTMISMATCH": "1"}
    run = subprocess.run(command, cwd="mutants", env=env, capture_output=True, check=False)
    return run.returncode


def _generate() -> list[str]:
    """Write ./mutants afresh and return every mutant's name (mutmut's own
    steps, without running any test)."""
    from mutmut.__main__ import (
        copy_also_copy_files,
        copy_src_dir,
        create_mutants,
        set_mutant_under_test,
        setup_source_paths,
        store_lines_covered_by_tests,
    )

    set_mutant_under_test("mutant_generation")
    # mutmut copies a file it does not mutate (game/authoring, game/tui...)
    # only when ./mutants lacks it, so a kept copy would test stale code.
    shutil.rmtree("mutants", ignore_errors=True)
    Path("mutants").mkdir()
    with contextlib.redirect_stdout(io.StringIO()):  # mutmut lists every file it copies
        copy_src_dir()
        copy_also_copy_files()
        setup_source_paths()
        store_lines_covered_by_tests()
        create_mutants(os.cpu_count() or 1)
    return sorted(_verdicts(everything=True))


def _verdicts(everything: bool = False) -> dict[str, int | None]:
    """Mutant name -> mutmut's exit code (None: not tested yet)."""
    found: dict[str, int | None] = {}
    for meta in Path("mutants/game").rglob("*.meta"):
        found.update(json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"])
    return found


def _sample(
    names: list[str], size: int, seed: int, packages: Sequence[str] = PACKAGES
) -> dict[str, list[str]]:
    by_package: dict[str, list[str]] = defaultdict(list)
    for name in names:
        package = name.split(".")[1]
        if package in PACKAGES:
            by_package[package].append(name)
    rng = random.Random(seed)
    drawn = {
        package: sorted(
            rng.sample(sorted(by_package[package]), min(size, len(by_package[package])))
        )
        for package in PACKAGES
    }
    return {package: drawn[package] for package in packages}


def _status(code: int | None) -> str:
    from mutmut.stats import status_by_exit_code

    return status_by_exit_code[code]


def _mutmut() -> str:
    return str(Path(sys.executable).with_name("mutmut"))


def _indent(text: str) -> str:
    return "\n".join("      " + line for line in text.splitlines())


if __name__ == "__main__":
    sys.exit(main())
