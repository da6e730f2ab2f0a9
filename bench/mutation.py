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
recording run, in a process forked from one that had imported the code
without the mutant. Two kinds of mutant survive that falsely: a function
whose result is cached (``game.story.expr`` caches parsed expressions) is
credited to the first test only, and a function that runs while a module is
imported (the readers of game/story/format are built by factories at import)
is credited to whichever test ran first, and its mutant is never switched on
in the forked process anyway. So every survivor is then run again in a fresh
process (``MUTANT_UNDER_TEST``: the module imports with the mutant on)
against its own package's tests, ``tests/<package>`` with ``-x``. A mutant
those tests kill is killed by the whole selection too (it holds them), so
the score after this step is still a lower bound, and it is printed next to
mutmut's own. It costs one run of the package's tests for a true survivor
(about 4 minutes for game.story on a busy machine, see CONTRIBUTING.md) and
up to one for a killed one (``-x`` stops at its first failure);
``--no-fresh`` skips it. ``--recheck`` then runs what is left against every
selected test in a fresh process (18 minutes a survivor for the classroom
on a busy machine).

Some survivors are equivalent mutants: no test can tell them from the
original. bench/equivalent_mutants.toml lists them by kind (the function,
the mutated line before and after, the reason), matched by function and
diff lines, never by number (numbers shift when code changes). Each table
prints the equivalent survivors and the score over the other mutants,
killed / (tried - equivalent), with its interval; the survivors' list marks
each known one with its reason. A listed mutant that a test kills is
flagged: its entry is wrong. tests/test_bench_mutation.py fails when an
entry no longer matches a line of today's code; CONTRIBUTING.md, "Mutation
testing", explains each kind.
The settings (which files, which tests) are in pyproject.toml,
[tool.mutmut]; mutmut works in ./mutants (git-ignored).
"""

from __future__ import annotations

import argparse
import ast
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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("story", "engine", "body", "classroom")
EQUIVALENTS = ROOT / "bench" / "equivalent_mutants.toml"
#: mutmut's exit codes (mutmut.stats.status_by_exit_code) that mean a test noticed.
KILLED = {1, 3, 24, -24, 36, 152, 255}
#: What a fresh-process recheck records: its tests failed, or they could not
#: even be collected (the mutant breaks an import: every test would fail).
FRESH_KILLED = 101
FRESH_SURVIVED = 100
#: A fresh recheck that runs this long is stopped and counted killed (as
#: mutmut counts a timeout): far past a whole package's tests on a busy machine.
FRESH_TIMEOUT_S = 1800


@dataclass(frozen=True)
class Equivalent:
    """One kind of equivalent mutant: a change of ``before`` into ``after``
    (the stripped ``-`` and ``+`` lines of ``mutmut show``) in ``function``
    (mutmut's dotted name without ``__mutmut_N``)."""

    function: str
    before: str
    after: str
    reason: str

    def matches(self, mutant: str, diff: str) -> bool:
        return function_of(mutant) == self.function and changed_lines(diff) == (
            self.before,
            self.after,
        )


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
        "--no-fresh",
        action="store_true",
        help="skip re-running survivors in a fresh process against tests/<package>",
    )
    parser.add_argument(
        "--recheck", action="store_true", help="run survivors against every selected test"
    )
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    started = time.monotonic()
    equivalents = load_equivalents()

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
    diffs: dict[str, str] = {}
    known = _known_equivalents(equivalents, diffs)
    survivors = _scores(sample, verdicts, known, f"mutmut ({time.monotonic() - started:.0f} s)")
    if not args.no_fresh and survivors:
        _recheck_all(survivors, known, verdicts, fresh_recheck, "tests/<package>")
        survivors = _scores(
            sample,
            verdicts,
            known,
            f"after a fresh process ran each survivor against tests/<package> "
            f"({time.monotonic() - started:.0f} s)",
        )
    if args.recheck and survivors:
        _recheck_all(survivors, known, verdicts, _recheck, "every selected test")
        survivors = _scores(sample, verdicts, known, "after --recheck against every selected test")
    print(f"\n{len(survivors)} survivors:")
    for name in survivors:
        equivalent = known(name)
        note = f"; known equivalent: {equivalent.reason}" if equivalent else ""
        print(f"  {name}  ({_status(verdicts.get(name))}{note})")
        if args.show:
            print(_indent(_diff(name, diffs)))
    for name in chosen:
        if verdicts.get(name) in KILLED | {FRESH_KILLED} and known(name):
            print(f"\nlisted as equivalent but killed, so its entry is wrong: {name}")
    print(f"\n{time.monotonic() - started:.0f} s")
    return 0


