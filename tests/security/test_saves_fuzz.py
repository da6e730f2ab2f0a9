"""Any edit of a real save, anywhere in it, either loads or is refused with
a SaveError: no other exception, whatever value lands wherever."""

from __future__ import annotations

import json
from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.machine import Game
from game.engine.saves import (
    LoadedSave,
    SaveError,
    decode_save,
    game_from_dict,
    game_to_dict,
)
from game.story.loader import load_pack
from tests.security.hostile import MINI

STORY = load_pack(MINI).story
assert STORY is not None
SAVE = json.loads(json.dumps(game_to_dict(Game.start(STORY, seed=3).act(2).act(1))))

JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=6,
)


def _paths(value: object, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


PATHS = [p for p in _paths(SAVE) if p]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(st.sampled_from(PATHS), JSON_VALUES), min_size=1, max_size=3))
def test_any_edit_loads_or_is_refused(edits) -> None:
    data = json.loads(json.dumps(SAVE))
    for path, value in edits:
        target = data
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit replaced this part of the save
    _loads_or_is_refused(lambda: game_from_dict(STORY, data))


TEXT = json.dumps(SAVE).encode()


@settings(max_examples=200, deadline=None)
@given(st.integers(0, len(TEXT)), st.integers(0, 40), st.binary(max_size=12))
def test_any_bytes_spliced_in_load_or_are_refused(at: int, cut: int, spliced: bytes) -> None:
    _loads_or_is_refused(lambda: decode_save(STORY, TEXT[:at] + spliced + TEXT[at + cut :]))


def _loads_or_is_refused(load: Callable[[], LoadedSave]) -> None:
    try:
        loaded = load()
    except SaveError as error:
        assert str(error).startswith("this save cannot be loaded: ")
        return
    assert loaded.game.state.scene in STORY.scenes
