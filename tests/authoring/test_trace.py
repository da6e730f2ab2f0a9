"""`locus test --trace`: the state at every step of a walkthrough, as a
table, CSV and JSON, checked against the engine driven step by step."""

from __future__ import annotations

import csv
import json

from game import body as bm
from game.authoring.trace import clock, trace_test
from game.cli import main
from game.engine.machine import choose, new_game
from game.story.loader import load_pack
from tests.conftest import MINI_PACK


def test_trace_rows_are_the_engine_states():
    story = load_pack(MINI_PACK).story
    trace = trace_test(story, story.tests[0])
    assert [row.action for row in trace.rows] == [
        "start",
        "choose 'shortcut'",
        "expect",
        "choose 'Back away'",
        "answer 1",
        "expect",
    ]
    start = new_game(story, seed=0, start="trail").state
    after = choose(story, start, 1).state
    first = trace.rows[1]
    assert first.scene == "bear" and first.seconds == after.clock
    heart = trace.readouts.index("heart_rate")
    assert first.readouts[heart] == bm.readout(after.body, "heart_rate")
    assert first.variables[trace.variables.index("courage")] == 1
    assert trace.rows[-1].score == 10 and not any(row.outcome for row in trace.rows)


def test_clock_reads_as_elapsed_time():
    assert [clock(s) for s in (0, 125, 3600 * 5 + 1200, 86400 + 61)] == [
        "0:00:00",
        "0:02:05",
        "5:20:00",
        "1d+0:01:01",
    ]


def test_command_prints_the_table_and_writes_csv(tmp_path, capsys):
    target = tmp_path / "trace.csv"
    code = main(["test", str(MINI_PACK), "--trace", "bear", "--csv", str(target)])
    assert code == 0
    out = capsys.readouterr().out
    assert "Trace of 'Backing away from the bear and answering well ends safe'" in out
    header = next(line for line in out.splitlines() if line.startswith("step"))
    assert header.split()[:8] == [
        "step",
        "line",
        "action",
        "scene",
        "clock",
        "score",
        "courage",
        "met_guide",
    ]
    assert "body.heart_rate" in header
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert [row["scene"] for row in rows] == [
        "trail",
        "bear",
        "bear",
        "check",
        "end_safe",
        "end_safe",
    ]
    assert float(rows[1]["body.heart_rate"]) > 100  # what the test's expect checks
    assert float(rows[0]["clock_seconds"]) == 120  # the trail scene's 2min pass before it is shown


def test_failing_step_ends_the_trace_with_the_reason(make_pack, capsys):
    root = make_pack(
        **{
            "s.yaml": "scenes:\n  a: {title: A, text: Hi, ending: {kind: good, summary: x}}\n",
            "tests__t.yaml": "name: t\nsteps:\n  - expect: {score: 5}\n  - choose: 1\n",
        }
    )
    assert main(["test", str(root), "--trace"]) == 1
    out = capsys.readouterr().out
    assert "  ^ FAILED: expect: score: expected 5, actual 0" in out
    assert "choose" not in out.split("Trace of")[1]  # the trace stops at the failing step


def test_trace_json_and_unknown_name(capsys):
    assert main(["test", str(MINI_PACK), "--trace", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    (trace,) = data["traces"]
    assert trace["rows"][1]["vars"]["courage"] == 1 and "heart_rate" in trace["rows"][1]["body"]
    assert main(["test", str(MINI_PACK), "--trace", "nothing like it"]) == 1
    assert "no walkthrough test matches 'nothing like it'" in capsys.readouterr().err