def _recheck_all(
    survivors: list[str],
    known: Callable[[str], Equivalent | None],
    verdicts: dict[str, int | None],
    recheck: Callable[[str], int],
    against: str,
) -> None:
    """Run each survivor that is not a known equivalent again (``recheck``
    returns FRESH_KILLED or FRESH_SURVIVED), saying how long each took."""
    for name in survivors:
        if known(name):
            continue
        began = time.monotonic()
        verdicts[name] = recheck(name)
        said = "killed" if verdicts[name] == FRESH_KILLED else "survived"
        print(f"  {name} against {against}: {said} ({time.monotonic() - began:.0f} s)", flush=True)


def _scores(
    sample: dict[str, list[str]],
    verdicts: dict[str, int | None],
    known: Callable[[str], Equivalent | None],
    title: str,
) -> list[str]:
    """Print killed/tried and the score per package, then the score without
    the known equivalent survivors; return the survivors."""
    print(
        f"\n{title}\n{'package':<15} {'killed':>6} {'tried':>6} {'score':>7}  {'95% CI':<7}"
        f"  {'equivalent':>10}  {'without':>7}  95% CI",
        flush=True,
    )
    survivors: list[str] = []
    for package, names in sample.items():
        alive = [n for n in names if verdicts.get(n) not in KILLED | {FRESH_KILLED}]
        survivors += alive
        killed = len(names) - len(alive)
        equivalent = sum(known(n) is not None for n in alive)
        print(
            f"{'game.' + package:<15} {killed:>6} {len(names):>6} {_score(killed, len(names))}"
            f"  {equivalent:>10}  {_score(killed, len(names) - equivalent)}".rstrip()
        )
    return survivors


def _score(killed: int, tried: int) -> str:
    """``  90.0%  77-96%``: the share killed and its 95% interval."""
    if not tried:
        return f"{'-':>7}  {'':<7}"
    low, high = wilson_interval(killed, tried)
    return f"{100 * killed / tried:6.1f}%  {f'{100 * low:.0f}-{100 * high:.0f}%':<7}"


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
    """Mutant ``name`` against all the tests that [tool.mutmut] selects, in a
    fresh process."""
    return _run_fresh(name, _mutmut_settings().get("pytest_add_cli_args_test_selection", []))


def fresh_recheck(name: str) -> int:
    """Mutant ``name`` against its own package's tests, ``tests/<package>``,
    in a fresh process (see the module's docstring for why that is sound)."""
    return _run_fresh(name, [f"tests/{package_of(name)}"])


