"""A served tab's game and the warm parent (game/classroom/zygote.py), in
this process: while the parent lives a tab's game is forked from it, and
once it is gone the next tab starts its game afresh as the server's own
child and forgets the parent. (tests/classroom/test_serve_warm.py does the
same through `locus serve` in a child process.)"""

from __future__ import annotations

import asyncio
import os
import signal
import sys

from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

from game.classroom.tabs import TabGame, TabLimits
from game.classroom.zygote import Zygote
from tests.classroom.conftest import MINI
from tests.served import _stat, poll

COMMAND = [sys.executable, "-m", "game", "play", str(MINI)]


async def _nothing(*_: object) -> None:
    return None


def _relay() -> dict[str, object]:
    """Where the tab's output would go: nowhere (the game's own checks are
    tests/classroom/test_zygote.py's)."""
    return {
        "write_bytes": _nothing,
        "write_str": _nothing,
        "close": _nothing,
        "download_manager": DownloadManager(),
    }


def _tab(zygote: Zygote) -> TabGame:
    return TabGame(COMMAND, TabLimits(), zygote=zygote, **_relay())


def _parent_of(pid: int) -> int:
    stat = _stat(pid)
    assert stat is not None, f"process {pid} is gone"
    return int(stat[1])


async def _started_game(tab: TabGame) -> int:
    await tab.start(80, 24)
    pid = tab.pid
    assert pid is not None, "the tab has no game"
    return pid


async def test_a_tab_forks_from_the_warm_parent_and_starts_afresh_once_it_is_gone() -> None:
    environment = AppService("", **_relay())._build_environment()  # as `locus serve` does
    zygote = await asyncio.to_thread(Zygote.start, COMMAND, environment)
    try:
        forked = _tab(zygote)
        try:
            game = await _started_game(forked)
            assert _parent_of(game) == zygote.process.pid != os.getpid()
            assert forked.zygote is zygote
        finally:
            await forked.stop()
        os.kill(zygote.process.pid, signal.SIGKILL)
        poll(lambda: zygote.process.poll() is not None, 30, "the warm parent to die")
        afresh = _tab(zygote)
        try:
            game = await _started_game(afresh)
            assert _parent_of(game) == os.getpid()
            assert afresh.zygote is None  # the gone parent is not asked again
            assert zygote.gone
        finally:
            await afresh.stop()
    finally:
        await asyncio.to_thread(zygote.stop)
