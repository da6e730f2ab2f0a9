"""The report's teacher options, around the class report of report.py:
``--class`` (one class), ``--items`` (question analysis), ``--student``
(one student's every answer), ``--gradebook`` (an LMS grade import),
``--live`` (the live class view), ``--pseudonymize`` (ids instead of names),
and the first run, when there is no database yet.

The report only reads. Two things may write: bringing a database from an
older Locus up to the current schema (so its new tables can be read), and
making the pseudonym key the first time ``--pseudonymize`` needs it.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from dataclasses import dataclass, replace

from game.classroom import queries
from game.classroom.classes import class_roster, normalise_code
from game.classroom.errors import ClassroomError
from game.classroom.migrations import LATEST
from game.classroom.privacy import pseudonym, pseudonym_key
from game.classroom.report import ResultsReport, StudentResult, build_report
from game.classroom.report_formats import format_duration
from game.classroom.results_db import ResultsDB, results_path
from game.classroom.students import normalise_student, student_key
from game.story.printable import printable

NO_RESULTS_YET = (
    "No results yet: no student has played a lesson with {path}.\n"
    "Start one with `locus play --lesson LESSON_ID` (the title screen's Lessons menu lists "
    "them), or create a class first with `locus class create NAME --roster FILE`.\n"
)


@dataclass(frozen=True, slots=True)
class ClassScope:
    code: str
    name: str
    roster: tuple[str, ...]
    ids: dict[str, str]  # student key -> school id


def open_report_db(argument: str | None) -> ResultsDB | None:
    """The results database to report on, at the current schema; None when
    the per-user default has none yet (a fresh machine). A chosen path that
    does not exist stays an error: it is more likely a typo than a class
    nobody has joined."""
    path, chosen = results_path(argument)
    if not chosen and not path.exists():
        return None
    db = ResultsDB.open_for_reading(argument)
    version = db.read(queries.schema_version)
    if version >= LATEST:
        return db
    db.close()
    try:
        return ResultsDB.open_for_writing(argument)
    except ClassroomError as error:
        raise ClassroomError(
            f"{path} comes from an older Locus and must be updated before this report, "
            f"but it cannot be written ({error}). Copy it somewhere writable and report on "
            "the copy."
        ) from None


def class_scope(db: ResultsDB, code: str | None) -> ClassScope | None:
    if code is None:
        return None
    found, names = class_roster(db, normalise_code(code))
    ids = db.read(lambda conn: queries.roster_ids(conn, found.code))
    return ClassScope(found.code, found.name, tuple(names), ids)


def pseudonymized(report: ResultsReport, secret: str) -> ResultsReport:
    """The report with every student's name replaced by their pseudonym."""
    students = [replace(s, student=pseudonym(secret, s.student)) for s in report.students]
    students.sort(key=lambda s: (s.lesson, s.student))
    return replace(report, students=students)


def wanted(args: argparse.Namespace) -> bool:
    """Whether a teacher option beyond the class report was asked for."""
    return bool(
        getattr(args, "items", False)
        or getattr(args, "student", None)
        or getattr(args, "gradebook", None)
    )


def run(args: argparse.Namespace) -> int:
    try:
        db = open_report_db(args.results)
        if db is None:
            sys.stdout.write(NO_RESULTS_YET.format(path=results_path(args.results)[0]))
            return 0
        try:
            return _run_tool(args, db)
        finally:
            db.close()
    except ClassroomError as error:
        print(printable(f"locus: {error}"), file=sys.stderr)
        return 1


