"""Joining a class in the Textual app: the roster picker narrows as the
student types, Enter picks, and the lesson is filed under the class."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual.widgets import Input, OptionList

from game.cli import main
from game.tui.screens.dialogs import StudentScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.roster import RosterScreen
from tests.tui.tui_helpers import AppFactory, wait_for


def _class(results: Path, *names: str) -> str:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["class", "create", "7B", "--results", str(results)]) == 0
    code = out.getvalue().split("join code ")[1].split()[0]
    if names:
        with contextlib.redirect_stdout(io.StringIO()):
            assert main(["class", "add", code, *names, "--results", str(results)]) == 0
    return code


async def test_a_student_picks_their_name_from_the_roster(
    make_app: AppFactory, tmp_path: Path
) -> None:
    results = tmp_path / "results.db"
    code = _class(results, "Ana Lima", "Ben Okafor", "Bea Cruz")
    app = make_app(lesson="woods_lesson", results=str(results), class_code=code)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, RosterScreen))
        names = app.screen.query_one("#roster", OptionList)
        assert names.option_count == 3
        await pilot.press("b", "e")  # narrows to Bea Cruz and Ben Okafor (roster order)
        await pilot.pause()
        assert app.screen.query_one("#roster-filter", Input).value == "be"
        assert names.option_count == 2
        await pilot.press("down", "enter")  # the second match
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.controller.lesson is not None and app.controller.lesson.student == "Ben Okafor"
    with sqlite3.connect(results) as db:
        assert db.execute("SELECT student, class_code FROM sessions").fetchall() == [
            ("Ben Okafor", code)
        ]


async def test_without_a_roster_the_student_types_a_name(
    make_app: AppFactory, tmp_path: Path
) -> None:
    results = tmp_path / "results.db"
    code = _class(results)
    app = make_app(lesson="woods_lesson", results=str(results), class_code=code.lower())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, StudentScreen))
        await pilot.press(*"Zoe", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.controller.lesson is not None and app.controller.lesson.student == "Zoe"
    with sqlite3.connect(results) as db:
        assert db.execute("SELECT class_code FROM sessions").fetchall() == [(code,)]


async def test_a_wrong_code_is_a_notice_not_a_crash(make_app: AppFactory, tmp_path: Path) -> None:
    results = tmp_path / "results.db"
    _class(results)
    app = make_app(lesson="woods_lesson", results=str(results), class_code="NOPE99")
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: bool(app._notifications))
        [notice] = list(app._notifications)
        assert "There is no class 'NOPE99'" in notice.message
        assert app.controller.lesson is None
