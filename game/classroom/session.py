"""A student's lesson, as the front ends see it: the classroom's public API.

The TUI and the plain front end both drive a lesson the same way::

    session = open_lesson(story, lesson_id, student, results_path)
    game = Game.start(story, storyline=session.first_storyline())
    session.observe(game, game.last_events)      # after EVERY step
    ...
    session.next_storyline(game)                 # after an ending: next, or None
    session.summary(game)                        # for the debrief
    session.close()

``observe`` commits the step's events before it returns, so whatever the
player has seen is on disk. Reopening a lesson with the same student name
resumes the unfinished session: quizzes already answered keep their first
try, and play goes on with the first storyline not yet finished.

Time on task is wall-clock time between observed steps, each gap capped at
IDLE_CAP_S, so a student who walks away for lunch adds two minutes, not an
hour.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.classroom import queries, records
from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB
from game.classroom.scoring import (
    FirstTry,
    has_passed,
    lesson_quiz_scenes,
    level_for,
    mastery,
    percent,
    xp_of,
)
from game.classroom.students import normalise_student, student_key
from game.engine import events as ev

if TYPE_CHECKING:
    from game.classroom.xapi.sender import Sender
    from game.classroom.xapi.statements import Attempt
    from game.classroom.xapi.target import XapiTarget
    from game.engine.events import Event
    from game.engine.machine import Game
    from game.story.model import Lesson, Story

__all__ = ["IDLE_CAP_S", "ClassroomError", "LessonSession", "LessonSummary", "open_lesson"]

IDLE_CAP_S = 120.0


@dataclass(frozen=True, slots=True)
class LessonSummary:
    """The lesson result for the debrief. ``mastery`` maps objective ids to
    (correct first tries, first tries), the lesson's objectives first."""

    passed: bool
    percent: float
    pass_mark: float
    mastery: dict[str, tuple[int, int]]
    xp: int
    level: int
    badges: tuple[str, ...]
    time_on_task_s: float
    finished: bool = False
    storylines_done: int = 0
    storylines_total: int = 0
    earned: int = 0
    possible: int = 0


def open_lesson(
    story: Story,
    lesson_id: str,
    student: str,
    results: str | None,
    *,
    clock: Callable[[], float] = time.time,
    class_code: str | None = None,
    xapi: XapiTarget | None = None,
) -> LessonSession:
    """Start (or resume) ``student``'s session of a lesson, recording into the
    results database at ``results`` (None: ``LOCUS_RESULTS`` or the per-user
    default), in the class ``class_code`` when given, and with ``xapi`` every
    recorded step also as xAPI statements for that LRS (game/classroom/xapi/).
    Raises ClassroomError for an unknown lesson or class, an unusable name or
    a results database that cannot be written."""
    lesson = story.lessons.get(lesson_id)
    if lesson is None:
        known = ", ".join(sorted(story.lessons)) or "none"
        raise ClassroomError(
            f"There is no lesson '{lesson_id}' in {story.title}. Lessons in this pack: {known}."
        )
    name = normalise_student(student)
    has_quizzes = bool(lesson_quiz_scenes(story, lesson))
    db = ResultsDB.open_for_writing(results)
    now = clock()

    def begin(conn: sqlite3.Connection) -> tuple[int, bool, Attempt | None]:
        records.save_lesson(
            conn,
            story.id,
            lesson.id,
            lesson.title,
            lesson.pass_mark,
            lesson.storylines,
            {o: story.objectives.get(o, "") for o in lesson.objectives},
        )
        if class_code is not None and queries.find_class(conn, class_code) is None:
            raise ClassroomError(
                f"There is no class '{class_code}' in {db.path}; check the code with your teacher."
            )
        save_pack_texts(conn, story)
        queries.ensure_secret(conn)
        session_id, resumed = records.open_session(
            conn,
            pack=story.id,
            lesson=lesson.id,
            student=name,
            key=student_key(name),
            now=now,
            storylines_total=len(lesson.storylines),
            has_quizzes=has_quizzes,
            pass_mark=lesson.pass_mark,
            class_code=class_code,
        )
        if xapi is None:
            return session_id, resumed, None
        from game.classroom.xapi import outbox

        return (
            session_id,
            resumed,
            outbox.open_attempt(conn, session_id, xapi, at=now, resumed=resumed),
        )

    try:
        session_id, resumed, attempt = db.write(begin)
    except BaseException:
        db.close()
        raise
    session = LessonSession(lesson, name, db, session_id, resumed, clock)
    if xapi is not None and attempt is not None:
        session.send_statements(xapi, attempt)
    return session


