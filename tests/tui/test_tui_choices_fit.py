"""No option is ever hidden: every quiz and choice scene of the bundled pack,
at 80x24 and 60x20, shows each option's full text, or says "more below".

The scenes are reached the way the game reaches them (the engine starting
at that scene), and what is checked is the text on the screen itself."""

from __future__ import annotations

import pytest

from game.paths import bundled_pack
from game.playthrough import StartOptions
from game.story.loader import load_pack
from game.tui.screens.play import PlayScreen
from game.tui.widgets.choice_list import MORE_BELOW, ChoiceList
from game.tui.widgets.event_log import EventLog
from game.tui.widgets.too_small import MESSAGE
from tests.tui.tui_helpers import build_app, screen_lines, start_whole_story, wait_for

BUNDLED = bundled_pack()
STORY = load_pack(BUNDLED).story
assert STORY is not None
SCENES = [s.id for s in STORY.scenes.values() if s.quiz is not None or s.choices]
BORDER = str.maketrans("", "", "╭╮╰╯─│")


def squashed(text: str) -> str:
    """Text without any whitespace: wrapping changes only the whitespace."""
    return "".join(text.split())


def box_text(app, box: ChoiceList) -> str:  # type: ignore[no-untyped-def]
    region = box.region
    lines = screen_lines(app)[region.y : region.bottom]
    return "\n".join(line[region.x : region.right] for line in lines)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_every_option_of_every_scene_is_on_screen_or_marked(size: tuple[int, int]) -> None:
    app = build_app(BUNDLED, start=SCENES[0])
    marked: list[str] = []
    async with app.run_test(size=size) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        for scene in SCENES:
            assert app.controller is not None and app.controller.start(StartOptions(start=scene))
            await pilot.pause()
            box = app.screen.query_one(ChoiceList)
            shown = box_text(app, box)
            options = app.playthrough.game.options()
            assert options, scene
            if squashed(MORE_BELOW) in squashed(shown):
                marked.append(scene)
                continue
            for option in options:
                assert squashed(option.text) in squashed(shown.translate(BORDER)), (
                    f"{scene} at {size}: option {option.number} '{option.text}' is cut:\n{shown}"
                )
                if option.hint and not option.enabled:
                    assert squashed(option.hint) in squashed(shown.translate(BORDER)), scene
    assert marked == [], f"every bundled scene fits without scrolling: {marked}"


async def test_the_first_scene_shown_shares_its_rows_like_one_reached_by_a_step() -> None:
    """On the screen's first layout the column shares its rows out before the
    options know how many they need; once they do, it shares again. The
    bundled intro at 60x20 needs the rows the log lends, as does every
    scene checked here: opened first, each fits as it does when reached."""
    squeezed: list[str] = []
    app = build_app(BUNDLED, start=SCENES[0])
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        for scene in SCENES:
            assert app.controller is not None and app.controller.start(StartOptions(start=scene))
            await pilot.pause()
            if app.screen.query_one(EventLog).has_class("-squeezed"):
                squeezed.append(scene)
    assert STORY.start in squeezed  # the intro: what the problem looked like
    for scene in [STORY.start, *[s for s in squeezed if s != STORY.start][:2]]:
        app = build_app(BUNDLED) if scene == STORY.start else build_app(BUNDLED, start=scene)
        async with app.run_test(size=(60, 20)) as pilot:
            if scene == STORY.start:
                await start_whole_story(pilot)
            await wait_for(pilot, lambda: isinstance(pilot.app.screen, PlayScreen))
            for _ in range(3):  # the share after the options measured themselves
                await pilot.pause()
            box = app.screen.query_one(ChoiceList)
            assert app.screen.query_one(EventLog).has_class("-squeezed"), scene
            assert not box.overflowing, scene
            assert squashed(MORE_BELOW) not in squashed(box_text(app, box)), scene


async def test_a_list_too_long_for_its_room_says_more_below_and_scrolls() -> None:
    app = build_app(BUNDLED, start="ff_bear")
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        box = app.screen.query_one(ChoiceList)
        box.set_room(5)  # a border and three rows: the bear has five options
        await pilot.pause()
        assert box.overflowing
        assert squashed(MORE_BELOW) in squashed(box_text(app, box))
        await pilot.press("end")
        await pilot.pause()
        assert "Call Noor" in box_text(app, box)
        assert "more above" in box_text(app, box)


async def test_a_window_below_the_minimum_says_how_big_to_make_it() -> None:
    app = build_app(BUNDLED, start="ff_bear")
    async with app.run_test(size=(40, 12)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.pause()
        text = squashed("\n".join(screen_lines(app)))
        assert squashed("make the window at least 60x20") in text
        assert squashed(MESSAGE) in text
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert "60x20" not in "\n".join(screen_lines(app))
        assert "Freeze" in "\n".join(screen_lines(app))
