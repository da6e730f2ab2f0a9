"""Random and exhaustive playtests on small packs whose coverage is known."""

from __future__ import annotations

import json
import re

import pytest

from game.authoring import testing
from game.authoring.playtest import explore, random_playtest
from game.cli import build_parser
from game.story.loader import load_pack

STORY = """\
format: 1
id: t
title: Test
start: a
variables:
  x: 0
objectives:
  obj: An objective.
"""

FORK = """\
scenes:
  a:
    title: Fork
    text: Left or right?
    choices:
      - {text: Left, goto: b}
      - {text: Right, goto: c}
      - {text: Never, goto: c, if: "x > 5"}
  b:
    title: Left
    text: Left.
    next: good
  c:
    title: Right
    text: Right.
    choices:
      - {text: Onward, goto: bad}
  good:
    title: Good
    text: Good.
    ending: {kind: good, summary: Good.}
  bad:
    title: Bad
    text: Bad.
    ending: {kind: bad, summary: Bad.}
  orphan:
    title: Orphan
    text: Never reached.
    next: good
"""

PROBLEMS = """\
scenes:
  a:
    title: Start
    text: Choose.
    choices:
      - text: Divide
        goto: divide
      - text: Stuck
        goto: stuck
      - text: Loop
        goto: loop
  divide:
    title: Divide
    text: "${10 / x}"
    next: a
  stuck:
    title: Stuck
    text: Nothing to do.
    choices:
      - {text: Fly, goto: a, enabled_if: "x > 0"}
  loop:
    title: Loop
    text: Round.
    choices:
      - {text: Again, goto: loop2}
  loop2:
    title: Loop 2
    text: And round.
    next: loop
"""


def _story(make_pack, scenes: str):
    result = load_pack(make_pack(STORY, **{"scenes.yaml": scenes}))
    assert result.ok, result.diagnostics
    return result.story


def test_random_prefers_least_used_options(make_pack):
    story = _story(make_pack, FORK)
    report = random_playtest(story, 10, seed=4)
    assert report.playthroughs == 10 and not report.failed
    assert report.scene_hits == {"a": 10, "b": 5, "c": 5, "good": 5, "bad": 5}
    assert report.choice_hits == {("a", 1): 5, ("a", 2): 5, ("b", 1): 5, ("c", 1): 5}
    assert report.ending_hits == {"good": 5, "bad": 5}
    assert report.steps == 20


def test_random_reports_errors_dead_ends_and_loops_with_paths(make_pack):
    story = _story(make_pack, PROBLEMS)
    report = random_playtest(story, 30, seed=1, max_steps=20)
    assert report.failed
    kinds = {p.kind: p for p in report.problems}
    assert set(kinds) == {"error", "dead_end", "max_steps"}
    error = kinds["error"]
    assert "division by zero" in error.message
    assert (error.loc.path, error.loc.line) == ("scenes.yaml", 12)
    assert [str(a) for a in error.path] == ["a 1 'Divide'"]
    assert error.count == 10
    dead = kinds["dead_end"]
    assert (dead.loc.line, [a.scene for a in dead.path]) == (16, ["a"])
    loop = kinds["max_steps"]
    assert "it kept moving among: loop, loop2" in loop.message
    assert len(loop.path) == 20


def test_memo_gives_the_same_report(mini_pack):
    story = load_pack(mini_pack).story
    fast = random_playtest(story, 300, seed=9)
    slow = random_playtest(story, 300, seed=9, memo=False)
    assert fast.scene_hits == slow.scene_hits
    assert fast.choice_hits == slow.choice_hits
    assert fast.ending_hits == slow.ending_hits
    assert fast.steps == slow.steps


def test_random_covers_the_mini_pack(mini_pack):
    report = random_playtest(load_pack(mini_pack).story, 200, seed=0)
    never = {scene for scene in load_pack(mini_pack).story.scenes if not report.scene_hits[scene]}
    assert never == {"hill", "end_brave"}  # sprinting needs fatigue < 5; courage never reaches 2
    assert set(report.ending_hits) == {"end_safe", "end_lost"}
    assert report.choice_hits["bear", 2] == 100  # the random route is taken half the time
    assert report.scene_hits["bear_leaves"] + report.scene_hits["bear_stays"] == 100


def test_explore_is_exhaustive_on_a_small_pack(make_pack):
    story = _story(make_pack, FORK)
    report = explore(story)
    assert report.complete and not report.failed
    assert report.playthroughs == 5  # a, b, c, good, bad: one state each
    assert report.ending_hits == {"good": 1, "bad": 1}
    assert report.scene_hits["orphan"] == 0


def test_explore_finds_every_random_outcome_and_problem(mini_pack, make_pack):
    report = explore(load_pack(mini_pack).story)
    assert report.complete
    assert report.scene_hits["bear_leaves"] and report.scene_hits["bear_stays"]
    assert {s for s, n in report.scene_hits.items() if n} >= {"intro", "library", "check"}
    problems = explore(_story(make_pack, PROBLEMS), max_steps=30)
    assert {p.kind for p in problems.problems} == {"error", "dead_end", "loop"}
    assert not problems.complete  # the loop grows visit counts until the depth bound


def test_explore_stops_at_the_state_bound(mini_pack):
    report = explore(load_pack(mini_pack).story, max_states=5)
    assert not report.complete
    assert report.playthroughs == 5


def _args(pack, **options):
    """`locus test PACK` as the command line parses it, with ``options`` set."""
    args = build_parser().parse_args(["test", str(pack)])
    for name, value in options.items():
        setattr(args, name, value)
    return args