def _run_fresh(name: str, tests: Sequence[str]) -> int:
    """FRESH_KILLED when the tests fail with mutant ``name`` switched on by
    mutmut's trampolines from the first import, else FRESH_SURVIVED."""
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-x",
        "-q",
        "-p",
        "no:randomly",
        *_mutmut_settings().get("pytest_add_cli_args", []),
        *tests,
    ]
    env = {**os.environ, "MUTANT_UNDER_TEST": name, "PY_IGNORE_IMPORTMISMATCH": "1"}
    try:
        run = subprocess.run(
            command,
            cwd="mutants",
            env=env,
            capture_output=True,
            text=True,
            check=False,
            timeout=FRESH_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired:
        return FRESH_KILLED
    return FRESH_KILLED if fresh_run_failed(run.returncode, run.stdout) else FRESH_SURVIVED


def fresh_run_failed(returncode: int, output: str) -> bool:
    """Whether a pytest run of the package's tests noticed the mutant: a test
    failed (1), pytest itself broke (3), or the tests could not be collected
    because the mutant breaks an import (2 with collection errors, which a
    plain interruption does not print)."""
    return returncode in (1, 3) or (returncode == 2 and "during collection" in output)


def _mutmut_settings() -> dict[str, list[str]]:
    return tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["tool"]["mutmut"]


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

    if code == FRESH_SURVIVED:
        return "survived a fresh process too"
    return status_by_exit_code[code]


def package_of(mutant: str) -> str:
    """``story`` for ``game.story.expr.parser.x_parse__mutmut_3``."""
    return mutant.split(".")[1]


def function_of(mutant: str) -> str:
    """mutmut's name of the mutated function: the mutant's name without
    ``__mutmut_N`` (``game.story.expr.parser.xǁ_Parserǁexpr`` for a method)."""
    return mutant.rpartition("__mutmut_")[0]


def changed_lines(diff: str) -> tuple[str, str]:
    """The removed and the added lines of a ``mutmut show`` diff, each
    stripped and joined by newlines (the file names are not lines)."""
    lines = diff.splitlines()
    removed = [x[1:].strip() for x in lines if x.startswith("-") and not x.startswith("---")]
    added = [x[1:].strip() for x in lines if x.startswith("+") and not x.startswith("+++")]
    return "\n".join(removed), "\n".join(added)


def load_equivalents(path: Path = EQUIVALENTS) -> list[Equivalent]:
    entries = tomllib.loads(path.read_text(encoding="utf-8"))["equivalent"]
    return [Equivalent(**entry) for entry in entries]


def known_equivalent(
    mutant: str, diff: str, equivalents: Sequence[Equivalent]
) -> Equivalent | None:
    """The entry ``mutant`` (whose ``mutmut show`` diff is ``diff``) is a case
    of, if any."""
    return next((e for e in equivalents if e.matches(mutant, diff)), None)


def _known_equivalents(
    equivalents: Sequence[Equivalent], diffs: dict[str, str]
) -> Callable[[str], Equivalent | None]:
    """known(mutant): its entry in ``equivalents``; a diff is read (and kept
    in ``diffs``) only for a mutant of a listed function."""
    listed = {e.function for e in equivalents}

    def known(mutant: str) -> Equivalent | None:
        if function_of(mutant) not in listed:
            return None
        return known_equivalent(mutant, _diff(mutant, diffs), equivalents)

    return known


def _diff(mutant: str, diffs: dict[str, str]) -> str:
    if mutant not in diffs:
        shown = subprocess.run([_mutmut(), "show", mutant], capture_output=True, text=True)
        diffs[mutant] = shown.stdout
    return diffs[mutant]


def source_lines(function: str, root: Path = ROOT) -> list[str] | None:
    """The stripped lines of mutmut's ``function`` in today's code (a
    top-level function ``pkg.module.x_name`` or a method
    ``pkg.module.xǁClassǁname``), or None when it no longer exists."""
    module, _, mangled = function.rpartition(".")
    path = root.joinpath(*module.split("."))
    path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
    if not path.is_file() or not mangled.startswith("x"):
        return None
    source = path.read_text(encoding="utf-8")
    scope: list[ast.stmt] = ast.parse(source).body
    # mutmut writes a method as xǁClassǁname, a function as x_name
    *classes, name = mangled[2:].split("ǁ") if "ǁ" in mangled else [mangled[2:]]
    for class_name in classes:
        found = [n for n in scope if isinstance(n, ast.ClassDef) and n.name == class_name]
        if not found:
            return None
        scope = found[0].body
    defined = [
        n for n in scope if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef) and n.name == name
    ]
    if not defined:
        return None
    node = defined[0]
    first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
    # whole lines, so a comment after the last statement is kept (mutmut's diff shows it)
    return [line.strip() for line in source.splitlines()[first - 1 : node.end_lineno]]


def _mutmut() -> str:
    return str(Path(sys.executable).with_name("mutmut"))


def _indent(text: str) -> str:
    return "\n".join("      " + line for line in text.splitlines())


if __name__ == "__main__":
    sys.exit(main())
