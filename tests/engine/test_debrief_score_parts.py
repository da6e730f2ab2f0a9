"""The debrief takes the score apart: quiz points, then each of the story's
own points with the choice or scene that gave it, and nothing else (time
passing, the body, variables give no points and are not listed)."""

from __future__ import annotations

from game.engine.debrief import Bonus, score_parts
from game.engine.machine import Game
from game.story.loader import load_pack

SCENES = """\
scenes:
  a:
    title: Start
    text: Hello
    choices:
      - text: Help out
        effects:
          - score: 3
          - set: {flag: true}
          - body: {threat: 0.4}
          - time: 2min
        goto: b
  b:
    title: The Hall
    text: A hall.
    on_enter:
      - score: -1
      - time: 1min
    next: q
  q:
    title: Checkpoint
    text: A question.
    quiz:
      question: Is this a question?
      objective: obj
      points: 10
      options:
        - {text: "Yes, it is", correct: true, feedback: Right.}
        - {text: "No, not at all", feedback: Not quite.}
    next: end
  end:
    title: End
    text: The end.
    ending: {kind: good, summary: Done}
"""


def test_the_storys_points_are_listed_with_their_reasons_and_nothing_else(make_pack) -> None:
    loaded = load_pack(make_pack(**{"s.yaml": SCENES}))
    assert not [d for d in loaded.diagnostics if d.severity == "error"]
    game = Game.start(loaded.story).act(1).act(1).act(1)
    parts = score_parts(game)
    assert parts.bonuses == (Bonus(3, "choosing “Help out”"), Bonus(-1, "reaching The Hall"))
    assert parts.bonus_lines() == ["+3 for choosing “Help out”", "-1 for reaching The Hall"]
    assert (parts.right, parts.asked, parts.earned, parts.possible) == (1, 1, 10, 10)
    assert parts.total == 12
    assert parts.summary() == "score 12 = 10 of 10 quiz points + 2 from the story"


def test_points_from_steps_no_longer_kept_are_summed_as_earlier(make_pack) -> None:
    """A save keeps a limited undo history: what its dropped steps gave is
    still counted, as one "earlier in the story" line, so the parts add up."""
    story = load_pack(make_pack(**{"s.yaml": SCENES})).story
    played = Game.start(story).act(1).act(1).act(1)
    kept = Game(story, played.steps[2:])  # the start and the first choice dropped
    parts = score_parts(kept)
    assert parts.bonuses == (Bonus(2, "earlier in the story"),)
    assert parts.total == 12 and parts.earned == 10
