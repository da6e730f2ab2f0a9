"""Notices: one line per step at the top of the log, never a pile of toasts
over the story, the options or the body panel."""

from __future__ import annotations

from game.paths import bundled_pack
from game.tui.screens.play import PlayScreen
from tests.tui.tui_helpers import AppFactory, build_app, log_text, start_whole_story, wait_for


async def test_a_week_of_nights_is_one_notice_and_no_toast() -> None:
    app = build_app(bundled_pack(), start="bot_room")
    async with app.run_test(size=(60, 20), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        app.clear_notifications()
        await pilot.press("1")  # Let it ring: eleven nights and days in one scene
        await pilot.pause()
        lines = log_text(app).splitlines()
        assert lines[0] == "◷ 1.5 weeks pass"
        step = lines[: lines.index("▶ New game: Locus: A Norepinephrine Adventure")]
        assert sum("pass" in line for line in step) == 2  # the notice and one merged log line
        assert any(line.endswith("×11") for line in lines)  # eleven sleeps, said once
        assert not app._notifications


async def test_the_codex_notice_names_its_key(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start_whole_story(pilot)
        app.clear_notifications()
        await pilot.press("2")  # the library unlocks an entry
        await pilot.pause()
        notice, _, rest = log_text(app).partition("\n")
        assert notice.startswith("§ new in the codex:") and "(press c to read)" in notice
        assert "Codex unlocked" not in rest  # said once
        assert not app._notifications


async def test_undo_and_a_refused_choice_are_said_in_the_log(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start_whole_story(pilot)
        await pilot.press("1", "2")  # the trail, then the disabled sprint
        await pilot.pause()
        assert log_text(app).startswith("✗ Choice 2 is not available: You are too tired")
        await pilot.press("u")
        await pilot.pause()
        assert log_text(app).startswith("↶ Undone.")
        await pilot.press("u", "u")
        await pilot.pause()
        assert log_text(app).startswith("Nothing to undo.")
        assert not app._notifications


async def test_the_theme_notice_says_its_display_name(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+t")
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["Theme: Locus light"]
