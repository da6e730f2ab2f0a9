"""One student, opened from the live class view: where they are and every
answer they gave, with the feedback the game showed them."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from game.classroom.errors import ClassroomError
from game.classroom.live import LiveStudent
from game.story.printable import printable

if TYPE_CHECKING:
    from game.tui.class_watch import WatchTarget


class ClassStudentScreen(ModalScreen[None]):
    CSS_PATH = "../styles/class_watch.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "dismiss_screen", "Back"),
        Binding("q", "dismiss_screen", "Back", show=False),
    ]

    def __init__(self, target: WatchTarget, student: LiveStudent) -> None:
        super().__init__()
        self.target = target
        self.student = student

    def compose(self) -> ComposeResult:
        s = self.student
        where = (
            "has not started yet"
            if not s.started
            else f"{s.storyline or '—'} · {s.scene or '—'} · "
            + ("finished" if s.finished else f"{s.storylines_done}/{s.storylines_total} storylines")
        )
        with VerticalScroll(id="student-dialog"):
            yield Static(Text(printable(s.student), style="bold"), id="student-name")
            yield Static(Text(printable(where)), id="student-where")
            yield Static(Text("Reading answers…"), id="student-answers")
        yield Footer()

    def on_mount(self) -> None:
        self.read_answers()

    @work(thread=True, exclusive=True)
    def read_answers(self) -> None:
        from game.classroom import queries
        from game.classroom.teacher_tools import open_report_db

        try:
            db = open_report_db(self.target.results)
            if db is None:
                return
            try:
                answers, questions = db.read(
                    lambda conn: (
                        queries.answers(
                            conn, class_code=self.target.class_code, student_key=self.student.key
                        ),
                        queries.load_questions(conn),
                    )
                )
            finally:
                db.close()
        except ClassroomError as error:
            self.app.call_from_thread(self._show, str(error))
            return
        lines: list[str] = []
        for number, a in enumerate(answers, 1):
            question = questions.get((a.pack, a.scene))
            lines.append(f"{number}. {question.question if question else a.scene}")
            lines.append(f"   {a.text} ({'right' if a.correct else 'wrong'})")
            if a.feedback:
                lines.append(f"   {a.feedback}")
        self.app.call_from_thread(self._show, "\n".join(lines) or "No answers yet.")

    def _show(self, text: str) -> None:
        self.query_one("#student-answers", Static).update(Text(printable(text)))

    def action_dismiss_screen(self) -> None:
        self.dismiss(None)
