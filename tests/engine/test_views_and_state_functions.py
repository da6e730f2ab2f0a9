"""What the player sees of a state: the scene's rendered text (with every
name and state function an expression may use), its art, question and
ending, and the numbered options with their kinds, hints and sources."""

from __future__ import annotations

from game.engine.machine import Game
from game.engine.views import ChoiceView
from game.story.loader import load_pack

SCENES = """\
scenes:
  a:
    title: A
    text:
      - "m=${minutes} d=${day} c=${clock} s=${score} w=${word}"
      - "v=${visited(a)} vb=${visited(b)} ch=${chose(a, 1)} hc=${has_condition(parkinsons)} \\
        om=${on_medication(snri)} hb=${has_badge(brave)}"
      - if: "flag"
        text: Flag is up.
    art: pic.txt
    choices:
      - text: "Go ${courage}"
        goto: a
        time: 26h
        effects:
          - set: {flag: true, word: "[bold]x"}
          - add: {courage: 1}
          - condition: {add: parkinsons}
          - medication: {start: snri}
          - badge: brave
          - score: 3
      - text: "Locked ${courage}"
        enabled_if: "courage > 5"
        hint: "needs ${6 - courage} more"
        goto: a
      - text: Stuck
        enabled_if: "courage > 5"
        goto: a
      - text: Once only
        once: true
        goto: b
      - text: Secret
        if: "courage > 100"
        goto: a
  b:
    title: B
    text: x
    quiz:
      question: "Courage is ${courage}?"
      objective: obj
      options:
        - {text: "Yes (${courage})", correct: true}
        - {text: "No"}
    next: c
  c:
    title: C
    text: x
    next: a
  end: {title: End, text: x, ending: {kind: bad, summary: "s=${score}"}}
"""


def game(make_pack, *, art_removed: bool = False) -> Game:
    root = make_pack(**{"s.yaml": SCENES, "assets__pic.txt": "/\\\n"})
    loaded = load_pack(root)
    assert loaded.ok, [str(d) for d in loaded.diagnostics if d.severity == "error"]
    if art_removed:  # gone after the pack was checked: play goes on without it
        (root / "assets" / "pic.txt").unlink()
    return Game.start(loaded.story)


def test_expressions_see_the_clock_the_score_and_the_state_functions(make_pack) -> None:
    start = game(make_pack)
    assert start.view().paragraphs == (
        "m=0 d=0 c=00:00 s=0 w=hi",
        "v=1 vb=0 ch=false hc=false om=false hb=false",
    )
    later = start.choose(1)
    assert later.view().paragraphs == (
        "m=1560 d=1 c=02:00 s=3 w=\\[bold]x",  # a value's brackets are not styles
        "v=2 vb=0 ch=true hc=true om=true hb=true",
        "Flag is up.",
    )


def test_a_scene_view_has_no_art_when_its_file_cannot_be_read(make_pack) -> None:
    assert game(make_pack).view().art == "/\\\n"
    view = game(make_pack, art_removed=True).view()
    assert (view.id, view.title, view.kind) == ("a", "A", "choices")
    assert view.art is None
    assert (view.question, view.ending_kind, view.ending_summary) == (None, None, None)


def test_the_options_are_numbered_as_shown_with_hints_only_where_refused(make_pack) -> None:
    start = game(make_pack)
    assert start.options() == (
        ChoiceView(1, "Go 0", True, None, "choice", 1),
        ChoiceView(2, "Locked 0", False, "needs 6 more", "choice", 2),
        ChoiceView(3, "Stuck", False, None, "choice", 3),
        ChoiceView(4, "Once only", True, None, "choice", 4),
    )
    brave = start.choose(1)
    assert [o.text for o in brave.options()][:2] == ["Go 1", "Locked 1"]
    assert brave.options()[1].hint == "needs 5 more"


def test_a_quiz_shows_its_rendered_question_and_options_to_answer(make_pack) -> None:
    quiz = game(make_pack).choose(1).choose(4)
    view = quiz.view()
    assert view.kind == "quiz" and view.question == "Courage is 1?"
    assert quiz.options() == (
        ChoiceView(1, "Yes (1)", kind="answer", source=1),
        ChoiceView(2, "No", kind="answer", source=2),
    )


def test_a_next_scene_offers_continue_and_a_once_choice_is_gone_after(make_pack) -> None:
    after = game(make_pack).choose(4).answer(2)
    assert after.state.scene == "c"
    assert after.options() == (ChoiceView(1, "Continue", kind="continue", source=1),)
    back = after.choose(1)
    assert back.state.scene == "a"
    assert [o.text for o in back.options()] == ["Go 0", "Locked 0", "Stuck"]


def test_an_ending_shows_its_kind_and_rendered_summary(make_pack) -> None:
    start = game(make_pack)
    ended = Game.start(start.story, start="end")
    view = ended.view()
    assert (view.kind, view.ending_kind, view.ending_summary) == ("ending", "bad", "s=0")
    assert ended.ended and not start.ended
