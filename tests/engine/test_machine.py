"""The state machine on the mini pack: choices, routes, once, effects, undo."""

from __future__ import annotations

import pytest

from game import body as bm
from game.engine import events as ev
from game.engine.machine import (
    ActionError,
    Game,
    choose,
    format_duration,
    new_game,
    visible_choices,
)
from game.story.loader import load_pack


@pytest.fixture(scope="module")
def story():
    from tests.conftest import MINI_PACK

    result = load_pack(MINI_PACK)
    assert result.ok, result.diagnostics
    return result.story


def texts(game: Game) -> list[str]:
    return [option.text for option in game.options()]


def test_new_game_enters_start(story):
    game = Game.start(story)
    assert game.state.scene == "intro"
    assert game.state.visits["intro"] == 1
    assert game.last_events[0].kind == ev.GameStarted.kind
    assert texts(game) == ["Walk into the woods", "Read about the brain"]


def test_storyline_start_and_scene_time(story):
    game = Game.start(story, storyline="woods")
    assert game.state.scene == "trail"
    assert game.state.clock == 120  # the trail takes 2 minutes
    assert game.state.storyline == "woods"
    assert any(e.kind == ev.TimePassed.kind for e in game.last_events)


def test_template_sees_body_after_scene_time(story):
    game = Game.start(story, storyline="woods")
    rate = bm.readout(game.state.body, "heart_rate")
    shown = f"{rate:.0f}" if float(rate).is_integer() else f"{rate:.1f}"
    assert f"beats {shown} times" in game.view().paragraphs[0]


def test_once_choice_hidden_after_taken(story):
    game = Game.start(story).choose(2)
    assert game.state.scene == "library"
    assert game.state.codex == ("locus_coeruleus",)
    assert game.state.vars["met_guide"] is True
    assert texts(game) == ["Continue"]
    game = game.choose(1)
    assert game.state.scene == "intro"
    assert texts(game) == ["Walk into the woods"]
    assert "You have been here before." in game.view().paragraphs


def test_disabled_choice_is_visible_with_hint_and_refused(story):
    game = Game.start(story, storyline="woods")
    options = game.options()
    sprint = options[1]
    assert sprint.text == "Sprint up the hill"
    assert not sprint.enabled
    assert sprint.hint == "You are too tired to sprint."
    with pytest.raises(ActionError):
        game.choose(2)


def test_hidden_if_choice(story):
    game = Game.start(story, storyline="woods")
    assert "Call your guide" not in texts(game)
    game = Game.start(story).choose(2).choose(1).choose(1)
    assert "Call your guide" in texts(game)
    game = game.choose(3)
    assert "Call your guide" not in texts(game)  # once


def test_effects_in_order_then_time_then_route(story):
    game = Game.start(story, storyline="woods").choose(1)
    assert game.state.scene == "bear"
    assert game.state.vars["courage"] == 1
    assert "brave" in game.state.badges
    assert bm.readout(game.state.body, "heart_rate") > 110
    kinds = [e.kind for e in game.last_events]
    assert (
        kinds.index(ev.ChoiceTaken.kind)
        < kinds.index(ev.VariableChanged.kind)
        < kinds.index(ev.SceneEntered.kind)
    )
    assert "You can hear your own pulse." in game.view().paragraphs


def test_quiz_answer_scores_and_routes(story):
    game = Game.start(story, storyline="woods").choose(1).choose(1)
    assert game.state.scene == "check"
    assert game.state.vars["courage"] == 2
    assert [o.kind for o in game.options()] == ["answer", "answer"]
    with pytest.raises(ActionError):
        game.choose(1)
    right = game.answer(1)
    assert right.state.score == 10
    assert right.state.scene == "end_safe"
    assert right.ended
    answer = right.last_events[0]
    assert isinstance(answer, ev.AnswerGiven) and answer.correct is True
    assert any(e.kind == ev.EndingReached.kind for e in right.last_events)
    wrong = game.answer(2)
    assert wrong.state.score == 0
    assert wrong.state.scene == "end_lost"
    assert wrong.state.answers[-1].correct is False


def test_random_route_is_seeded(story):
    def outcome(seed: int) -> str:
        return Game.start(story, storyline="woods", seed=seed).choose(1).choose(2).state.scene

    results = {seed: outcome(seed) for seed in range(40)}
    assert set(results.values()) == {"bear_leaves", "bear_stays"}
    assert all(outcome(seed) == scene for seed, scene in list(results.items())[:10])
    leaves = sum(scene == "bear_leaves" for scene in results.values())
    assert 20 <= leaves <= 38  # weight 3 : 1


def test_conditional_route(story):
    for seed in range(30):
        game = Game.start(story, storyline="woods", seed=seed).choose(1).choose(2)
        if game.state.scene == "bear_leaves":
            assert game.choose(1).state.scene == "check"  # courage 1 < 2
            break
    else:
        pytest.fail("no seed led to bear_leaves")


def test_undo_any_number_of_steps(story):
    game = Game.start(story)
    states = [game.state]
    for number in (2, 1, 1, 1):
        game = game.act(number)
        states.append(game.state)
    for back in range(1, len(states)):
        assert game.undo(back).state == states[-1 - back]
    assert game.undo(100).state == states[0]
    assert not game.undo(100).can_undo


def test_pure_functions_do_not_mutate(story):
    step = new_game(story, storyline="woods")
    before = step.state
    after = choose(story, before, 1)
    assert before.scene == "trail" and after.state.scene == "bear"
    assert visible_choices(story, before)[0].text == "Take the shortcut"


def test_ending_has_no_options(story):
    game = Game.start(story, storyline="woods").choose(1).choose(1).answer(1)
    assert game.options() == ()
    assert game.view().ending_kind == "good"
    with pytest.raises(ActionError):
        game.choose(1)


def test_trace_records_labels(story):
    game = Game.start(story, storyline="woods").choose(1)
    assert game.state.trace[-1].label == "Take the shortcut"
    assert game.state.trace[-1].value("heart_rate") > 100


def test_scene_art_is_read_once_per_loaded_pack(tmp_path):
    import shutil

    from tests.conftest import MINI_PACK

    pack = tmp_path / "mini"
    shutil.copytree(MINI_PACK, pack)
    story = load_pack(pack).story
    first = Game.start(story, start="library").view().art
    assert first and first == (pack / "assets" / "brain.txt").read_text(encoding="utf-8")
    (pack / "assets" / "brain.txt").write_text("edited art\n", encoding="utf-8")
    assert (
        Game.start(story, start="library").view().art == first
    )  # the same pack remembers what it read
    assert (
        Game.start(load_pack(pack).story, start="library").view().art == "edited art\n"
    )  # a reload sees edits


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (30, "30 s"),
        (90, "1.5 min"),
        (3600, "1 h"),
        (86400, "1 day"),
        (3 * 86400, "3 days"),
        (604800, "1 week"),
        (2 * 604800, "2 weeks"),
        (1.5 * 604800, "1.5 weeks"),
    ],
)
def test_format_duration_names_days_and_weeks_in_words(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown
