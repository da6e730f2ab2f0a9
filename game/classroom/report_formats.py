"""How `locus report` shows a report: a text table, JSON, and CSV a spreadsheet cannot run.

game/classroom/report.py builds the report from the results; this module only
presents it, so the gradebook export and the teacher tools reuse its cells and
durations. Every cell that came from a student passes ``neutral_cell`` first.
"""

from __future__ import annotations

import csv
import errno
import io
import os
import tempfile
import unicodedata
from dataclasses import fields
from pathlib import Path
from typing import TextIO

from game.classroom.errors import ClassroomError
from game.classroom.report import ResultsReport, StudentResult
from game.classroom.students import without_invisibles
from game.classroom.table import bar, fit_table
from game.story.printable import printable

# What makes a spreadsheet read a cell as a formula: one of these first, once
# invisible characters, compatibility forms (full-width ＝) and spaces are set
# aside, or a tab, carriage return or newline right at the start.
CSV_FORMULA_STARTS = ("=", "+", "-", "@")
CSV_CONTROL_STARTS = ("\t", "\r", "\n")


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


def save_csv(report: ResultsReport, target: str) -> None:
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
