"""Scene assertions (a scene's ``expect:``): read with positions, checked on every
playtest path and in walkthroughs, and reported with the path that breaks one."""

from __future__ import annotations

import pytest

from game.authoring.playtest import explore, random_playtest
from game.authoring.walkthrough import run_tests
from game.story import model as m
from game.story.loader import load_pack

STORY = """\
format: 1
id: t
title: Test
start: a
"""

SCENES = """\
scenes:
  a:
    title: Calm
    text: Rest.
    choices:
      - {text: Scare, goto: scared}
      - {text: Rest, goto: rest}
  scared:
    title: Scared
    text: A bear.
    on_enter: [{body: {threat: 1.0}}]
    time: 1min
    expect: {body.heart_rate: rising, body.anxiety: "> 15", body.lc_mode: high_tonic}
    next: after
  rest:
    title: Rest
    text: Nothing happens.
    time: 1min
    next: after
  after:
    title: After
    text: It is over, and your heart slows.
    on_enter: [{body: {threat: 0}}]
    time: 10min
    expect: {body.heart_rate: falling}
    ending: {kind: good, summary: Done.}
"""


def _story(make_pack, scenes: str = SCENES, **files: str) -> m.Story:
    result = load_pack(make_pack(STORY, **{"scenes.yaml": scenes}, **files))
    assert result.ok, result.diagnostics
    assert result.story is not None
    return result.story


def test_expectations_are_read_with_their_positions(make_pack):
    story = _story(make_pack)
    rising, above, mode = story.scenes["scared"].expect
    assert (rising.readout, rising.trend, rising.comparison) == ("heart_rate", "rising", None)
    assert above.comparison == m.Comparison(">", 15.0)
    assert mode.comparison == m.Comparison("==", "high_tonic")
    assert (rising.loc.path, rising.loc.line) == ("scenes.yaml", 13)


@pytest.mark.parametrize(
    ("expect", "message"),
    [
        ("{fatigue: '> 40'}", "'fatigue' is not a body readout"),
        ("{body.fatigu: '> 40'}", "'body.fatigu' is not a body readout"),
        ("{body.fatigue: very}", "body.fatigue: 'very' is not a comparison"),
        ("{body.fatigue: '> lots'}", "body.fatigue: 'lots' is not a number"),
        ("{body.lc_mode: rising}", "body.lc_mode is text; it cannot be rising"),
    ],
)
def test_a_bad_expectation_is_e052_at_its_position(make_pack, expect, message):
    scenes = f"scenes:\n  a:\n    title: A\n    text: x\n    expect: {expect}\n    next: a\n"
    result = load_pack(make_pack(STORY, **{"scenes.yaml": scenes}))
    found = [d for d in result.diagnostics if d.code == "E052"]
    assert len(found) == 1 and message in found[0].message, result.diagnostics
    assert (found[0].loc.path, found[0].loc.line) == ("scenes.yaml", 5)


def test_a_random_playtest_reports_the_path_that_breaks_one(make_pack):
    report = random_playtest(_story(make_pack), 20, seed=3)
    broken = [p for p in report.problems if p.kind == "assertion"]
    assert len(broken) == 1, report.problems
    problem = broken[0]
    assert "scene 'after': body.heart_rate: expected falling since scene 'rest'" in problem.message
    assert (problem.loc.path, problem.loc.line) == ("scenes.yaml", 25)
    assert [str(a) for a in problem.path] == ["a 2 'Rest'", "rest 1 'Continue'"]


def test_the_memo_finds_the_same_broken_assertions(make_pack):
    story = _story(make_pack)
    shared = random_playtest(story, 50, seed=5)
    alone = random_playtest(story, 50, seed=5, memo=False)

    def found(report):
        return [(p.message, p.loc, p.path) for p in report.problems]

    assert found(shared) == found(alone) and found(shared)


def test_explore_checks_every_edge(make_pack):
    report = explore(_story(make_pack))
    assert [p.kind for p in report.problems] == ["assertion"]
    assert [a.scene for a in report.problems[0].path] == ["a", "rest"]


def test_assertions_at_the_first_scene_compare_with_nothing(make_pack):
    scenes = """\
    scenes:
      a:
        title: A
        text: x
        expect: {body.heart_rate: rising, body.fatigue: "< 25"}
        ending: {kind: good, summary: Done.}
    """
    assert not random_playtest(_story(make_pack, scenes), 3).problems


def test_a_walkthrough_fails_at_the_step_that_reached_the_scene(make_pack):
    test = """\
    name: Resting does not slow the heart
    steps:
      - choose: Rest
      - choose: 1
      - expect: {ending: after}
    """
    story = _story(make_pack, SCENES, **{"tests__rest.yaml": test})
    (result,) = run_tests(story)
    assert result.failure is not None
    assert result.failure.loc.line == 4  # the step that entered 'after'
    assert "body.heart_rate: expected falling since scene 'rest'" in result.failure.message
    assert result.failure.content_loc is not None and result.failure.content_loc.line == 25


def test_a_walkthrough_on_the_breaking_path_passes_the_other(make_pack):
    test = """\
    name: Scared, then it is over
    steps:
      - choose: Scare
      - choose: 1
      - expect: {ending: after}
    """
    story = _story(make_pack, SCENES, **{"tests__scare.yaml": test})
    (result,) = run_tests(story)
    assert result.failure is None, result.failure
