"""`locus test`: walkthrough tests, then optional random and exhaustive playtests.

One command gives an author the whole answer to "does my pack work?": each
scripted test passes or fails with the failing step's file and line, and the
automatic playtests report every scene and choice with its hit count, what
was never reached, the endings with their share, and every runtime error,
dead end and endless playthrough with the choices that led to it. The
assessment section (``game.authoring.assessment_report``) says what every path of
each storyline and lesson asks. The exit
status is 1 on any failure, so the command can guard a CI job.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from game.authoring import assessment_report
from game.authoring.assessment import WALK_BUDGET_MB
from game.authoring.memory import MemoryBudget
from game.authoring.playtest import (
    MAX_STATES,
    MEMO_BUDGET_MB,
    KnownSteps,
    PlaytestProblem,
    PlaytestReport,
    body_memo_size,
    describe_bound,
    explore,
    options_of,
    random_playtest,
)
from game.authoring.trace import (
    Trace,
    print_trace,
    select_tests,
    trace_problem,
    trace_test,
    write_csv,
)
from game.authoring.walkthrough import TestResult, run_tests
from game.body import remembering
from game.gcpause import cyclic_gc_paused
from game.packs import load_or_report, pack_dir
from game.story import model as m
from game.story.diagnostics import Loc

_PROBLEM_TITLES = {
    "error": "Runtime errors",
    "dead_end": "Dead ends (no option could be taken)",
    "max_steps": "Playthroughs that hit --max-steps (loops)",
    "loop": "Loops with no way to an ending",
    "unreached_ending": "Endings never reached",
    "assertion": "Scene assertions that did not hold (expect:)",
}
_SHOWN_PATH = 40  # actions of a path printed in text; JSON has them all
_TRACED_PROBLEMS = 5  # with --trace, the paths to the first problems of each playtest


def _memo_options(budget_mb: float | None) -> dict[str, Any]:
    """``--memo-budget``: unset keeps the playtest's default, 0 turns the memo off."""
    if budget_mb is None:
        return {}
    return {"memo": budget_mb > 0, "memo_budget_mb": budget_mb}


def _command_budget(memo_budget_mb: float | None) -> MemoryBudget:
    """What the command may grow by once the pack is loaded: the memo's
    budget, and never less than one assessment walk's (``WALK_BUDGET_MB``),
    so the walks after a playtest fill what its memo left free instead of
    adding their own budget on top."""
    memo_mb = MEMO_BUDGET_MB if memo_budget_mb is None else memo_budget_mb
    return MemoryBudget(max(memo_mb, WALK_BUDGET_MB))


