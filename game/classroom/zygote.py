"""`locus serve`'s handle on its warm parent: games forked, not started.

Started afresh, every browser tab's game starts Python, imports Textual and
the game, and loads the pack: about a second and a half of CPU each, so a
class of 30 joining at once queues for 45 s of CPU on two cores, and each
game holds its own copy of all of it. Instead the server starts one parent
(``python -m game.warm``, game/warm.py) that does that work once, then forks
a game for each tab: the fork is ready in milliseconds, and the pages of
the imported code and the loaded pack are shared by every game until one
writes to them.

The parent and the server talk over a private socket pair (SOCK_SEQPACKET:
one request, one message): the server sends the tab's command line, its
environment and its limits, with the three pipe ends that become the
game's stdin, stdout and stderr; the parent answers with the game's process
id. The game is then the tab's process as an exec'd one would be: its own
session and process group, its limits set before any of its code runs, its
own data folder. It is the parent's child, so the server follows its end
through a pidfd (``ForkedGame.wait``).

Anything that goes wrong with the parent (it could not start, or died)
makes ``spawn`` raise ``ZygoteError``, and the tab starts its game the old
way; the class goes on.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Mapping, Sequence

READY = b"ready"
START_TIMEOUT_S = 120.0  # to import and load the pack on a busy machine
REPLY_TIMEOUT_S = 30.0
MESSAGE_BYTES = 1 << 20  # the largest request (an environment is a few KB)


class ZygoteError(Exception):
    """The warm parent cannot fork a game (it is gone, or answered nonsense)."""


class Zygote:
    """The server's end of the warm parent; ``spawn`` is safe from threads."""

    def __init__(self, process: subprocess.Popen[bytes], channel: socket.socket) -> None:
        self.process = process
        self.channel = channel
        self.gone = False  # it failed once: every later tab starts its game afresh
        self._lock = threading.Lock()

    @classmethod
    def start(cls, command: Sequence[str], environment: Mapping[str, str]) -> Zygote:
        """Start the parent for ``command`` (what each tab runs), in the
        environment every game shares, and wait until it is warm."""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            process = subprocess.Popen(
                [sys.executable, "-m", "game.warm", str(theirs.fileno()), *command],
                pass_fds=(theirs.fileno(),),
                stdin=subprocess.DEVNULL,
                env=dict(environment),
            )
        except OSError as error:
            ours.close()
            raise ZygoteError(f"cannot start: {error}") from None
        finally:
            theirs.close()
        zygote = cls(process, ours)
        ours.settimeout(START_TIMEOUT_S)
        try:
            if ours.recv(len(READY)) != READY:
                raise ZygoteError("it ended while warming up")
        except (OSError, ZygoteError):
            zygote.stop()
            raise ZygoteError("it did not warm up") from None
        ours.settimeout(REPLY_TIMEOUT_S)
        return zygote

    def spawn(
        self,
        command: Sequence[str],
        environment: Mapping[str, str],
        *,
        memory: int,
        cpu_seconds: int,
    ) -> tuple[int, int, int, int]:
        """Fork a game; returns (pid, its stdin to write, its stdout and its
        stderr to read), file descriptors the caller owns."""
        if self.gone:
            raise ZygoteError("it is gone")
        pipes = [os.pipe() for _ in range(3)]
        theirs = [pipes[0][0], pipes[1][1], pipes[2][1]]
        ours = [pipes[0][1], pipes[1][0], pipes[2][0]]
        request = json.dumps(
            {
                "command": list(command),
                "environment": dict(environment),
                "memory": memory,
                "cpu_seconds": cpu_seconds,
            }
        ).encode()
        try:
            with self._lock:
                socket.send_fds(self.channel, [request], theirs)
                reply = self.channel.recv(MESSAGE_BYTES)
            pid = int(json.loads(reply)["pid"])
        except (OSError, ValueError, KeyError, TypeError) as error:
            for fd in ours:
                os.close(fd)
            self.gone = True
            self.process.poll()  # collect it, if it died
            raise ZygoteError(f"no game forked: {error or 'the parent is gone'}") from None
        finally:
            for fd in theirs:
                os.close(fd)
        return pid, *ours  # type: ignore[return-value]

    def stop(self) -> None:
        """Close the channel (the parent ends when it reads the close) and
        wait for it; the games it forked are the server's to end."""
        self.channel.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class ForkedGame:
    """A forked game with the face of ``asyncio.subprocess.Process`` that
    textual-serve's relay uses: ``pid``, ``stdin``, ``stdout``, ``stderr``
    and ``wait()``. It is not our child, so its end is read from a pidfd, and
    its exit status is the parent's to collect: ``wait`` returns nothing."""

    def __init__(
        self,
        pid: int,
        stdin: asyncio.StreamWriter,
        stdout: asyncio.StreamReader,
        stderr: asyncio.StreamReader,
    ) -> None:
        self.pid = pid
        self.stdin = stdin
        self.stdout = stdout
        self.stderr = stderr
        self._ended = asyncio.get_running_loop().create_future()
        self._watch()

    @classmethod
    async def open(cls, pid: int, stdin: int, stdout: int, stderr: int) -> ForkedGame:
        loop = asyncio.get_running_loop()
        readers = []
        for fd in (stdout, stderr):
            reader = asyncio.StreamReader(limit=2**20)
            await loop.connect_read_pipe(
                lambda r=reader: asyncio.StreamReaderProtocol(r),  # type: ignore[misc]
                os.fdopen(fd, "rb", buffering=0),
            )
            readers.append(reader)
        transport, protocol = await loop.connect_write_pipe(
            lambda: asyncio.StreamReaderProtocol(asyncio.StreamReader()),
            os.fdopen(stdin, "wb", buffering=0),
        )
        writer = asyncio.StreamWriter(transport, protocol, None, loop)
        return cls(pid, writer, readers[0], readers[1])

    def _watch(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            pidfd = os.pidfd_open(self.pid)
        except ProcessLookupError:
            self._ended.set_result(None)
            return

        def ended() -> None:
            loop.remove_reader(pidfd)
            os.close(pidfd)
            self.stdin.close()  # its output pipes close themselves at their end
            if not self._ended.done():
                self._ended.set_result(None)

        loop.add_reader(pidfd, ended)

    async def wait(self) -> None:
        await asyncio.shield(self._ended)
