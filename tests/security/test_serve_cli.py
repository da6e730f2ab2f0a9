"""`locus serve` as a teacher starts it: a bad or busy port is one line and
exit 1, a full class gets a clear page, and serving on every interface
prints the machine's real addresses with a warning."""

from __future__ import annotations

import asyncio
import socket
import urllib.error
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from game.classroom.serve import machine_addresses
from tests.security.hostile import MINI, run_locus
from tests.served import URL, open_tab, poll, serve


@pytest.mark.parametrize("port", ["99999", "-1", "65536"])
def test_a_bad_port_is_one_line(tmp_path: Path, port: str) -> None:
    outcome = run_locus(
        "serve", str(MINI), "--port", port, "--results", str(tmp_path / "r.db"), home=tmp_path
    )
    outcome.assert_refused(f"--port {port} is not a port number")
    assert outcome.stderr.count("\n") == 1


def test_a_busy_port_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        outcome = run_locus(
            "serve", str(MINI), "--port", port, "--results", str(tmp_path / "r.db"), home=tmp_path
        )
    outcome.assert_refused(f"cannot serve on 127.0.0.1 port {port}: another program")
    assert outcome.stderr.count("\n") == 1


def test_a_full_class_gets_a_clear_page(tmp_path: Path) -> None:
    async def visit(served) -> None:
        session, first = await open_tab(served)
        try:
            await first.wait_for("New game")
            async with session.get(served.url) as response:
                assert response.status == 503
                assert "The class is full" in await response.text()
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(served.ws_url)
            assert refused.value.status == 503
        finally:
            await session.close()

    with serve(tmp_path, "--max-games", "1") as served:
        asyncio.run(visit(served))
        # The first tab has gone: the next student gets a game again.
        poll(lambda: _status(served.url) == 200, 30, "the class to have room again")


def test_every_interface_prints_the_real_addresses(tmp_path: Path) -> None:
    with serve(tmp_path, "--host", "0.0.0.0") as served:
        printed = "".join(served.lines)
    assert "anyone who can reach this machine" in printed
    assert "0.0.0.0" not in URL.findall(printed)[0]
    for address in machine_addresses():
        assert f"http://{address}:" in printed


def test_the_machine_addresses_are_real_and_not_loopback() -> None:
    addresses = machine_addresses()
    for address in addresses:
        assert not address.startswith("127.")
        socket.inet_aton(address)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
