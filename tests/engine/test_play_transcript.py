"""The events of a whole playthrough, in order, with their texts and
payloads: what the event log shows, the plain front end prints, saves keep
and the results database records. One pack that uses every kind of effect,
a quiz, a conditional and a random route."""

from __future__ import annotations

import re

import pytest

from game.engine import events as ev
from game.engine.machine import MAX_TRACE, Game, choose, new_game, wait
from game.story.loader import load_pack
from tests.conftest import BASE_STORY

STORY_YAML = BASE_STORY.replace("title: Line,", "title: The Line,")

SCENES = """\
scenes:
  a:
    title: Start Room
    text: "Courage ${courage}"
    on_enter:
      - set: {flag: true}
    choices:
      - text: "Be brave (${courage})"
        goto: q
        effects:
          - add: {courage: 2, ratio: 0.25}
          - add: {courage: 1}
          - score: 5
          - badge: brave
          - codex: [c1, c2]
          - body: {threat: 0.5, sleep: false}
          - condition: {add: parkinsons}
          - medication: {start: snri}
          - compute: {ratio: "courage * 2"}
        time: 90s
      - text: Hidden
        if: "courage > 100"
        goto: q
      - text: Timid
        goto: q
  q:
    title: Quiz Room
    text: Q
    quiz:
      question: "How brave? ${courage}"
      objective: obj
      points: 10
      options:
        - {text: "Not at all", feedback: "No, ${courage}."}
        - {text: "Very", correct: true, feedback: "Yes."}
    next:
      - {if: "courage >= 3", to: r}
      - {to: end}
  r:
    title: Crossroads
    text: x
    next:
      random:
        - {to: end, weight: 1}
        - {to: end2, weight: 3}
  end:
    title: The End
    text: x
    ending: {kind: good, summary: "Courage ${courage}"}
  end2:
    title: Other End
    text: x
    ending: {kind: bad, summary: "Score ${score}"}
codex:
  c1: {title: First Entry, text: x}
  c2: {title: Second Entry, text: y}
"""


@pytest.fixture
def story(make_pack):
    loaded = load_pack(make_pack(story=STORY_YAML, **{"s.yaml": SCENES}))
    assert loaded.ok, loaded.diagnostics
    return loaded.story


def told(events) -> list[tuple[str, str, dict]]:
    """Each event as stored; time and body events only by kind (their
    numbers are the body model's, tested in tests/body)."""
    return [
        (e.kind, "", {}) if e.kind in ("time", "body") else (e.kind, e.text, e.payload())
        for e in events
    ]


def test_starting_a_storyline_announces_it_and_applies_the_first_scene(story) -> None:
    game = Game.start(story, seed=7, storyline="line")
    assert told(game.last_events) == [
        (
            "start",
            "New game: Test — The Line",
            {"pack": "t", "storyline": "line", "seed": 7, "scene": "a"},
        ),
        ("enter", "Start Room", {"scene": "a", "visit": 1}),
        ("variable", "flag = True", {"name": "flag", "value": True}),
    ]
    assert Game.start(story).last_events[0].text == "New game: Test"
    assert game.state.vars["flag"] is True and game.state.turn == 0


def test_a_choice_applies_its_effects_in_order_then_its_time_then_its_route(story) -> None:
    game = Game.start(story, storyline="line").choose(1)
    assert told(game.last_events) == [
        ("choice", "Be brave (0)", {"scene": "a", "number": 1, "text": "Be brave (0)"}),
        ("variable", "courage +2 → 2", {"name": "courage", "value": 2}),
        ("variable", "ratio +0.25 → 0.75", {"name": "ratio", "value": 0.75}),
        ("variable", "courage +1 → 3", {"name": "courage", "value": 3}),
        ("score", "+5 points", {"points": 5, "score": 5}),
        ("badge", "Badge earned: Brave", {"id": "brave"}),
        ("codex", "Codex unlocked: First Entry", {"id": "c1"}),
        ("codex", "Codex unlocked: Second Entry", {"id": "c2"}),
        ("input", "Body input: threat → 0.5, sleep → off", {"threat": 0.5, "sleep": False}),
        ("condition", "Condition: Parkinson's disease", {"id": "parkinsons", "action": "add"}),
        (
            "medication",
            "Medication started: SNRI antidepressant",
            {"id": "snri", "action": "start"},
        ),
        ("variable", "ratio = 6.0", {"name": "ratio", "value": 6.0}),
        ("time", "", {}),
        *[("body", "", {})] * sum(e.kind == "body" for e in game.last_events),
        ("enter", "Quiz Room", {"scene": "q", "visit": 1}),
    ]
    time = next(e for e in game.last_events if isinstance(e, ev.TimePassed))
    assert time.payload() == {"seconds": 90.0, "clock": 90.0}
    assert time.text.startswith("1.5 min pass: heart rate ")
    assert any(isinstance(e, ev.BodyExplained) for e in game.last_events)
    state = game.state
    assert state.turn == 1 and state.clock == 90.0 and state.score == 5
    assert state.taken == frozenset({("a", 1)})
    assert state.codex == ("c1", "c2") and state.badges == ("brave",)
    assert state.body.conditions == ("parkinsons",)
    assert [med for med, _start in state.body.medications] == ["snri"]


