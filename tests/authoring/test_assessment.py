"""Path-aware assessment: exact figures on small packs, each warning at its
position, and the bundled pack's promise (two questions per lesson objective
on every path, one of them applied; a test-wise student fails)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from game.authoring import assessment, testing
from game.authoring.check import check_pack
from game.paths import bundled_pack
from game.story.loader import load_pack

STORY = """\
format: 1
id: t
title: Test
start: fork
objectives:
  o: Objective o.
  p: Objective p.
  x: Outside the lesson.
storylines:
  - {id: line, title: Line, start: fork}
"""


def _quiz(ident: str, objective: str, then: str, kind: str = "recall", points: int = 10) -> str:
    return f"""\
  {ident}:
    title: {ident}
    text: A question.
    quiz:
      question: Question {ident}?
      objective: {objective}
      kind: {kind}
      points: {points}
      options:
        - {{text: Right {ident}, correct: true, feedback: Because.}}
        - {{text: Wrong {ident} one, feedback: Because not.}}
        - {{text: Wrong {ident} two, feedback: Because not.}}
    next: {then}
"""


# Path "long": q1 (o), q2 (o, apply), q3 (p); path "short": q1 (o), q3 (p); path "silent": none.
SCENES = (
    """\
scenes:
  fork:
    title: Fork
    text: Which way?
    choices:
      - {text: Long, goto: q1}
      - {text: Short, goto: s1}
      - {text: Silent, goto: quiet_end}
  s1:
    title: Short
    text: Short way.
    next: q1b
  quiet_end:
    title: Quiet
    text: Nothing asked.
    ending: {kind: neutral, summary: Quiet.}
  end:
    title: End
    text: Done.
    ending: {kind: good, summary: Done.}
"""
    + _quiz("q1", "o", "q2")
    + _quiz("q2", "o", "q3", kind="apply")
    + _quiz("q1b", "o", "q3")
    + _quiz("q3", "p", "end")
)

LESSON = """\
id: lesson
title: Lesson
storylines: [line]
objectives: [o, p]
pass_mark: 70
"""


def _story(make_pack, scenes: str = SCENES, lesson: str = LESSON, story: str = STORY):
    root = make_pack(story, **{"scenes.yaml": scenes, "lessons__l.yaml": lesson})
    result = load_pack(root)
    assert result.story is not None, result.diagnostics
    return root, result.story


def _codes(story) -> set[tuple[str, str]]:
    return {(d.code, str(d.loc)) for d in assessment.analyze_lessons(story)}


def test_exact_figures_of_a_storyline(make_pack):
    _, story = _story(make_pack)
    coverage = assessment.storyline_paths(story, "line")
    assert coverage.method == "exact"
    assert coverage.paths == 3
    ranges = {r.objective: r for r in assessment.objective_ranges(story, coverage)}
    assert (ranges["o"].fewest, ranges["o"].most) == (0, 2)
    assert (ranges["o"].applied_fewest, ranges["o"].applied_most) == (0, 1)
    assert (ranges["p"].fewest, ranges["p"].most) == (0, 1)
    assert assessment.possible_points(story, coverage) == {0: 1, 20: 1, 30: 1}
    assert assessment.score_range(story, coverage) == (0, 30)
    assert assessment.silent_endings(coverage) == ["quiet_end"]
    missed = dict(assessment.quizzes_missed(coverage))
    assert missed == {"q1": 2, "q2": 2, "q1b": 2, "q3": 1}


def test_min_questions_warning_at_the_lesson_objective(make_pack):
    _, story = _story(make_pack)
    found = _codes(story)
    assert ("W070", "lessons/l.yaml:4:14") in found  # o: the silent path asks it never
    assert ("W070", "lessons/l.yaml:4:17") in found  # p
    assert ("W072", "lessons/l.yaml:1:1") in found  # the silent path asks nothing


def test_min_questions_is_a_lesson_key(make_pack):
    scenes = SCENES.replace("      - {text: Silent, goto: quiet_end}\n", "")
    _, story = _story(make_pack, scenes, LESSON + "min_questions: 1\n")
    assert story.lessons["lesson"].min_questions == 1
    assert not _codes(story)
    _, story = _story(make_pack, scenes, LESSON.replace("[o, p]", "[o]") + "min_questions: 2\n")
    assert ("W070", "lessons/l.yaml:4:14") in _codes(story)  # the short path asks o once


def test_negative_min_questions_is_refused(make_pack):
    root = make_pack(
        STORY, **{"scenes.yaml": SCENES, "lessons__l.yaml": LESSON + "min_questions: -1\n"}
    )
    codes = {(d.code, str(d.loc)) for d in load_pack(root).diagnostics}
    assert ("E017", "lessons/l.yaml:6:16") in codes


# Two questions on o and two on x (not a lesson objective, 30 points each): a
# student wrong on o and right on x has 60 of 80 points, 75%, and passes.
OUTSIDE_SCENES = (
    """\
scenes:
  fork:
    title: Fork
    text: Go.
    next: a1
  end:
    title: End
    text: Done.
    ending: {kind: good, summary: Done.}
