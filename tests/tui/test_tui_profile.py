"""Progress that lasts: a player finishes two storylines, quits, opens the
game again, and finds both marked done and the codex they unlocked."""

from __future__ import annotations

import pytest
from textual.color import Color
from textual.widgets import OptionList

from game.engine.profile import Profile, profile_path, read_profile, write_profile
from game.paths import bundled_pack, saves_dir
from game.tui.screens.codex import CodexScreen
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.dialogs import DONE, StorylineScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from tests.tui.tui_helpers import build_app, text_of, wait_for

BUNDLED = bundled_pack()
PLAYED = ("fight_or_flight", "too_much")


async def play_to_the_debrief(pilot, storyline: str) -> None:  # type: ignore[no-untyped-def]
    """Pick the storyline in the New game picker, then take the first open
    option each time, by its number key, until the debrief."""
    app = pilot.app
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(app.screen, StorylineScreen))
    picker = app.screen.query_one("#storylines", OptionList)
    picker.highlighted = next(
        i for i in range(picker.option_count) if picker.get_option_at_index(i).id == storyline
    )
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
    while not app.playthrough.game.ended:
        option = next(o for o in app.playthrough.game.options() if o.enabled)
        await pilot.press(str(option.number))
        await pilot.pause()
    await pilot.press("1")  # See the debrief
    await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))


async def test_two_finished_storylines_and_the_codex_survive_a_restart() -> None:
    app = build_app(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for storyline in PLAYED:
            await play_to_the_debrief(pilot, storyline)
            assert "Endings found in " in text_of(app, "#lasting")
            await pilot.press("t")
            await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
        unlocked = app.controller.codex_ids()
    app.flush_autosave()
    assert unlocked, "playing two storylines unlocks codex entries"
    saved, note = read_profile(profile_path(saves_dir()))
    assert note is None and set(saved.progress("locus").codex) == set(unlocked)

    again = build_app(BUNDLED)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "storylines done 2 of 5" in text_of(again, "#progress")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(again.screen, StorylineScreen))
        picker = again.screen.query_one("#storylines", OptionList)
        marked = {
            picker.get_option_at_index(i).id
            for i in range(picker.option_count)
            if str(picker.get_option_at_index(i).prompt).startswith(DONE)
        }
        assert marked == set(PLAYED)
        assert "endings 1 of " in str(picker.get_option("fight_or_flight").prompt)
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(again.screen, TitleScreen))
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(again.screen, CodexScreen))
        total = len(again.story.codex)
        header = text_of(again, "#codex-header")
        assert f"{len(unlocked)} of {total} entries unlocked" in header


async def test_the_theme_is_remembered() -> None:
    app = build_app(BUNDLED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+t")
        await app.workers.wait_for_complete()
        chosen = app.theme
    assert read_profile(profile_path(saves_dir()))[0].settings["theme"] == chosen
    again = build_app(BUNDLED)
    assert again.theme == chosen


@pytest.mark.parametrize(
    ("saved", "opened"),
    [("locus-light", "locus-light"), ("nord", "nord"), ("no-such-theme", "locus-dark")],
)
async def test_the_saved_theme_is_the_look_from_the_first_frame(saved: str, opened: str) -> None:
    """The app is built in the saved look (game/tui/app.py get_theme), not
    built dark and then restyled: the screen's colours are the theme's."""
    write_profile(profile_path(saves_dir()), Profile().with_setting("theme", saved))
    app = build_app(BUNDLED)
    assert app.theme == opened
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        theme = app.current_theme
        assert theme.name == opened
        assert ("-light-mode" in app.classes) == (not theme.dark)
        assert app.screen.styles.background == Color.parse(theme.background or "")


async def test_a_damaged_profile_is_reported_and_kept() -> None:
    path = profile_path(saves_dir())
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("{not json", encoding="utf-8")
    app = build_app(BUNDLED)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
    assert any("damaged" in m and ".bad" in m for m in messages), messages
    assert path.with_name(path.name + ".bad").read_text(encoding="utf-8") == "{not json"
