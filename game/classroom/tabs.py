"""One browser tab's game in `locus serve`: its own student, its own limits.

textual-serve's ``AppService`` starts a tab's process and relays its
terminal; ``TabGame`` changes what makes a classroom safe:

* **Its own data folder.** The game runs with ``LOCUS_HOME`` set to a fresh
  folder of its own, so its autosave and saves belong to that tab alone: a
  second tab cannot continue the first one's game, and no tab lists or
  overwrites the host's saves. The folder is removed when the tab ends
  (lesson results go to the results database the teacher chose).
* **Limits.** The game starts through ``game.classroom.limited`` (memory and
  CPU limits) in a new session, so it and anything it starts form one
  process group of their own.
* **An end.** When the tab's socket closes the game is asked to quit; a few
  seconds later its whole process group gets SIGTERM, then SIGKILL. A game
  stuck parsing a flood of input still ends.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual_serve.app_service import AppService

from game.classroom.limited import limited_argv
from game.classroom.zygote import ForkedGame, Zygote, ZygoteError

QUIT_GRACE_S = 2.0  # for the game to quit by itself once its tab has gone
TERM_GRACE_S = 2.0  # between SIGTERM and SIGKILL to the process group


@dataclass(frozen=True, slots=True)
class TabLimits:
    memory: int = 1024 * 1024 * 1024  # address space (RLIMIT_AS) of a game
    cpu_seconds: int = 1800  # CPU time (RLIMIT_CPU) of a game, over its whole life
    frame_bytes: int = 64 * 1024  # the largest websocket message a tab may send
    stdin_chars: int = 4096  # the largest keystroke or paste in one message
    rate: float = 4096.0  # characters of input a second, on average...
    burst: float = 16384.0  # ...with this much at once (a paste)
    terminal_cells: int = 500  # the widest and tallest terminal a tab may ask for


class InputGate:
    """A token bucket: typing and pasting pass, a flood is dropped."""

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.last = time.monotonic()

    def allow(self, size: int) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if size > self.tokens:
            return False
        self.tokens -= size
        return True


class TabGame(AppService):
    """A tab's game process; see the module's docstring."""

    def __init__(
        self,
        argv: Sequence[str],
        limits: TabLimits,
        results_url: str | None = None,
        zygote: Zygote | None = None,
        **relay: object,
    ) -> None:
        super().__init__(" ".join(argv), **relay)  # type: ignore[arg-type]
        self.argv = list(argv)
        self.results_url = results_url
        self.zygote = zygote
        self.limits = limits
        self.home = Path(tempfile.mkdtemp(prefix="locus-tab-"))
        self.gate = InputGate(limits.rate, limits.burst)

    async def _open_app_process(
        self, width: int = 80, height: int = 24
    ) -> asyncio.subprocess.Process:
        environment = self._build_environment(width=width, height=height)
        environment["LOCUS_HOME"] = str(self.home)
        # The served command names a results file; a results server's URL
        # (which may hold a password) comes in the environment instead.
        environment.pop("LOCUS_RESULTS", None)
        if self.results_url:
            environment["LOCUS_RESULTS"] = self.results_url
        if self.zygote is not None:
            with contextlib.suppress(ZygoteError):
                return await self._fork(environment)
            self.zygote = None  # the warm parent is gone: start games afresh
        self._process = process = await asyncio.create_subprocess_exec(
            *limited_argv(self.limits.memory, self.limits.cpu_seconds, self.argv),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            cwd=self.home,
            start_new_session=True,  # its own process group, ended as one
        )
        self._stdin = process.stdin
        return process

    async def _fork(self, environment: dict[str, str]) -> asyncio.subprocess.Process:
        """The game forked by the server's warm parent (game/classroom/zygote.py)."""
        assert self.zygote is not None
        fds = await asyncio.to_thread(
            self.zygote.spawn,
            self.argv,
            environment,
            memory=self.limits.memory,
            cpu_seconds=self.limits.cpu_seconds,
        )
        game = await ForkedGame.open(*fds)
        self._process = game  # type: ignore[assignment]
        self._stdin = game.stdin
        return game  # type: ignore[return-value]

    async def run(self) -> None:
        """Relay the game's output; when the game ends by itself (it quit,
        or a limit ended it) close the tab too, so the page says so instead
        of showing a frozen screen."""
        await super().run()
        with contextlib.suppress(ConnectionError, RuntimeError):
            await self.remote_close()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    async def type(self, text: str) -> None:
        """Keystrokes from the tab, within the size and rate limits."""
        if len(text) <= self.limits.stdin_chars and self.gate.allow(len(text)):
            await self.send_bytes(text.encode("utf-8", "replace"))

    async def resize(self, width: object, height: object) -> None:
        await self.set_terminal_size(*self.clamp(width, height))

    def clamp(self, width: object, height: object) -> tuple[int, int]:
        """A terminal size the game can draw (a tab asking for a million
        columns would make it allocate screens that size)."""

        def cells(value: object, default: int) -> int:
            if isinstance(value, bool) or not isinstance(value, int):
                return default
            return max(1, min(value, self.limits.terminal_cells))

        return cells(width, 80), cells(height, 24)

    async def stop(self) -> None:
        """Ask the game to quit, then end its process group; always returns,
        and always removes the tab's data folder."""
        process, task = self._process, self._task
        self._task = None
        try:
            if process is None:
                return
            if task is not None:
                await self._download_manager.cancel_app_downloads(
                    app_service_id=self.app_service_id
                )
                await self.send_meta({"type": "quit"})
            if not await _exits(process, QUIT_GRACE_S):
                _signal_group(process.pid, signal.SIGTERM)
                if not await _exits(process, TERM_GRACE_S):
                    _signal_group(process.pid, signal.SIGKILL)
                    await process.wait()
            _signal_group(process.pid, signal.SIGKILL)  # anything the game left behind
            if task is not None:
                await _exits_task(task)
        finally:
            shutil.rmtree(self.home, ignore_errors=True)


async def _exits(process: asyncio.subprocess.Process, seconds: float) -> bool:
    try:
        await asyncio.wait_for(asyncio.shield(process.wait()), seconds)
    except TimeoutError:
        return False
    return True


async def _exits_task(task: asyncio.Task[None]) -> None:
    """The relay task ends when the game's output closes; cancel it if the
    game's children still hold it open."""
    try:
        await asyncio.wait_for(asyncio.shield(task), QUIT_GRACE_S)
    except TimeoutError:
        task.cancel()


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signum)