"""
    + _quiz("a1", "o", "a2")
    + _quiz("a2", "o", "b1", kind="apply")
    + _quiz("b1", "x", "b2", points=30)
    + _quiz("b2", "x", "end", points=30)
)
ONE_OBJECTIVE = LESSON.replace("[o, p]", "[o]")


def test_points_from_outside_the_lesson_can_pass_it(make_pack):
    _, story = _story(make_pack, OUTSIDE_SCENES, ONE_OBJECTIVE)
    assert ("W071", "lessons/l.yaml:1:1") in _codes(story)
    fair = OUTSIDE_SCENES.replace("points: 30", "points: 1")
    _, story = _story(make_pack, fair, ONE_OBJECTIVE)
    assert not [c for c in _codes(story) if c[0] == "W071"]


def test_random_routes_are_followed_to_every_branch(make_pack):
    scenes = SCENES.replace(
        "      - {text: Short, goto: s1}\n",
        "      - text: Chance\n        goto:\n          random:\n"
        "            - {to: s1, weight: 9}\n            - {to: q1, weight: 1}\n",
    )
    _, story = _story(make_pack, scenes)
    coverage = assessment.storyline_paths(story, "line")
    assert coverage.method == "exact" and not coverage.note
    assert coverage.paths == 3


def test_answers_that_change_the_path_are_followed(make_pack):
    scenes = SCENES.replace(
        "    next: q2\n", '    next:\n      - {if: "score > 0", to: q2}\n      - {to: q3}\n'
    )
    _, story = _story(make_pack, scenes)
    assert assessment.answers_matter(story)
    coverage = assessment.storyline_paths(story, "line")
    ranges = {r.objective: r for r in assessment.objective_ranges(story, coverage)}
    assert ranges["o"].most == 2  # only a right answer to q1 leads to q2
    assert assessment.score_range(story, coverage) == (0, 30)


def test_too_many_states_fall_back_to_sampling(make_pack, monkeypatch):
    _, story = _story(make_pack)
    monkeypatch.setattr(assessment, "MAX_STATES", 2)
    monkeypatch.setattr(assessment, "SAMPLES", 200)
    coverage = assessment.storyline_paths(story, "line")
    assert coverage.method == "sampled"
    assert coverage.paths == 3  # 200 random playthroughs find all three paths


def test_a_test_wise_student_is_played_through_the_engine(make_pack):
    scenes = SCENES.replace("Right q3", "Right q3 and the longest option of all")
    _, story = _story(make_pack, scenes)
    wise = assessment.storyline_paths(story, "line", "longest")
    # The wrong options are longer than the right ones except in q3.
    assert assessment.percent_range(story, wise) == (0.0, 50.0)


def test_locus_test_prints_and_returns_the_section(make_pack, capsys):
    root, _ = _story(make_pack)
    args = argparse.Namespace(
        pack=str(root), random=0, seed=0, explore=False, max_steps=100, format="json"
    )
    testing.run(args)
    data = json.loads(capsys.readouterr().out)
    sections = {s["id"]: s for s in data["assessment"]["sections"]}
    assert sections["lesson"]["silent_endings"] == ["quiet_end"]
    assert {w["code"] for w in sections["lesson"]["warnings"]} == {"W070", "W072"}
    args.format = "text"
    testing.run(args)
    out = capsys.readouterr().out
    assert f"lesson lesson ({root / 'lessons/l.yaml'}:1): exact over" in out
    assert "endings reached without a question: quiet_end" in out


def test_check_runs_the_lesson_analysis(make_pack):
    root, _ = _story(make_pack)
    assert {"W070", "W072"} <= {d.code for d in check_pack(root)}


# --- the bundled pack ------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled():
    story = load_pack(bundled_pack()).story
    assert story is not None
    lines = {ident: assessment.storyline_paths(story, ident) for ident in story.storylines}
    return story, lines


def test_every_lesson_objective_is_asked_twice_on_every_path(bundled):
    story, lines = bundled
    for lesson in story.lessons.values():
        coverage = assessment.lesson_paths(story, lesson, lines)
        assert coverage.method == "exact"
        for r in assessment.objective_ranges(story, coverage, lesson.objectives):
            assert r.fewest >= 2, (lesson.id, r)
            assert r.applied_fewest >= 1, (lesson.id, r)
        assert not list(assessment.lesson_warnings(story, lesson, coverage)), lesson.id


def test_parkinsons_diabetes_and_receptors_on_every_full_course_path(bundled):
    story, lines = bundled
    course = assessment.lesson_paths(story, story.lessons["lesson_full_course"], lines)
    asked = set.intersection(*({s for s, _ in a} for a in course.classes))
    assert {"roe_cp_parkinsons", "roe_cp_diabetes"} <= asked
    assert {"lc_cp_release", "lc_cp_cleanup", "ff_cp_betablocker"} <= asked


def test_a_student_who_picks_the_longest_option_fails_every_lesson(bundled):
    story, _ = bundled
    wise = {i: assessment.storyline_paths(story, i, "longest") for i in story.storylines}
    for lesson in story.lessons.values():
        coverage = assessment.lesson_paths(story, lesson, wise)
        _, best = assessment.percent_range(story, coverage)
        assert best < lesson.pass_mark, (lesson.id, best)


def test_the_key_is_rarely_the_longest_option(bundled):
    story, _ = bundled
    figures = assessment.bank_figures(story)
    assert figures["key_strictly_longest"] <= figures["quizzes"] / 3
    positions = figures["key_positions"]
    assert max(positions.values()) - min(positions.values()) <= figures["quizzes"] / 8


def test_the_bundled_pack_checks_clean():
    assert not check_pack(Path(bundled_pack()))
