"""`locus serve`: the same Textual game in browser tabs, for a computer lab.

textual-serve runs one game process per browser tab; ``LabServer`` keeps its
page and its terminal relay and adds what a classroom on a shared network
needs (see ``game.classroom.tabs`` for one tab's isolation and limits):

* every tab is its own student, with its own data folder, and every game
  writes to the one results database the teacher chose (its locking keeps
  their writes apart);
* games are forked from one warm parent that has imported the game and
  loaded the pack (game/classroom/zygote.py), so a class joining at once
  does not queue for the CPU and the games share their pages;
* at most ``--max-games`` games run at once; a newcomer past that gets a
  page saying the class is full, not a game that slows everyone down;
* a tab's messages are parsed defensively: oversized frames close the tab,
  and input beyond the size and rate limits is dropped;
* the server binds to loopback unless the teacher names a host: a lab
  machine serving ``--host 0.0.0.0`` is a deliberate choice, never a default,
  and the command then prints the addresses students can use.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import errno
import ipaddress
import json
import os
import signal
import socket
import sys
from collections.abc import Sequence
from pathlib import Path

from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

from game.classroom.errors import ClassroomError
from game.classroom.results_db import ENV_VAR, ResultsDB, results_path, server_url
from game.classroom.tabs import TabGame, TabLimits
from game.classroom.zygote import Zygote, ZygoteError
from game.packs import load_or_report, pack_dir

_ADDRESS_IN_USE = {errno.EADDRINUSE, getattr(errno, "WSAEADDRINUSE", errno.EADDRINUSE)}
DEFAULT_MAX_GAMES = 40  # a large class; each game takes about 30 MB (docs/teachers.md)
WARM_VAR = "LOCUS_SERVE_WARM"  # "0": every game starts afresh (bench/bench_serve.py compares)
FULL_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>The class is full</title></head>
<body style="font-family: sans-serif; max-width: 36em; margin: 4em auto">
<h1>The class is full</h1>
<p>All {games} games of this class are being played. Ask your teacher, or try
again when someone has finished (reload this page).</p>
</body></html>
"""


def served_argv(
    pack: Path,
    lesson: str | None,
    results: Path | None,
    class_code: str | None = None,
    xapi: Sequence[str] = (),
) -> list[str]:
    """What each browser tab runs: ``<python> -m game play PACK [--lesson ID]
    [--results PATH] [--class CODE]`` (started directly, never through a
    shell). A results server's URL is not in it (it may hold a password, and
    any user can read a command line): the tabs inherit it in
    ``LOCUS_RESULTS`` instead, as they inherit ``LOCUS_XAPI_AUTH`` for the
    ``xapi`` options (an LRS's address, which never holds credentials)."""
    argv = [sys.executable, "-m", "game", "play", str(pack)]
    if lesson:
        argv += ["--lesson", lesson]
    if results is not None:
        argv += ["--results", str(results)]
    argv += xapi
    return [*argv, "--class", class_code] if class_code else argv


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    return host in ("0.0.0.0", "::", "")


def machine_addresses() -> list[str]:
    """The machine's own IPv4 addresses besides loopback, read from its
    network interfaces (Linux), else from its host name; no packet is sent."""
    found: list[str] = []
    with contextlib.suppress(ImportError, OSError):
        import fcntl
        import struct

        siocgifaddr = 0x8915
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            for _, name in socket.if_nameindex():
                request = struct.pack("256s", name.encode()[:15])
                try:
                    answer = fcntl.ioctl(probe.fileno(), siocgifaddr, request)
                except OSError:
                    continue
                found.append(socket.inet_ntoa(answer[20:24]))
    if not found:
        with contextlib.suppress(OSError):
            infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
            found = [str(info[4][0]) for info in infos]
    return sorted({a for a in found if not ipaddress.ip_address(a).is_loopback})


