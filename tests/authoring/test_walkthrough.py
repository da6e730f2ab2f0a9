"""Walkthrough tests: passing runs, and failures that point at the failing step
with the actual values, because that is what an author fixes a pack with."""

from __future__ import annotations

import pytest

from game.authoring import testing
from game.authoring.walkthrough import run_tests
from game.cli import build_parser
from game.story.loader import load_pack

STORY = """\
format: 1
id: t
title: Test
start: a
variables:
  courage: 0
  flag: false
  word: "hi"
objectives:
  obj: An objective.
badges:
  brave: {title: Brave, description: Brave.}
"""

SCENES = """\
scenes:
  a:
    title: Start
    text: The start.
    choices:
      - text: Go north
        goto: b
        effects:
          - add: {courage: 1}
          - badge: brave
      - text: Go north-east
        goto: b
      - text: Climb the wall
        goto: b
        enabled_if: "courage > 5"
        hint: You are not brave enough.
      - text: Secret door
        goto: b
        if: "flag"
  b:
    title: Quiz
    text: A question.
    on_enter:
      - codex: lc
    quiz:
      question: Which?
      objective: obj
      options:
        - {text: Right, correct: true}
        - {text: Wrong}
    next: c
  c:
    title: Corridor
    text: A corridor.
    next: d
  d:
    title: End
    text: The end.
    ending: {kind: good, summary: Done.}
codex:
  lc:
    title: LC
    text: The locus coeruleus.
"""


def _pack(make_pack, tests: str):
    root = make_pack(STORY, **{"scenes.yaml": SCENES, "tests__walk.yaml": tests})
    result = load_pack(root)
    assert result.ok, result.diagnostics
    return root, result.story


PASSING = """\
name: the whole way
seed: 3
setup:
  - set: {word: "yo"}
steps:
  - expect:
      scene: a
      choices: [north, north-east]
      disabled: [Climb]
      vars: {courage: 0, word: yo, flag: false}
      body: {heart_rate: "40..120"}
  - choose: Go north
  - expect:
      {scene: b, vars: {courage: "== 1"}, badges: [brave], codex: [lc], choices: [Right, Wrong]}
  - answer: Right
  - wait: 10min
  - choose: 1
  - expect: {ending: d, score: ">= 10"}
"""


def test_passing_walkthrough(make_pack):
    _root, story = _pack(make_pack, PASSING)
    [result] = run_tests(story)
    assert result.passed, result.failure
    assert result.steps_run == 7


def test_mini_pack_walkthrough_passes(mini_pack):
    story = load_pack(mini_pack).story
    assert story is not None
    assert [r.passed for r in run_tests(story)] == [True]


FAILING = """\
- name: wrong scene
  steps:
    - choose: 1
    - expect: {scene: c, vars: {courage: 2}}
- name: no such choice
  steps:
    - choose: fly
- name: ambiguous text
  steps:
    - choose: north
- name: disabled choice
  steps:
    - choose: climb
- name: answer outside a quiz
  steps:
    - answer: 1
- name: choose in a quiz
  steps:
    - choose: 1
    - choose: 1
- name: too many steps
  steps:
    - choose: 1
    - answer: 2
    - choose: 1
    - choose: 1
- name: hidden choice by number
  steps:
    - choose: 4
- name: wrong ending and score
  steps:
    - choose: 2
    - answer: 2
    - choose: 1
    - expect: {ending: c, score: "> 0", badges: [brave], codex: [lc]}
- name: wrong choices
  steps:
    - expect: {choices: [north], disabled: []}
"""


def test_failures_name_the_step_and_show_actual_values(make_pack):
    _root, story = _pack(make_pack, FAILING)
    results = {r.test.name: r for r in run_tests(story)}
    assert not any(r.passed for r in results.values())

    def failure(name: str) -> tuple[int, str]:
        result = results[name]
        assert result.failure is not None
        assert result.failure.loc.path == "tests/walk.yaml"
        return result.failure.loc.line, result.failure.message

    line, message = failure("wrong scene")
    assert line == 4
    assert "scene: expected 'c', but the game is at 'b' (Quiz)" in message
    assert "vars.courage: expected 2, actual 1" in message
    line, message = failure("no such choice")
    assert line == 7
    assert "no option contains 'fly'" in message and "1 'Go north'" in message
    assert "(disabled: You are not brave enough.)" in message
    assert "matches several options" in failure("ambiguous text")[1]
    line, message = failure("disabled choice")
    assert line == 13 and "is disabled: You are not brave enough." in message
    assert "has no quiz; use choose" in failure("answer outside a quiz")[1]
    line, message = failure("choose in a quiz")
    assert line == 20 and "is a quiz; use answer" in message
    line, message = failure("too many steps")
    assert line == 26 and "already ended at 'd'" in message
    assert "there is no option 4" in failure("hidden choice by number")[1]
    line, message = failure("wrong ending and score")
    assert line == 35
    assert "ending: expected 'c', but the story ended at 'd' (End)" in message
    assert "score: expected > 0, actual 0" in message
    assert "badges: expected ['brave'], but the badges earned are none" in message
    assert "codex" not in message
    message = failure("wrong choices")[1]
    assert (
        "choices: expected ['north'], but the selectable choices are ['Go north', 'Go north-east']"
        in message
    )
    assert "disabled: expected none, but the disabled choices are ['Climb the wall']" in message


def test_runtime_content_error_fails_with_both_positions(make_pack):
    scenes = SCENES.replace("text: A corridor.", 'text: "${10 / courage}"')
    root = make_pack(
        STORY,
        **{
            "scenes.yaml": scenes,
            "tests__walk.yaml": """\
        name: divide by zero
        steps:
          - choose: north-east
          - answer: 1
        """,
        },
    )
    story = load_pack(root).story
    assert story is not None
    [result] = run_tests(story)
    assert result.failure is not None
    assert result.failure.loc.line == 4
    assert "the content failed" in result.failure.message
    assert result.failure.content_loc is not None
    assert result.failure.content_loc.path == "scenes.yaml"


def _args(pack, **options):
    """`locus test PACK` as the command line parses it, with ``options`` set."""
    args = build_parser().parse_args(["test", str(pack)])
    for name, value in options.items():
        setattr(args, name, value)
    return args


def test_command_reports_pass_and_fail(make_pack, capsys):
    root, _story = _pack(make_pack, PASSING)
    assert testing.run(_args(root)) == 0
    out = capsys.readouterr().out
    assert "PASS  the whole way" in out and "1 of 1 walkthrough test passed" in out
    (root / "tests" / "walk.yaml").write_text(FAILING, encoding="utf-8")
    assert testing.run(_args(root)) == 1
    out = capsys.readouterr().out
    assert "FAIL  wrong scene" in out
    assert f"{root / 'tests/walk.yaml'}:4:" in out


def test_command_json(make_pack, capsys):
    import json

    root, _story = _pack(make_pack, FAILING)
    assert testing.run(_args(root, format="json")) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert data["tests"][0]["failure"]["line"] == 4


def test_command_on_broken_pack_exits_1(make_pack, capsys):
    root = make_pack(STORY, **{"scenes.yaml": "scenes: {a: {title: A}}"})
    assert testing.run(_args(root)) == 1
    assert "cannot be played" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["choose: 1", "answer: 1"])
def test_steps_after_the_end_fail(make_pack, text):
    _root, story = _pack(
        make_pack,
        f"""\
name: after the end
start: d
steps:
  - {text}
""",
    )
    [result] = run_tests(story)
    assert result.failure is not None and "already ended" in result.failure.message