def test_the_chart_marks_the_choice_that_led_to_each_point(story) -> None:
    game = Game.start(story, storyline="line")
    assert [p.label for p in game.state.trace] == [None]
    game = game.choose(1)
    assert [(p.clock, p.scene, p.label) for p in game.state.trace] == [
        (0.0, "a", None),
        (90.0, "q", "Be brave (0)"),
    ]


def test_a_right_answer_scores_and_the_condition_that_routed_is_said(story) -> None:
    game = Game.start(story, storyline="line").choose(1).answer(2)
    assert told(game.last_events) == [
        (
            "answer",
            "Correct. Yes.",
            {
                "scene": "q",
                "objective": "obj",
                "option": 2,
                "text": "Very",
                "correct": True,
                "points": 10,
                "possible": 10,
                "feedback": "Yes.",
                "correct_option": 2,
            },
        ),
        ("score", "+10 points", {"points": 10, "score": 15}),
        ("route", "Because courage >= 3", {"to": "r", "condition": "courage >= 3"}),
        ("enter", "Crossroads", {"scene": "r", "visit": 1}),
    ]
    record = game.state.answers[-1]
    assert (record.scene, record.objective, record.option, record.correct) == ("q", "obj", 2, True)
    assert (record.points, record.possible, record.clock) == (10, 10, 90.0)
    assert game.state.turn == 2


def test_a_wrong_answer_scores_nothing_and_a_plain_fallback_says_nothing(story) -> None:
    timid = Game.start(story, storyline="line").choose(2)  # "Hidden" is not shown
    assert told(timid.last_events)[0] == (
        "choice",
        "Timid",
        {"scene": "a", "number": 3, "text": "Timid"},  # its place in the scene
    )
    assert timid.state.taken == frozenset({("a", 3)})
    game = timid.answer(1)
    assert told(game.last_events) == [
        (
            "answer",
            "Not quite. No, 0.",
            {
                "scene": "q",
                "objective": "obj",
                "option": 1,
                "text": "Not at all",
                "correct": False,
                "points": 0,
                "possible": 10,
                "feedback": "No, 0.",
                "correct_option": 2,
            },
        ),
        ("enter", "The End", {"scene": "end", "visit": 1}),
        ("ending", "Courage 0", {"scene": "end", "kind": "good", "score": 0}),
    ]
    assert game.state.score == 0 and game.state.answers[-1].points == 0


@pytest.mark.parametrize(("seed", "ending"), [(0, "end2"), (3, "end")])
def test_chance_is_said_and_follows_the_weights(story, seed: int, ending: str) -> None:
    """Seed 0 draws 0.88 (past the first quarter: the weight-3 branch), seed
    3 draws under 0.25 (the weight-1 branch)."""
    game = Game.start(story, seed=seed, storyline="line").choose(1).answer(2).choose(1)
    title = story.scenes[ending].title
    assert told(game.last_events)[:3] == [
        ("choice", "Continue", {"scene": "r", "number": 1, "text": "Continue"}),
        ("route", f"Chance led to {title}", {"to": ending, "random": True}),
        ("enter", title, {"scene": ending, "visit": 1}),
    ]
    assert game.state.scene == ending and game.state.turn == 3
    assert game.ended and game.options() == ()


