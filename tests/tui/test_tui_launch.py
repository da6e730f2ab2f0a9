"""Opening the app as `locus play` does: title first, the pack loaded after."""

from __future__ import annotations

import sys
from pathlib import Path

from textual.widgets import OptionList

from bench.bench_startup import at_first_frame
from game.tui.app import LocusApp
from game.tui.launch import LaunchOptions
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from tests.tui.tui_helpers import MINI, scene_text, text_of, wait_for

# What `locus play` may have imported of the game by the title's first
# frame: the command line, the app's shell, the title screen and what it
# reads (the profile, the pack's cached summary). The engine, the body
# model, the story model and its YAML loader, the classroom, the play
# screen and its widgets (the chart...) come after it, through
# game/tui/lazy.py (bench/bench_startup.py measures why).
TITLE_MODULES = frozenset(
    {
        "game",
        "game.cli",
        "game.play",
        "game.paths",
        "game.classroom",
        "game.classroom.scoring",
        "game.engine",
        "game.engine.profile",
        "game.engine.save_slots",
        "game.story",
        "game.story.pack_cache",
        "game.tui",
        "game.tui.app",
        "game.tui.launch",
        "game.tui.lazy",
        "game.tui.messages",
        "game.tui.profile_keeper",
        "game.tui.screens",
        "game.tui.screens.title",
        "game.tui.themes",
        "game.tui.widgets",
        "game.tui.widgets.too_small",
    }
)
# Libraries the title does not need either.
HEAVY_LIBRARIES = ("yaml", "_yaml", "sqlite3", "psycopg", "textual_serve")

# `locus play` as the command runs it, headless, noting at the first frame
# the app hands to the driver what was imported and what the title says.
FIRST_FRAME = (
    "import json, sys\nfrom textual.widgets import Static\n"
    + at_first_frame(
        """
        title = str(screen.query_one("#pack-title", Static).visual)
        with open(sys.argv[1], "w", encoding="utf-8") as out:
            json.dump({"modules": sorted(sys.modules), "title": title}, out)
        """
    )
    + 'from game.cli import main\nmain(["play"])\n'
)


def test_the_title_is_drawn_before_the_engine_the_story_model_or_yaml_is_imported(
    tmp_path: Path,
) -> None:
    """Start-up speed: at the first frame of `locus play` (the title with
    the pack's title from the cache) nothing outside TITLE_MODULES of the
    game, and none of HEAVY_LIBRARIES, has been imported."""
    import json
    import os
    import subprocess

    from game.paths import bundled_pack
    from game.story.loader import load_pack
    from game.story.pack_cache import PackCache, PackSummary, content_key, stamps_of

    root = bundled_pack()
    story = load_pack(root).story
    assert story is not None
    cache = PackCache(tmp_path / "cache")  # where the app looks with LOCUS_HOME=tmp_path
    cache.write(root, content_key(root), PackSummary.of(story), stamps_of(root))
    noted = tmp_path / "first-frame.json"
    env = {**os.environ, "LOCUS_HOME": str(tmp_path)}
    subprocess.run(
        [sys.executable, "-c", FIRST_FRAME, str(noted)], env=env, check=True, timeout=120
    )
    seen = json.loads(noted.read_text(encoding="utf-8"))
    assert seen["title"] == story.title  # the cached summary, not "Loading the story…"
    modules = set(seen["modules"])
    game = {m for m in modules if m == "game" or m.startswith("game.")}
    assert sorted(game - TITLE_MODULES) == []
    assert [m for m in modules if m.split(".")[0] in HEAVY_LIBRARIES] == []


async def test_title_first_then_the_pack_loads() -> None:
    app = LocusApp(MINI, launch=LaunchOptions())
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, TitleScreen)
        await wait_for(pilot, lambda: app.story is not None)
        await pilot.pause()
        assert "Mini: a test pack" in text_of(app, "#pack-title")
        menu = app.screen.query_one("#menu", OptionList)
        assert not menu.get_option("new").disabled


async def test_launch_options_are_applied_once_loaded() -> None:
    app = LocusApp(MINI, launch=LaunchOptions(start="bear", seed=1))
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert "The Bear" in scene_text(app)


async def test_a_broken_pack_ends_the_app_with_its_diagnostics(pack_copy: Path) -> None:
    (pack_copy / "intro.yaml").write_text("scenes:\n  intro: [\n", encoding="utf-8")
    app = LocusApp(pack_copy, launch=LaunchOptions())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: app.return_code is not None)
    assert app.return_code == 1
    assert app.story is None
    assert any("intro.yaml" in d.loc.path for d in app.diagnostics)


