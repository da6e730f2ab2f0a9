"""The debrief's facts, as both front ends show them: the score's sentence
in each case, the objectives taught and assessed, and the body compared
from where play started to the ending."""

from __future__ import annotations

import pytest

from game import body as bm
from game.engine.debrief import (
    COMPARED,
    Bonus,
    ObjectiveResult,
    ScoreParts,
    body_changes,
    objective_results,
)
from game.engine.machine import Game
from game.story.loader import load_pack
from tests.conftest import BASE_STORY

STORY_YAML = BASE_STORY.replace(
    "objectives:\n  obj: An objective.\n",
    "objectives:\n  obj: An objective.\n  taught: Taught in a scene.\n"
    "  read: Read in the codex.\n  both: Taught and asked.\n",
)

SCENES = """\
scenes:
  a:
    title: A
    text: x
    teaches: [taught, both]
    on_enter:
      - codex: c1
    choices:
      - text: Run
        goto: q1
        effects:
          - body: {threat: 1.0}
        time: 5min
  q1:
    title: Q1
    text: x
    quiz:
      question: One?
      objective: both
      options:
        - {text: "Yes", correct: true}
        - {text: "No"}
    next: q2
  q2:
    title: Q2
    text: x
    quiz:
      question: Two?
      objective: obj
      options:
        - {text: "Yes", correct: true}
        - {text: "No"}
    next: end
  end: {title: End, text: x, ending: {kind: good, summary: s}}
codex:
  c1: {title: C1, text: x, objectives: [read, taught]}
"""


@pytest.fixture
def played(make_pack) -> Game:
    loaded = load_pack(make_pack(story=STORY_YAML, **{"s.yaml": SCENES}))
    assert loaded.ok, [str(d) for d in loaded.diagnostics if d.severity == "error"]
    return Game.start(loaded.story).choose(1).answer(1).answer(2)


def test_objectives_taught_come_first_in_the_order_play_met_them(played: Game) -> None:
    story = played.story
    assert objective_results(played) == [
        ObjectiveResult("taught", "Taught in a scene.", True, None),
        ObjectiveResult("both", "Taught and asked.", True, True),
        ObjectiveResult("read", "Read in the codex.", True, None),
        ObjectiveResult("obj", story.objectives["obj"], False, False),
    ]


def test_the_body_is_compared_from_the_first_step_to_the_last(played: Game) -> None:
    changes = body_changes(played)
    assert [c.name for c in changes] == list(COMPARED)
    first = bm.readouts(played.steps[0].state.body)
    last = bm.readouts(played.state.body)
    for change in changes:
        info = bm.READOUTS[change.name]
        assert (change.label, change.unit) == (info.label, info.unit)
        assert (change.start, change.end) == (float(first[change.name]), float(last[change.name]))
    heart = changes[0]
    assert heart.name == "heart_rate" and heart.end > heart.start + 10  # the threat


@pytest.mark.parametrize(
    ("parts", "sentence"),
    [
        (ScoreParts(0, 0, 0, 0, (), 0), "score 0"),
        (ScoreParts(0, 0, 0, 0, (Bonus(5, "x"),), 5), "score 5, all from the story"),
        (ScoreParts(1, 2, 10, 20, (), 10), "score 10 = 10 of 20 quiz points"),
        (
            ScoreParts(1, 1, 10, 10, (Bonus(4, "x"),), 14),
            "score 14 = 10 of 10 quiz points + 4 from the story",
        ),
        (
            ScoreParts(1, 1, 10, 10, (Bonus(-3, "x"),), 7),
            "score 7 = 10 of 10 quiz points - 3 taken away by the story",
        ),
    ],
)
def test_the_score_sentence_says_where_the_points_came_from(
    parts: ScoreParts, sentence: str
) -> None:
    assert parts.summary() == sentence


def test_each_bonus_line_is_signed() -> None:
    parts = ScoreParts(0, 0, 0, 0, (Bonus(5, "a"), Bonus(-2, "b"), Bonus(0, "c")), 3)
    assert parts.bonus_lines() == ["+5 for a", "-2 for b", "+0 for c"]