def save_pack_texts(conn: sqlite3.Connection, story: Story) -> None:
    """Keep the pack's titles and quiz wording in the database, so the report,
    the gradebook and the live view show "Calm under fire" rather than an id,
    even where the pack is not installed."""
    pack = story.id
    queries.save_titles(conn, pack, "storyline", {k: v.title for k, v in story.storylines.items()})
    queries.save_titles(conn, pack, "badge", {k: v.title for k, v in story.badges.items()})
    queries.save_titles(conn, pack, "scene", {k: v.title for k, v in story.scenes.items()})
    queries.save_titles(conn, pack, "objective", dict(story.objectives))
    queries.save_questions(
        conn,
        [
            queries.Question(
                pack,
                scene.id,
                scene.quiz.objective,
                scene.quiz.question.source,
                tuple(option.text.source for option in scene.quiz.options),
                scene.quiz.correct_number,
            )
            for scene in story.scenes.values()
            if scene.quiz is not None
        ],
    )


class LessonSession:
    """One student's run through one lesson, recorded as it happens."""

    def __init__(
        self,
        lesson: Lesson,
        student: str,
        db: ResultsDB,
        session_id: int,
        resumed: bool,
        clock: Callable[[], float],
    ) -> None:
        self.lesson = lesson
        self.student = student  # normalised, as stored and reported
        self.resumed = resumed  # True when an unfinished session was picked up again
        self.results_path = db.path
        self._db = db
        self._id = session_id
        self._clock = clock
        self._last: float | None = None
        self._xapi: tuple[XapiTarget, Attempt] | None = None
        self.sender: Sender | None = None  # posts the statements, with --xapi

    def send_statements(self, target: XapiTarget, attempt: Attempt) -> None:
        """From now on, queue every step's statements for ``target`` with the
        step, and post them in the background."""
        from game.classroom.xapi.sender import Sender

        self._xapi = (target, attempt)
        self.sender = Sender(self._db, target)
        self.sender.wake()  # the lesson's first statement is queued already

    def observe(self, game: Game, events: tuple[Event, ...]) -> None:
        """Record one step (the start, or an act) and commit it at once."""
        now = self._clock()
        gap = 0.0 if self._last is None else min(max(now - self._last, 0.0), IDLE_CAP_S)
        self._last = now
        storyline = game.state.storyline
        if storyline not in self.lesson.storylines:
            storyline = None
        endings = [(e.scene, e.ending_kind) for e in events if isinstance(e, ev.EndingReached)]
        step = records.RecordedStep(
            at=now,
            storyline=storyline,
            events=records.event_rows(events),
            answers=records.answers_in(events),
            xp=xp_of(game.state),
            ended=game.ended,
            ending=endings[0] if endings else None,
            badges=tuple(game.state.badges),
            time_on_task=gap,
            scene=game.state.scene,
        )
        self._db.write(lambda conn: self._record(conn, step))
        if self.sender is not None:
            self.sender.wake()

    def _record(self, conn: sqlite3.Connection, step: records.RecordedStep) -> None:
        """The step, and with xAPI its statements, in one transaction."""
        if self._xapi is None:
            records.record_step(conn, self._id, step)
            return
        from game.classroom.xapi import outbox

        target, attempt = self._xapi
        after = outbox.last_event(conn, self._id)
        records.record_step(conn, self._id, step)
        outbox.queue_step(conn, attempt, target.endpoint, after, step.at)

    def first_storyline(self) -> str:
        """Where to begin: the first of the lesson's storylines not finished
        yet (all of them are, only when a finished session is reopened)."""
        done = self._db.read(lambda conn: records.ended_storylines(conn, self._id))
        return next((s for s in self.lesson.storylines if s not in done), self.lesson.storylines[0])

    def next_storyline(self, game: Game) -> str | None:
        """After an ending: the next of the lesson's storylines still to play,
        in the lesson's order, or None when the lesson is done."""
        done = set(self._db.read(lambda conn: records.ended_storylines(conn, self._id)))
        if game.ended and game.state.storyline:
            done.add(game.state.storyline)
        return next((s for s in self.lesson.storylines if s not in done), None)

    def summary(self, game: Game) -> LessonSummary:
        """The lesson result so far, from what the database holds (the one
        truth shared with the teacher report)."""

        def load(conn: sqlite3.Connection) -> tuple[records.SessionRow, list[FirstTry]]:
            return records.session_row(conn, self._id), records.first_tries(conn, self._id)

        row, tries = self._db.read(load)
        earned = sum(t.points for t in tries)
        possible = sum(t.possible for t in tries)
        score = percent(earned, possible) if row.has_quizzes else (100.0 if row.finished else 0.0)
        level, _, _ = level_for(row.xp)
        return LessonSummary(
            passed=has_passed(row.finished, earned, possible, row.pass_mark, row.has_quizzes),
            percent=score,
            pass_mark=row.pass_mark,
            mastery=mastery(tries, self.lesson.objectives),
            xp=row.xp,
            level=level,
            badges=row.badges,
            time_on_task_s=row.time_on_task,
            finished=row.finished,
            storylines_done=row.storylines_done,
            storylines_total=row.storylines_total,
            earned=earned,
            possible=possible,
        )

    def close(self) -> None:
        """Release the database; everything observed is already committed
        (statements the sender could not post yet stay queued in it)."""
        if self.sender is not None:
            self.sender.stop()
        self._db.close()

    def __enter__(self) -> LessonSession:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
