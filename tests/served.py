"""A real `locus serve` for tests: a subprocess on a loopback port that the
server picked itself (``--port 0``, read back from the line it prints), tabs
opened over the websocket as a browser opens them, and the processes behind
them read from /proc."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "tests" / "packs" / "mini"
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\|\x1b\][^\x07]*\x07|\x1b.")
URL = re.compile(r"Students open (http://\S+/)")
KEY_PACE_S = 0.5  # between a student's keys when one must land before the next


@dataclass
class Served:
    process: subprocess.Popen[str]
    url: str
    lines: list[str] = field(default_factory=list)

    @property
    def ws_url(self) -> str:
        return self.url.replace("http://", "ws://") + "ws?width=100&height=30"


def poll(condition: Callable[[], object], timeout: float, what: str) -> object:
    """Wait until ``condition()`` is true (returning it), or fail naming ``what``."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(0.05)


@contextmanager
def serve(tmp_path: Path, *options: str, home: Path | None = None) -> Iterator[Served]:
    """`locus serve MINI --port 0 OPTIONS` with its own results database."""
    env = {**os.environ, "LOCUS_HOME": str(home or tmp_path / "home")}
    env.pop("LOCUS_RESULTS", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "game", "serve", str(MINI), "--port", "0", *options]
        + ([] if "--results" in options else ["--results", str(tmp_path / "results.db")]),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=REPO,
    )
    assert process.stdout is not None
    lines: list[str] = []
    try:
        for line in process.stdout:  # the server prints its address once it listens
            lines.append(line)
            found = URL.search(line)
            if found:
                break
        else:
            raise AssertionError("locus serve did not start:\n" + "".join(lines))
        # Keep reading, so the server never blocks on a full pipe.
        threading.Thread(target=lines.extend, args=(process.stdout,), daemon=True).start()
        yield Served(process, found.group(1), lines)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Tab:
    """One browser tab's websocket: keystrokes in, the screen's text out."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.seen = ""

    async def wait_for(self, text: str, timeout: float = 60) -> str:
        """Collect the terminal's output until ``text`` shows; returns it all."""
        deadline = time.monotonic() + timeout
        while text not in self.seen:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} never showed; the tab saw:\n{self.seen[-3000:]}")
            try:
                message = await self.ws.receive(timeout=left)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.seen += ANSI.sub("", message.data.decode("utf-8", "replace"))
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                raise AssertionError(f"the tab closed before {text!r} showed")
        return self.seen

    async def press(self, keys: str) -> None:
        await self.ws.send_json(["stdin", keys])

    async def type_name(self, name: str, tries: int = 5) -> None:
        """Type into the name box as a student does: click into it (Tab), then
        type. A game in a tab starts unfocused (the page focuses it; Textual's
        web driver blurs the app as it starts), so keys sent before the game
        has settled go nowhere: try again until the name shows in the box."""
        await self.ws.send_json(["focus"])  # as the page does when clicked
        for _ in range(tries):
            # Paced as a person types: a key and text that reach the game in
            # one read ("\tAda") are parsed as one unknown key.
            await self.press("\t")
            await asyncio.sleep(KEY_PACE_S)
            await self.press(name)
            try:
                await self.wait_for(name, timeout=15)
                return
            except AssertionError:
                continue
        raise AssertionError(f"the name box never showed {name!r}:\n{self.seen[-2000:]}")


# The mini pack's lesson, as a student plays it in a served tab: the keys
# for each screen, each pressed once the text before it shows.
LESSON = "woods_lesson"
LESSON_KEYS = (
    ("Take the shortcut", "1"),
    ("Back away slowly", "1"),
    ("Speeds it up", "1"),  # the right answer
    ("Right.", "1"),  # on from the feedback to the ending
    ("PASSED", "n"),  # the debrief: finish the lesson
)


def lesson_events() -> list[tuple[str, str]]:
    """The (kind, text) of every event the results database must hold for
    one student who played ``LESSON`` with ``LESSON_KEYS``: the engine's own
    events for those choices, less the kinds that are never recorded."""
    from game.classroom.records import UNRECORDED_KINDS
    from game.engine.machine import Game
    from game.story.loader import load_pack

    game = Game.start(load_pack(MINI).story, storyline="woods")
    events = list(game.last_events)
    for number in (1, 1, 1):  # shortcut, back away, the right answer
        game = game.act(number)
        events += game.last_events
    return [(e.kind, e.text) for e in events if e.kind not in UNRECORDED_KINDS]


def recorded_events(results: str) -> dict[str, list[tuple[str, str]]]:
    """Every student's recorded (kind, text) events, in order, read back as
    the teacher's report would read them."""
    from game.classroom.results_db import ResultsDB

    db = ResultsDB.open_for_reading(results)
    try:
        rows = db.read(
            lambda conn: conn.execute(
                "SELECT s.student, e.kind, e.text FROM events e"
                " JOIN sessions s ON s.id = e.session_id ORDER BY e.id"
            ).fetchall()
        )
    finally:
        db.close()
    found: dict[str, list[tuple[str, str]]] = {}
    for student, kind, text in rows:
        found.setdefault(student, []).append((kind, text))
    return found


async def play_lesson(tab: Tab, name: str) -> None:
    """Play ``LESSON`` start to finish in a tab of `locus serve --lesson`."""
    await tab.wait_for("First name")
    await tab.type_name(name)
    await tab.press("\r")
    for text, key in LESSON_KEYS:
        await tab.wait_for(text)
        await tab.press(key)


def children(pid: int) -> list[int]:
    """The direct children of ``pid`` (Linux)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def games(server_pid: int) -> list[int]:
    """The game processes of a `locus serve`: forked by its warm parent (a
    child of the server) or started by the server itself; each leads a
    session of its own, as the warm parent does not."""
    found = []
    for pid in children(server_pid):
        found += [pid] if _leads_session(pid) else [g for g in children(pid) if _leads_session(g)]
    return sorted(found)


def _leads_session(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and int(stat[3]) == pid and stat[0] != "Z"


def group(pgid: int) -> list[int]:
    """Every live process in the process group ``pgid`` (zombies excluded)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat and int(stat[2]) == pgid and stat[0] != "Z":
                found.append(int(entry.name))
    return found


def pgid_of(pid: int) -> int:
    stat = _stat(pid)
    assert stat is not None, f"process {pid} is gone"
    return int(stat[2])


def rss(pid: int) -> int:
    """Resident memory of ``pid`` in bytes (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def _stat(pid: int) -> list[str] | None:
    """state, ppid, pgrp, ... of /proc/PID/stat (after the command name)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()


async def open_tab(served: Served) -> tuple[aiohttp.ClientSession, Tab]:
    session = aiohttp.ClientSession()
    ws = await session.ws_connect(served.ws_url)
    return session, Tab(ws)