def test_command_text_report(make_pack, capsys):
    root = make_pack(STORY, **{"scenes.yaml": FORK})
    assert testing.run(_args(root, random=10, explore=True)) == 0
    out = capsys.readouterr().out
    assert "Random playtest: 10 playthroughs, seed 0, 20 steps" in out
    assert "Exploration: 5 distinct states (every reachable state)" in out
    assert f"{root / 'scenes.yaml'}:26:3  orphan" in out
    assert f"{root / 'scenes.yaml'}:8:9  a 3 'Never'" in out  # reached, never taken
    assert "good                         good            5   50.0%" in out
    assert "random: ok; scenes 5/6, options 4/6, endings 2/2, problems 0" in out


def test_command_fails_on_problems_and_prints_the_path(make_pack, capsys):
    root = make_pack(STORY, **{"scenes.yaml": PROBLEMS})
    assert testing.run(_args(root, random=6, max_steps=20)) == 1
    out = capsys.readouterr().out
    assert f"{root / 'scenes.yaml'}:12:" in out and "division by zero" in out
    assert re.search(r"path from the start \(a\), seed \d+: a 1 'Divide'\n", out)
    assert "random: FAILED" in out


@pytest.mark.parametrize("mode", ["random", "explore"])
def test_command_json(make_pack, capsys, mode):
    root = make_pack(STORY, **{"scenes.yaml": PROBLEMS})
    options = {"random": 6} if mode == "random" else {"explore": True}
    assert testing.run(_args(root, format="json", max_steps=20, **options)) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    report = data[mode]
    error = next(p for p in report["problems"] if p["kind"] == "error")
    assert error["line"] == 12 and error["choices"] == [
        {"scene": "a", "number": 1, "text": "Divide"}
    ]
    scenes = {s["id"]: s for s in report["scenes"]}
    assert scenes["a"]["options"][0]["hits"] >= 1


QUIZ_FEEDBACK = """\
scenes:
  a:
    title: Quiz
    text: A question.
    quiz:
      question: Pick one.
      objective: obj
      options:
        - {text: Right, correct: true, feedback: "Well done."}
        - {text: Wrong, feedback: "${10 / x} tries left."}
    next: end
  end:
    title: End
    text: Done.
    ending: {kind: good, summary: Done.}
"""


@pytest.mark.parametrize("memo", [True, False])
def test_feedback_first_shown_after_answering_is_checked(make_pack, memo):
    """Playtests step quietly; a template that only an answer shows must still fail."""
    report = random_playtest(_story(make_pack, QUIZ_FEEDBACK), 4, memo=memo)
    assert [(p.kind, p.loc.line, [str(a) for a in p.path]) for p in report.problems] == [
        ("error", 10, ["a 2 'Wrong'"])
    ]


# --- exploration: loops, unreached endings, bounds, shares of paths ------------------

LOOP_OR_END = """\
scenes:
  a:
    title: Start
    text: Choose.
    choices:
      - {text: Leave, goto: good}
      - {text: Circle, goto: loop}
  loop:
    title: Loop
    text: Round.
    choices:
      - {text: Again, goto: loop2}
      - {text: Out, goto: good, enabled_if: "x > 5", hint: Not brave enough.}
  loop2:
    title: Loop 2
    text: And round.
    next: loop
  good:
    title: Good
    text: Done.
    ending: {kind: good, summary: Done.}
  never:
    title: Never
    text: Nobody gets here.
    ending: {kind: bad, summary: Never.}
"""


def test_explore_reports_a_loop_with_no_way_out_with_its_path(make_pack):
    report = explore(_story(make_pack, LOOP_OR_END), max_steps=40)
    loops = [p for p in report.problems if p.kind == "loop"]
    assert [(p.message, p.loc.line, [str(a) for a in p.path]) for p in loops] == [
        (
            "no ending can be reached from here: the story goes round loop → loop2 → loop",
            8,
            ["a 2 'Circle'"],
        )
    ]
    assert report.failed


def test_explore_fails_on_unreached_endings_and_names_the_bound(make_pack):
    report = explore(_story(make_pack, LOOP_OR_END), max_steps=40)
    (unreached,) = [p for p in report.problems if p.kind == "unreached_ending"]
    assert unreached.loc.line == 22
    assert unreached.message == (
        "ending 'never' was not reached (at most 20,000 states, 40 steps deep: "
        "stopped at the depth bound (--max-steps))"
    )
    complete = explore(_story(make_pack, FORK.replace("goto: bad", "goto: good")))
    assert complete.complete
    assert [p.message for p in complete.problems] == [
        "ending 'bad' can never be reached: every reachable state was explored"
    ]


def test_explore_counts_paths_not_states(make_pack):
    """Two ways into the same ending are two paths, though one state."""
    scenes = """\
scenes:
  a:
    title: A
    text: Choose.
    choices:
      - {text: Left, goto: mid}
      - {text: Right, goto: mid}
      - {text: Straight, goto: bad}
  mid:
    title: Mid
    text: Then.
    next: good
  good: {title: Good, text: Yes., ending: {kind: good, summary: Yes.}}
  bad: {title: Bad, text: No., ending: {kind: bad, summary: No.}}
"""
    report = explore(_story(make_pack, scenes))
    assert report.ending_paths == {"good": 2, "bad": 1}
    assert report.ending_hits == {"good": 2, "bad": 1}  # visits differ: mid twice vs. once
