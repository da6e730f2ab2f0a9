"""An action that is not possible now is refused with a sentence saying why
(plain mode and walkthrough tests show it to the person who asked)."""

from __future__ import annotations

import pytest

from game.engine.machine import ActionError, Game, answer, choose
from game.story.loader import load_pack

SCENES = """\
scenes:
  a:
    title: Start
    text: Hello
    choices:
      - text: Go on
        goto: n
      - text: Locked door
        enabled_if: "courage > 5"
        hint: "you need courage ${courage + 6}"
        goto: n
      - text: Stuck door
        enabled_if: "flag"
        goto: n
  n:
    title: Corridor
    text: A corridor.
    next: q
  q:
    title: Checkpoint
    text: A question.
    quiz:
      question: Is this a question?
      objective: obj
      options:
        - {text: "Yes, it is", correct: true, feedback: Right.}
        - {text: "No, not at all", feedback: Not quite.}
    next: end
  end:
    title: End
    text: The end.
    ending: {kind: good, summary: Done}
"""


@pytest.fixture
def games(make_pack) -> dict[str, Game]:
    loaded = load_pack(make_pack(**{"s.yaml": SCENES}))
    assert not [d for d in loaded.diagnostics if d.severity == "error"]
    start = Game.start(loaded.story)
    corridor = start.act(1)
    quiz = corridor.act(1)
    return {"start": start, "corridor": corridor, "quiz": quiz, "end": quiz.act(1)}


@pytest.mark.parametrize(
    ("where", "act", "number", "reason"),
    [
        ("start", choose, 4, "there is no choice 4 here (1 to 3)"),
        ("start", choose, 0, "there is no choice 0 here (1 to 3)"),
        ("start", choose, 2, "choice 2 is not available: you need courage 6"),
        ("start", choose, 3, "choice 3 is not available: not possible now"),
        ("start", answer, 1, "there is no quiz here"),
        ("corridor", choose, 2, "the only option here is 1 (Continue)"),
        ("quiz", choose, 1, "this is a quiz: answer it instead of choosing"),
        ("quiz", answer, 3, "there is no option 3 (1 to 2)"),
        ("end", choose, 1, "the story has ended; there is nothing to choose"),
    ],
)
def test_a_refused_action_says_why(games, where, act, number, reason) -> None:
    game = games[where]
    with pytest.raises(ActionError) as refused:
        act(game.story, game.state, number)
    assert str(refused.value) == reason
