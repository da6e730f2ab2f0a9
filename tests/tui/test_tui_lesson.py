"""A classroom lesson in the Textual app, recorded into a temporary results DB."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList

from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.dialogs import LessonScreen, StudentScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.title import TitleScreen
from tests.tui.tui_helpers import AppFactory, scene_text, text_of, wait_for


async def test_lesson_from_the_command_line_to_its_result(
    make_app: AppFactory, tmp_path: Path
) -> None:
    results = tmp_path / "results.db"
    app = make_app(lesson="woods_lesson", student="Ada L", results=str(results))
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.controller.lesson is not None
        status = str(app.screen.query_one("#status").render())
        assert "lesson 1/1" in status and "XP" in status and "level" in status
        assert "The Trail" in scene_text(app)
        await pilot.press("1", "1", "1")  # shortcut, back away, right answer
        await pilot.pause()
        await pilot.press("1")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        result = text_of(app, "#lesson-result")
        assert "PASSED" in result and "pass mark 70%" in result
        assert "1/1 right first time" in result
        assert "n: finish the lesson" in text_of(app, "#next-hint")
        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, TitleScreen))
        assert app.controller.lesson is None
    # The teacher's report reads the same result from the database.
    from game.classroom.report import build_report
    from game.classroom.results_db import ResultsDB

    db = ResultsDB.open_for_reading(str(results))
    try:
        [student] = build_report(db, "woods_lesson").students
    finally:
        db.close()
    assert student.student == "Ada L" and student.finished and student.passed


async def test_lesson_from_the_title_asks_for_the_name(
    make_app: AppFactory, tmp_path: Path
) -> None:
    results = tmp_path / "results.db"
    app = make_app(results=str(results))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        menu = app.screen.query_one("#menu", OptionList)
        menu.highlighted = menu.get_option_index("lessons")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, LessonScreen))
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, StudentScreen))
        await pilot.press(*"Grace", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        assert app.controller.lesson is not None and app.controller.lesson.student == "Grace"
        await pilot.press("1", "1")  # shortcut, back away: the quiz
        await wait_for(pilot, lambda: "Slows it down" in scene_text(app) + _options(app))
        await pilot.press("2")  # the wrong answer
        await wait_for(pilot, lambda: _mastery(results, "Grace")["ne_heart"].attempts == 1)
        app.close_lesson()
    # The wrong first answer is in the results: 0 of 1 right for its objective.
    answered = _mastery(results, "Grace")["ne_heart"]
    assert (answered.correct, answered.attempts) == (0, 1)


def _options(app) -> str:
    from game.tui.widgets.choice_list import ChoiceList

    return " ".join(str(o.prompt) for o in app.screen.query_one(ChoiceList).options)


def _mastery(results: Path, student: str) -> dict:
    """The student's per-objective results, as the teacher's report reads them."""
    from game.classroom.report import build_report
    from game.classroom.results_db import ResultsDB

    db = ResultsDB.open_for_reading(str(results))
    try:
        report = build_report(db, "woods_lesson")
    finally:
        db.close()
    return next((s.mastery for s in report.students if s.student == student), {})


async def test_a_bad_student_name_is_reported_not_raised(
    make_app: AppFactory, tmp_path: Path
) -> None:
    app = make_app(lesson="woods_lesson", student="   ", results=str(tmp_path / "r.db"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await wait_for(pilot, lambda: bool(app._notifications))
        [note] = app._notifications
        assert note.title == "Cannot open the lesson" and note.severity == "error"
        assert "Please type your name" in note.message
        assert app.controller.lesson is None
        assert isinstance(app.screen, TitleScreen)  # nothing started, the title stays


async def test_an_unknown_lesson_is_reported(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(lesson="nope", student="Ada", results=str(tmp_path / "r.db"))
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        assert app.controller.lesson is None
        assert any("nope" in n.message for n in app._notifications)