def prepare(args: argparse.Namespace) -> tuple[list[str], str]:
    """Check everything a student would otherwise trip over in the browser
    (the port, the pack, the lesson, the results database) before serving;
    returns (what each tab runs, the page title)."""
    if not 0 <= args.port <= 65535:
        raise ClassroomError(
            f"--port {args.port} is not a port number: use 1 to 65535 (or 0 for any free port)."
        )
    if args.max_games is not None and args.max_games < 1:
        raise ClassroomError(f"--max-games {args.max_games} must be at least 1.")
    story = load_or_report(args.pack, for_play=True, lesson=args.lesson)
    if story is None:
        raise ClassroomError("the pack has errors (listed above); fix them before serving it")
    if args.lesson and args.lesson not in story.lessons:
        known = ", ".join(sorted(story.lessons)) or "none"
        raise ClassroomError(
            f"There is no lesson '{args.lesson}' in {story.title}. Lessons in this pack: {known}."
        )
    xapi = xapi_argv(args)
    ResultsDB.open_for_writing(args.results).close()  # create (the default folder too), migrate
    if server := server_url(args.results):
        os.environ[ENV_VAR] = server  # for the tabs (served_argv)
        results = None
    else:
        results = results_path(args.results)[0].resolve()
    code = getattr(args, "class_code", None)
    if code:
        from game.classroom.join import join_class

        code = join_class(args.results, code).code  # a wrong code stops here, not in 30 tabs
    argv = served_argv(pack_dir(args.pack).resolve(), args.lesson, results, code, xapi)
    title = story.title
    if args.lesson:
        title += f" — {story.lessons[args.lesson].title}"
    return argv, title


def xapi_argv(args: argparse.Namespace) -> list[str]:
    """The tabs' xAPI options, checked here once (a bad address stops the
    server, not 30 tabs)."""
    from game.classroom.xapi.target import xapi_target

    target = xapi_target(args)
    if target is None:
        return []
    return ["--xapi", target.endpoint] + (["--xapi-send-names"] if target.send_names else [])


