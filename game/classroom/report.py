"""`locus report`: who finished, what they scored, what the class mastered.

The report reads only the summary tables (sessions, first tries, lessons),
never replays the raw event log, so it stays instant on a term's worth of
results and can run while students are still playing (WAL readers do not
block writers). It needs no story pack: lesson titles and objective
sentences were stored when the lesson was played.

A student who played a lesson more than once is shown by their best attempt
(finished first, then passed, then the highest score, then the latest), and
the class's mastery counts that attempt only, so a retry helps the student
without counting them twice. How a report is shown (text, JSON, CSV) is in
game/classroom/report_formats.py.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Annotated, Any, TextIO

import msgspec

from game.classroom import queries
from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB
from game.classroom.scoring import has_passed, is_mastered, level_for, percent
from game.story.printable import printable

Titles = dict[tuple[str, str, str], str]  # (pack, kind, id) -> title


@dataclass(frozen=True, slots=True)
class ObjectiveResult:
    correct: int
    attempts: int
    mastered: bool


@dataclass(frozen=True, slots=True)
class StudentResult:
    student: str
    pack: str
    lesson: str
    lesson_title: str
    finished: bool
    storylines_done: int
    storylines_total: int
    score_percent: float | None  # None: no quiz answered yet (or the lesson has none)
    points_earned: int
    points_possible: int
    pass_mark: float
    passed: bool
    mastery: dict[str, ObjectiveResult]
    time_on_task_s: float
    endings: tuple[dict[str, str], ...]
    badges: tuple[str, ...]
    xp: int
    level: int
    attempts: int
    started_at: str
    last_active: str
    session_id: int = 0  # the attempt shown, for the question analysis

    @property
    def mastered(self) -> tuple[str, ...]:
        return tuple(o for o, result in self.mastery.items() if result.mastered)


@dataclass(frozen=True, slots=True)
class ClassObjective:
    pack: str
    objective: str
    sentence: str
    correct: int
    attempts: int
    students_assessed: int
    students_mastered: int

    @property
    def percent(self) -> float | None:
        return 100.0 * self.correct / self.attempts if self.attempts else None


@dataclass(frozen=True, slots=True)
class ResultsReport:
    results: str
    lesson: str | None
    generated_at: str
    students: list[StudentResult] = field(default_factory=list)
    objectives: list[ClassObjective] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # rows that could not be read, and why
    class_code: str | None = None
    titles: Titles = field(default_factory=dict)

    def title(self, pack: str, kind: str, ident: str) -> str:
        """What the pack calls a storyline, scene (ending) or badge; the id
        when the lesson was recorded before titles were kept."""
        return self.titles.get((pack, kind, ident), ident)


# --- building --------------------------------------------------------------------


def build_report(
    db: ResultsDB, lesson: str | None = None, class_code: str | None = None
) -> ResultsReport:
    rows, tries, raw_lessons, titles = db.read(lambda conn: _load(conn, lesson, class_code))
    if lesson is not None and not rows:
        known = db.read(
            lambda conn: [
                r[0] for r in conn.execute("SELECT DISTINCT lesson FROM sessions ORDER BY lesson")
            ]
        )
        raise ClassroomError(
            f"No results for lesson '{lesson}' in {db.path}. "
            f"Lessons with results: {', '.join(known) or 'none yet'}."
        )
    skipped: list[str] = []
    lessons = _checked_lessons(raw_lessons, skipped)
    attempts: dict[tuple[str, str, str], list[StudentResult]] = defaultdict(list)
    for row in rows:
        try:
            record = _record(row, tries.get(row["id"], {}))
        except DamagedRow as damage:
            skipped.append(f"sessions row {row['id']!r} (student {row['student']!r}): {damage}")
            continue
        result = _student_result(record, tries.get(record.id, {}), lessons)
        attempts[(record.pack, record.lesson, record.student_key)].append(result)
    students = [_best(group) for group in attempts.values()]
    students.sort(key=lambda s: (s.lesson, s.student.casefold()))
    return ResultsReport(
        results=str(db.path),
        lesson=lesson,
        generated_at=_iso(datetime.now(UTC).timestamp()),
        students=students,
        objectives=_class_mastery(students, lessons),
        skipped=skipped,
        class_code=class_code,
        titles=titles,
    )


# --- what a row must hold ----------------------------------------------------------
# The database is a file anyone with access can edit; every value the report
# uses is checked against these declarations first, and a row that does not
# fit is skipped and named instead of stopping the report.

Text = Annotated[str, msgspec.Meta(max_length=10_000)]
Count = Annotated[int, msgspec.Meta(ge=0, le=2**53)]
Flag = Annotated[int, msgspec.Meta(ge=0, le=1)]
Moment = Annotated[float, msgspec.Meta(ge=0, le=253_402_300_799)]  # up to the year 9999
Seconds = Annotated[float, msgspec.Meta(ge=0, le=100 * 365 * 86_400)]
Mark = Annotated[float, msgspec.Meta(ge=0, le=100)]


class SessionRecord(msgspec.Struct, frozen=True):
    """The columns of a ``sessions`` row that the report reads."""

    id: int
    pack: Text
    lesson: Text
    student: Text
    student_key: Text
    started_at: Moment
    updated_at: Moment
    storylines_total: Count
    storylines_done: Count
    finished: Flag
    has_quizzes: Flag
    pass_mark: Mark
    xp: Count
    time_on_task: Seconds
    badges: list[Text]
    endings: list[dict[str, Text]]


class LessonRecord(msgspec.Struct, frozen=True):
    title: Text
    objectives: dict[Text, Text]


class DamagedRow(Exception):
    """A results row that does not hold what Locus wrote there."""


def _json_column(text: object, column: str) -> object:
    if not isinstance(text, str):
        raise DamagedRow(f"{column} is not JSON text")
    try:
        return json.loads(text)
    except ValueError:
        raise DamagedRow(f"{column} is not valid JSON") from None


def _record(row: dict[str, Any], tries: dict[str, tuple[int, int, int, int]]) -> SessionRecord:
    data = dict(row)
    data["badges"] = _json_column(row["badges"], "badges")
    data["endings"] = _json_column(row["endings"], "endings")
    try:
        record = msgspec.convert(data, SessionRecord, strict=True)
    except msgspec.ValidationError as error:
        raise DamagedRow(str(error).replace("`$.", "`")) from None
    for ending in record.endings:
        if not {"storyline", "scene", "kind"} <= ending.keys():
            raise DamagedRow("an ending lacks its storyline, scene or kind")
    for objective, numbers in tries.items():
        if not all(isinstance(n, int) and n >= 0 for n in numbers) or numbers[0] > numbers[1]:
            raise DamagedRow(f"the first tries of objective {objective!r} are damaged")
    return record


def _checked_lessons(raw: dict[tuple[str, str], dict], skipped: list[str]) -> dict:
    lessons = {}
    for (pack, lesson), columns in raw.items():
        try:
            data = {**columns, "objectives": _json_column(columns["objectives"], "objectives")}
            record = msgspec.convert(data, LessonRecord, strict=True)
        except (DamagedRow, msgspec.ValidationError) as error:
            skipped.append(f"lessons row {pack!r}/{lesson!r}: {error} (shown without its titles)")
            continue
        lessons[(pack, lesson)] = {"title": record.title, "objectives": record.objectives}
    return lessons


def _dicts(cursor: Any) -> list[dict[str, Any]]:
    """Rows by column name, from the cursor of either engine."""
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _load(
    conn: sqlite3.Connection, lesson: str | None, class_code: str | None
) -> tuple[list[dict[str, Any]], dict[int, dict[str, tuple[int, int, int, int]]], dict, Titles]:
    conditions, params = queries.session_filter(lesson=lesson, class_code=class_code)
    where = f"WHERE 1 = 1 {conditions}"
    rows = _dicts(conn.execute(f"SELECT * FROM sessions s {where} ORDER BY s.id", params))
    tries: dict[int, dict[str, tuple[int, int, int, int]]] = defaultdict(dict)
    for session_id, objective, correct, count, points, possible in conn.execute(
        "SELECT f.session_id, f.objective, sum(f.correct), count(*), sum(f.points),"
        f" sum(f.possible) FROM first_tries f JOIN sessions s ON s.id = f.session_id {where}"
        " GROUP BY f.session_id, f.objective",
        params,
    ):
        tries[session_id][objective] = (correct, count, points, possible)
    lessons = {
        (r["pack"], r["lesson"]): {"title": r["title"], "objectives": r["objectives"]}
        for r in _dicts(conn.execute("SELECT * FROM lessons"))
    }
    titles = queries.load_titles(conn)
    return rows, tries, lessons, titles


def _student_result(
    row: SessionRecord, tries: dict[str, tuple[int, int, int, int]], lessons: dict
) -> StudentResult:
    info = lessons.get((row.pack, row.lesson), {"title": row.lesson, "objectives": {}})
    earned = sum(t[2] for t in tries.values())
    possible = sum(t[3] for t in tries.values())
    finished, has_quizzes = bool(row.finished), bool(row.has_quizzes)
    pass_mark = row.pass_mark
    score = percent(earned, possible) if has_quizzes and possible else None
    passed = has_passed(finished, earned, possible, pass_mark, has_quizzes)
    objective_ids = list(info["objectives"]) + [o for o in tries if o not in info["objectives"]]
    mastery = {}
    for objective in objective_ids:
        correct, count = tries.get(objective, (0, 0, 0, 0))[:2]
        mastery[objective] = ObjectiveResult(correct, count, is_mastered(correct, count, pass_mark))
    return StudentResult(
        student=row.student,
        pack=row.pack,
        lesson=row.lesson,
        lesson_title=info["title"],
        finished=finished,
        storylines_done=row.storylines_done,
        storylines_total=row.storylines_total,
        score_percent=score,
        points_earned=earned,
        points_possible=possible,
        pass_mark=pass_mark,
        passed=passed,
        mastery=mastery,
        time_on_task_s=round(row.time_on_task, 1),
        endings=tuple(row.endings),
        badges=tuple(row.badges),
        xp=row.xp,
        level=level_for(row.xp)[0],
        attempts=1,
        started_at=_iso(row.started_at),
        last_active=_iso(row.updated_at),
        session_id=row.id,
    )


def _best(attempts: list[StudentResult]) -> StudentResult:
    best = max(
        attempts,
        key=lambda a: (a.finished, a.passed, a.score_percent or 0.0, a.last_active),
    )
    return replace(best, attempts=len(attempts))


def _class_mastery(students: Iterable[StudentResult], lessons: dict) -> list[ClassObjective]:
    sentences: dict[tuple[str, str], str] = {}
    for (pack, _lesson), info in lessons.items():
        for objective, sentence in info["objectives"].items():
            sentences.setdefault((pack, objective), sentence)
    totals: dict[tuple[str, str], list[int]] = {}
    for student in students:
        for objective, result in student.mastery.items():
            entry = totals.setdefault((student.pack, objective), [0, 0, 0, 0])
            entry[0] += result.correct
            entry[1] += result.attempts
            entry[2] += result.attempts > 0
            entry[3] += result.mastered
    return [
        ClassObjective(pack, objective, sentences.get((pack, objective), ""), *numbers)
        for (pack, objective), numbers in totals.items()
    ]


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")


# --- the command -------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    # Both import this module for the report's types, so they are imported here.
    from game.classroom import teacher_tools
    from game.classroom.report_formats import format_text, save_csv, to_json, write_csv

    if teacher_tools.wanted(args):
        return teacher_tools.run(args)
    try:
        db = teacher_tools.open_report_db(args.results)
        if db is None:
            path = teacher_tools.results_path(args.results)[0]
            sys.stdout.write(teacher_tools.NO_RESULTS_YET.format(path=path))
            return 0
        try:
            scope = teacher_tools.class_scope(db, getattr(args, "class_code", None))
            report = build_report(db, args.lesson, scope.code if scope else None)
        finally:
            db.close()
        if getattr(args, "pseudonymize", False):
            secret = teacher_tools.pseudonym_key(args.results)
            report = teacher_tools.pseudonymized(report, secret)
        if args.csv == "-":
            write_csv(report, sys.stdout)
            _tell_skipped(report)
            return 0
        if args.csv:
            save_csv(report, args.csv)
    except ClassroomError as error:
        print(printable(f"locus: {error}"), file=sys.stderr)
        return 1
    if args.json:
        json.dump(to_json(report), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        drawable = _can_draw(sys.stdout)
        text = format_text(report, _terminal_width(), drawable)
        if not drawable:  # names with emoji on a legacy console: show "?" rather than crash
            encoding = sys.stdout.encoding or "ascii"
            text = text.encode(encoding, "replace").decode(encoding)
        sys.stdout.write(printable(text))
    if args.csv:
        print(f"Wrote {len(report.students)} rows to {args.csv}", file=sys.stderr)
    _tell_skipped(report)
    return 0


def _tell_skipped(report: ResultsReport) -> None:
    """Damaged rows are named after the report, so the rest is still used."""
    if report.skipped:
        count = len(report.skipped)
        print(
            f"locus: {count} damaged row{'s' if count != 1 else ''} in {report.results} "
            "left out of the report (the file was not changed):",
            file=sys.stderr,
        )
        for problem in report.skipped:
            print(printable(f"  {problem}"), file=sys.stderr)


def _terminal_width() -> int:
    import shutil

    return max(60, shutil.get_terminal_size((100, 24)).columns)


def _can_draw(stream: TextIO) -> bool:
    """Block characters only where the terminal's encoding has them."""
    try:
        "█▏░—·×".encode(stream.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return False
    return True