def test_the_ending_summary_is_rendered_with_the_final_state(story) -> None:
    game = Game.start(story, seed=0, storyline="line").choose(1).answer(2).choose(1)
    assert game.last_events[-1] == ev.EndingReached(
        "Score 15", scene="end2", ending_kind="bad", score=15
    )
    assert game.view().ending_summary == "Score 15"


def test_revisiting_a_scene_counts_the_visit(make_pack) -> None:
    loop = "scenes:\n  a:\n    title: A\n    text: x\n    next: a\n"
    game = Game.start(load_pack(make_pack(**{"s.yaml": loop})).story).choose(1).choose(1)
    assert game.state.visits["a"] == 3
    assert told(game.last_events) == [
        ("choice", "Continue", {"scene": "a", "number": 1, "text": "Continue"}),
        ("enter", "A", {"scene": "a", "visit": 3}),
    ]


def test_a_walkthrough_may_start_anywhere_with_setup_effects_first(story) -> None:
    from game.story import model as m
    from game.story.diagnostics import Loc

    setup = (m.SetVars((("courage", 4),), Loc("walk.yaml", 1, 1)),)
    game = Game.start(story, start="q", setup=setup)
    assert game.state.scene == "q"
    assert game.view().question == "How brave? 4"
    kinds = [e.kind for e in game.last_events]
    assert kinds == ["start", "variable", "enter"]


def test_unknown_starts_are_refused_by_name(story) -> None:
    from game.engine.machine import ActionError

    with pytest.raises(ActionError, match=r"^unknown storyline 'nope'$"):
        new_game(story, storyline="nope")
    with pytest.raises(ActionError, match=r"^unknown scene 'nope'$"):
        new_game(story, start="nope")


def test_waiting_passes_time_only_when_there_is_time_to_pass(story) -> None:
    state = new_game(story).state
    assert wait(story, state, 0).state is state
    assert wait(story, state, 0).events == ()
    later = wait(story, state, 120)
    assert later.state.clock == 120 and later.state.scene == "a"
    assert later.events[0].kind == "time"
    assert later.events[0].payload() == {"seconds": 120.0, "clock": 120.0}
    assert later.events[0].text.startswith("2 min pass")
    game = Game.start(story).wait(120)
    assert game.state.clock == 120 and game.can_undo
    assert game.last_events[0].text == later.events[0].text


def test_quiet_play_tells_nothing_but_reaches_the_same_state(story) -> None:
    loud = new_game(story, storyline="line")
    quiet = choose(story, loud.state, 1, quiet=True)
    assert quiet.events == ()
    assert quiet.state.key() == choose(story, loud.state, 1).state.key()


def test_undo_of_nothing_or_of_less_than_one_step_changes_nothing(story) -> None:
    game = Game.start(story)
    assert game.undo() is game and not game.can_undo
    played = game.choose(1)
    assert played.can_undo
    assert played.undo(0) is played and played.undo(-2) is played
    assert played.undo().state == game.state


def test_the_chart_keeps_its_newest_points_only(make_pack) -> None:
    loop = (
        "scenes:\n  a:\n    title: A\n    text: Round.\n    time: 1min\n"
        "    choices:\n      - {text: Again, goto: a}\n"
    )
    story = load_pack(make_pack(**{"s.yaml": loop})).story
    state = new_game(story).state
    for _ in range(MAX_TRACE + 3):
        state = choose(story, state, 1).state
    assert len(state.trace) == MAX_TRACE
    assert state.trace[-1].clock == state.clock
    assert state.trace[0].clock == state.clock - 60 * (MAX_TRACE - 1)


def test_a_point_is_charted_only_when_something_changed(make_pack) -> None:
    scenes = (
        "scenes:\n  a:\n    title: A\n    text: x\n    choices:\n"
        "      - {text: Stay, goto: a}\n      - {text: Wait here, goto: a, time: 1min}\n"
    )
    story = load_pack(make_pack(**{"s.yaml": scenes})).story
    game = Game.start(story)
    assert len(game.state.trace) == 1
    same = game.choose(1)
    assert [p.label for p in same.state.trace] == [None, "Stay"]  # a new label is news
    again = same.choose(1)
    assert again.state.trace == same.state.trace  # the same clock, body and label
    later = again.choose(2)
    assert [p.label for p in later.state.trace] == [None, "Stay", "Wait here"]
    assert re.fullmatch(r"\d+(\.\d+)?", str(later.state.trace[-1].clock))
