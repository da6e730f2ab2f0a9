"""`locus serve`'s web server (game/classroom/serve.py, LabServer) in this
process, with a stand-in game that writes down what reaches it: the page
links its websocket to the address the browser used, a tab's size, keys,
resizes, focus and pings reach its game and malformed messages do not, a
full class gets the "class is full" page (HTTP 503, on the page and on the
websocket), a frame over the limit ends the tab and its game, a busy port
is one sentence, and the warm parent is started for the games with the
tabs' environment (no results setting) and stopped with the server.
(tests/classroom/test_serve*.py serve the real game through `locus serve`.)"""

from __future__ import annotations

import asyncio
import json
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

import aiohttp
import pytest

from game.classroom.errors import ClassroomError
from game.classroom.serve import FULL_PAGE, LabServer
from game.classroom.tabs import TabLimits
from tests.classroom.conftest import MINI
from tests.classroom.test_tab_game import MEMORY, STAND_IN, _notes

PATIENCE_S = 60.0


async def _until(condition: Callable[[], object], what: str) -> None:
    """Poll without blocking the event loop the server runs in."""
    deadline = time.monotonic() + PATIENCE_S
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {PATIENCE_S} s waiting for {what}")
        await asyncio.sleep(0.05)


async def _noted(log: Path, count: int) -> list[dict]:
    await _until(lambda: len(_notes(log)) >= count, f"{count} notes from the stand-in game")
    return _notes(log)


def _server(log: Path, **options: object) -> LabServer:
    return LabServer(
        [sys.executable, "-c", STAND_IN, str(log)],
        host="127.0.0.1",
        port=0,
        title="Mini",
        warm=False,
        **options,  # type: ignore[arg-type]
    )


MALFORMED = (
    "not json",
    '{"stdin": "a"}',
    "[]",
    '["stdin", "b", "c"]',
    '["stdin", 5]',
    '["resize", [90, 20]]',
    '["ping", null]',
    '["ping", {"at": 1}]',
    '["paste", "d"]',
)


async def test_a_tabs_messages_reach_its_game_and_a_full_class_is_told_so(tmp_path) -> None:
    log = tmp_path / "log.jsonl"
    server = _server(log, max_games=1, limits=TabLimits(memory=MEMORY, frame_bytes=1024))
    runner = await server.listen()
    base = f"http://127.0.0.1:{server.port}"
    try:
        assert server.port != 0
        async with aiohttp.ClientSession() as client:
            async with client.get(base + "/", headers={"Host": f"localhost:{server.port}"}) as page:
                assert page.status == 200
                assert f'"ws://localhost:{server.port}/ws"' in await page.text()
            tab = await client.ws_connect(base + "/ws?width=100&height=tall")
            (start,) = await _noted(log, 1)
            assert (start["columns"], start["rows"]) == ("100", "24")
            assert len(server.games) == 1
            async with client.get(base + "/") as full:
                assert (full.status, full.headers["Retry-After"]) == (503, "30")
                assert full.content_type == "text/html"
                assert await full.text() == FULL_PAGE.format(games=1)
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await client.ws_connect(base + "/ws")
            assert refused.value.status == 503
            await tab.send_bytes(b'["stdin", "binary"]')
            for text in MALFORMED:
                await tab.send_str(text)
            await tab.send_str('["stdin", "hello"]')
            await tab.send_str('["resize", {"width": 90, "height": 20}]')
            await tab.send_str('["ping", "7"]')
            await tab.send_str('["ping", 8.5]')
            assert await tab.receive_json(timeout=PATIENCE_S) == ["pong", "7"]
            assert await tab.receive_json(timeout=PATIENCE_S) == ["pong", 8.5]
            await tab.send_str('["focus"]')
            await tab.send_str('["blur"]')
            assert (await _noted(log, 5))[1:] == [
                {"kind": "data", "text": "hello"},
                {"kind": "meta", "meta": {"type": "resize", "width": 90, "height": 20}},
                {"kind": "meta", "meta": {"type": "focus"}},
                {"kind": "meta", "meta": {"type": "blur"}},
            ]
            await tab.send_str(json.dumps(["stdin", "x" * 2000]))  # over the frame limit
            closing = await tab.receive(timeout=PATIENCE_S)
            assert closing.type == aiohttp.WSMsgType.CLOSE
            assert closing.data == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
            await _until(lambda: not server.games, "the tab's game to be stopped")
            assert _notes(log)[-1] == {"kind": "meta", "meta": {"type": "quit"}}
            await tab.close()
    finally:
        await runner.cleanup()


