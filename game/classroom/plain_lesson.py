"""A lesson in the plain front end: its storylines in order, one result.

``play_plain`` plays one storyline and keeps reading commands after its
ending (so a player can undo). In a lesson the ending moves on instead: each
part reads its lines through ``_Part``, which stops handing out input once
the game has ended, so ``play_plain`` returns and the next storyline starts,
reading the rest of the same input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from game.classroom.errors import ClassroomError
from game.classroom.join import join_class, pick_plain, roster_name
from game.classroom.scoring import is_mastered, level_for, xp_of
from game.classroom.session import LessonSession, LessonSummary, open_lesson
from game.classroom.students import normalise_student
from game.classroom.xapi.target import xapi_target
from game.story.printable import printable

if TYPE_CHECKING:
    from game.engine.events import Event
    from game.engine.machine import Game
    from game.story.model import Lesson, Story

Say = Callable[[str], None]
NAME_PROMPT = "Your name (your teacher sees your results under it):"


class _Part:
    """One storyline of the lesson: records every step, and gives
    ``play_plain`` input lines until the game reaches an ending."""

    def __init__(self, source: TextIO, session: LessonSession) -> None:
        self.source = source
        self.session = session
        self.game: Game | None = None

    def observe(self, game: Game, events: tuple[Event, ...]) -> None:
        self.session.observe(game, events)
        self.game = game

    def __iter__(self) -> _Part:
        return self

    def __next__(self) -> str:
        if self.game is not None and self.game.ended:
            raise StopIteration
        line = self.source.readline()
        if not line:
            raise StopIteration
        return line


def play_lesson_plain(
    story: Story,
    args: argparse.Namespace,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Play ``args.lesson`` for ``args.student`` (asked for when missing;
    picked from the roster with ``--class``), record every step, and print
    the lesson result at the end."""
    source = stdin or sys.stdin
    out = stdout or sys.stdout

    def say(text: str = "") -> None:
        print(printable(text), file=out, flush=True)

    if args.load or args.start or args.storyline:
        return _fail(
            "--lesson plays the lesson's own storylines; leave out --load, --start and --storyline"
        )
    class_code = getattr(args, "class_code", None)
    try:
        joined = join_class(args.results, class_code) if class_code else None
        lesson_id = args.lesson or _ask_lesson(story, source, say)
        lesson = story.lessons.get(lesson_id)
        if lesson is None:
            known = ", ".join(sorted(story.lessons)) or "none"
            return _fail(f"there is no lesson '{lesson_id}' in {story.title}. Lessons: {known}")
        if joined is None:
            name = args.student if args.student is not None else _ask_name(source, say)
        elif args.student is not None:
            name = roster_name(joined, args.student)
        else:
            name = pick_plain(joined, source, say)
        session = open_lesson(
            story,
            lesson.id,
            name,
            args.results,
            class_code=joined.code if joined else None,
            xapi=xapi_target(args),
        )
    except ClassroomError as error:
        return _fail(str(error))
    with session:
        if session.resumed:
            say(f"Welcome back, {session.student}: carrying on with {lesson.title}.")
        else:
            say(f"{lesson.title}, for {session.student}. Every step is saved as you play.")
        return _play_parts(story, lesson, session, args, source, out, say)


def _play_parts(
    story: Story,
    lesson: Lesson,
    session: LessonSession,
    args: argparse.Namespace,
    source: TextIO,
    out: TextIO,
    say: Say,
) -> int:
    from game.plain import play_plain

    storyline: str | None = session.first_storyline()
    game: Game | None = None
    while storyline is not None:
        number = lesson.storylines.index(storyline) + 1
        say("")
        say(
            f"--- Part {number} of {len(lesson.storylines)}: "
            f"{story.storylines[storyline].title} ---"
        )
        part = _Part(source, session)
        options = argparse.Namespace(**{**vars(args), "storyline": storyline})
        try:
            code = play_plain(
                story,
                options,
                stdin=part,
                stdout=out,  # type: ignore[arg-type]
                observer=part.observe,
                xp=xp_of,
            )
        except ClassroomError as error:
            return _fail(f"{error} Everything before this step is saved.")
        if code != 0:
            return code
        game = part.game
        if game is None or not game.ended:
            say("")
            say("Lesson paused. Everything so far is saved; run the same command to carry on.")
            return 0
        storyline = session.next_storyline(game)
    assert game is not None  # the loader makes sure every lesson has a storyline
    say("")
    for line in result_lines(story, lesson, session, session.summary(game)):
        say(line)
    return 0


def result_lines(
    story: Story, lesson: Lesson, session: LessonSession, summary: LessonSummary
) -> list[str]:
    """The lesson result as text: passed or not against the pass mark, each
    objective's mastery, XP and level, badges and time on task."""
    if not summary.finished:
        verdict = f"NOT FINISHED ({summary.storylines_done} of {summary.storylines_total} parts)"
    elif summary.passed:
        verdict = "PASSED"
    else:
        verdict = "NOT PASSED YET"
    lines = [
        f"== Lesson result: {lesson.title} ==",
        f"{verdict}: {summary.percent:.0f}% of quiz points on first tries "
        f"({summary.earned}/{summary.possible}; pass mark {summary.pass_mark:g}%)",
        "Objectives (correct first tries / tries):",
    ]
    for objective, (correct, attempts) in summary.mastery.items():
        mark = "✓" if is_mastered(correct, attempts, summary.pass_mark) else "·"
        shown = f"{correct}/{attempts}" if attempts else "not asked"
        lines.append(f"  {mark} {shown:>9}  {story.objectives.get(objective, objective)}")
    level, into, needed = level_for(summary.xp)
    lines.append(f"XP {summary.xp} · level {level} ({into}/{needed} to level {level + 1})")
    titles = [story.badges[b].title if b in story.badges else b for b in summary.badges]
    lines.append("Badges: " + (", ".join(titles) if titles else "none yet"))
    lines.append(f"Time on task: {format_minutes(summary.time_on_task_s)}")
    lines.append(f"Saved for {session.student} in {session.results_path}")
    return lines


def format_minutes(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes:02d} min"
    return f"{minutes} min {secs:02d} s"


def _ask_name(source: TextIO, say: Say) -> str:
    """Ask until a usable name is typed; end of input is an error, since a
    lesson without a name could not be found in the report."""
    while True:
        say(NAME_PROMPT)
        line = source.readline()
        if not line:
            raise ClassroomError("A student name is needed for results (use --student NAME).")
        try:
            return normalise_student(line)
        except ClassroomError as error:
            say(str(error))


def _ask_lesson(story: Story, source: TextIO, say: Say) -> str:
    """A class joined without --lesson: the student picks one of the pack's lessons."""
    lessons = sorted(story.lessons.values(), key=lambda lesson: lesson.id)
    if not lessons:
        raise ClassroomError(f"{story.title} has no lessons to play in a class.")
    say("Which lesson? Type its number:")
    for number, lesson in enumerate(lessons, 1):
        say(f"  {number}. {lesson.title}")
    while True:
        line = source.readline()
        if not line:
            raise ClassroomError("A lesson is needed (use --lesson ID).")
        text = line.strip()
        if text.isdigit() and 1 <= int(text) <= len(lessons):
            return lessons[int(text) - 1].id
        say(f"Type a number from 1 to {len(lessons)}.")


def _fail(message: str) -> int:
    print(printable(f"locus: {message}"), file=sys.stderr)
    return 1
