"""Snapshots of the main screens at 80×24 and at the narrow 60×20.

Deterministic by construction: fixed seed, game time (never the wall clock)
on screen, animations off, LOCUS_HOME in a temporary folder, notifications
cleared before the picture. Update with `pytest tests/tui --snapshot-update`
and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from game.tui.screens.codex import CodexScreen
from game.tui.screens.debrief import DebriefScreen
from tests.tui.tui_helpers import build_app, start_whole_story, wait_for

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((60, 20), id="60x20")]
Steps = Callable[[Pilot], Awaitable[None]]


async def settle(pilot: Pilot) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


async def title(pilot: Pilot) -> None:
    await settle(pilot)


async def play(pilot: Pilot) -> None:
    await start_whole_story(pilot)
    await pilot.press("1")  # into the woods: time passes, the body responds
    await settle(pilot)


async def quiz(pilot: Pilot) -> None:
    await start_whole_story(pilot)
    await pilot.press("1", "1", "1")  # trail, bear, back away → the checkpoint
    await settle(pilot)


async def answered(pilot: Pilot) -> None:
    await quiz(pilot)
    await pilot.press("1")  # the right answer: its feedback tops the next scene
    await settle(pilot)


async def codex(pilot: Pilot) -> None:
    await start_whole_story(pilot)
    await pilot.press("2")  # the library unlocks an entry
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CodexScreen))
    await settle(pilot)


async def debrief(pilot: Pilot) -> None:
    await start_whole_story(pilot)
    await pilot.press("1", "1", "1", "1", "1")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, DebriefScreen))
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(
    "steps",
    [title, play, quiz, answered, codex, debrief],
    ids=["title", "play", "quiz", "answered", "codex", "debrief"],
)
def test_screen(snap_compare, steps: Steps, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(build_app(), terminal_size=size, run_before=steps)