def _run_tool(args: argparse.Namespace, db: ResultsDB) -> int:
    scope = class_scope(db, args.class_code)
    code = scope.code if scope else None
    if args.student:
        return _student_page(db, args, code)
    report = build_report(db, args.lesson, code)
    if args.items:
        from game.classroom.items_report import format_items, item_stats, items_json

        answers, questions = db.read(
            lambda conn: (
                queries.answers(conn, lesson=args.lesson, class_code=code),
                queries.load_questions(conn),
            )
        )
        items = item_stats(report, answers, questions)
        if args.json:
            _print_json(items_json(items, report))
        else:
            sys.stdout.write(printable(format_items(items, report, _can_draw())))
        return 0
    from game.classroom.gradebook import gradebook_rows, write_gradebook

    roster: tuple[str, ...] = scope.roster if scope else ()
    ids = scope.ids if scope else {}
    if args.pseudonymize:
        secret = pseudonym_key(args.results)
        report = pseudonymized(report, secret)
        roster = tuple(pseudonym(secret, name) for name in roster)
        ids = {}  # a school id next to the pseudonym would undo it
    rows = gradebook_rows(
        report, args.lms, roster=roster, ids=ids, section=scope.name if scope else ""
    )
    write_gradebook(rows, args.gradebook)
    students = len(rows) - 1 - (args.lms == "canvas")
    print(f"Wrote {students} students to {args.gradebook} ({args.lms} gradebook)", file=sys.stderr)
    return 0


def _student_page(db: ResultsDB, args: argparse.Namespace, code: str | None) -> int:
    name = normalise_student(args.student)

    def load(
        conn: sqlite3.Connection,
    ) -> tuple[list[queries.Answer], dict[tuple[str, str], queries.Question], dict]:
        return (
            queries.answers(
                conn, lesson=args.lesson, class_code=code, student_key=student_key(name)
            ),
            queries.load_questions(conn),
            queries.load_titles(conn),
        )

    answers, questions, titles = db.read(load)
    report = build_report(db, args.lesson, code)
    mine = [s for s in report.students if student_key(s.student) == student_key(name)]
    if not mine and not answers:
        raise ClassroomError(f"No results for '{name}' in {db.path}.")
    stored = mine[0].student if mine else name  # as the student wrote it
    shown = pseudonym(pseudonym_key(args.results), name) if args.pseudonymize else stored
    seen: set[tuple[int, str]] = set()
    entries = []
    for answer in answers:
        first = (answer.session_id, answer.scene) not in seen
        seen.add((answer.session_id, answer.scene))
        question = questions.get((answer.pack, answer.scene))
        entries.append(
            {
                "lesson": answer.lesson,
                "scene": answer.scene,
                "question": question.question if question else answer.scene,
                "objective": answer.objective,
                "objective_title": titles.get(
                    (answer.pack, "objective", answer.objective), answer.objective
                ),
                "option": answer.option,
                "answer": answer.text,
                "correct": answer.correct,
                "first_try": first,
                "feedback": answer.feedback,
            }
        )
    if args.json:
        _print_json(
            {"student": shown, "lessons": [_lesson_line(s) for s in mine], "answers": entries}
        )
        return 0
    out = [f"{shown}: {len(entries)} answer{'s' if len(entries) != 1 else ''}", ""]
    for s in mine:
        score = "—" if s.score_percent is None else f"{s.score_percent:.0f}%"
        out.append(
            f"{s.lesson_title}: score {score}, {'passed' if s.passed else 'not passed'}, "
            f"{s.storylines_done}/{s.storylines_total} storylines, "
            f"{format_duration(s.time_on_task_s)}"
        )
    for number, entry in enumerate(entries, 1):
        verdict = "right" if entry["correct"] else "wrong"
        retry = "" if entry["first_try"] else " (a later try: not scored)"
        out += [
            "",
            f"{number}. {entry['question']}{retry}",
            f"   answered: {entry['answer']} ({verdict})",
        ]
        if entry["feedback"]:
            out.append(f"   feedback: {entry['feedback']}")
    sys.stdout.write(printable("\n".join(out) + "\n"))
    return 0


def _lesson_line(s: StudentResult) -> dict[str, object]:
    return {
        "lesson": s.lesson,
        "lesson_title": s.lesson_title,
        "score_percent": s.score_percent,
        "passed": s.passed,
    }


def _print_json(data: object) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def _can_draw() -> bool:
    try:
        "█▏░—·".encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