class LabServer(Server):
    """textual-serve's server with the classroom's rules (module docstring).
    Links in the page (the game's websocket) are built from the address the
    student's browser used, so a server on 0.0.0.0 works from the lab's other
    machines instead of sending them to 0.0.0.0."""

    def __init__(
        self,
        argv: Sequence[str],
        *,
        host: str,
        port: int,
        title: str,
        max_games: int = DEFAULT_MAX_GAMES,
        limits: TabLimits | None = None,
        results_url: str | None = None,
        warm: bool = True,
    ) -> None:
        super().__init__(" ".join(argv), host=host, port=port, title=title)
        self.argv = list(argv)
        self.results_url = results_url  # a results server, for every tab
        self.warm = warm  # fork games from a warm parent (game/classroom/zygote.py)
        self.zygote: Zygote | None = None
        self.max_games = max_games
        self.limits = limits or TabLimits()
        self.games: set[TabGame] = set()

    @property
    def full(self) -> bool:
        return len(self.games) >= self.max_games

    def _full_page(self) -> web.Response:
        return web.Response(
            status=503,
            text=FULL_PAGE.format(games=self.max_games),
            content_type="text/html",
            headers={"Retry-After": "30"},
        )

    async def on_startup(self, app: web.Application) -> None:
        """Warm the games' parent before the first tab (quiet: ``run`` prints
        the one line a teacher needs). Without it, tabs start games afresh."""
        if self.warm and _can_fork():
            # Textual reads its settings (the web driver, colours, frame rate)
            # once, at import: the parent imports it with the tabs' own.
            environment = AppService("", **_NO_RELAY)._build_environment()  # type: ignore[arg-type]
            environment.pop(ENV_VAR, None)
            with contextlib.suppress(ZygoteError):
                self.zygote = await asyncio.to_thread(Zygote.start, self.argv, environment)

    async def on_shutdown(self, app: web.Application) -> None:
        await asyncio.gather(*(game.stop() for game in list(self.games)))
        if self.zygote is not None:
            await asyncio.to_thread(self.zygote.stop)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if self.full:
            return self._full_page()
        # Nothing awaits before the page reads public_url, so tabs cannot mix.
        self.public_url = f"{request.scheme}://{request.host}"
        return await super().handle_index(request)

    # A full class answers the websocket with the "class is full" page (503),
    # which textual-serve's signature (a WebSocketResponse) does not foresee.
    async def handle_websocket(  # type: ignore[override]
        self, request: web.Request
    ) -> web.StreamResponse:
        if self.full:
            return self._full_page()
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=self.limits.frame_bytes)
        game = TabGame(
            self.argv,
            self.limits,
            self.results_url,
            self.zygote,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
        )
        self.games.add(game)
        try:
            await websocket.prepare(request)
            width, height = game.clamp(
                _number(request.query.get("width")), _number(request.query.get("height"))
            )
            await game.start(width, height)
            await self._relay(websocket, game)
        except asyncio.CancelledError:
            await websocket.close()
        finally:
            await game.stop()
            self.games.discard(game)
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, game: TabGame) -> None:
        """The tab's messages to its game. Anything malformed is ignored; a
        frame over the size limit ends the loop (aiohttp closes the socket)."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                if message.type == WSMsgType.ERROR:
                    break
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            # ["stdin", text], ["resize", {...}], ["ping", stamp]; the page's
            # textual.js sends ["focus"] and ["blur"] with nothing after them.
            if not isinstance(envelope, list) or not 1 <= len(envelope) <= 2:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) == 2 else None
            if kind == "stdin" and isinstance(data, str):
                await game.type(data)
            elif kind == "resize" and isinstance(data, dict):
                await game.resize(data.get("width"), data.get("height"))
            elif kind == "ping" and isinstance(data, str | int | float):
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await game.blur()
            elif kind == "focus":
                await game.focus()

    async def listen(self) -> web.AppRunner:
        """Bind the port (0: any free one) and start serving; raises
        ClassroomError when the address cannot be had."""
        runner = web.AppRunner(await self._make_app(), handle_signals=False)
        await runner.setup()
        site = web.TCPSite(runner, self.host, self.port)
        try:
            await site.start()
        except OSError as error:
            await runner.cleanup()
            # asyncio's own sentence repeats the address; the system's reason is enough.
            reason = os.strerror(error.errno) if error.errno else str(error)
            if error.errno in _ADDRESS_IN_USE:
                reason = "another program is already using that port; choose another with --port"
            raise ClassroomError(
                f"cannot serve on {self.host} port {self.port}: {reason}."
            ) from None
        self.port = int(runner.addresses[0][1])
        return runner


def _can_fork() -> bool:
    """Forked games need fork, file descriptors passed over a socket and
    pidfds: Linux (5.3 or later)."""
    return hasattr(os, "fork") and hasattr(os, "pidfd_open") and hasattr(socket, "send_fds")


async def _no_relay(*_: object) -> None:
    """A relay for an AppService that is only asked for its environment."""


_NO_RELAY: dict[str, object] = {
    "write_bytes": _no_relay,
    "write_str": _no_relay,
    "close": _no_relay,
    "download_manager": None,
}


def _number(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def announce(host: str, port: int, max_games: int) -> None:
    """Where students go, and a warning when the game is on the network."""
    limit = f"one game per tab, {max_games} at most"
    if is_loopback(host):
        shown = f"[{host}]" if ":" in host else host
        print(f"Students open http://{shown}:{port}/ ({limit}). Ctrl+C stops.", flush=True)
        return
    print(
        f"locus: serving on {host}: anyone who can reach this machine on port {port} "
        "can play and add results.",
        file=sys.stderr,
        flush=True,
    )
    addresses = machine_addresses() if is_wildcard(host) else [host]
    if not addresses:
        print("This machine has no network address besides loopback.", flush=True)
        addresses = ["127.0.0.1"]
    for address in addresses:
        shown = f"[{address}]" if ":" in address else address
        print(f"Students open http://{shown}:{port}/ ({limit}).", flush=True)
    print("Ctrl+C stops.", flush=True)


async def _serve(server: LabServer) -> None:
    runner = await server.listen()
    announce(server.host, server.port, server.max_games)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(signum, stop.set)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()


def run(args: argparse.Namespace) -> int:
    try:
        argv, title = prepare(args)
        server = LabServer(
            argv,
            host=args.host,
            port=args.port,
            title=title,
            max_games=args.max_games or DEFAULT_MAX_GAMES,
            results_url=server_url(args.results),
            warm=os.environ.get(WARM_VAR) != "0",
        )
        server.initialize_logging()
        asyncio.run(_serve(server))
    except ClassroomError as error:
        print(f"locus: {error}", file=sys.stderr)
        return 1
    return 0
