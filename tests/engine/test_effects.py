"""Every effect kind, applied through the machine, with the event it emits."""

from __future__ import annotations

import pytest

from game import body as bm
from game.engine import events as ev
from game.engine.machine import ContentError, Game
from game.story.loader import load_pack

SCENES = """\
scenes:
  a:
    title: A
    text: Start
    choices:
      - text: Do it
        goto: b
        effects:
{effects}
  b:
    title: B
    text: "n=${{courage}} r=${{ratio}} w=${{word}}"
    ending: {{kind: good, summary: Done}}
"""


def run(make_pack, *effects: str) -> Game:
    block = "\n".join(f"          - {effect}" for effect in effects)
    root = make_pack(**{"s.yaml": SCENES.format(effects=block)})
    result = load_pack(root)
    assert result.ok, result.diagnostics
    return Game.start(result.story).choose(1)


def kinds(game: Game) -> list[str]:
    return [e.kind for e in game.last_events]


def test_set(make_pack):
    game = run(make_pack, "set: {courage: 3, flag: true, word: bye, ratio: 2}")
    assert dict(game.state.vars) == {"courage": 3, "flag": True, "word": "bye", "ratio": 2.0}
    assert isinstance(game.state.vars["ratio"], float)
    assert kinds(game).count(ev.VariableChanged.kind) == 4


def test_add_in_order(make_pack):
    game = run(make_pack, "add: {courage: 2}", "add: {courage: -5}", "add: {ratio: 0.25}")
    assert game.state.vars["courage"] == -3
    assert game.state.vars["ratio"] == 0.75


def test_compute_keeps_whole_numbers_whole(make_pack):
    game = run(
        make_pack, "set: {courage: 7}", 'compute: {courage: "courage / 2", ratio: "courage / 2"}'
    )
    assert game.state.vars["courage"] == 4  # 3.5 rounds to a whole number
    assert game.state.vars["ratio"] == 2.0  # computed after courage became 4
    assert game.view().paragraphs == ("n=4 r=2 w=hi",)


def test_compute_runtime_error_points_at_content(make_pack):
    with pytest.raises(ContentError) as error:
        run(make_pack, 'compute: {courage: "courage % (courage - courage)"}')
    assert error.value.loc.path == "s.yaml"


def test_body_inputs(make_pack):
    game = run(make_pack, "body: {threat: 1.0}", "time: 1min")
    assert bm.readout(game.state.body, "heart_rate") > 110
    assert ev.InputsChanged.kind in kinds(game) and ev.BodyExplained.kind in kinds(game)


def test_condition_add_and_remove(make_pack):
    game = run(make_pack, "condition: {add: parkinsons}")
    assert "parkinsons" in game.state.body.conditions
    assert any(
        e.kind == ev.ConditionChanged.kind and "Parkinson" in e.text for e in game.last_events
    )
    game = run(make_pack, "condition: {add: parkinsons}", "condition: {remove: parkinsons}")
    assert "parkinsons" not in game.state.body.conditions


def test_medication_start_and_stop(make_pack):
    game = run(make_pack, "medication: {start: snri}")
    assert [m for m, _ in game.state.body.medications] == ["snri"]
    game = run(make_pack, "medication: {start: snri}", "medication: {stop: snri}")
    assert game.state.body.medications == ()


def test_time(make_pack):
    game = run(make_pack, "time: 45sec", "time: 45s", "time: 2d")
    assert game.state.clock == 90 + 2 * 86400  # 45sec and 45s alike
    assert game.state.day == 2 and game.state.minutes == (90 + 2 * 86400) // 60
    assert kinds(game).count(ev.TimePassed.kind) == 3


def test_codex_with_several_new_ids_unlocks_them_all_in_order(make_pack):
    codex = "codex:\n" + "".join(f"  c{i}: {{title: C{i}, text: x}}\n" for i in (1, 2, 3))
    block = "          - codex: [c3, c1, c2]"
    root = make_pack(**{"s.yaml": SCENES.format(effects=block) + codex})
    game = Game.start(load_pack(root).story).choose(1)
    assert game.state.codex == ("c3", "c1", "c2")
    unlocked = [e.id for e in game.last_events if isinstance(e, ev.CodexUnlocked)]
    assert unlocked == ["c3", "c1", "c2"]


def test_codex_once_each(make_pack):
    codex = "codex:\n  c1: {title: C1, text: x}\n  c2: {title: C2, text: y}\n"
    block = "\n".join(f"          - {e}" for e in ("codex: c1", "codex: [c1, c2]"))
    root = make_pack(**{"s.yaml": SCENES.format(effects=block) + codex})
    game = Game.start(load_pack(root).story).choose(1)
    assert game.state.codex == ("c1", "c2")
    assert kinds(game).count(ev.CodexUnlocked.kind) == 2


def test_score_and_badge(make_pack):
    game = run(make_pack, "score: 10", "score: -3", "badge: brave", "badge: brave")
    assert game.state.score == 7
    assert game.state.badges == ("brave",)
    assert kinds(game).count(ev.BadgeEarned.kind) == 1
