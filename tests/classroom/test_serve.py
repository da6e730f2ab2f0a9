"""`locus serve`, for real: a server on a free loopback port, the page over
HTTP, a game over the websocket as a browser tab would open it, and (where
Chromium is installed) a headless browser's screenshot of the title screen.

Only loopback addresses are ever contacted; Chromium is told that every other
host name does not exist, so the page's web-font link cannot leave the machine.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.classroom.serve import is_loopback, served_argv
from game.cli import main
from tests.conftest import require_component
from tests.served import ANSI, serve

MINI = Path(__file__).resolve().parents[1] / "packs" / "mini"
CHROMIUM = shutil.which("chromium") or (
    "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None
)


def test_the_served_command_is_an_argument_list(tmp_path) -> None:
    pack = tmp_path / "my pack"
    results = tmp_path / "class 'A' results.db"
    assert served_argv(pack, "woods_lesson", results) == [
        sys.executable,
        "-m",
        "game",
        "play",
        str(pack),
        "--lesson",
        "woods_lesson",
        "--results",
        str(results),
    ]
    assert "--lesson" not in served_argv(pack, None, results)


def test_loopback_is_recognised() -> None:
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.0.2.7")


def test_an_unknown_lesson_stops_before_serving(tmp_path, capsys) -> None:
    code = main(["serve", str(MINI), "--lesson", "nope", "--results", str(tmp_path / "r.db")])
    assert code == 1
    assert "no lesson 'nope'" in capsys.readouterr().err


def test_a_bad_results_path_stops_before_serving(tmp_path, capsys) -> None:
    code = main(["serve", str(MINI), "--results", str(tmp_path / "missing" / "r.db")])
    assert code == 1
    assert "does not exist" in capsys.readouterr().err


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """`locus serve` on a loopback port it picked itself; yields its URL."""
    with serve(tmp_path) as served:
        yield served.url


def test_the_page_is_served_on_loopback(server: str) -> None:
    with urllib.request.urlopen(server, timeout=10) as response:
        assert response.status == 200
        page = response.read().decode("utf-8")
    port = server.rsplit(":", 1)[1].rstrip("/")
    assert f'data-session-websocket-url="ws://127.0.0.1:{port}/ws"' in page
    assert "Mini: a test pack" in page  # the page title names the pack
    # The page's links follow the address the browser used (for --host 0.0.0.0).
    with urllib.request.urlopen(server.replace("127.0.0.1", "localhost"), timeout=10) as response:
        assert f"ws://localhost:{port}/ws" in response.read().decode("utf-8")


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux's /proc/net/tcp")
def test_without_a_host_only_loopback_listens(server: str) -> None:
    port = int(server.rsplit(":", 1)[1].rstrip("/"))
    listening = []
    for table in (Path("/proc/net/tcp"), Path("/proc/net/tcp6")):
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
                listening.append(address)
    assert listening == ["0100007F"]  # 127.0.0.1, and nothing on IPv6


async def _screen_text(url: str, seconds: float) -> str:
    """Open the game's websocket as a browser tab does and collect the
    terminal output (escape codes removed) until the title menu shows."""
    import aiohttp

    ws_url = url.replace("http://", "ws://") + "ws?width=100&height=30"
    seen = ""
    async with aiohttp.ClientSession() as session, session.ws_connect(ws_url) as ws:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not ("New game" in seen and "Lessons" in seen):
            try:
                message = await ws.receive(timeout=max(0.1, deadline - time.monotonic()))
            except TimeoutError:
                break
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += ANSI.sub("", message.data.decode("utf-8", "replace"))
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                break
        await ws.send_json(["stdin", "q"])
    return seen


def test_a_tab_gets_its_own_game_on_the_title_screen(server: str) -> None:
    text = asyncio.run(_screen_text(server, 60))
    assert "New game" in text and "Lessons" in text, text[-2000:]


# --- headless Chromium ---------------------------------------------------------


class DevTools:
    """The few Chrome DevTools Protocol calls the screenshot needs."""

    def __init__(self, ws) -> None:
        self.ws = ws
        self.next_id = 0

    async def call(self, method: str, **params: object) -> dict:
        self.next_id += 1
        await self.ws.send_json({"id": self.next_id, "method": method, "params": params})
        while True:
            reply = await self.ws.receive_json(timeout=30)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})

    async def evaluate(self, expression: str) -> object:
        result = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")


def _chromium(profile: Path) -> tuple[subprocess.Popen[str], str]:
    assert CHROMIUM is not None
    process = subprocess.Popen(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            f"--user-data-dir={profile}",
            "--window-size=1280,800",
            "--remote-debugging-address=127.0.0.1",
            "--remote-debugging-port=0",
            # Every host but loopback fails to resolve: nothing leaves the machine.
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
            "about:blank",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        found = re.search(r"DevTools listening on (ws://\S+)", line)
        if found:
            return process, found.group(1)
        if not line and process.poll() is not None:
            break
    process.kill()
    pytest.fail("headless Chromium did not start")


async def _screenshot(browser_ws: str, url: str, target: Path) -> dict[str, object]:
    import aiohttp

    http = browser_ws.replace("ws://", "http://").split("/devtools/")[0]
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{http}/json/list") as response:
            pages = [t for t in await response.json() if t["type"] == "page"]
        async with session.ws_connect(pages[0]["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            tools = DevTools(ws)
            await tools.call("Page.enable")
            await tools.call("Page.navigate", url=url)
            state: dict[str, object] = {}
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                # textual-serve marks the body once the game's first bytes arrive.
                state = (
                    await tools.evaluate(
                        "({started: document.body"
                        " && document.body.classList.contains('-first-byte'),"
                        " closed: document.body && document.body.classList.contains('-closed'),"
                        " canvas: document.querySelectorAll('#terminal canvas').length,"
                        " rows: document.querySelectorAll('.xterm-rows > div').length})"
                    )
                    or {}
                )
                if state.get("started") or state.get("closed"):
                    break
                await asyncio.sleep(0.25)
            target.write_bytes(await _settled_screenshot(tools))
            state["closed"] = await tools.evaluate("document.body.classList.contains('-closed')")
            return state


async def _settled_screenshot(tools: DevTools) -> bytes:
    """A screenshot once the title screen has finished drawing: the same
    picture twice in a row, a moment apart."""
    previous = b""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        shot = base64.b64decode((await tools.call("Page.captureScreenshot", format="png"))["data"])
        if shot == previous and len(shot) > 20_000:
            return shot
        previous = shot
        await asyncio.sleep(0.25)
    return previous


def test_headless_chromium_reaches_the_title_screen(server: str, tmp_path: Path) -> None:
    require_component("Chromium", CHROMIUM is not None, "install Debian's chromium (.ci/run does)")
    browser, browser_ws = _chromium(tmp_path / "profile")
    target = tmp_path / "title-screen.png"
    try:
        state = asyncio.run(_screenshot(browser_ws, server, target))
    finally:
        browser.terminate()
        try:
            browser.wait(timeout=20)
        except subprocess.TimeoutExpired:
            browser.kill()
    assert state.get("started"), f"the game never drew in the browser: {json.dumps(state)}"
    assert not state.get("closed"), "the game process ended at once"
    data = target.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(data) > 20_000  # a drawn screen, not a blank page
    copy = os.environ.get("LOCUS_SCREENSHOT_DIR")
    if copy:  # keep it for a human to look at
        shutil.copy(target, Path(copy) / target.name)
