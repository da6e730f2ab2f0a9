"""Helpers for the Textual app tests: the text of a widget, and waiting for
something that happens on a timer or a worker thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from time import monotonic

from textual.pilot import Pilot
from textual.widgets import Static

from game.story.loader import load_pack
from game.tui.app import LocusApp
from game.tui.launch import LaunchOptions
from game.tui.widgets.event_log import EventLog
from game.tui.widgets.story_text import StoryText

MINI = Path(__file__).parent.parent / "packs" / "mini"

AppFactory = Callable[..., LocusApp]


def build_app(root: Path = MINI, **launch: object) -> LocusApp:
    """The app on ``root`` with animations off, as tests and snapshots need."""
    app = LocusApp(root, load_pack(root), LaunchOptions(**launch))  # type: ignore[arg-type]
    app.animation_level = "none"
    return app


def text_of(app: LocusApp, selector: str) -> str:
    """The plain text of a Static on the current screen."""
    widget = app.screen.query_one(selector, Static)
    return str(widget.visual)


def scene_text(app: LocusApp) -> str:
    """The scene as the play screen shows it (title, feedback, art, text, question)."""
    return str(app.screen.query_one(StoryText).text(80))


def log_text(app: LocusApp) -> str:
    return str(app.screen.query_one(EventLog).text)


async def wait_for(pilot: Pilot, condition: Callable[[], bool], timeout: float = 15.0) -> None:
    """Let the app run until ``condition`` holds (timers, workers), or fail
    (a generous deadline: it only costs time when the machine is loaded);
    then let it settle, so a screen that just opened has composed."""
    deadline = monotonic() + timeout
    while not condition():
        if monotonic() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.05)
    await pilot.pause()


async def start_whole_story(pilot: Pilot) -> None:
    """Title → New game → the whole story."""
    await pilot.press("n")
    await pilot.pause()
    await pilot.press("enter")
    await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "PlayScreen")


def screen_lines(app: LocusApp) -> list[str]:
    """The text of every row of the terminal, as the player sees it."""
    return [strip.text for strip in app.screen._compositor.render_strips()]
