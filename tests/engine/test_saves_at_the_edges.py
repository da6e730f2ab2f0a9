"""Saves at the edges of what play produces: a chart that is exactly full,
a story clock a storyline moved, a file that is not a save named by its
path. Each is a game played through the engine, saved and loaded back."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from game.engine.machine import MAX_TRACE, Game, Transition, choose, new_game
from game.engine.saves import SaveError, game_from_dict, game_to_dict, read_save, write_save
from game.story.loader import load_pack

LOOP = """\
scenes:
  a:
    title: A
    text: Round.
    time: 1min
    choices:
      - {text: Again, goto: a}
"""

HUB = """\
format: 1
id: hub
title: Hub
start: hub
starts_at: "Wed 21:00"
storylines:
  - {id: thursday, title: Thursday, start: kitchen, starts_at: "Thu 18:30"}
"""

HUB_SCENES = """\
scenes:
  hub:
    title: Hub
    text: x
    choices:
      - {text: Dawdle, goto: kitchen, time: 90min}
  kitchen:
    title: Kitchen
    text: x
    choices:
      - {text: Cook, goto: table, time: 20min}
  table:
    title: Table
    text: x
    ending: {kind: good, summary: x}
"""


def _full_chart(make_pack) -> Game:
    """A game whose chart has just reached MAX_TRACE points (one a minute)."""
    story = load_pack(make_pack(**{"s.yaml": LOOP})).story
    state = new_game(story).state
    while len(state.trace) < MAX_TRACE:
        state = choose(story, state, 1).state
    return Game(story, (Transition(state, ()),))


def test_a_game_whose_chart_is_exactly_full_saves_and_loads_whole(make_pack, tmp_path) -> None:
    game = _full_chart(make_pack)
    assert len(game.state.trace) == MAX_TRACE
    loaded = read_save(write_save(tmp_path / "full.json", game), game.story)
    assert loaded.warnings == ()
    assert loaded.game.state == game.state
    assert loaded.game.state.trace == game.state.trace


def test_a_saved_chart_one_point_longer_than_play_keeps_is_refused(make_pack) -> None:
    game = _full_chart(make_pack)
    data = json.loads(json.dumps(game_to_dict(game)))
    longer = copy.deepcopy(data["steps"][-1])
    longer["state"]["trace_delta"] = {
        "drop": 0,
        "add": [data["steps"][-1]["state"]["trace_delta"]["add"][-1]],
    }
    data["steps"].append(longer)
    with pytest.raises(SaveError) as error:
        game_from_dict(game.story, data)
    assert str(error.value) == (
        "this save cannot be loaded: the body history in the save is damaged"
    )


def test_a_storyline_entered_from_the_hub_keeps_its_own_clock_through_a_save(
    make_pack, tmp_path
) -> None:
    story = load_pack(make_pack(story=HUB, **{"s.yaml": HUB_SCENES})).story
    game = Game.start(story).choose(1)  # 90 minutes in the hub, then Thursday begins
    assert game.state.time.label() == "Thu 18:30"
    game = game.choose(1)
    assert game.state.time.label() == "Thu 18:50"
    back = read_save(write_save(tmp_path / "s.json", game), story).game
    assert back.state.start_time == game.state.start_time
    assert back.state.time.label() == "Thu 18:50"
    assert back.undo().state.time.label() == "Thu 18:30"
    assert back.undo(2).state.time.label() == "Wed 21:00"


def test_a_file_that_is_not_json_is_named_by_its_path(tmp_path: Path, make_pack) -> None:
    story = load_pack(make_pack(**{"s.yaml": LOOP})).story
    path = tmp_path / "notes.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SaveError) as error:
        read_save(path, story)
    assert (
        str(error.value) == f"this save cannot be loaded: '{path}' is damaged or not a Locus save"
    )
