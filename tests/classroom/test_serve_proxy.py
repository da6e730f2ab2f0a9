"""Several `locus serve` processes behind nginx, as docs/teachers.md tells a
school to run them: the config in docs/examples/nginx-locus.conf, run by
Debian's nginx on loopback in front of two real servers that share one
PostgreSQL database; two students open the proxy's address, land on
different servers, and play the whole lesson through it."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import urllib.request
from pathlib import Path

from tests.conftest import require_component
from tests.pg import _free_port, need_server
from tests.served import (
    LESSON,
    REPO,
    Served,
    games,
    lesson_events,
    open_tab,
    play_lesson,
    poll,
    recorded_events,
    serve,
)

CONFIG = REPO / "docs" / "examples" / "nginx-locus.conf"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)


def _config(listen: int, first: int, second: int) -> str:
    """The documented config with this test's ports in place of 8000-8002."""
    text = CONFIG.read_text(encoding="utf-8")
    for old, new in (("listen 8000", f"listen 127.0.0.1:{listen}"),
                     ("127.0.0.1:8001", f"127.0.0.1:{first}"),
                     ("127.0.0.1:8002", f"127.0.0.1:{second}")):  # fmt: skip
        assert old in text, old
        text = text.replace(old, new)
    return text


def _port(served: Served) -> int:
    return int(served.url.rstrip("/").rsplit(":", 1)[1])


def test_two_servers_behind_nginx(pg_server, tmp_path: Path) -> None:
    require_component("nginx", NGINX is not None, "install Debian's nginx (.ci/run does)")
    assert NGINX is not None
    url = need_server(pg_server).new_database()
    options = ("--lesson", LESSON, "--results", url)
    with serve(tmp_path / "a", *options) as one, serve(tmp_path / "b", *options) as two:
        listen = _free_port()
        prefix = tmp_path / "nginx"
        (prefix / "logs").mkdir(parents=True)
        conf = prefix / "nginx.conf"
        conf.write_text(_config(listen, _port(one), _port(two)), encoding="utf-8")
        nginx = subprocess.Popen(
            [NGINX, "-p", str(prefix), "-c", str(conf),
             "-g", f"daemon off; pid {prefix}/nginx.pid; error_log {prefix}/logs/error.log;"],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        try:
            proxy = Served(nginx, f"http://127.0.0.1:{listen}/")  # type: ignore[arg-type]
            poll(lambda: _answers(proxy.url) or nginx.poll() is not None, 30, "nginx to listen")
            assert nginx.poll() is None, nginx.communicate()[0]
            with urllib.request.urlopen(proxy.url, timeout=10) as response:
                page = response.read().decode("utf-8")
            assert f'data-session-websocket-url="ws://127.0.0.1:{listen}/ws"' in page

            async def both() -> None:
                session_a, a = await open_tab(proxy)
                session_b, b = await open_tab(proxy)
                try:
                    await a.wait_for("First name")
                    await b.wait_for("First name")
                    # One tab's game on each server: least_conn spread them.
                    assert len(games(one.process.pid)) == len(games(two.process.pid)) == 1
                    await asyncio.gather(play_lesson(a, "Ada L"), play_lesson(b, "Grace H"))
                finally:
                    await session_a.close()
                    await session_b.close()

            asyncio.run(both())
        finally:
            nginx.terminate()
            nginx.wait(timeout=30)
    expected = lesson_events()
    assert recorded_events(url) == {"Ada L": expected, "Grace H": expected}


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5):
            return True
    except OSError:
        return False
