"""`locus report`: who finished, what they scored, what the class mastered.

The report reads only the summary tables (sessions, first tries, lessons),
never replays the raw event log, so it stays instant on a term's worth of
results and can run while students are still playing (WAL readers do not
block writers). It needs no story pack: lesson titles and objective
sentences were stored when the lesson was played.

A student who played a lesson more than once is shown by their best attempt
(finished first, then passed, then the highest score, then the latest), and
the class's mastery counts that attempt only, so a retry helps the student
without counting them twice.
"""

from __future__ import annotations

import argparse
import csv
import errno
import io
import json
import os
import sqlite3
import sys
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, TextIO

import msgspec

from game.classroom import queries
from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB
from game.classroom.scoring import has_passed, is_mastered, level_for, percent
from game.classroom.students import without_invisibles
from game.classroom.table import bar, fit_table
from game.story.printable import printable

# What makes a spreadsheet read a cell as a formula: one of these first, once
# invisible characters, compatibility forms (full-width ＝) and spaces are set
# aside, or a tab, carriage return or newline right at the start.
CSV_FORMULA_STARTS = ("=", "+", "-", "@")
CSV_CONTROL_STARTS = ("\t", "\r", "\n")
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


# --- showing ---------------------------------------------------------------------


def format_text(report: ResultsReport, width: int = 100, unicode: bool = True) -> str:
    """The per-student table and the class mastery chart, fitted to ``width``."""
    out = io.StringIO()
    scope = f"lesson {report.lesson}" if report.lesson else "all lessons"
    if report.class_code:
        scope += f", class {report.class_code}"
    count = len(report.students)
    out.write(f"Locus class report: {count} student{'s' if count != 1 else ''}, {scope}\n")
    out.write(f"Results: {report.results}\n\n")
    if not report.students:
        out.write("No results yet: no student has started a lesson with this database.\n")
        return out.getvalue()
    header: tuple[str, ...] = (
        "Student",
        "Lesson",
        "Finished",
        "Score",
        "Passed",
        "Mastered",
        "Time",
        "Endings",
        "Badges",
    )
    rows = [_table_row(s, report) for s in report.students]
    if len({s.lesson for s in report.students}) == 1:  # the lesson is in the title already
        out.write(f"Lesson: {report.students[0].lesson} ({report.students[0].lesson_title})\n")
        header = header[:1] + header[2:]
        rows = [row[:1] + row[2:] for row in rows]
        shrink: tuple[int, ...] = (0, 6, 7)
    else:
        shrink = (0, 7, 8, 1)
    for line in fit_table(header, rows, width, shrink=shrink):
        out.write(line.rstrip() + "\n")
    out.write(
        "\nClass mastery per objective (correct first tries / tries, each student's best attempt)\n"
    )
    many_packs = len({o.pack for o in report.objectives}) > 1
    labels = [f"{o.pack}:{o.objective}" if many_packs else o.objective for o in report.objectives]
    label_width = min(max((len(label) for label in labels), default=0), 28)
    bar_width = max(10, min(30, width - label_width - 30))
    for label, objective in zip(labels, report.objectives, strict=True):
        share = objective.percent
        shown = "  —" if share is None else f"{share:3.0f}%"
        out.write(
            f"{label[:label_width]:<{label_width}}  {bar(share or 0.0, bar_width, unicode)} "
            f"{shown}  {objective.correct}/{objective.attempts} · mastered by "
            f"{objective.students_mastered} of {len(report.students)}\n"
        )
    sentences = [
        (label, o.sentence)
        for label, o in zip(labels, report.objectives, strict=True)
        if o.sentence
    ]
    if sentences:
        out.write("\n")
        for label, sentence in sentences:
            out.write(f"  {label}: {sentence}\n")
    text = out.getvalue()
    return text if unicode else text.translate(_ASCII)


_ASCII = str.maketrans({"—": "-", "×": "x", "…": "~", "·": "-"})


def _table_row(s: StudentResult, report: ResultsReport) -> tuple[str, ...]:
    finished = "yes" if s.finished else f"{s.storylines_done}/{s.storylines_total}"
    score = "—" if s.score_percent is None else f"{s.score_percent:.0f}%"
    endings = ", ".join(_ending_title(report, s, e) for e in s.endings) or "—"
    attempts = f" ×{s.attempts}" if s.attempts > 1 else ""
    return (
        s.student + attempts,
        s.lesson,
        finished,
        score,
        "yes" if s.passed else "no",
        f"{len(s.mastered)}/{len(s.mastery)}",
        format_duration(s.time_on_task_s),
        endings,
        ", ".join(report.title(s.pack, "badge", b) for b in s.badges) or "—",
    )


def _ending_title(report: ResultsReport, s: StudentResult, ending: dict[str, str]) -> str:
    return f"{report.title(s.pack, 'scene', ending['scene'])} ({ending['kind']})"


def format_duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


