"""Every screen opens, saves and loads round-trip, and the layout folds."""

from __future__ import annotations

from pathlib import Path

from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from game.tui.screens.codex import CodexScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.dialogs import LessonScreen, StorylineScreen, StudentScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.saves import SavesScreen
from game.tui.screens.title import TitleScreen
from tests.tui.tui_helpers import AppFactory, scene_text, start_whole_story, text_of, wait_for


async def test_save_then_load_a_named_slot(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavesScreen))
        await pilot.press(*"before bear", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("1")
        await pilot.pause()
        assert app.playthrough is not None and app.playthrough.game.state.scene == "bear"
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, SavesScreen))
        slots = app.screen.query_one("#slots", OptionList)
        names = [str(slots.get_option_at_index(i).prompt) for i in range(slots.option_count)]
        index = next(i for i, name in enumerate(names) if name.startswith("before bear"))
        slots.highlighted = index
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.playthrough.game.state.scene == "trail"
        assert app.playthrough.game.can_undo  # undo history came back with the save


async def test_continue_picks_up_the_autosave(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        await pilot.press("1", "1")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = again.screen.query_one("#menu", OptionList)
        assert not menu.get_option("continue").disabled
        await pilot.press("r")
        await wait_for(pilot, lambda: isinstance(again.screen, PlayScreen))
        assert again.playthrough is not None
        assert again.playthrough.game.state.scene == "bear"


async def test_load_option_starts_from_a_save_file(make_app: AppFactory, tmp_path: Path) -> None:
    from game.engine.machine import Game
    from game.engine.saves import write_save
    from game.story.loader import load_pack
    from tests.tui.tui_helpers import MINI

    story = load_pack(MINI).story
    assert story is not None
    path = write_save(tmp_path / "s.json", Game.start(story).act(2), "library visit")
    app = make_app(load=str(path))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert "The Library" in scene_text(app)


async def test_storyline_option_goes_straight_into_play(make_app: AppFactory) -> None:
    app = make_app(storyline="woods")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert "The Trail" in scene_text(app)
        assert "Into the Woods" in str(app.screen.query_one("#status").render())


async def test_storyline_picker_starts_a_storyline(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, StorylineScreen))
        await pilot.press("down", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.playthrough is not None
        assert app.playthrough.game.state.storyline == "woods"


async def test_resize_folds_the_body_panel_and_back(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        await pilot.press("1")
        await pilot.pause()
        screen = app.screen
        assert screen.has_class("-normal")
        assert screen.query_one("#body").display and not screen.query_one("#body-line").display
        await pilot.resize_terminal(60, 20)
        await pilot.pause()
        assert screen.has_class("-narrow")
        assert not screen.query_one("#body").display and screen.query_one("#body-line").display
        line = str(screen.query_one("#body-line").render())
        assert line.startswith("HR ") and "BP " in line and "NE " in line
        await pilot.press("1")  # still playable when narrow
        await pilot.pause()
        assert app.playthrough is not None and app.playthrough.game.state.scene == "bear"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert screen.has_class("-normal") and screen.query_one("#body").display


async def test_every_screen_opens_and_closes(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_text = text_of(app, "#help-text")
        for key in ("ctrl+z", "1-9", "Undo", "Save", "Codex", "ctrl+p", "● ◐ ○"):
            assert key in help_text
        await pilot.press("escape")
        await pilot.press("down", "down", "enter")  # Lessons (Continue is disabled, skipped)
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, SavesScreen))
        assert "No saves yet." in text_of(app, "#no-slots")
        await pilot.press("escape")
        await start_whole_story(pilot)
        await pilot.press("2")  # the library unlocks a codex entry
        await pilot.pause()
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CodexScreen))
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press("escape")
        await pilot.press("d")  # not at an ending: stays
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))


async def test_codex_lists_unlocked_entries_with_sources_and_searches(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CodexScreen))
        entry = text_of(app, "#codex-text")
        assert "Locus coeruleus" in entry and "Aston-Jones" in entry
        assert "Most brain NE comes from the locus coeruleus." in entry  # its objective
        assert "1 of 1 entries unlocked" in text_of(app, "#codex-header")
        await pilot.press("slash")
        search = app.screen.query_one("#codex-search", Input)
        assert search.has_focus
        await pilot.press(*"pons")
        listing = app.screen.query_one("#codex-list", OptionList)
        assert listing.option_count == 1
        await pilot.press(*" zebra")
        assert listing.option_count == 0
        assert "Nothing matches." in text_of(app, "#codex-text")


async def test_codex_from_the_title_shows_the_autosaves_entries(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CodexScreen))
        assert "No entries yet" in text_of(app, "#codex-text")


async def test_palette_offers_the_screen_actions(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Undo", "Save", "Load", "Codex", "Help", "Next theme"} <= titles
        await pilot.press("1")  # intro -> trail
        await wait_for(pilot, lambda: app.playthrough.game.state.scene == "trail")
        # Undo run from the palette, as a player would: ctrl+p, type, Enter.
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await pilot.press(*"Undo")
        await wait_for(pilot, lambda: _palette_offers(app, "Undo"))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await wait_for(pilot, lambda: len(app.playthrough.game.steps) == 1)
        assert app.playthrough.game.state.scene == "intro"


def _palette_offers(app, title: str) -> bool:
    """The palette's highlighted command is ``title``."""
    options = app.screen.query_one("CommandList", OptionList)
    highlighted = options.highlighted
    return highlighted is not None and title in str(options.get_option_at_index(highlighted).prompt)


async def test_debrief_new_game_opens_the_storyline_picker(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        await pilot.press("1", "1", "1", "1")
        await pilot.pause()
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        assert "1 " in text_of(app, "#legend")  # a numbered rise
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, StorylineScreen))


async def test_themes_cycle(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "locus-dark"
        await pilot.press("ctrl+t")
        assert app.theme == "locus-light"
        await pilot.press("ctrl+t")
        assert app.theme == "locus-contrast"


async def test_student_screen_needs_a_name(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(StudentScreen())
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StudentScreen)
