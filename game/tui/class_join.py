"""Joining a class in the TUI: the roster picker, or the name dialog when
the class has no roster; then the app's lesson begins under that class."""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.classroom.errors import ClassroomError
from game.classroom.join import JoinedClass, join_class, roster_name
from game.tui.screens.dialogs import StudentScreen
from game.tui.screens.roster import RosterScreen

if TYPE_CHECKING:
    from game.tui.app import LocusApp


def choose_in_class(app: LocusApp, lesson_id: str, student: str | None) -> None:
    """Ask who is playing (``student`` given: check it against the roster)
    and begin ``lesson_id`` in the app's class."""
    assert app.launch.class_code is not None
    try:
        joined = join_class(app.launch.results, app.launch.class_code)
        if student:
            app.begin_lesson(lesson_id, roster_name(joined, student), joined.code)
            return
    except ClassroomError as error:
        app.notify(str(error), title="Cannot join the class", severity="error")
        return

    def picked(name: str | None) -> None:
        if name:
            _begin(app, joined, lesson_id, name)

    if joined.roster:
        app.push_screen(RosterScreen(joined), picked)
    else:
        app.push_screen(StudentScreen(), picked)


def _begin(app: LocusApp, joined: JoinedClass, lesson_id: str, name: str) -> None:
    try:
        app.begin_lesson(lesson_id, roster_name(joined, name), joined.code)
    except ClassroomError as error:
        app.notify(str(error), title="Cannot join the class", severity="error")
