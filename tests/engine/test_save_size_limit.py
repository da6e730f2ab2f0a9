"""A save is read up to its size limit and no further: a save of exactly the
limit loads, one byte more is refused before it is decoded."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.machine import Game
from game.engine.saves import MAX_SAVE_BYTES, SaveError, read_save, write_save
from game.story.loader import load_pack
from tests.conftest import MINI_PACK

STORY = load_pack(MINI_PACK).story


def _padded_to(size: int, tmp_path: Path) -> tuple[Path, Game]:
    game = Game.start(STORY, seed=2).act(1)
    path = write_save(tmp_path / "big.json", game)
    with path.open("ab") as stream:  # JSON allows whitespace after the value
        stream.write(b" " * (size - path.stat().st_size))
    assert path.stat().st_size == size
    return path, game


def test_a_save_of_exactly_the_limit_loads(tmp_path: Path) -> None:
    path, game = _padded_to(MAX_SAVE_BYTES, tmp_path)
    assert read_save(path, STORY).game.state == game.state


def test_one_byte_more_is_refused_by_its_size(tmp_path: Path) -> None:
    path, _ = _padded_to(MAX_SAVE_BYTES + 1, tmp_path)
    with pytest.raises(SaveError, match="is larger than 32 MB, far more than any game writes"):
        read_save(path, STORY)
