"""A tab's game that ignores both the quit message and SIGTERM, and has
started a child of its own, is still ended, with its whole process group,
once its tab has gone."""

from __future__ import annotations

import sys

from textual_serve.download_manager import DownloadManager

from game.classroom.tabs import TabGame, TabLimits
from tests.served import group, poll

STUBBORN = """
import signal, subprocess, sys, time
signal.signal(signal.SIGTERM, signal.SIG_IGN)
subprocess.Popen([sys.executable, "-c",
    "import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(600)"])
print("started", flush=True)
time.sleep(600)
"""


async def _nothing(*_: object) -> None:
    return None


async def test_a_stubborn_game_and_its_child_are_ended() -> None:
    game = TabGame(
        [sys.executable, "-c", STUBBORN],
        TabLimits(),
        write_bytes=_nothing,
        write_str=_nothing,
        close=_nothing,
        download_manager=DownloadManager(),
    )
    home = game.home
    await game.start(80, 24)
    assert game.pid is not None
    pid = game.pid
    poll(lambda: len(group(pid)) == 2, 30, "the game and its child")
    await game.stop()
    assert not group(pid)
    assert not home.exists()  # the tab's data folder is removed
