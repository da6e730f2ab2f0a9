"""A throwaway PostgreSQL server for the results-database tests.

Debian's PostgreSQL binaries (.ci/run installs them in CI) run a fresh
cluster in a temp folder on a free loopback port, stopped when the test
session ends. initdb refuses to run as root, and CI runs as root, so the
server then runs as the ``postgres`` system user. Each test gets a database
of its own; the superuser signs in with a password, so tests can also give a
wrong one.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import require_component


def _newest_bin() -> Path:
    """Debian's server binaries, of the newest PostgreSQL installed."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parts[-3]))
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


BIN = Path(os.environ["LOCUS_PG_BIN"]) if "LOCUS_PG_BIN" in os.environ else _newest_bin()
PASSWORD = "s3cret-Pw"
_names = itertools.count(1)


@dataclass(frozen=True)
class Server:
    port: int

    def url(self, database: str, password: str = PASSWORD) -> str:
        return f"postgresql://postgres:{password}@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database; its URL."""
        import psycopg

        name = f"t{os.getpid()}_{next(_names)}"
        with psycopg.connect(self.url("postgres"), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_server_user(argv: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", "postgres", "--", *argv]


def _available() -> tuple[bool, str]:
    if not (BIN / "initdb").exists():
        return False, f"no PostgreSQL binaries in {BIN} (apt-get install postgresql)"
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return False, "psycopg is not installed (pip install -e '.[test]')"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return False, "running as root and there is no postgres system user"
    return True, ""


@contextlib.contextmanager
def throwaway_server() -> Iterator[Server]:
    folder = Path(tempfile.mkdtemp(prefix="locus-pg-"))
    folder.chmod(0o755)
    data, sockets, pwfile = folder / "data", folder / "sockets", folder / "pw"
    sockets.mkdir()
    pwfile.write_text(PASSWORD + "\n")
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        for path in (folder, sockets, pwfile):
            os.chown(path, user.pw_uid, user.pw_gid)
    port = _free_port()
    run = lambda *argv: subprocess.run(  # noqa: E731
        _as_server_user([str(a) for a in argv]), check=True, capture_output=True, text=True
    )
    try:
        run(BIN / "initdb", "-D", data, "-U", "postgres", "--auth=scram-sha-256",
            f"--pwfile={pwfile}", "-E", "UTF8", "--no-sync")  # fmt: skip
        options = f"-k {sockets} -h 127.0.0.1 -p {port} -c fsync=off -c max_connections=100"
        run(BIN / "pg_ctl", "-D", data, "-o", options, "-l", folder / "log", "-w", "start")
        try:
            yield Server(port)
        finally:
            run(BIN / "pg_ctl", "-D", data, "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server | None]:
    """The session's server, or None when PostgreSQL is not installed here."""
    available, _ = _available()
    if not available:
        yield None
        return
    with throwaway_server() as server:
        yield server


def need_server(server: Server | None) -> Server:
    available, reason = _available()
    require_component("PostgreSQL", available and server is not None, reason)
    assert server is not None
    return server
