"""The live class view with the Pilot: it fills in while 30 student
processes write, stays responsive (keys act between reads), sorts, filters,
flags idle students and opens one."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from textual.widgets import DataTable

from game.classroom.live import IDLE_AFTER_S
from game.classroom.session import open_lesson
from game.engine.machine import Game
from game.tui.class_watch import ClassWatchApp, ClassWatchScreen, watch_target
from game.tui.screens.class_student import ClassStudentScreen
from tests.tui.tui_helpers import MINI, wait_for

WRITERS = 30
ROOT = Path(__file__).resolve().parents[2]


def _class(results: Path, names: list[str]) -> str:
    import contextlib
    import io

    from game.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["class", "create", "7B", "--results", str(results)]) == 0
        code = out.getvalue().split("join code ")[1].split()[0]
        if names:
            assert main(["class", "add", code, *names, "--results", str(results)]) == 0
    return code


def _screen(app: ClassWatchApp) -> ClassWatchScreen:
    assert isinstance(app.screen, ClassWatchScreen)
    return app.screen


def _names(app: ClassWatchApp) -> list[str]:
    table = app.screen.query_one("#watch-table", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


async def test_the_view_fills_in_while_thirty_students_write(tmp_path: Path) -> None:
    results = tmp_path / "results.db"
    names = [f"Student {n:02d}" for n in range(WRITERS)]
    code = _class(results, [*names, "Late Comer"])
    stop = tmp_path / "stop"
    writer = str(Path(__file__).with_name("watch_writer.py"))
    procs = [
        subprocess.Popen(
            [sys.executable, writer, str(results), code, name, str(stop)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for name in names
    ]
    try:
        app = ClassWatchApp(watch_target(str(results), code))
        async with app.run_test(size=(100, 40)) as pilot:
            await wait_for(pilot, lambda: isinstance(app.screen, ClassWatchScreen))
            screen = _screen(app)
            await wait_for(pilot, lambda: screen.reads >= 1)
            assert len(_names(app)) == WRITERS + 1  # everyone on the roster, started or not

            def all_started() -> bool:
                return sum(s.started for s in screen.snapshot.students) == WRITERS

            await wait_for(pilot, all_started, timeout=180)
            # Reads keep coming while they write, and keys act between them.
            reads = screen.reads
            await wait_for(pilot, lambda: screen.reads >= reads + 3, timeout=60)
            await pilot.press("s")  # by progress
            assert screen.sort_by == "progress"
            await pilot.press("s", "s")  # by idle time
            assert screen.sort_by == "idle"
            await pilot.press("f", *"late")
            await wait_for(pilot, lambda: _names(app) == ["Late Comer"])
            assert "not started" in str(
                app.screen.query_one("#watch-table", DataTable).get_row_at(0)[3]
            )
            await pilot.press("escape")
            await wait_for(pilot, lambda: len(_names(app)) == WRITERS + 1)
            mastery = str(app.screen.query_one("#watch-mastery").render())
            assert "ne_heart" in mastery and "/" in mastery
            await pilot.press("enter")
            await wait_for(pilot, lambda: isinstance(app.screen, ClassStudentScreen))
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, ClassWatchScreen))
    finally:
        stop.touch()
        for proc in procs:
            proc.wait(timeout=120)
    errors = [p.stderr.read().decode() for p in procs if p.stderr and p.returncode]
    assert not errors, errors[0]


async def test_idle_students_are_flagged_and_can_be_shown_alone(tmp_path: Path) -> None:
    from game.story.loader import load_pack

    story = load_pack(MINI).story
    results = tmp_path / "results.db"
    code = _class(results, ["Ana", "Ben"])
    now = time.time()
    for name, last_step in (("Ana", now - IDLE_AFTER_S - 60), ("Ben", now)):
        with open_lesson(
            story, "woods_lesson", name, str(results), class_code=code, clock=lambda t=last_step: t
        ) as session:
            game = Game.start(story, storyline=session.first_storyline())
            session.observe(game, game.last_events)
            game = game.act(1)
            session.observe(game, game.last_events)
    app = ClassWatchApp(watch_target(str(results), code))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, ClassWatchScreen))
        screen = _screen(app)
        await wait_for(pilot, lambda: screen.reads >= 1)
        table = app.screen.query_one("#watch-table", DataTable)
        assert str(table.get_row_at(0)[5]).startswith("IDLE 4m")  # Ana: over three minutes
        assert not str(table.get_row_at(1)[5]).startswith("IDLE")
        assert str(table.get_row_at(0)[2]) == "The Bear"  # the scene by its title
        assert "1 idle" in str(app.screen.query_one("#watch-status").render())
        await pilot.press("i")
        await wait_for(pilot, lambda: _names(app) == ["Ana"])
        shown = {b.binding.key for b in app.screen.active_bindings.values() if b.binding.show}
        assert {"s", "f", "i", "enter", "r", "q"} <= shown  # every key is in the footer


def test_a_wrong_class_code_is_a_message(tmp_path: Path, capsys) -> None:
    from game.cli import main

    results = tmp_path / "results.db"
    _class(results, [])
    assert main(["class", "watch", "NOPE99", "--results", str(results)]) == 1
    assert "There is no class 'NOPE99'" in capsys.readouterr().err
