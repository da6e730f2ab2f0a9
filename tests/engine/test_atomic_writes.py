"""A save and the player profile are written beside their final name and
renamed into place, so a crash never leaves half a file: even when Python's
temporary folder is on another disk, where a rename could not reach."""

from __future__ import annotations

from pathlib import Path

from game.engine.machine import Game
from game.engine.profile import Profile, read_profile, write_profile
from game.engine.saves import read_save, write_save
from game.story.loader import load_pack
from tests.conftest import MINI_PACK

STORY = load_pack(MINI_PACK).story


def test_a_save_is_written_beside_its_target(tmp_path: Path, temp_on_another_disk: Path) -> None:
    game = Game.start(STORY, seed=5).act(1)
    target = write_save(tmp_path / "slot.json", game, name="slot")
    assert read_save(target, STORY).game.state == game.state
    assert [p.name for p in tmp_path.iterdir()] == ["slot.json"]  # no temporary file left
    assert list(temp_on_another_disk.iterdir()) == []


def test_the_profile_is_written_beside_its_target(
    tmp_path: Path, temp_on_another_disk: Path
) -> None:
    profile = Profile(settings={"theme": "light"})
    target = write_profile(tmp_path / "profile.json", profile)
    assert read_profile(target) == (profile, None)
    assert [p.name for p in tmp_path.iterdir()] == ["profile.json"]
    assert list(temp_on_another_disk.iterdir()) == []