def run(args: argparse.Namespace) -> int:
    """The command. The cyclic garbage collector stays paused throughout
    (game/gcpause.py): its walks make almost no cycles (468 objects in 10,000
    games of the bundled pack), and each time it came back after a walk it
    first traversed every memo entry still alive, about a tenth of the run."""
    with cyclic_gc_paused():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    story = load_or_report(args.pack)
    if story is None:
        return 1
    root = pack_dir(args.pack)
    budget = _command_budget(getattr(args, "memo_budget", None))
    results = run_tests(story)
    traces: list[Trace] = []
    tracing = getattr(args, "trace", None) is not None
    if tracing:
        chosen = select_tests(story, args.trace)
        if not chosen and not (args.random or args.explore):
            names = "; ".join(test.name for test in story.tests) or "none"
            print(
                f"locus: no walkthrough test matches '{args.trace}' (tests: {names})",
                file=sys.stderr,
            )
            return 1
        traces = [trace_test(story, test) for test in chosen]
    # One memo of body advances for the playthroughs and the walks after them: the
    # assessment's walks meet the bodies the playthroughs computed (a 10,000-game
    # playtest of the bundled pack leaves them almost none to compute).
    with remembering(_body_memo_size(args)):
        reports = _playtests(story, args)
        assessed = assessment_report.report(
            story, within=budget, known=_known_steps(reports, budget)
        )
    if tracing:
        traces += [
            trace_problem(story, report.mode, problem)
            for report in reports
            for problem in report.problems[:_TRACED_PROBLEMS]
            if problem.kind != "unreached_ending"
        ]
        if getattr(args, "csv", None):
            try:
                with open(args.csv, "w", encoding="utf-8", newline="") as handle:
                    write_csv(traces, handle)
            except OSError as error:
                print(f"locus: cannot write {args.csv}: {error.strerror or error}", file=sys.stderr)
                return 1
    failed = any(not r.passed for r in results) or any(r.failed for r in reports)
    if args.format == "json":
        data: dict[str, object] = {
            "pack": story.id,
            "tests": [_result_json(r, root) for r in results],
            **({"traces": [_trace_json(t) for t in traces]} if traces else {}),
            **{report.mode: report_json(story, report, root) for report in reports},
            "assessment": assessed,
            "ok": not failed,
        }
        print(json.dumps(data, ensure_ascii=False))
    else:
        print_results(results, root, sys.stdout)
        for report in reports:
            print(file=sys.stdout)
            print_report(story, report, root, sys.stdout)
        for trace in traces:
            print(file=sys.stdout)
            print_trace(trace, sys.stdout, _where(trace.loc, root, column=False))
        print(file=sys.stdout)
        assessment_report.print_report(assessed, root, sys.stdout)
    return 1 if failed else 0


def _playtests(story: m.Story, args: argparse.Namespace) -> list[PlaytestReport]:
    """The random and the exhaustive playtest, those asked for."""
    reports: list[PlaytestReport] = []
    if args.random:
        reports.append(
            random_playtest(
                story,
                args.random,
                seed=args.seed,
                max_steps=args.max_steps,
                keep_steps=True,
                **_memo_options(args.memo_budget),
            )
        )
    if args.explore:
        reports.append(
            explore(
                story,
                seed=args.seed,
                max_steps=args.max_steps,
                max_states=getattr(args, "max_states", MAX_STATES),
            )
        )
    return reports


def _known_steps(reports: list[PlaytestReport], budget: MemoryBudget) -> KnownSteps | None:
    """The random playtest's steps, taken out of its report, for the assessment's
    walks to follow; only while they leave a walk its own room within the
    command's budget (kept past its budget, the memo would leave the walks none,
    and a walk that runs out of room is sampled where it could have been exact)."""
    known = next((report.known for report in reports if report.known is not None), None)
    for report in reports:
        report.known = None
    return known if known is not None and budget.leaves(WALK_BUDGET_MB) else None


def _body_memo_size(args: argparse.Namespace) -> int:
    """The body memo the random playtest widens to, if one runs (none: 0)."""
    budget = getattr(args, "memo_budget", None)
    budget_mb = MEMO_BUDGET_MB if budget is None else budget
    return body_memo_size(args.random, budget_mb) if args.random else 0


# --- walkthrough tests --------------------------------------------------------------


def print_results(results: list[TestResult], root: Path, out: TextIO) -> None:
    if not results:
        print(f"no walkthrough tests in {root / 'tests'}", file=out)
        return
    for result in results:
        where = _where(result.test.loc, root, column=False)
        if result.passed:
            print(f"PASS  {result.test.name}  ({where})", file=out)
            continue
        assert result.failure is not None
        print(f"FAIL  {result.test.name}  ({where})", file=out)
        print(f"      {_where(result.failure.loc, root)}: {result.failure.message}", file=out)
    passed = sum(result.passed for result in results)
    plural = "s" * (len(results) != 1)
    print(f"{passed} of {len(results)} walkthrough test{plural} passed", file=out)


