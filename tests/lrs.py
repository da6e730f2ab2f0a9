"""A throwaway learning record store for the xAPI tests: Ralph
(``ralph-malph`` on PyPI) with its file-system backend, on a free loopback
port, its data and credentials in a temp folder.

Ralph lives in a virtual environment of its own, so its pins (FastAPI,
pydantic, httpx...) never meet ours: .ci/run creates it at
``.venv-ralph`` in the repository (``LOCUS_RALPH`` may name another
Ralph's Python). By hand::

    python3 -m venv .venv-ralph
    .venv-ralph/bin/pip install 'ralph-malph[cli,lrs]==5.1.0' requests

The server is Ralph's own app (``ralph.api:app``) under uvicorn, as
``ralph runserver`` starts it but without its file-watching reloader (one
process, which the tests stop and start again to take the LRS down). One
fix is made first: Ralph 5.1's file-system backend writes each POST with
the ``create`` operation, which refuses to write to the statements file once
it exists, so every POST after the first failed with 500; it appends here,
as a file-system LRS must.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import require_component

ROOT = Path(__file__).resolve().parents[1]
PYTHON = Path(os.environ.get("LOCUS_RALPH") or ROOT / ".venv-ralph" / "bin" / "python")
USER, PASSWORD = "locus-teacher", "Lrs-pw-5ecret"
START_PATIENCE_S = 60.0
_credentials: list[bytes] = []  # the auth file `ralph auth` wrote once (it takes seconds)

_LAUNCH = """
import sys
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend
FSLRSBackend.default_operation_type = BaseOperationType.APPEND
import uvicorn
uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def available() -> tuple[bool, str]:
    if not PYTHON.exists():
        return False, (
            f"no Ralph at {PYTHON} (python3 -m venv .venv-ralph && .venv-ralph/bin/pip install "
            "'ralph-malph[cli,lrs]' requests; or set LOCUS_RALPH to its python)"
        )
    check = subprocess.run(
        [str(PYTHON), "-c", "import ralph.api"],
        env={**os.environ, "RALPH_RUNSERVER_BACKEND": "fs"},
        capture_output=True,
        text=True,
    )
    if check.returncode != 0:
        return False, f"{PYTHON} cannot import Ralph's LRS: {check.stderr.strip()[-300:]}"
    return True, ""


@dataclass
class Lrs:
    """One Ralph server; ``stop`` and ``start`` keep its port and its data."""

    folder: Path
    port: int = field(default_factory=_free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/xAPI"

    @property
    def auth(self) -> str:
        return f"{USER}:{PASSWORD}"

    @property
    def store(self) -> Path:
        return self.folder / "store"

    def environment(self) -> dict[str, str]:
        return {
            **os.environ,
            "RALPH_APP_DIR": str(self.folder / "app"),
            "RALPH_RUNSERVER_BACKEND": "fs",
            "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(self.store),
        }

    def create_user(self) -> None:
        auth_file = self.folder / "app" / "auth.json"
        if _credentials:
            auth_file.parent.mkdir(parents=True, exist_ok=True)
            auth_file.write_bytes(_credentials[0])
            return
        subprocess.run(
            [str(PYTHON.parent / "ralph"), "auth", "-u", USER, "-p", PASSWORD, "-s", "all",
             "-M", "mailto:teacher@example.org", "-w"],
            env=self.environment(), check=True, capture_output=True,
        )  # fmt: skip
        _credentials.append(auth_file.read_bytes())

    def start(self) -> None:
        log = (self.folder / "log").open("ab")
        self.process = subprocess.Popen(
            [str(PYTHON), "-c", _LAUNCH, str(self.port)],
            env=self.environment(),
            cwd=self.folder,
            stdout=log,
            stderr=log,
        )
        deadline = time.monotonic() + START_PATIENCE_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Ralph exited: {(self.folder / 'log').read_text()[-2000:]}")
            with (
                contextlib.suppress(OSError),
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=2),
            ):
                return
            time.sleep(0.1)
        raise RuntimeError(f"Ralph did not answer: {(self.folder / 'log').read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def statements(self, **query: str) -> list[dict]:
        """Every statement the LRS holds (matching ``query``), following
        ``more`` links, as the LRS returns them."""
        token = base64.b64encode(self.auth.encode()).decode()
        headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": "1.0.3"}
        address = self.url + "/statements?" + "&".join(f"{k}={v}" for k, v in query.items())
        found: list[dict] = []
        while address:
            request = urllib.request.Request(address, headers=headers)
            with urllib.request.urlopen(request, timeout=10) as response:
                page = json.load(response)
            found += page["statements"]
            more = page.get("more") or ""
            address = f"http://127.0.0.1:{self.port}{more}" if more else ""
        return found


@contextlib.contextmanager
def throwaway_lrs() -> Iterator[Lrs]:
    folder = Path(tempfile.mkdtemp(prefix="locus-lrs-"))
    lrs = Lrs(folder)
    try:
        lrs.store.mkdir()
        lrs.create_user()
        lrs.start()
        yield lrs
    finally:
        lrs.stop()
        shutil.rmtree(folder, ignore_errors=True)


def need_lrs() -> None:
    ok, reason = available()
    require_component("Ralph (the xAPI LRS)", ok, reason)


@pytest.fixture(scope="session")
def ralph() -> Iterator[Lrs]:
    """The session's LRS (tests tell their statements apart by registration)."""
    need_lrs()
    with throwaway_lrs() as lrs:
        yield lrs


@pytest.fixture
def own_ralph() -> Iterator[Lrs]:
    """An LRS of the test's own, for a test that takes it down."""
    need_lrs()
    with throwaway_lrs() as lrs:
        yield lrs
