"""`locus test`: walkthrough tests, then optional random and exhaustive playtests.

One command gives an author the whole answer to "does my pack work?": each
scripted test passes or fails with the failing step's file and line, and the
automatic playtests report what was never reached and what broke. The exit
status is 1 on any failure, so the command can guard a CI job.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from game.authoring.walkthrough import TestResult, run_tests
from game.packs import load_or_report, pack_dir


def run(args: argparse.Namespace) -> int:
    story = load_or_report(args.pack)
    if story is None:
        return 1
    root = pack_dir(args.pack)
    results = run_tests(story)
    failed = any(not result.passed for result in results)
    if args.format == "json":
        print(json.dumps({"pack": story.id, "tests": [_result_json(r, root) for r in results],
                          "ok": not failed}, ensure_ascii=False))
    else:
        print_results(results, root, sys.stdout)
    return 1 if failed else 0


def print_results(results: list[TestResult], root: Path, out: TextIO) -> None:
    if not results:
        print(f"no walkthrough tests in {root / 'tests'}", file=out)
        return
    for result in results:
        where = _where(result.test.loc.path, result.test.loc.line, root)
        if result.passed:
            print(f"PASS  {result.test.name}  ({where})", file=out)
            continue
        assert result.failure is not None
        failure = result.failure
        print(f"FAIL  {result.test.name}  ({where})", file=out)
        print(f"      {_where(failure.loc.path, failure.loc.line, root, failure.loc.col)}: "
              f"{failure.message}", file=out)
    passed = sum(result.passed for result in results)
    plural = "s" * (len(results) != 1)
    print(f"{passed} of {len(results)} walkthrough test{plural} passed", file=out)


def _where(path: str, line: int, root: Path, col: int = 0) -> str:
    """A path an editor or terminal can open from where the command ran."""
    shown = str(root / path)
    if line:
        shown += f":{line}"
        if col:
            shown += f":{col}"
    return shown


def _result_json(result: TestResult, root: Path) -> dict[str, object]:
    data: dict[str, object] = {
        "name": result.test.name,
        "path": str(root / result.test.loc.path),
        "line": result.test.loc.line,
        "passed": result.passed,
        "steps_run": result.steps_run,
    }
    if result.failure is not None:
        failure = result.failure
        data["failure"] = {
            "path": str(root / failure.loc.path),
            "line": failure.loc.line,
            "col": failure.loc.col,
            "message": failure.message,
        }
        if failure.content_loc is not None:
            data["failure"]["content"] = str(failure.content_loc)  # type: ignore[index]
    return data
