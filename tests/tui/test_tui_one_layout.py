"""A step is drawn in one layout pass at most (none when only text
changed), and the story and the choices still scroll without scrollbars
(game/tui/widgets/barless_scroll.py).

A layout that asks for another one is a second frame after the key press;
the count comes from the screen's own signal, published once per layout."""

from __future__ import annotations

import random

import pytest
from textual import events
from textual.pilot import Pilot

from game.paths import bundled_pack
from game.story.loader import load_pack
from game.tui.app import LocusApp
from game.tui.screens.play import PlayScreen
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.story_text import MORE, StoryText
from tests.tui.tui_helpers import build_app, screen_lines, start_whole_story, wait_for

BUNDLED = bundled_pack()
STORY = load_pack(BUNDLED).story
assert STORY is not None
LONGEST = max(STORY.scenes.values(), key=lambda s: (len(s.text), len(s.art or ""))).id


async def layouts_of(pilot: Pilot, app: LocusApp, key: str) -> int:
    """Layout passes from pressing ``key`` until the app has settled."""
    screen = app.screen
    passes: list[object] = []
    screen.screen_layout_refresh_signal.subscribe(screen, passes.append)
    try:
        await pilot.press(key)
        for _ in range(4):  # a layout asked for by the last one comes a pause later
            await pilot.pause()
    finally:
        screen.screen_layout_refresh_signal.unsubscribe(screen)
    return len(passes)


async def steps(pilot: Pilot, app: LocusApp, keys: list[str]) -> list[tuple[str, str, int]]:
    """(scene before, key, layout passes) of each key that changed the game
    (a step or an undo; a refused choice changes only the log)."""
    seen = []
    for key in keys:
        assert app.playthrough is not None
        before = app.playthrough.game
        count = await layouts_of(pilot, app, key)
        if app.playthrough.game is not before:
            seen.append((before.state.scene, key, count))
    return seen


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_no_step_through_the_mini_pack_needs_two_layouts(size: tuple[int, int]) -> None:
    app = build_app()
    async with app.run_test(size=size) as pilot:
        await start_whole_story(pilot)
        seen = await steps(pilot, app, ["1", "u", "1", "2", "1", "u", "1", "1", "u", "u", "1", "1"])
    assert len(seen) >= 8 and [s for s in seen if s[2] > 1] == [], seen


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_no_step_through_the_bundled_story_needs_two_layouts(size: tuple[int, int]) -> None:
    """At 60x20 the first step (from the intro) is one where the event log
    gives its rows back to the story column (widgets/fixed_view.py)."""
    app = build_app(BUNDLED)
    async with app.run_test(size=size) as pilot:
        await start_whole_story(pilot)
        seen = await steps(pilot, app, ["1", "1", "1", "u", "2", "1", "u", "u", "3", "1"])
    assert len(seen) >= 6 and [s for s in seen if s[2] > 1] == [], seen


@pytest.mark.parametrize("seed", [1, 2])
async def test_no_step_of_a_random_walk_at_60x20_needs_two_layouts(seed: int) -> None:
    """Short screens are where the rows are shared out (the log lends some to
    the choices of a long scene and takes them back after), so a seeded walk
    through the bundled story, with undos, meets many of those changes."""
    pick = random.Random(seed)
    app = build_app(BUNDLED)
    seen: list[tuple[str, str, int]] = []
    async with app.run_test(size=(60, 20)) as pilot:
        await start_whole_story(pilot)
        while len(seen) < 30 and app.playthrough is not None:
            game = app.playthrough.game
            enabled = [str(c.number) for c in game.options() if c.enabled][:9]
            if game.ended or not enabled:
                break
            keys = ["u"] if game.can_undo and pick.random() < 0.15 else [pick.choice(enabled)]
            seen += await steps(pilot, app, keys)
    assert len(seen) >= 20 and [s for s in seen if s[2] > 1] == [], seen


async def test_a_long_story_scrolls_by_keys_and_wheel_without_a_scrollbar() -> None:
    app = build_app(BUNDLED, start=LONGEST)
    async with app.run_test(size=(60, 20)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        story = app.screen.query_one(StoryText)
        assert not story.show_vertical_scrollbar
        assert story.allow_vertical_scroll
        assert MORE in "\n".join(screen_lines(app))
        await pilot.press("pagedown")
        await wait_for(pilot, lambda: story.scroll_y > 0)
        story.scroll_to(0, 0, animate=False, immediate=True)
        story.post_message(events.MouseScrollDown(story, 1, 1, 0, 1, 0, False, False, False))
        await wait_for(pilot, lambda: story.scroll_y > 0)


async def test_choices_that_fit_do_not_scroll() -> None:
    app = build_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        box = app.screen.query_one(ChoiceList)
        assert not box.overflowing
        assert not box.allow_vertical_scroll
        assert not box.show_vertical_scrollbar
