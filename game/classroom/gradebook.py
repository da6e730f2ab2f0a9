"""`locus report --gradebook FILE.csv [--format canvas|moodle|generic]`.

One row per student, one grade column per lesson (the lesson score in
percent of its quiz points, each student's best attempt, as in the report;
a lesson with no quiz gives 100 when finished). The columns are the ones
each learning platform's grade import reads:

* **canvas**: ``Student, ID, SIS User ID, SIS Login ID, Section``, then one
  column per lesson, and a ``Points Possible`` row of 100s so a new
  assignment column is created out of 100. Canvas matches a row by ID, SIS
  User ID or SIS Login ID; ``SIS User ID`` carries the roster's school id.
* **moodle**: ``Identifier`` (the roster's school id, else the name), then
  one column per lesson; Moodle's "Import grades > CSV file" maps the
  identifier to ID number, email or username.
* **generic**: ``Student, Student ID, Class``, then one column per lesson.

Students on the class roster who have not played yet get a row with empty
grades, so the file lines up with the LMS's own list. Every text cell is
formula-neutralised like the report's CSV.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from game.classroom.errors import ClassroomError
from game.classroom.report import ResultsReport, StudentResult
from game.classroom.report_formats import neutral_cell
from game.classroom.students import student_key

FORMATS = ("generic", "canvas", "moodle")
HEADERS: Mapping[str, tuple[str, ...]] = {
    "canvas": ("Student", "ID", "SIS User ID", "SIS Login ID", "Section"),
    "moodle": ("Identifier",),
    "generic": ("Student", "Student ID", "Class"),
}


def gradebook_rows(
    report: ResultsReport,
    lms: str,
    *,
    roster: Sequence[str] = (),
    ids: Mapping[str, str] | None = None,
    section: str = "",
) -> list[list[object]]:
    """The gradebook as rows (header first), ready for ``csv.writer``."""
    ids = ids or {}
    lessons = sorted({(s.lesson, s.lesson_title) for s in report.students})
    grades: dict[str, dict[str, float | str]] = {}
    names: dict[str, str] = {}
    for name in roster:
        names.setdefault(student_key(name), name)
    for s in report.students:
        key = student_key(s.student)
        names.setdefault(key, s.student)
        grades.setdefault(key, {})[s.lesson] = _grade(s)
    header: list[object] = [*HEADERS[lms], *(title for _, title in lessons)]
    rows: list[list[object]] = [header]
    if lms == "canvas":
        rows.append(["Points Possible", "", "", "", "", *(100 for _ in lessons)])
    for key, name in sorted(names.items()):
        school_id = ids.get(key, "")
        leads: dict[str, list[object]] = {
            "canvas": [name, "", school_id, "", section],
            "moodle": [school_id or name],
            "generic": [name, school_id, section],
        }
        lead = leads[lms]
        rows.append([*lead, *(grades.get(key, {}).get(lesson, "") for lesson, _ in lessons)])
    return [[neutral_cell(c) if isinstance(c, str) else c for c in row] for row in rows]


def _grade(s: StudentResult) -> float | str:
    if s.score_percent is not None:
        return round(s.score_percent, 1)
    return 100.0 if s.finished else ""


def write_gradebook(rows: Sequence[Sequence[object]], target: str) -> None:
    """Write next to the final name and move into place, UTF-8 with a byte
    order mark (Excel, which teachers open these in first, needs it)."""
    path = Path(target)
    if not path.parent.exists():
        raise ClassroomError(f"The folder {path.parent} for the gradebook does not exist.")
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", text=True)
        with os.fdopen(handle, "w", encoding="utf-8-sig", newline="") as stream:
            csv.writer(stream).writerows(rows)
        os.replace(temporary, path)
    except OSError as error:
        raise ClassroomError(f"Could not write {path}: {error.strerror}.") from None
