"""Hostile and ordinary browser tabs against a real `locus serve` on
loopback: each tab is its own student with its own data folder, each game
runs limited in its own process group, and a flood of input ends with the
tab's whole process group gone within seconds, its memory bounded."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from pathlib import Path

import aiohttp

from game.classroom.tabs import QUIT_GRACE_S, TERM_GRACE_S, TabLimits
from game.engine.machine import Game
from game.engine.saves import slot_path, write_save
from game.story.loader import load_pack
from tests.served import MINI, games, group, open_tab, pgid_of, poll, rss, serve

MB = 1024 * 1024
ENDED_WITHIN_S = QUIT_GRACE_S + TERM_GRACE_S + 5  # the server's graces, and slack for a busy CI


def _game_of(server_pid: int, known: set[int]) -> int:
    """The one game process the server started since ``known``."""
    found = poll(
        lambda: [pid for pid in games(server_pid) if pid not in known],
        30,
        "the tab's game process",
    )
    assert isinstance(found, list) and len(found) == 1, found
    return found[0]


def test_two_tabs_are_two_students(tmp_path: Path) -> None:
    home = tmp_path / "host-home"
    story = load_pack(MINI).story
    host_save = slot_path(home / "saves", "mini", "teacher")
    write_save(host_save, Game.start(story).act(2), "teacher's own save")
    before = host_save.read_bytes()

    async def play(served) -> str:
        session_a, a = await open_tab(served)
        session_b, b = None, None
        try:
            await a.wait_for("New game")
            game_a = _game_of(served.process.pid, set())
            session_b, b = await open_tab(served)
            await b.wait_for("New game")
            game_b = _game_of(served.process.pid, {game_a})
            homes = {_home_of(game_a), _home_of(game_b)}
            assert len(homes) == 2 and str(home) not in homes  # a folder each, not the host's
            await a.press("n")
            await a.wait_for("Enter starts")
            await a.press("\r")
            autosave = Path(_home_of(game_a)) / "saves" / "mini-autosave.json"
            poll(autosave.exists, 30, "tab A's autosave")
            await b.press("r")  # Continue: tab A's game is not tab B's
            await b.wait_for("no autosave yet")
            await b.press("l")
            return await b.wait_for("No saves yet")
        finally:
            await session_a.close()
            if session_b is not None:
                await session_b.close()

    with serve(tmp_path, home=home) as served:
        listed = asyncio.run(play(served))
    assert "teacher's own save" not in listed
    assert host_save.read_bytes() == before  # the host's save untouched
    assert sorted(p.name for p in (home / "saves").iterdir()) == [host_save.name]


def test_a_game_runs_limited_in_its_own_process_group(tmp_path: Path) -> None:
    async def check(served) -> None:
        session, tab = await open_tab(served)
        try:
            await tab.wait_for("New game")
            game = _game_of(served.process.pid, set())
            assert pgid_of(game) == game != pgid_of(served.process.pid)
            limits = Path(f"/proc/{game}/limits").read_text()
            expected = TabLimits()
            assert _limit(limits, "Max address space") == str(expected.memory)
            assert _limit(limits, "Max cpu time") == str(expected.cpu_seconds)
        finally:
            await tab.ws.close()
            await session.close()

    with serve(tmp_path) as served:
        asyncio.run(check(served))


def test_a_flood_frame_leaves_no_orphan(tmp_path: Path) -> None:
    """The frame that, before, left a game at 96% CPU growing past 1.6 GB and
    ignoring SIGTERM: the tab is closed and its process group is gone."""

    async def flood(served) -> int:
        session, tab = await open_tab(served)
        try:
            await tab.wait_for("New game")
            game = _game_of(served.process.pid, set())
            assert pgid_of(game) == game
            await tab.ws.send_str(json.dumps(["stdin", "\u001b[?1049h" * 100_000]))
            ending = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            while (await tab.ws.receive(timeout=ENDED_WITHIN_S)).type not in ending:
                pass  # the last frames the game drew before its tab was closed
        finally:
            await session.close()
        return game

    with serve(tmp_path) as served:
        pgid = asyncio.run(flood(served))
        peak = [0]

        def gone() -> bool:
            peak[0] = max([peak[0], *(rss(pid) for pid in group(pgid))])
            return not group(pgid)

        poll(gone, ENDED_WITHIN_S, f"the flooded tab's process group {pgid} to end")
        assert peak[0] < 400 * MB
        assert served.process.poll() is None  # the server itself carries on


def test_many_small_floods_are_dropped_and_the_game_ends(tmp_path: Path) -> None:
    """Frames under the size limit, as fast as a script sends them: input
    past the rate limit is dropped, memory stays bounded, and closing the
    tab still ends its process group."""

    async def flood(served) -> int:
        session, tab = await open_tab(served)
        try:
            await tab.wait_for("New game")
            game = _game_of(served.process.pid, set())
            chunk = json.dumps(["stdin", "\u001b[?1049h" * 500])
            for _ in range(2000):  # 8 MB of escape codes
                await tab.ws.send_str(chunk)
            assert rss(game) < 400 * MB
            await tab.ws.close()
        finally:
            await session.close()
        return game

    with serve(tmp_path) as served:
        game = asyncio.run(flood(served))
        poll(lambda: not group(game), ENDED_WITHIN_S, "the tab's process group to end")


def test_a_huge_terminal_size_is_clamped(tmp_path: Path) -> None:
    async def resize(served) -> int:
        session, tab = await open_tab(served)
        try:
            await tab.wait_for("New game")
            game = _game_of(served.process.pid, set())
            await tab.ws.send_json(["resize", {"width": 10**9, "height": 10**9}])
            await tab.ws.send_json(["resize", {"width": "wide", "height": None}])
            await tab.ws.send_str("not json")
            await tab.ws.send_json({"not": "a list"})
            await tab.press("?")
            await tab.wait_for("Undo")  # the help screen: the game is alive and drawing
            assert rss(game) < 400 * MB
            await tab.ws.close()
        finally:
            await session.close()
        return game

    with serve(tmp_path) as served:
        game = asyncio.run(resize(served))
        poll(lambda: not group(game), ENDED_WITHIN_S, "the tab's process group to end")


def _home_of(pid: int) -> str:
    """A tab's data folder: the game's LOCUS_HOME and its working folder (a
    forked game's /proc/PID/environ still shows its parent's)."""
    return os.readlink(f"/proc/{pid}/cwd")


def _limit(table: str, name: str) -> str:
    line = next(line for line in table.splitlines() if line.startswith(name))
    return line[len(name) :].split()[0]


def test_a_game_that_dies_closes_its_tab(tmp_path: Path) -> None:
    """A game ended from outside (as a memory or CPU limit ends it) closes
    its tab instead of leaving a frozen screen."""

    async def kill(served) -> None:
        session, tab = await open_tab(served)
        try:
            await tab.wait_for("New game")
            game = _game_of(served.process.pid, set())
            os.kill(game, signal.SIGKILL)
            ending = (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
            while (await tab.ws.receive(timeout=ENDED_WITHIN_S)).type not in ending:
                pass
        finally:
            await session.close()

    with serve(tmp_path) as served:
        asyncio.run(kill(served))
        assert served.process.poll() is None
