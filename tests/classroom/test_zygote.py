"""The warm parent of served games (game/classroom/zygote.py) driven from
this process: a game forked from it is the tab's own process (its own
session, the tab's limits, output on the pipes handed back), its end is
seen although it is not our child, and a parent that cannot warm up or is
gone is a ZygoteError, so the server starts games afresh.
(tests/classroom/test_serve_warm.py does the same through `locus serve`.)"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from pathlib import Path

import pytest

from game.classroom.zygote import ForkedGame, Zygote, ZygoteError
from tests.classroom.conftest import MINI

MEMORY = 1024 * 1024 * 1024


def _limits(pid: int) -> dict[str, str]:
    """/proc's soft limits of ``pid``, by name."""
    found = {}
    for line in Path(f"/proc/{pid}/limits").read_text().splitlines()[1:]:
        name, soft = line[:26].strip(), line[26:47].strip()
        found[name] = soft
    return found


@pytest.fixture
def environment(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "home").mkdir()  # the tab's data folder: the game's working directory
    return {
        **os.environ,
        "LOCUS_HOME": str(tmp_path / "home"),
        "TEXTUAL_DRIVER": "textual.drivers.web_driver:WebDriver",
        "COLUMNS": "80",
        "ROWS": "24",
    }


async def test_a_forked_game_is_the_tabs_own_limited_process(environment) -> None:
    """One warm parent (each takes seconds to warm up): a game forked, then
    the parent stopped, and what a tab then gets from it."""
    command = [sys.executable, "-m", "game", "play", str(MINI)]
    zygote = await asyncio.to_thread(Zygote.start, command, environment)
    try:
        pid, stdin, stdout, stderr = zygote.spawn(
            command, environment, memory=MEMORY, cpu_seconds=321
        )
        try:
            game = await ForkedGame.open(pid, stdin, stdout, stderr)
            assert game.pid == pid != zygote.process.pid
            first = await asyncio.wait_for(game.stdout.readline(), 120)
            assert first == b"__GANGLION__\n"  # the web driver's greeting: the game runs
            assert os.getpgid(pid) == pid  # its own session and process group
            assert os.readlink(f"/proc/{pid}/cwd") == environment["LOCUS_HOME"]
            limits = _limits(pid)
            assert limits["Max address space"] == str(MEMORY)
            assert limits["Max cpu time"] == "321"
        finally:
            os.kill(pid, signal.SIGKILL)  # a failed check leaves no game behind
        await asyncio.wait_for(game.wait(), 60)  # seen through a pidfd
        await asyncio.wait_for(game.wait(), 1)  # and again, at once
    finally:
        await asyncio.to_thread(zygote.stop)
    assert zygote.process.returncode is not None  # the parent ended with its channel
    open_before = len(os.listdir("/proc/self/fd"))
    with pytest.raises(ZygoteError, match=r"^no game forked: "):
        zygote.spawn(command, environment, memory=MEMORY, cpu_seconds=60)
    assert zygote.gone
    assert len(os.listdir("/proc/self/fd")) == open_before  # no pipe left open
    with pytest.raises(ZygoteError, match=r"^it is gone$"):
        zygote.spawn(command, environment, memory=MEMORY, cpu_seconds=60)


def test_a_parent_that_cannot_warm_up_is_an_error(environment) -> None:
    with pytest.raises(ZygoteError, match=r"^it did not warm up$"):
        Zygote.start([sys.executable, "-c", "pass"], environment)  # not `python -m game play`


async def test_a_game_already_gone_is_seen_as_ended(environment) -> None:
    child = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await child.wait()
    read_out, write_out = os.pipe()
    read_err, write_err = os.pipe()
    read_in, write_in = os.pipe()
    for fd in (write_out, write_err, read_in):
        os.close(fd)
    game = await ForkedGame.open(child.pid, write_in, read_out, read_err)
    await asyncio.wait_for(game.wait(), 5)
