"""`locus class watch CODE` (and `locus report --live`): the class, live.

A small Textual app of its own (the teacher is not playing): a table of
every student (storyline, scene, progress, score, idle time, with students
idle over three minutes flagged) and the class's mastery bars, refreshed
from the results database every second. Each read runs in a worker thread
with its own connection (game/classroom/live.py), so the screen stays
responsive however many students are writing; nothing here writes.
"""

from __future__ import annotations

import argparse
import contextlib
import time
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static
from textual.widgets.data_table import RowDoesNotExist

from game.classroom.classes import normalise_code
from game.classroom.errors import ClassroomError
from game.classroom.live import EMPTY, LiveSnapshot, LiveStudent, read_snapshot
from game.classroom.table import bar
from game.story.printable import printable

REFRESH_S = 1.0
SORTS = ("name", "progress", "score", "idle")
COLUMNS = ("Student", "Storyline", "Scene", "Progress", "Score", "Idle")


@dataclass(frozen=True, slots=True)
class WatchTarget:
    results: str | None
    class_code: str | None
    title: str
    roster: tuple[str, ...] = ()


class SnapshotRead(Message):
    """A worker finished reading the database."""

    def __init__(self, snapshot: LiveSnapshot, error: str | None = None) -> None:
        super().__init__()
        self.snapshot = snapshot
        self.error = error


