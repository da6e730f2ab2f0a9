"""`locus test --trace`: what the body, the variables and the clock show at
every step of a walkthrough.

An author setting ``if: "body.heart_rate > 120"`` wants to know what the
heart rate is at that point of the story, not to guess and rerun. A trace
plays a walkthrough test's steps exactly as ``game.authoring.walkthrough``
does (the same ``perform``) and records the state after each one, as a text
table for the terminal or as CSV for a spreadsheet. A step that fails ends
the trace with the failure in its row, so the table shows the state the
expectation was checked against.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TextIO

from game import body as bm
from game.authoring.playtest import PlaytestProblem
from game.authoring.walkthrough import StepFailed, describe_step, perform
from game.engine.machine import ActionError, ContentError, act, new_game, scene_view
from game.engine.state import GameState
from game.story import model as m
from game.story.diagnostics import Loc
from game.story.expr import Value

#: Columns every row has before the variables and readouts.
FIXED_COLUMNS = ("step", "line", "action", "scene", "clock", "score")


@dataclass(frozen=True, slots=True)
class TraceRow:
    """The state after one step (``step`` 0: the game as it starts)."""

    step: int
    line: int
    action: str
    scene: str
    seconds: float
    score: int
    variables: tuple[Value, ...]
    readouts: tuple[float | str, ...]
    outcome: str = ""  # why the trace stopped here, when a step failed


@dataclass(frozen=True, slots=True)
class Trace:
    """The rows of one path: a walkthrough test's, or the choices a
    playtest made up to a problem (``name`` says which, ``loc`` where)."""

    name: str
    loc: Loc
    variables: tuple[str, ...]
    readouts: tuple[str, ...]
    rows: tuple[TraceRow, ...]

    @property
    def columns(self) -> tuple[str, ...]:
        return (*FIXED_COLUMNS, *self.variables, *(f"body.{r}" for r in self.readouts))


def trace_test(story: m.Story, test: m.WalkthroughTest) -> Trace:
    """Play ``test`` and record the state before the first step and after
    each step, until the end or the first failing step."""
    variables, readouts = tuple(story.variables), tuple(bm.READOUTS)

    def row(step: int, line: int, action: str, state: GameState, outcome: str = "") -> TraceRow:
        return _row(step, line, action, state, variables, readouts, outcome)

    rows: list[TraceRow] = []
    try:
        state = new_game(story, seed=test.seed, start=test.start, setup=test.setup).state
        scene_view(story, state)
    except (ContentError, ActionError):
        return Trace(test.name, test.loc, variables, readouts, ())
    rows.append(row(0, test.loc.line, "start", state))
    for number, step in enumerate(test.steps, 1):
        action = describe_step(step)
        try:
            state = perform(story, state, step)
        except StepFailed as failed:
            rows.append(row(number, step.loc.line, action, state, f"FAILED: {failed.message}"))
            break
        except ContentError as error:
            outcome = f"FAILED: the content failed: {error.message} (at {error.loc})"
            rows.append(row(number, step.loc.line, action, state, outcome))
            break
        rows.append(row(number, step.loc.line, action, state))
    return Trace(test.name, test.loc, variables, readouts, tuple(rows))


def trace_problem(story: m.Story, mode: str, problem: PlaytestProblem) -> Trace:
    """Replay the choices a playtest made up to ``problem`` from its start
    and seed, recording each state. A random route may go elsewhere on
    replay (exploration tries many generator states); the trace then stops
    and says so."""
    variables, readouts = tuple(story.variables), tuple(bm.READOUTS)
    where = problem.loc or story.loc
    name = f"{mode}: {problem.kind.replace('_', ' ')} at {where}"
    rows: list[TraceRow] = []
    try:
        state = new_game(story, seed=problem.seed, storyline=problem.start.storyline).state
        scene_view(story, state)
    except (ContentError, ActionError):
        return Trace(name, where, variables, readouts, ())
    rows.append(_row(0, 0, "start", state, variables, readouts))
    for number, action in enumerate(problem.path, 1):
        label = f"{action.number} '{action.text}'"
        if state.scene != action.scene:
            outcome = f"stopped: on replay the story is in '{state.scene}', not '{action.scene}'"
            rows.append(_row(number, 0, label, state, variables, readouts, outcome))
            break
        try:
            state = act(story, state, action.number, quiet=True).state
            scene_view(story, state)
        except (ContentError, ActionError) as error:
            rows.append(_row(number, 0, label, state, variables, readouts, f"FAILED: {error}"))
            break
        rows.append(_row(number, 0, label, state, variables, readouts))
    return Trace(name, where, variables, readouts, tuple(rows))


def _row(
    step: int,
    line: int,
    action: str,
    state: GameState,
    variables: tuple[str, ...],
    readouts: tuple[str, ...],
    outcome: str = "",
) -> TraceRow:
    body = bm.readouts(state.body)
    return TraceRow(
        step,
        line,
        action,
        state.scene,
        state.clock,
        state.score,
        tuple(state.vars[name] for name in variables),
        tuple(body[name] for name in readouts),
        outcome,
    )


def select_tests(story: m.Story, name: str) -> list[m.WalkthroughTest]:
    """The tests whose name contains ``name`` (any case; empty: all)."""
    wanted = name.casefold()
    return [test for test in story.tests if wanted in test.name.casefold()]


def clock(seconds: float) -> str:
    """Game time since the storyline's start, as ``d+h:mm:ss``."""
    whole = round(seconds)
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    shown = f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{days}d+{shown}" if days else shown


def _cell(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _values(trace: Trace, row: TraceRow) -> list[str]:
    fixed = [str(row.step), str(row.line), row.action, row.scene, clock(row.seconds)]
    return [*fixed, str(row.score), *map(_cell, row.variables), *map(_cell, row.readouts)]


def print_trace(trace: Trace, out: TextIO, where: str) -> None:
    """A text table: one row a step, one column a value."""
    print(f"Trace of '{trace.name}' ({where}):", file=out)
    if not trace.rows:
        print("  the game could not start (run without --trace for the reason)", file=out)
        return
    header = list(trace.columns)
    body = [_values(trace, row) for row in trace.rows]
    widths = [max(len(cells[i]) for cells in (header, *body)) for i in range(len(header))]
    right = {index for index in range(len(header)) if index not in (2, 3)}

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            cell.rjust(width) if index in right else cell.ljust(width)
            for index, (cell, width) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    print(line(header), file=out)
    for cells, row in zip(body, trace.rows, strict=True):
        print(line(cells), file=out)
        if row.outcome:
            print(f"  ^ {row.outcome}", file=out)


def write_csv(traces: Iterable[Trace], out: TextIO) -> None:
    """Every trace in one CSV table, a ``test`` column first; numbers at full
    precision, the clock in seconds."""
    writer = csv.writer(out)
    header_written = False
    for trace in traces:
        if not header_written:
            columns = trace.columns
            writer.writerow(["test", *columns[:4], "clock_seconds", *columns[5:], "outcome"])
            header_written = True
        for row in trace.rows:
            writer.writerow(
                [
                    trace.name,
                    row.step,
                    row.line,
                    row.action,
                    row.scene,
                    round(row.seconds, 3),
                    row.score,
                    *(_cell(v) if isinstance(v, bool) else v for v in row.variables),
                    *row.readouts,
                    row.outcome,
                ]
            )
