"""Property tests over generated packs: play never raises, undo is exact,
saves round-trip exactly, and the same seed and choices give the same game."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.machine import Game, act
from game.engine.saves import game_from_dict, game_to_dict
from game.story.loader import load_pack

STORY = """\
format: 1
id: gen
title: Generated
start: s0
variables: {n: 0, flag: false, r: 0.5}
objectives: {o: An objective.}
storylines: [{id: main, title: Main, start: s0}]
badges: {b: {title: B, description: B.}}
"""

CONDITIONS = [
    "n > 2",
    "flag",
    "not flag",
    "body.heart_rate > 90",
    "visited(s0) > 1",
    "body.focus >= 50 or n < 1",
    "chose(s0, 1)",
    "r * 2 >= 1",
    "day >= 1",
]
EFFECTS = [
    "- add: {n: 1}",
    "- set: {flag: true}",
    '- compute: {r: "r / 2 + 0.1"}',
    "- body: {threat: 1.0}",
    "- body: {threat: 0, calm: 0.5}",
    "- body: {exercise: 0.7}",
    "- body: {sleep: true}",
    "- body: {meal: 0.8}",
    "- time: 10min",
    "- time: 3d",
    "- score: 5",
    "- badge: b",
    "- condition: {add: parkinsons}",
    "- medication: {start: snri}",
    "- medication: {start: beta_blocker}",
    "- condition: {remove: parkinsons}",
]

scene_kinds = st.sampled_from(["choices", "choices", "next", "quiz", "ending"])


@st.composite
def packs(draw) -> str:
    count = draw(st.integers(2, 8))
    lines = ["scenes:"]
    for index in range(count):
        kind = "choices" if index == 0 else draw(scene_kinds)
        lines += [f"  s{index}:", f"    title: Scene {index}", '    text: "n is ${n}"']
        if draw(st.booleans()):
            lines.append(f"    time: {draw(st.sampled_from(['30s', '5min', '2h', '1d']))}")
        effects = draw(st.lists(st.sampled_from(EFFECTS), max_size=3))
        if effects:
            lines.append("    on_enter:")
            lines += [f"      {effect}" for effect in effects]
        target = lambda: f"s{draw(st.integers(0, count - 1))}"  # noqa: E731
        if kind == "ending":
            lines.append("    ending: {kind: good, summary: Done}")
        elif kind == "next":
            lines.append(f"    next: {target()}")
        elif kind == "quiz":
            lines += [
                "    quiz:",
                "      question: Q?",
                "      objective: o",
                "      options:",
                "        - {text: yes, correct: true, feedback: Good.}",
                "        - {text: no, feedback: No.}",
                f'    next: [{{if: "score > 5", to: {target()}}}, {{to: {target()}}}]',
            ]
        else:
            lines.append("    choices:")
            for _ in range(draw(st.integers(1, 3))):
                lines.append(f"      - text: Go {target()}")
                if draw(st.booleans()):
                    first, second = target(), target()
                    lines.append(
                        f"        goto: {{random: [{{to: {first}, weight: 2}}, {{to: {second}}}]}}"
                    )
                else:
                    lines.append(f"        goto: {target()}")
                if draw(st.booleans()):
                    lines.append(f'        if: "{draw(st.sampled_from(CONDITIONS))}"')
                if draw(st.booleans()):
                    lines.append(f'        enabled_if: "{draw(st.sampled_from(CONDITIONS))}"')
                if draw(st.booleans()):
                    lines.append("        once: true")
            # a fallback that is always there, so the scene is never a dead end
            lines += ["      - text: Wait", f"        goto: {target()}", "        time: 1min"]
    return "\n".join(lines) + "\n"


def load(text: str):
    folder = Path(tempfile.mkdtemp())
    (folder / "story.yaml").write_text(STORY, encoding="utf-8")
    (folder / "scenes.yaml").write_text(text, encoding="utf-8")
    result = load_pack(folder)
    assert result.ok, [str(d.loc) + " " + d.message for d in result.diagnostics]
    return result.story


PLAYS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def play(story, seed: int, picks: list[int]) -> Game:
    game = Game.start(story, seed=seed)
    for pick in picks:
        if game.ended:
            break
        enabled = [o for o in game.options() if o.enabled]
        assert game.options(), "a non-ending scene always offers something"
        if not enabled:
            break
        game = game.act(enabled[pick % len(enabled)].number)
    return game


@PLAYS
@given(packs(), st.integers(0, 2**32), st.lists(st.integers(0, 10), max_size=30))
def test_any_sequence_of_enabled_choices_never_raises(text, seed, picks):
    story = load(text)
    game = play(story, seed, picks)
    for step in game.steps:
        state = step.state
        assert state.scene in story.scenes
        assert state.clock >= 0


@PLAYS
@given(packs(), st.integers(0, 2**32), st.lists(st.integers(0, 10), max_size=20), st.data())
def test_undo_gives_back_the_exact_earlier_state(text, seed, picks, data):
    story = load(text)
    game = play(story, seed, picks)
    back = data.draw(st.integers(1, len(game.steps) + 1))
    keep = max(1, len(game.steps) - back)  # the first step can never be undone
    undone = game.undo(back)
    assert undone.steps == game.steps[:keep]
    assert undone.state == game.steps[keep - 1].state
    assert game.undo(0).steps == game.steps  # undoing nothing changes nothing


@PLAYS
@given(packs(), st.integers(0, 2**32), st.lists(st.integers(0, 10), max_size=20))
def test_save_load_round_trip_is_exact(text, seed, picks):
    story = load(text)
    game = play(story, seed, picks)
    data = json.loads(json.dumps(game_to_dict(game)))
    loaded = game_from_dict(story, data)
    assert loaded.warnings == ()
    assert loaded.game.steps == game.steps


@PLAYS
@given(packs(), st.integers(0, 2**32), st.lists(st.integers(0, 10), max_size=20))
def test_same_seed_and_choices_same_game(text, seed, picks):
    story = load(text)
    assert play(story, seed, picks).steps == play(story, seed, picks).steps


@PLAYS
@given(packs(), st.integers(0, 2**32), st.lists(st.integers(0, 10), max_size=20))
def test_quiet_transitions_reach_the_same_states(text, seed, picks):
    """Tools step quietly (no events, explanations or trace); the states they
    follow must be the player's, field for field apart from the trace."""
    story = load(text)
    game = Game.start(story, seed=seed)
    for pick in picks:
        enabled = [o for o in game.options() if o.enabled]
        if game.ended or not enabled:
            break
        number = enabled[pick % len(enabled)].number
        quiet = act(story, game.state, number, quiet=True)
        game = game.act(number)
        assert quiet.events == ()
        assert quiet.state._replace(trace=()) == game.state._replace(trace=())
