"""The game window plays a lesson with --xapi: its steps reach the LRS
(Ralph, tests/lrs.py) as statements, as plain mode's do."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.classroom.xapi.target import AUTH_ENV
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.play import PlayScreen
from tests.classroom.lesson_helpers import query
from tests.classroom.test_xapi_lrs import _wait_until_sent
from tests.lrs import Lrs
from tests.tui.tui_helpers import build_app, wait_for


async def test_a_lesson_in_the_game_window_sends_its_statements(
    tmp_path: Path, ralph: Lrs, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(AUTH_ENV, ralph.auth)
    results = str(tmp_path / "results.db")
    app = build_app(lesson="woods_lesson", student="Ada L", results=results, xapi=ralph.url)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("1", "1", "1")  # shortcut, back away, right answer
        await pilot.pause()
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        await pilot.press("n")
    _wait_until_sent(results)
    queued = [row[0] for row in query(results, "SELECT statement FROM xapi_outbox ORDER BY seq")]
    registration = json.loads(queued[0])["context"]["registration"]
    stored = ralph.statements(registration=registration)
    assert sorted(s["id"] for s in stored) == sorted(json.loads(q)["id"] for q in queued)
    assert stored and all("Ada" not in json.dumps(s) for s in stored)
    assert {s["verb"]["id"].rpartition("/")[2] for s in stored} >= {"answered", "passed"}
