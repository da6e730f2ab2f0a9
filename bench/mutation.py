"""Mutation testing of the core: a seeded sample of mutmut's mutants, scored
per package.

A full mutmut run of game/story, game/engine, game/body and game/classroom is
thousands of mutants, hours on a 2-core machine. A seeded random sample of
each package's mutants estimates the same mutation score in minutes and,
with the same seed and code, picks the same mutants again, so a survivor can
be re-checked after a new test::

    pip install -e ".[test,mutation]"
    python bench/mutation.py                    # 40 mutants a package, seed 1
    python bench/mutation.py --sample 10 --seed 7 --show

It prints, per package, mutants killed / tried and the score, then the
survivors (``--show`` adds each one's diff; ``mutmut show NAME`` too).
Killed means a test failed or timed out; a mutant no test reaches counts as
a survivor. CONTRIBUTING.md, "Mutation testing", lists the survivors known
to be equivalent (no test can tell them apart), with the reason for each.
The settings (which files, which tests) are in pyproject.toml,
[tool.mutmut]; mutmut works in ./mutants (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("story", "engine", "body", "classroom")
#: mutmut's exit codes (mutmut.stats.status_by_exit_code) that mean a test noticed.
KILLED = {1, 3, 24, -24, 36, 152, 255}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=40, help="mutants per package (40)")
    parser.add_argument("--seed", type=int, default=1, help="which mutants (1)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants tested at once (2)")
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    started = time.monotonic()

    all_names = _generate()
    sample = _sample(all_names, args.sample, args.seed)
    chosen = [name for names in sample.values() for name in names]
    print(f"{len(all_names)} mutants in all; testing {len(chosen)} (seed {args.seed})", flush=True)
    # mutmut prints a progress spinner; its verdicts are read from ./mutants below.
    subprocess.run(
        [_mutmut(), "run", "--max-children", str(args.jobs), *chosen],
        check=False,
        stdout=subprocess.DEVNULL,
    )
    verdicts = _verdicts()

    print(f"\n{'package':<12} {'killed':>7} {'tried':>6} {'score':>7}")
    survivors: list[str] = []
    for package, names in sample.items():
        killed = sum(verdicts.get(n) in KILLED for n in names)
        survivors += [n for n in names if verdicts.get(n) not in KILLED]
        score = f"{100 * killed / len(names):6.1f}%" if names else "     -"
        print(f"game.{package:<7} {killed:>7} {len(names):>6} {score}")
    print(f"\n{len(survivors)} survivors:")
    for name in survivors:
        print(f"  {name}  ({_status(verdicts.get(name))})")
        if args.show:
            shown = subprocess.run([_mutmut(), "show", name], capture_output=True, text=True)
            print(_indent(shown.stdout))
    print(f"\n{time.monotonic() - started:.0f} s")
    return 0


def _generate() -> list[str]:
    """Write ./mutants and return every mutant's name (mutmut's own steps,
    without running any test)."""
    from mutmut.__main__ import (
        copy_also_copy_files,
        copy_src_dir,
        create_mutants,
        set_mutant_under_test,
        setup_source_paths,
        store_lines_covered_by_tests,
    )

    set_mutant_under_test("mutant_generation")
    Path("mutants").mkdir(exist_ok=True)
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


def _sample(names: list[str], size: int, seed: int) -> dict[str, list[str]]:
    by_package: dict[str, list[str]] = defaultdict(list)
    for name in names:
        package = name.split(".")[1]
        if package in PACKAGES:
            by_package[package].append(name)
    rng = random.Random(seed)
    return {
        package: sorted(rng.sample(by_package[package], min(size, len(by_package[package]))))
        for package in PACKAGES
    }


def _status(code: int | None) -> str:
    from mutmut.stats import status_by_exit_code

    return status_by_exit_code[code]


def _mutmut() -> str:
    return str(Path(sys.executable).with_name("mutmut"))


def _indent(text: str) -> str:
    return "\n".join("      " + line for line in text.splitlines())


if __name__ == "__main__":
    sys.exit(main())