async def test_a_port_already_in_use_is_one_sentence(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        server = LabServer(["unused"], host="127.0.0.1", port=port, title="Mini", warm=False)
        with pytest.raises(ClassroomError) as refused:
            await server.listen()
    assert str(refused.value) == (
        f"cannot serve on 127.0.0.1 port {port}: another program is already using that "
        "port; choose another with --port."
    )


ECHO = """
import json, sys
out = sys.stdout.buffer
def packet(kind, body):
    out.write(kind + len(body).to_bytes(4, "big") + body)
    out.flush()
out.write(b"__GANGLION__\\n")
packet(b"D", b"title screen")
opened = {"type": "open_url", "url": "https://example.org/", "new_tab": True}
packet(b"M", json.dumps(opened).encode())
stdin = sys.stdin.buffer
while len(head := stdin.read(5)) == 5:
    body = stdin.read(int.from_bytes(head[1:], "big"))
    if head[:1] == b"D":
        packet(b"D", body.upper())
        if body == b"q":
            break
"""


async def test_the_games_screen_reaches_its_tab_and_a_game_that_quits_closes_it() -> None:
    server = LabServer(
        [sys.executable, "-c", ECHO], host="127.0.0.1", port=0, title="Mini", warm=False
    )
    runner = await server.listen()
    try:
        async with aiohttp.ClientSession() as client:
            tab = await client.ws_connect(f"http://127.0.0.1:{server.port}/ws")
            first = await tab.receive(timeout=PATIENCE_S)
            assert (first.type, first.data) == (aiohttp.WSMsgType.BINARY, b"title screen")
            assert await tab.receive_json(timeout=PATIENCE_S) == [
                "open_url",
                {"url": "https://example.org/", "new_tab": True},
            ]
            await tab.send_str('["stdin", "hello"]')
            assert await tab.receive_bytes(timeout=PATIENCE_S) == b"HELLO"
            await tab.send_str('["stdin", "q"]')  # the game quits by itself
            assert await tab.receive_bytes(timeout=PATIENCE_S) == b"Q"
            closing = await tab.receive(timeout=PATIENCE_S)
            assert closing.type == aiohttp.WSMsgType.CLOSE
            await _until(lambda: not server.games, "the ended game's tab to be let go")
            await tab.close()
    finally:
        await runner.cleanup()


async def test_an_address_this_machine_does_not_have_is_one_sentence() -> None:
    server = LabServer(["unused"], host="198.51.100.7", port=0, title="Mini", warm=False)
    with pytest.raises(ClassroomError) as refused:
        await server.listen()  # a documentation address: binding it fails, nothing is sent
    assert str(refused.value) == (
        "cannot serve on 198.51.100.7 port 0: Cannot assign requested address."
    )


def _environment_of(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes()
    return dict(entry.split("=", 1) for entry in raw.decode().split("\0") if "=" in entry)


async def test_the_warm_parent_starts_with_the_server_in_the_tabs_environment(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("LOCUS_RESULTS", str(tmp_path / "host-results.db"))
    server = LabServer(
        [sys.executable, "-m", "game", "play", str(MINI)], host="127.0.0.1", port=0, title="Mini"
    )
    runner = await server.listen()
    try:
        assert server.zygote is not None, "no warm parent"
        parent = server.zygote.process
        environment = _environment_of(parent.pid)
        assert environment["TEXTUAL_DRIVER"] == "textual.drivers.web_driver:WebDriver"
        assert "LOCUS_RESULTS" not in environment
    finally:
        await runner.cleanup()
    assert parent.returncode is not None  # stopped with the server