async def test_a_known_pack_is_on_the_title_before_it_has_loaded(pack_copy: Path) -> None:
    """The second start draws the whole title from the pack cache at once;
    an edit to the pack makes the cache miss and the title waits again."""
    first = LocusApp(pack_copy, launch=LaunchOptions())
    async with first.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: not first.loading)
        await first.workers.wait_for_complete()
    again = LocusApp(pack_copy, launch=LaunchOptions())
    assert again.loading and again.pack is not None
    async with again.run_test(size=(80, 24)) as pilot:
        assert "Mini: a test pack" in text_of(again, "#pack-title")
        assert not again.screen.query_one("#menu", OptionList).get_option("new").disabled
        await pilot.press("n")  # taken while the pack loads: done once it has
        await wait_for(pilot, lambda: type(again.screen).__name__ == "StorylineScreen")
    story = pack_copy / "story.yaml"
    story.write_text(story.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    edited = LocusApp(pack_copy, launch=LaunchOptions())
    assert edited.pack is None


async def test_continue_works_on_the_title_before_the_pack_has_loaded(pack_copy: Path) -> None:
    """A cached start knows the pack's id, so it knows whether there is an
    autosave: Continue is offered (and highlighted) from the first frame, and
    picked then, the game opens as soon as the pack has loaded."""
    first = LocusApp(pack_copy, launch=LaunchOptions())
    first.animation_level = "none"
    async with first.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: not first.loading)
        await pilot.press("n")
        await wait_for(pilot, lambda: type(first.screen).__name__ == "StorylineScreen")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(first.screen, PlayScreen))
        await pilot.press("1")
        await wait_for(pilot, lambda: "The Trail" in scene_text(first))
        first.flush_autosave()
        await first.workers.wait_for_complete()
    again = LocusApp(pack_copy, launch=LaunchOptions())
    again.animation_level = "none"
    assert again.loading and again.autosave_path() is not None
    async with again.run_test(size=(80, 24)) as pilot:
        assert again.loading, "the title is drawn before the pack has loaded"
        menu = again.screen.query_one("#menu", OptionList)
        assert not menu.get_option("continue").disabled
        assert menu.highlighted == menu.get_option_index("continue")
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(again.screen, PlayScreen))
        assert "The Trail" in scene_text(again)


async def test_without_an_autosave_continue_stays_disabled_on_a_cached_start(
    pack_copy: Path,
) -> None:
    first = LocusApp(pack_copy, launch=LaunchOptions())
    async with first.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: not first.loading)
        await first.workers.wait_for_complete()
    again = LocusApp(pack_copy, launch=LaunchOptions())
    assert again.loading and again.pack is not None and again.autosave_path() is None
    async with again.run_test(size=(80, 24)):
        menu = again.screen.query_one("#menu", OptionList)
        assert menu.get_option("continue").disabled
        assert menu.highlighted == menu.get_option_index("new")


def test_the_lazy_names_are_what_they_say() -> None:
    """game/tui/lazy.py: each name comes from its module, with its own name."""
    from game.tui import lazy

    for name, module in lazy.WHERE.items():
        value = getattr(lazy, name)
        assert value.__name__ == name and value.__module__ == module


async def test_the_title_starts_with_the_layout_classes_textual_gives_its_size() -> None:
    """The title sets its size classes itself before its widgets are styled
    (so they are styled once): the same class Textual's own rule picks, at
    every width and height around the breakpoints, and at the start."""
    from game.tui.screens.title import HEIGHTS, WIDTHS, breakpoint_classes

    app = LocusApp(MINI, launch=LaunchOptions())
    async with app.run_test(size=(61, 21)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TitleScreen)
        for breakpoints in (WIDTHS, HEIGHTS):
            for cells in range(0, 130):
                textual_choice = screen._get_breakpoint_classes(cells, breakpoints)
                assert set(breakpoint_classes(cells, breakpoints)) == textual_choice, cells
        fresh = TitleScreen()  # made in this app, as the app makes its first screen
        assert set(fresh.classes) == {"-wide-enough", "-short"}


def test_quitting_before_the_pack_has_loaded_still_says_it_cannot_be_played(
    pack_copy: Path, monkeypatch, capsys
) -> None:
    """`echo q | locus play BROKEN`: the q can end the app before the worker's load
    reaches it; the command must still print the diagnostics and exit 1 (a pack
    the cache knows loads is not loaded again just to quit)."""
    import argparse

    from game.tui import launch

    monkeypatch.setattr(LocusApp, "run", lambda self, *args, **kwargs: None)  # quit at once
    (pack_copy / "intro.yaml").write_text("scenes:\n  intro: [\n", encoding="utf-8")
    assert launch.run_tui(argparse.Namespace(pack=str(pack_copy))) == 1
    assert "intro.yaml" in capsys.readouterr().err
    missing = pack_copy.parent / "missing"
    assert launch.run_tui(argparse.Namespace(pack=str(missing))) == 1
    assert "E043" in capsys.readouterr().err
    (pack_copy / "intro.yaml").unlink()
    good = argparse.Namespace(pack=str(Path(MINI)))
    assert launch.run_tui(good) == 0
    assert capsys.readouterr().err == ""
