"""A regular (non-editable) install carries the bundled pack and the art."""

from __future__ import annotations

import zipfile


def test_wheel_contains_bundled_pack_and_assets(built_wheel):
    wheel, _ = built_wheel
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "game/_bundled/scenes/story.yaml" in names
    assert "game/_bundled/assets/title.txt" in names
    assert any(n.startswith("game/_bundled/scenes/tests/") for n in names)
    assert "game/cli.py" in names


def test_bundled_pack_is_found_and_loads():
    from game.paths import bundled_pack, shared_assets
    from game.story.loader import load_pack

    assert (shared_assets() / "title.txt").is_file()
    result = load_pack(bundled_pack())
    assert result.ok, result.diagnostics[:5]
