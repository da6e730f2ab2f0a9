"""What the live class view shows, read from the results database.

One snapshot is a few small queries over the summary tables (each student's
latest session, first-try points, objective totals), so the view can take
one every second while sixty students write: WAL readers never block them.
Kept free of Textual so it is tested on its own, and the screen only draws.
"""

from __future__ import annotations

import sqlite3
import time
from dataclasses import dataclass

from game.classroom import queries
from game.classroom.results_db import ResultsDB
from game.classroom.scoring import percent
from game.classroom.students import student_key

IDLE_AFTER_S = 180.0  # a student with no step for 3 minutes is flagged idle


@dataclass(frozen=True, slots=True)
class LiveStudent:
    key: str
    student: str
    lesson: str
    storyline: str  # its title; "" before the first step
    scene: str  # its title
    storylines_done: int
    storylines_total: int
    finished: bool
    score_percent: float | None  # None: no quiz answered yet
    idle_s: float | None  # None: not started
    started: bool = True

    @property
    def idle(self) -> bool:
        return self.idle_s is not None and not self.finished and self.idle_s > IDLE_AFTER_S

    @property
    def progress(self) -> float:
        if not self.started or not self.storylines_total:
            return 0.0
        return self.storylines_done / self.storylines_total


@dataclass(frozen=True, slots=True)
class LiveObjective:
    objective: str
    title: str
    correct: int
    attempts: int

    @property
    def percent(self) -> float:
        return percent(self.correct, self.attempts)


@dataclass(frozen=True, slots=True)
class LiveSnapshot:
    students: tuple[LiveStudent, ...]
    objectives: tuple[LiveObjective, ...]
    read_at: float

    @property
    def counts(self) -> dict[str, int]:
        started = [s for s in self.students if s.started]
        return {
            "playing": sum(not s.finished and not s.idle for s in started),
            "idle": sum(s.idle for s in started),
            "finished": sum(s.finished for s in started),
            "not started": len(self.students) - len(started),
        }


EMPTY = LiveSnapshot((), (), 0.0)


def read_snapshot(
    db: ResultsDB, class_code: str | None, roster: tuple[str, ...] = (), now: float | None = None
) -> LiveSnapshot:
    """Everyone's state now; roster students who have not started are listed too."""
    moment = time.time() if now is None else now

    def load(
        conn: sqlite3.Connection,
    ) -> tuple[
        list[queries.LiveRow], list[tuple[str, str, int, int]], dict[tuple[str, str, str], str]
    ]:
        return (
            queries.live_rows(conn, class_code),
            queries.live_mastery(conn, class_code),
            queries.load_titles(conn),
        )

    rows, mastery, titles = db.read(load)
    students = [
        LiveStudent(
            key=row.student_key,
            student=row.student,
            lesson=row.lesson,
            storyline=titles.get((row.pack, "storyline", row.storyline or ""), row.storyline or ""),
            scene=titles.get((row.pack, "scene", row.scene or ""), row.scene or ""),
            storylines_done=row.storylines_done,
            storylines_total=row.storylines_total,
            finished=row.finished,
            score_percent=percent(row.points, row.possible) if row.possible else None,
            idle_s=max(0.0, moment - row.updated_at),
        )
        for row in rows
    ]
    seen = {s.key for s in students}
    for name in roster:
        if student_key(name) not in seen:
            students.append(
                LiveStudent(student_key(name), name, "", "", "", 0, 0, False, None, None, False)
            )
    objectives = tuple(
        LiveObjective(objective, titles.get((pack, "objective", objective), ""), correct, count)
        for pack, objective, correct, count in mastery
    )
    students.sort(key=lambda s: s.key)
    return LiveSnapshot(tuple(students), objectives, moment)
