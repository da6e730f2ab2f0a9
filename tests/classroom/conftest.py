"""Shared fixtures: the mini pack, and a results database in a temp folder
(with LOCUS_HOME and LOCUS_RESULTS pointed away from the real user's data)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.classroom.lesson_helpers import FakeClock
from tests.lrs import own_ralph, ralph  # noqa: F401 (fixtures: Ralph, a real xAPI LRS)
from tests.pg import Server, need_server, pg_server  # noqa: F401 (pg_server is a fixture)

MINI = Path(__file__).resolve().parents[1] / "packs" / "mini"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LOCUS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("LOCUS_RESULTS", raising=False)


@pytest.fixture(scope="session")
def story():
    from game.story.loader import load_pack

    result = load_pack(MINI)
    assert result.story is not None, result.diagnostics
    return result.story


@pytest.fixture
def results(tmp_path: Path) -> str:
    return str(tmp_path / "results.db")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_results(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh results database on each engine: an SQLite file, then an
    empty database on the throwaway PostgreSQL server (tests/pg.py)."""
    if request.param == "sqlite":
        return str(tmp_path / "results.db")
    server: Server | None = request.getfixturevalue("pg_server")
    return need_server(server).new_database()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
