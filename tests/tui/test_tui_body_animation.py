"""The body panel moves from the old readouts to the new ones when game time
passes (animations on), and jumps straight there when animations are off."""

from __future__ import annotations

from game import body as bm
from game.tui.screens.play import PlayScreen
from game.tui.widgets.body_panel import BodyLine, BodyPanel, frame_of
from tests.tui.tui_helpers import build_app, start_whole_story, wait_for


def _panel_heart(screen: PlayScreen) -> float:
    return float(screen.query_one(BodyPanel).frame.now["heart_rate"])


async def test_time_passing_animates_the_body_from_before_to_after() -> None:
    app = build_app()
    app.animation_level = "full"
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        before = bm.readouts(screen.playthrough.game.state.body)
        screen.action_pick(1)  # into the woods: two minutes pass, the heart rises
        after = frame_of(screen.playthrough.game).now
        assert after["heart_rate"] > before["heart_rate"]
        # The first frame is the old body, on the panel and on the folded line.
        panel = screen.query_one(BodyPanel)
        assert panel.frame.now == {name: before[name] for name in after}
        assert screen.query_one(BodyLine).frame is panel.frame
        seen = [_panel_heart(screen)]
        while panel.frame.now != after:
            await pilot.pause(0.02)
            seen.append(_panel_heart(screen))
            assert len(seen) < 1000, "the animation never reached the new readouts"
        # Every frame lies on the way, in order: it eases, never overshoots.
        assert seen == sorted(seen)
        assert seen[0] == before["heart_rate"] and seen[-1] == after["heart_rate"]
        # The sparkline's newest point follows the animated value.
        assert panel.frame.history["heart_rate"][-1] == after["heart_rate"]


async def test_without_animations_the_body_shows_the_new_readouts_at_once() -> None:
    app = build_app()  # animations off, as in every other test
    async with app.run_test(size=(80, 24)) as pilot:
        await start_whole_story(pilot)
        screen = app.screen
        assert isinstance(screen, PlayScreen)
        screen.action_pick(1)
        assert screen.query_one(BodyPanel).frame.now == frame_of(screen.playthrough.game).now
        await wait_for(pilot, lambda: screen.playthrough.game.state.scene == "trail")
