"""Playing the mini pack in the Textual app, by keys and by mouse."""

from __future__ import annotations

from textual.widgets import OptionList

from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from game.tui.widgets.choice_list import ChoiceList
from tests.tui.tui_helpers import (
    AppFactory,
    log_text,
    scene_text,
    start_whole_story,
    text_of,
    wait_for,
)


def scene(app) -> str:  # type: ignore[no-untyped-def]
    assert app.playthrough is not None
    return app.playthrough.game.state.scene


async def test_title_menu_disables_what_cannot_work(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        menu = app.screen.query_one("#menu", OptionList)
        disabled = {
            menu.get_option_at_index(i).id
            for i in range(menu.option_count)
            if menu.get_option_at_index(i).disabled
        }
        assert disabled == {"continue"}  # no autosave yet
        assert "Mini: a test pack" in text_of(app, "#pack-title")


async def test_play_to_the_good_ending_by_keys(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        assert scene(app) == "intro"
        assert "edge of a forest" in scene_text(app)
        for expected in ("trail", "bear", "check"):
            await pilot.press("1")
            await pilot.pause()
            assert scene(app) == expected
        assert "What does norepinephrine do" in scene_text(app)
        await pilot.press("1")  # the right answer
        await pilot.pause()
        assert scene(app) == "end_safe"
        feedback = scene_text(app)
        assert "✔ Correct" in feedback and "+10 of 10 points" in feedback
        assert "Right. Beta-1 receptors raise rate and force." in feedback  # the author's words
        assert "score 10" in str(app.screen.query_one("#status").render())
        await pilot.press("1")  # See the debrief
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        assert "Safe" in text_of(app, "#ending")
        assert "1 of 1 answers right" in text_of(app, "#quiz")
        assert "Brave" in text_of(app, "#badges")
        assert "beta-1" in text_of(app, "#objectives")


async def test_arrows_and_enter_choose(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        await pilot.press("down", "enter")  # the second choice: the library
        await pilot.pause()
        assert scene(app) == "library"
        assert "(  LC  )" in scene_text(app)


async def test_play_by_mouse(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        for expected in ("trail", "bear", "check", "end_safe"):
            # row 1 inside the list's border is the first option
            await pilot.click(ChoiceList, offset=(6, 1))
            await pilot.pause()
            assert scene(app) == expected
        await pilot.click(ChoiceList, offset=(6, 1))
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))


async def test_disabled_choice_is_shown_with_its_reason_and_refused(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        await pilot.press("1")
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        sprint = choices.get_option_at_index(1)
        assert sprint.disabled
        assert "✗ You are too tired to sprint." in str(sprint.prompt)
        await pilot.press("2")
        await pilot.pause()
        assert scene(app) == "trail"


async def test_wrong_answer_gets_feedback_and_no_points(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        await pilot.press("1", "1", "1")
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert scene(app) == "end_lost"
        feedback = scene_text(app)
        assert "✘ Not quite" in feedback and "+0 of 10" in feedback and "option 1" in feedback
        assert "Slowing is the parasympathetic side's job." in feedback


async def test_undo_by_u_and_ctrl_z(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        await pilot.press("1", "1")
        await pilot.pause()
        assert scene(app) == "bear"
        await pilot.press("u")
        await pilot.pause()
        assert scene(app) == "trail"
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert scene(app) == "intro"
        await pilot.press("u")  # nothing left to undo: stays
        await pilot.pause()
        assert scene(app) == "intro"


async def test_undo_from_the_debrief_returns_to_the_story(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        await pilot.press("1", "1", "1", "1")
        await pilot.pause()
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await pilot.press("u")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert scene(app) == "check"
        assert "What does norepinephrine do" in scene_text(app)


async def test_body_panel_and_log_explain_the_step(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        await pilot.press("1", "1")  # into the bear scene: threat 1
        await pilot.pause()
        panel = str(app.screen.query_one("#body").render())
        assert "Heart" in panel and "bpm" in panel and "▲" in panel
        log = log_text(app)
        notice, _, log = log.partition("\n")
        assert notice == "★ Badge earned: Brave"  # the step's one notice, on top
        assert log.startswith("▸ Take the shortcut")
        assert "Brave" not in log  # not said twice
        assert "→" in log  # a causal link from the body model
        assert "▸ Walk into the woods" in log  # the previous step, below


async def test_content_error_is_shown_not_raised(make_app: AppFactory, make_pack) -> None:  # type: ignore[no-untyped-def]
    root = make_pack(
        **{
            "a.yaml": """\
            scenes:
              a:
                title: A
                text: Divide.
                choices:
                  - text: Divide by courage
                    goto: b
                    effects:
                      - compute: {ratio: "1 / courage"}
              b:
                title: B
                text: Done.
                ending: {kind: good, summary: Done.}
            """
        }
    )
    app = make_app(root)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start_whole_story(pilot)
        await pilot.press("1")
        await pilot.pause()
        assert scene(app) == "a"
        messages = [n.message for n in app._notifications]
        assert any("a.yaml:" in m for m in messages), messages