def to_json(report: ResultsReport) -> dict[str, object]:
    """Everything in the report, for learning platforms and scripts (built
    by hand: ``dataclasses.asdict`` deep-copies and is slow on a big class)."""
    return {
        "results": report.results,
        "lesson": report.lesson,
        "generated_at": report.generated_at,
        "class": report.class_code,
        "students": [_student_json(s, report) for s in report.students],
        "skipped": list(report.skipped),
        "objectives": [
            {
                "pack": o.pack,
                "objective": o.objective,
                "sentence": o.sentence,
                "correct": o.correct,
                "attempts": o.attempts,
                "percent": o.percent,
                "students_assessed": o.students_assessed,
                "students_mastered": o.students_mastered,
            }
            for o in report.objectives
        ],
    }


def _student_json(s: StudentResult, report: ResultsReport) -> dict[str, object]:
    data = {f.name: getattr(s, f.name) for f in fields(s) if f.name != "session_id"}
    data["mastery"] = {
        objective: {"correct": r.correct, "attempts": r.attempts, "mastered": r.mastered}
        for objective, r in s.mastery.items()
    }
    data["endings"] = [
        {
            **e,
            "title": report.title(s.pack, "scene", e["scene"]),
            "storyline_title": report.title(s.pack, "storyline", e["storyline"]),
        }
        for e in s.endings
    ]
    data["badges"] = [{"id": b, "title": report.title(s.pack, "badge", b)} for b in s.badges]
    data["mastered"] = list(s.mastered)
    return data


CSV_FIELDS = (
    "student",
    "pack",
    "lesson",
    "lesson_title",
    "finished",
    "storylines_done",
    "storylines_total",
    "score_percent",
    "points_earned",
    "points_possible",
    "pass_mark",
    "passed",
    "objectives_mastered",
    "objectives_total",
    "mastered",
    "time_on_task_s",
    "endings",
    "badges",
    "xp",
    "level",
    "attempts",
    "started_at",
    "last_active",
)


def write_csv(report: ResultsReport, stream: TextIO) -> int:
    """One row per student and lesson, plus a mastery percent column per
    objective; numbers stay numbers so a spreadsheet can sum them."""
    objectives = list(dict.fromkeys(o for s in report.students for o in s.mastery))
    writer = csv.writer(stream)
    writer.writerow(
        [_csv_text(c) for c in (*CSV_FIELDS, *(f"mastery_{o}_percent" for o in objectives))]
    )
    for s in report.students:
        row: list[object] = [
            s.student,
            s.pack,
            s.lesson,
            s.lesson_title,
            int(s.finished),
            s.storylines_done,
            s.storylines_total,
            "" if s.score_percent is None else round(s.score_percent, 1),
            s.points_earned,
            s.points_possible,
            s.pass_mark,
            int(s.passed),
            len(s.mastered),
            len(s.mastery),
            ";".join(s.mastered),
            round(s.time_on_task_s),
            ";".join(
                f"{report.title(s.pack, 'storyline', e['storyline'])}: "
                + _ending_title(report, s, e)
                for e in s.endings
            ),
            ";".join(report.title(s.pack, "badge", b) for b in s.badges),
            s.xp,
            s.level,
            s.attempts,
            s.started_at,
            s.last_active,
        ]
        for objective in objectives:
            result = s.mastery.get(objective)
            row.append(
                round(100 * result.correct / result.attempts, 1)
                if result and result.attempts
                else ""
            )
        writer.writerow([_csv_text(value) for value in row])
    return len(report.students)


def _csv_text(value: object) -> object:
    """A cell as the CSV holds it: control characters filtered, then never a
    formula."""
    return _cell(printable(value) if isinstance(value, str) else value)


def neutral_cell(text: str) -> str:
    """A text cell as every CSV export writes it (the gradebook's too)."""
    return str(_csv_text(text))


def _cell(value: object) -> object:
    """Stop text such as a student named "=HYPERLINK(...)" (or "\u200b=...",
    or "＝...") from becoming a live formula: it gets a leading apostrophe,
    which spreadsheets show as text. Numbers stay numbers."""
    if not isinstance(value, str):
        return value
    seen = unicodedata.normalize("NFKC", without_invisibles(value)).lstrip()
    if value.startswith(CSV_CONTROL_STARTS) or seen.startswith(CSV_FORMULA_STARTS):
        return "'" + value
    return value


def _save_csv(report: ResultsReport, target: str) -> None:
    """Write the CSV next to its final name and move it into place, so a
    spreadsheet never sees half a file. UTF-8 with a BOM, which Excel needs to
    show accents and emoji in names."""
    path = Path(target)
    if not path.parent.exists():
        raise ClassroomError(f"The folder {path.parent} for the CSV file does not exist.")
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", text=True)
    except OSError as error:
        raise ClassroomError(f"Could not write {path}: {_reason(error)}.") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as stream:
            write_csv(report, stream)
        os.replace(temporary, path)
    except BaseException as error:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise ClassroomError(f"Could not write {path}: {_reason(error)}.") from None
        raise


def _reason(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "the disk is full (nothing was written; the old file, if any, is unchanged)"
    return error.strerror or str(error)


# --- the command -------------------------------------------------------------------


def run(args: argparse.Namespace) -> int:
    from game.classroom import teacher_tools

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
            _save_csv(report, args.csv)
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