def _where(loc: Loc, root: Path, column: bool = True) -> str:
    """A path an editor or terminal can open from where the command ran."""
    shown = str(root / loc.path)
    if loc.line:
        shown += f":{loc.line}"
        if column and loc.col:
            shown += f":{loc.col}"
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
            "content": str(failure.content_loc) if failure.content_loc else None,
        }
    return data


def _trace_json(trace: Trace) -> dict[str, object]:
    return {
        "name": trace.name,
        "columns": list(trace.columns),
        "rows": [
            {
                "step": row.step,
                "line": row.line,
                "action": row.action,
                "scene": row.scene,
                "clock_seconds": row.seconds,
                "score": row.score,
                "vars": dict(zip(trace.variables, row.variables, strict=True)),
                "body": dict(zip(trace.readouts, row.readouts, strict=True)),
                "outcome": row.outcome,
            }
            for row in trace.rows
        ],
    }


# --- playtest reports ---------------------------------------------------------------


def print_report(story: m.Story, report: PlaytestReport, root: Path, out: TextIO) -> None:
    """Coverage per file (every scene with its options and hit counts), then
    what was never reached, the endings, the problems, and a summary line."""
    if report.mode == "random":
        print(
            f"Random playtest: {report.playthroughs} playthroughs, seed {report.seed}, "
            f"{report.steps} steps in {report.seconds:.2f} s ({report.rate:,.0f}/s); "
            f"{report.memo}",
            file=out,
        )
    else:
        bound = "every reachable state" if report.complete else "stopped at the bound"
        print(
            f"Exploration: {report.playthroughs} distinct states ({bound}), seed "
            f"{report.seed}, {report.steps} transitions in {report.seconds:.2f} s",
            file=out,
        )
        print(f"Bound: {describe_bound(report)}", file=out)
    unit = "visits" if report.mode == "random" else "states"
    print(f"Coverage ({unit} per scene, times taken per option):", file=out)
    by_file: dict[str, list[m.Scene]] = {}
    for scene in story.scenes.values():
        by_file.setdefault(scene.loc.path, []).append(scene)
    for path in sorted(by_file):
        print(f"  {root / path}", file=out)
        for scene in sorted(by_file[path], key=lambda s: s.loc.line):
            hits = report.scene_hits[scene.id]
            print(f"    {scene.loc.line:>5}  {scene.id:<28} {hits:>8}", file=out)
            for source, loc, label in options_of(scene):
                taken = report.choice_hits[scene.id, source]
                text = _short(label, 24)
                print(f"    {loc.line:>5}    {source} {text:<24} {taken:>8}", file=out)
    never_scenes = [s for s in story.scenes.values() if not report.scene_hits[s.id]]
    never_options = [
        (scene, source, loc, label)
        for scene in story.scenes.values()
        if report.scene_hits[scene.id]
        for source, loc, label in options_of(scene)
        if not report.choice_hits[scene.id, source]
    ]
    print(f"Scenes never reached ({len(never_scenes)}):", file=out)
    for scene in never_scenes:
        print(f"  {_where(scene.loc, root)}  {scene.id}", file=out)
    print(f"Options never taken in scenes that were reached ({len(never_options)}):", file=out)
    for scene, source, loc, label in never_options:
        print(f"  {_where(loc, root)}  {scene.id} {source} '{_short(label, 50)}'", file=out)
    # Random playtests count playthroughs; exploration counts the distinct
    # paths of choices to each ending (states would weigh a path by how
    # many times its scenes were visited, which means nothing to a class).
    ending_counts = report.ending_hits if report.mode == "random" else report.ending_paths
    total = sum(ending_counts.values())
    unit = "playthroughs" if report.mode == "random" else "distinct paths"
    print(
        f"Endings reached ({len(report.ending_hits)} of {len(story.endings)}; "
        f"{unit} ending there, share of all):",
        file=out,
    )
    for scene in story.endings:
        count = ending_counts[scene.id]
        share = f"{100 * count / total:5.1f}%" if total else "    -"
        ending_kind = scene.ending.kind if scene.ending else ""
        print(f"  {scene.id:<28} {ending_kind:<8} {count:>8}  {share}", file=out)
    for kind, title in _PROBLEM_TITLES.items():
        problems = [p for p in report.problems if p.kind == kind]
        more = report.unlisted[kind]
        print(f"{title} ({len(problems) + more}):", file=out)
        for problem in problems:
            _print_problem(problem, root, out)
        if more:
            print(f"  ... and {more:,} more, elsewhere (only the first ones are listed)", file=out)
    scenes_hit = len(story.scenes) - len(never_scenes)
    options = sum(1 for scene in story.scenes.values() for _ in options_of(scene))
    options_hit = sum(1 for n in report.choice_hits.values() if n)
    verdict = "FAILED" if report.failed else "ok"
    print(
        f"{report.mode}: {verdict}; scenes {scenes_hit}/{len(story.scenes)}, "
        f"options {options_hit}/{options}, endings {len(report.ending_hits)}/"
        f"{len(story.endings)}, problems {report.problem_count():,}",
        file=out,
    )