class ClassWatchScreen(Screen[None]):
    """The class table and mastery bars; keys in the footer."""

    CSS_PATH = "styles/class_watch.tcss"
    BINDINGS: ClassVar = [
        Binding("s", "sort", "Sort"),
        Binding("f", "filter", "Filter"),
        Binding("i", "idle_only", "Idle only"),
        Binding("enter", "open_student", "Open", priority=True),
        Binding("r", "refresh_now", "Refresh"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, target: WatchTarget) -> None:
        super().__init__()
        self.target = target
        self.snapshot = EMPTY
        self.sort_by = "name"
        self.idle_only = False
        self.filter_text = ""
        self.reads = 0  # snapshots drawn, for tests and the status line

    def compose(self) -> ComposeResult:
        yield Static(printable(self.target.title), id="watch-title")
        yield Static("Reading the results database…", id="watch-status")
        yield Input(placeholder="Filter by name (Esc clears)", id="watch-filter")
        table: DataTable[Text] = DataTable(id="watch-table", cursor_type="row", zebra_stripes=True)
        yield table
        yield Static("", id="watch-mastery")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#watch-table", DataTable)
        for column in COLUMNS:
            table.add_column(column, key=column.lower())
        self.query_one("#watch-filter", Input).display = False
        table.focus()
        self.read_database()
        self.set_interval(REFRESH_S, self.read_database, name="watch-refresh")

    # --- reading ------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="watch-read")
    def read_database(self) -> None:
        from game.classroom.teacher_tools import open_report_db

        try:
            db = open_report_db(self.target.results)
            if db is None:
                self.post_message(SnapshotRead(EMPTY, "No results yet."))
                return
            try:
                snapshot = read_snapshot(db, self.target.class_code, self.target.roster)
            finally:
                db.close()
        except ClassroomError as error:
            self.post_message(SnapshotRead(self.snapshot, str(error)))
            return
        self.post_message(SnapshotRead(snapshot))

    def on_snapshot_read(self, message: SnapshotRead) -> None:
        self.snapshot = message.snapshot
        self.reads += 1
        self._draw(message.error)

    # --- drawing ------------------------------------------------------------------

    def shown_students(self) -> list[LiveStudent]:
        """The students shown, filtered and sorted as the teacher chose."""
        wanted = self.filter_text.casefold()
        shown = [
            s
            for s in self.snapshot.students
            if wanted in s.student.casefold() and (s.idle or not self.idle_only)
        ]
        keys = {
            "name": lambda s: s.key,
            "progress": lambda s: (-s.progress, s.key),
            "score": lambda s: (-(s.score_percent or -1.0), s.key),
            "idle": lambda s: (-(s.idle_s if s.idle_s is not None else -1.0), s.key),
        }
        return sorted(shown, key=keys[self.sort_by])

    def _draw(self, error: str | None) -> None:
        table = self.query_one("#watch-table", DataTable)
        selected = self._selected_key()
        table.clear()
        for student in self.shown_students():
            table.add_row(*_cells(student), key=student.key)
        if selected is not None:
            with contextlib.suppress(RowDoesNotExist):  # filtered out: the cursor stays put
                table.move_cursor(row=table.get_row_index(selected), animate=False)
        counts = self.snapshot.counts
        summary = " · ".join(f"{n} {label}" for label, n in counts.items())
        when = time.strftime("%H:%M:%S", time.localtime(self.snapshot.read_at or time.time()))
        view = f"by {self.sort_by}" + (" · idle only" if self.idle_only else "")
        if self.filter_text:
            view += f" · filter '{self.filter_text}'"
        status = f"{summary} · {view} · {when}"
        if error:
            status = f"{error} · {status}"
        self.query_one("#watch-status", Static).update(Text(printable(status)))
        self.query_one("#watch-mastery", Static).update(_mastery(self.snapshot))

    def _selected_key(self) -> str | None:
        table = self.query_one("#watch-table", DataTable)
        if not table.row_count:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return None if row_key.value is None else str(row_key.value)

    # --- keys ----------------------------------------------------------------------

    def action_sort(self) -> None:
        self.sort_by = SORTS[(SORTS.index(self.sort_by) + 1) % len(SORTS)]
        self._draw(None)

    def action_idle_only(self) -> None:
        self.idle_only = not self.idle_only
        self._draw(None)

    def action_filter(self) -> None:
        box = self.query_one("#watch-filter", Input)
        box.display = True
        box.focus()

    def action_clear_filter(self) -> None:
        box = self.query_one("#watch-filter", Input)
        box.value = ""
        box.display = False
        self.filter_text = ""
        self.query_one("#watch-table", DataTable).focus()
        self._draw(None)

    def action_refresh_now(self) -> None:
        self.read_database()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.filter_text = event.value.strip()
        self._draw(None)

    def action_open_student(self) -> None:
        box = self.query_one("#watch-filter", Input)
        if box.has_focus:  # Enter in the filter box: back to the table
            self.query_one("#watch-table", DataTable).focus()
            return
        key = self._selected_key()
        if key is not None:
            self._open(key)

    def _open(self, key: str) -> None:
        from game.tui.screens.class_student import ClassStudentScreen

        student = next((s for s in self.snapshot.students if s.key == key), None)
        if student is not None:
            self.app.push_screen(ClassStudentScreen(self.target, student))


def _cells(s: LiveStudent) -> tuple[Text, ...]:
    if not s.started:
        progress, score, idle = "not started", "—", "—"
    else:
        progress = "finished" if s.finished else f"{s.storylines_done}/{s.storylines_total}"
        score = "—" if s.score_percent is None else f"{s.score_percent:.0f}%"
        idle = "—" if s.finished else _ago(s.idle_s or 0.0)
    idle_cell = Text(f"IDLE {idle}" if s.idle else idle, style="bold reverse" if s.idle else "")
    return (
        Text(printable(s.student)),
        Text(printable(s.storyline or "—")),
        Text(printable(s.scene or "—")),
        Text(progress),
        Text(score),
        idle_cell,
    )


def _ago(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    if minutes >= 60:
        return f"{minutes // 60}h{minutes % 60:02d}m"
    return f"{minutes}m{secs:02d}s"


def _mastery(snapshot: LiveSnapshot) -> Text:
    """The class's mastery per objective, as bars that fill in as they play."""
    if not snapshot.objectives:
        return Text("Class mastery: no quiz answered yet.")
    width = max(len(o.objective) for o in snapshot.objectives)
    lines = ["Class mastery (correct first tries / first tries)"]
    for o in snapshot.objectives:
        share = f"{o.percent:3.0f}%  {o.correct}/{o.attempts}"
        lines.append(f"{o.objective:<{width}}  {bar(o.percent, 20)} {share}")
    return Text(printable("\n".join(lines)))


class ClassWatchApp(App[None]):
    """The live class view as an app of its own."""

    TITLE = "Locus · class watch"

    def __init__(self, target: WatchTarget) -> None:
        super().__init__()
        self.target = target

    def on_mount(self) -> None:
        self.push_screen(ClassWatchScreen(self.target))


def watch_target(results: str | None, class_code: str | None) -> WatchTarget:
    """Check the class before the screen opens: a wrong code is a message."""
    from game.classroom.teacher_tools import class_scope, open_report_db

    if class_code is None:
        return WatchTarget(results, None, "All students, live")
    db = open_report_db(results)
    if db is None:
        raise ClassroomError(f"There is no class '{class_code}': no results database yet.")
    try:
        scope = class_scope(db, class_code)
    finally:
        db.close()
    assert scope is not None
    return WatchTarget(results, scope.code, f"{scope.name} ({scope.code}), live", scope.roster)


def run(args: argparse.Namespace) -> int:
    """`locus class watch CODE` and `locus report --live [--class CODE]`."""
    code = getattr(args, "code", None) or getattr(args, "class_code", None)
    return run_watch(args.results, normalise_code(code) if code else None)


def run_watch(results: str | None, class_code: str | None) -> int:
    import sys

    try:
        target = watch_target(results, class_code)
    except ClassroomError as error:
        print(printable(f"locus: {error}"), file=sys.stderr)
        return 1
    ClassWatchApp(target).run()
    return 0
