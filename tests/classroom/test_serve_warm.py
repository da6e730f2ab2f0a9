"""`locus serve` forks its games from one warm parent (game/warm.py): a real
server on loopback, its games the parent's children yet each the tab's own
process (its own session, limits and data folder), a class that goes on
when the parent is gone, and no parent left once the server stops."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

from tests.served import (
    _stat,
    children,
    games,
    group,
    open_tab,
    pgid_of,
    play_lesson,
    poll,
    serve,
)


def _parent_of(pid: int) -> int:
    stat = _stat(pid)
    assert stat is not None, f"process {pid} is gone"
    return int(stat[1])


async def _first_frame(served) -> int:
    """Open a tab, wait for its title screen, close it; its game's pid."""
    session, tab = await open_tab(served)
    try:
        await tab.wait_for("New game")
        [game] = games(served.process.pid)
        return game
    finally:
        await session.close()


def test_games_are_forked_from_the_warm_parent(tmp_path: Path) -> None:
    with serve(tmp_path) as served:
        [warm] = children(served.process.pid)  # the parent is there before any tab
        game = asyncio.run(_first_frame(served))
        assert _parent_of(game) == warm != served.process.pid
        assert pgid_of(game) == game != pgid_of(warm)  # its own session and group
        poll(lambda: not group(game), 30, "the closed tab's game to end")
        assert children(served.process.pid) == [warm]  # the parent stays for the next tab
    poll(lambda: _stat(warm) is None, 30, "the parent to end")


def test_a_class_goes_on_without_the_warm_parent(tmp_path: Path) -> None:
    """The parent gone (killed here), the next tab's game starts afresh as a
    child of the server, and the lesson is played and recorded."""

    async def play(served) -> int:
        session, tab = await open_tab(served)
        try:
            await play_lesson(tab, "Ada L")
            [game] = games(served.process.pid)
            return game
        finally:
            await session.close()

    with serve(tmp_path, "--lesson", "woods_lesson") as served:
        [warm] = children(served.process.pid)
        os.kill(warm, signal.SIGKILL)
        poll(lambda: _stat(warm)[0] == "Z", 30, "the parent to die")  # type: ignore[index]
        game = asyncio.run(play(served))
        assert _parent_of(game) == served.process.pid