def _print_problem(problem: PlaytestProblem, root: Path, out: TextIO) -> None:
    where = f"{_where(problem.loc, root)}: " if problem.loc else ""
    times = f" ({problem.count} times)" if problem.count > 1 else ""
    print(f"  {where}{problem.message}{times}", file=out)
    if problem.kind == "unreached_ending":
        return  # no path leads there
    begin = f"storyline {problem.start.storyline}" if problem.start.storyline else "the start"
    steps = [str(action) for action in problem.path]
    if len(steps) > _SHOWN_PATH:
        steps = ["...", *steps[-_SHOWN_PATH:]]
    print(
        f"      path from {begin} ({problem.start.scene}), seed {problem.seed}: "
        + (" → ".join(steps) if steps else "(at the start)"),
        file=out,
    )


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def report_json(story: m.Story, report: PlaytestReport, root: Path) -> dict[str, object]:
    total = sum(report.ending_hits.values())
    paths = sum(report.ending_paths.values())
    bound = {"max_states": report.max_states, "max_steps": report.max_steps}
    return {
        "runs": report.playthroughs,
        "steps": report.steps,
        "seconds": round(report.seconds, 3),
        "seed": report.seed,
        "complete": report.complete,
        **({"bound": {**bound, "met": describe_bound(report)}} if report.mode == "explore" else {}),
        "scenes": [
            {
                "id": scene.id,
                "path": str(root / scene.loc.path),
                "line": scene.loc.line,
                "hits": report.scene_hits[scene.id],
                "options": [
                    {
                        "number": source,
                        "line": loc.line,
                        "text": label,
                        "hits": report.choice_hits[scene.id, source],
                    }
                    for source, loc, label in options_of(scene)
                ],
            }
            for scene in story.scenes.values()
        ],
        "endings": {
            scene.id: {
                "hits": report.ending_hits[scene.id],
                "share": report.ending_hits[scene.id] / total if total else 0.0,
                **(
                    {
                        "paths": report.ending_paths[scene.id],
                        "path_share": report.ending_paths[scene.id] / paths if paths else 0.0,
                    }
                    if report.mode == "explore"
                    else {}
                ),
            }
            for scene in story.endings
        },
        "problems": [
            {
                "kind": p.kind,
                "message": p.message,
                "path": str(root / p.loc.path) if p.loc else None,
                "line": p.loc.line if p.loc else 0,
                "col": p.loc.col if p.loc else 0,
                "count": p.count,
                "start": p.start.scene,
                "storyline": p.start.storyline,
                "seed": p.seed,
                "choices": [{"scene": a.scene, "number": a.number, "text": a.text} for a in p.path],
            }
            for p in report.problems
        ],
        "unlisted_problems": dict(report.unlisted),
        "ok": not report.failed,
    }
