"""The Load screen with damaged files in the saves folder: it opens, lists
the saves that can be read, names the ones it skipped, and a save whose
steps are damaged is refused with a notice when picked, never a crash."""

from __future__ import annotations

import json

from game.engine.machine import Game
from game.engine.saves import slot_path, write_save
from game.paths import saves_dir
from game.tui.screens.saves import SavesScreen
from game.tui.screens.title import TitleScreen
from tests.tui.tui_helpers import MINI, build_app, text_of, wait_for


def _write_folder() -> None:
    from game.story.loader import load_pack

    story = load_pack(MINI).story
    assert story is not None
    folder = saves_dir()
    write_save(slot_path(folder, "mini", "good"), Game.start(story).act(2), "good one")
    damaged = Game.start(story).act(2)
    path = write_save(slot_path(folder, "mini", "steps"), damaged, "damaged steps")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["steps"][-1]["state"]["clock"] = "soon"
    path.write_text(json.dumps(data), encoding="utf-8")
    header = {"magic": "locus-save", "format": 1, "pack": "mini", "name": "x"}
    (folder / "mini-when.json").write_text(json.dumps({**header, "saved_at": "yesterday"}))
    (folder / "mini-scene.json").write_text(json.dumps({**header, "scene": ["a", "list"]}))
    (folder / "mini-cut.json").write_text('{"magic":"locus-save","format":1,"pa')
    (folder / "notes.json").write_text("[]")


async def test_the_load_screen_skips_and_names_unreadable_files() -> None:
    _write_folder()
    app = build_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, SavesScreen))
        screen = app.screen
        assert isinstance(screen, SavesScreen)
        assert sorted(slot.name for slot in screen.slots) == ["damaged steps", "good one"]
        skipped = text_of(app, "#unreadable")
        for name in ("mini-when.json", "mini-scene.json", "mini-cut.json", "notes.json"):
            assert name in skipped
        index = [slot.name for slot in screen.slots].index("damaged steps")
        await pilot.press(*["down"] * index, "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
        await wait_for(
            pilot,
            lambda: any("cannot be loaded" in n.message for n in app._notifications),
        )
        assert app.playthrough is None
