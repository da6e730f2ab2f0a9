"""`locus report` for one known class, every character: the text table and
mastery chart (Unicode and ASCII), the CSV row by row, the JSON whole.
A teacher reads the table and a spreadsheet or a learning platform reads
the CSV and JSON by column and key, so a changed word, column or key is a
broken report even when every number in it is right.
(tests/classroom/test_report.py checks what each part of the report means.)"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from game.classroom.report import build_report
from game.classroom.report_formats import format_text, to_json, write_csv
from game.classroom.results_db import ResultsDB
from game.classroom.session import open_lesson
from game.cli import main
from game.engine.machine import Game
from game.story.loader import load_pack
from tests.classroom.lesson_helpers import FakeClock, play
from tests.classroom.test_report import NAMES, _lesson, _play_the_class

TWO_PART = Path(__file__).resolve().parent / "packs" / "two_part"


def _report(path: str, lesson: str | None = None, class_code: str | None = None):
    db = ResultsDB.open_for_reading(path)
    try:
        return build_report(db, lesson, class_code=class_code)
    finally:
        db.close()


def _both_parts(results: str, student: str, *parts: tuple[int, ...]) -> None:
    """Play two_part's lesson: each tuple is one part's moves, in order."""
    two_part = load_pack(TWO_PART).story
    with open_lesson(two_part, "both_parts", student, results, clock=FakeClock()) as session:
        storyline = session.first_storyline()
        for moves in parts:
            game = Game.start(two_part, storyline=storyline)
            session.observe(game, game.last_events)
            game = play(session, game, *moves)
            storyline = session.next_storyline(game)


@pytest.fixture
def the_class(story, results) -> str:
    return _play_the_class(story, results)


def test_the_text_report_of_one_lesson_reads_exactly_so(the_class) -> None:
    assert format_text(_report(the_class), width=100) == (
        "Locus class report: 3 students, all lessons\n"
        f"Results: {the_class}\n"
        "\n"
        "Lesson: woods_lesson (Lesson: Into the Woods)\n"
        "Student                 Finished  Score  Passed  Mastered  Time   Endings      Badges\n"
        "----------------------  --------  -----  ------  --------  -----  -----------  ------\n"
        '=HYPERLINK("http://x")  0/1       —      no      0/1       0m10s  —            Brave\n'
        'Ana "the brain" Lima    yes       100%   yes     1/1       0m30s  Safe (good)  Brave\n'
        "Zoë 🧠 ×3               yes       100%   yes     1/1       0m30s  Safe (good)  Brave\n"
        "\n"
        "Class mastery per objective (correct first tries / tries, each student's best attempt)\n"
        "ne_heart  ██████████████████████████████ 100%  2/2 · mastered by 2 of 3\n"
        "\n"
        "  ne_heart: Norepinephrine speeds the heart through beta-1 receptors.\n"
    )


def test_a_narrow_ascii_report_shortens_names_and_bars_and_keeps_the_numbers(the_class) -> None:
    assert format_text(_report(the_class), width=60, unicode=False) == (
        "Locus class report: 3 students, all lessons\n"
        f"Results: {the_class}\n"
        "\n"
        "Lesson: woods_lesson (Lesson: Into the Woods)\n"
        "Student  Finished  Score  Passed  Mastered  Time   Endings  Badges\n"
        "-------  --------  -----  ------  --------  -----  -------  ------\n"
        "=HYPER~  0/1       -      no      0/1       0m10s  -        Brave\n"
        'Ana "t~  yes       100%   yes     1/1       0m30s  Safe (~  Brave\n'
        "Zoë 🧠~  yes       100%   yes     1/1       0m30s  Safe (~  Brave\n"
        "\n"
        "Class mastery per objective (correct first tries / tries, each student's best attempt)\n"
        "ne_heart  ###################### 100%  2/2 - mastered by 2 of 3\n"
        "\n"
        "  ne_heart: Norepinephrine speeds the heart through beta-1 receptors.\n"
    )


def test_two_packs_get_a_lesson_column_and_pack_labels(the_class) -> None:
    _both_parts(the_class, "Ben", (1, 1))  # part one: the right answer, then stops
    assert format_text(_report(the_class), width=120) == (
        "Locus class report: 4 students, all lessons\n"
        f"Results: {the_class}\n"
        "\n"
        "Student                 Lesson        Finished  Score  Passed  Mastered  Time   Endings"
        "                 Badges\n"
        "----------------------  ------------  --------  -----  ------  --------  -----  "
        "----------------------  -------\n"
        "Ben                     both_parts    1/2       100%   no      1/3       0m20s  "
        "End of Part One (good)  Curious\n"
        '=HYPERLINK("http://x")  woods_lesson  0/1       —      no      0/1       0m10s  '
        "—                       Brave\n"
        'Ana "the brain" Lima    woods_lesson  yes       100%   yes     1/1       0m30s  '
        "Safe (good)             Brave\n"
        "Zoë 🧠 ×3               woods_lesson  yes       100%   yes     1/1       0m30s  "
        "Safe (good)             Brave\n"
        "\n"
        "Class mastery per objective (correct first tries / tries, each student's best attempt)\n"
        "two_part:lc_location  ██████████████████████████████ 100%  1/1 · mastered by 1 of 4\n"
        "two_part:ne_heart     ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   —  0/0 · mastered by 0 of 4\n"
        "two_part:untested     ░░░░░░░░░░░░░░░░░░░░░░░░░░░░░░   —  0/0 · mastered by 0 of 4\n"
        "mini:ne_heart         ██████████████████████████████ 100%  2/2 · mastered by 2 of 4\n"
        "\n"
        "  two_part:lc_location: Most brain NE comes from the locus coeruleus.\n"
        "  two_part:ne_heart: Norepinephrine speeds the heart through beta-1 receptors.\n"
        "  two_part:untested: An objective no quiz asks about.\n"
        "  mini:ne_heart: Norepinephrine speeds the heart through beta-1 receptors.\n"
    )


def test_one_student_is_not_students_and_a_class_is_named(story, results) -> None:
    _lesson(story, results, "Ana", 1, 1, 1)
    assert format_text(_report(results)).startswith("Locus class report: 1 student, all lessons\n")
    assert format_text(_report(results, "woods_lesson")).startswith(
        "Locus class report: 1 student, lesson woods_lesson\n"
    )


def test_a_class_report_names_the_class_and_leaves_others_out(story, results, capsys) -> None:
    assert main(["class", "create", "Biology 7B", "--results", results]) == 0
    code = capsys.readouterr().out.split("join code ")[1].split()[0]
    with open_lesson(story, "woods_lesson", "Ana", results, class_code=code) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
    _lesson(story, results, "Outsider", 1)
    report = _report(results, "woods_lesson", class_code=code)
    assert format_text(report).splitlines()[0] == (
        f"Locus class report: 1 student, lesson woods_lesson, class {code}"
    )
    assert to_json(report)["class"] == code


def test_the_csv_has_every_column_in_order(the_class) -> None:
    stream = io.StringIO()
    assert write_csv(_report(the_class), stream) == 3
    rows = list(csv.reader(io.StringIO(stream.getvalue())))
    assert rows[0] == [
        "student", "pack", "lesson", "lesson_title", "finished", "storylines_done",
        "storylines_total", "score_percent", "points_earned", "points_possible", "pass_mark",
        "passed", "objectives_mastered", "objectives_total", "mastered", "time_on_task_s",
        "endings", "badges", "xp", "level", "attempts", "started_at", "last_active",
        "mastery_ne_heart_percent",
    ]  # fmt: skip
    assert rows[1:] == [
        ["'" + NAMES["evil"], "mini", "woods_lesson", "Lesson: Into the Woods", "0", "0", "1",
         "", "0", "0", "70.0", "0", "0", "1", "", "10", "", "Brave", "29", "1", "1",
         "2023-11-14T22:16:30+00:00", "2023-11-14T22:16:50+00:00", ""],
        [NAMES["ana"], "mini", "woods_lesson", "Lesson: Into the Woods", "1", "1", "1",
         "100.0", "10", "10", "70.0", "1", "1", "1", "ne_heart", "30",
         "Into the Woods: Safe (good)", "Brave", "48", "1", "1",
         "2023-11-14T22:13:30+00:00", "2023-11-14T22:14:10+00:00", "100.0"],
        [NAMES["zoe"], "mini", "woods_lesson", "Lesson: Into the Woods", "1", "1", "1",
         "100.0", "10", "10", "70.0", "1", "1", "1", "ne_heart", "30",
         "Into the Woods: Safe (good)", "Brave", "48", "1", "3",
         "2023-11-14T22:15:10+00:00", "2023-11-14T22:15:50+00:00", "100.0"],
    ]  # fmt: skip


def test_a_partly_right_student_has_a_rounded_percent_in_the_csv(story, results) -> None:
    _both_parts(results, "Ben", (1, 1), (1, 2))  # 10 of 40 first-try points
    rows = list(csv.DictReader(io.StringIO(_csv(_report(results)))))
    (ben,) = rows
    assert (ben["score_percent"], ben["points_earned"], ben["points_possible"]) == (
        "25.0",
        "10",
        "40",
    )
    assert ben["mastery_lc_location_percent"] == "100.0"
    assert ben["mastery_ne_heart_percent"] == "0.0"
    assert ben["mastery_untested_percent"] == ""  # never asked: no percent
    assert (ben["objectives_mastered"], ben["objectives_total"]) == ("1", "3")


def _csv(report) -> str:
    stream = io.StringIO()
    write_csv(report, stream)
    return stream.getvalue()


def test_the_json_has_every_key_of_a_student_and_an_objective(the_class) -> None:
    data = json.loads(json.dumps(to_json(_report(the_class))))
    assert set(data) == {
        "results", "lesson", "generated_at", "class", "students", "skipped", "objectives"
    }  # fmt: skip
    assert (data["results"], data["lesson"], data["class"], data["skipped"]) == (
        the_class, None, None, []
    )  # fmt: skip
    ana = next(s for s in data["students"] if s["student"] == NAMES["ana"])
    assert ana == {
        "student": NAMES["ana"],
        "pack": "mini",
        "lesson": "woods_lesson",
        "lesson_title": "Lesson: Into the Woods",
        "finished": True,
        "storylines_done": 1,
        "storylines_total": 1,
        "score_percent": 100.0,
        "points_earned": 10,
        "points_possible": 10,
        "pass_mark": 70.0,
        "passed": True,
        "mastery": {"ne_heart": {"correct": 1, "attempts": 1, "mastered": True}},
        "time_on_task_s": 30.0,
        "endings": [
            {
                "storyline": "woods",
                "scene": "end_safe",
                "kind": "good",
                "title": "Safe",
                "storyline_title": "Into the Woods",
            }
        ],
        "badges": [{"id": "brave", "title": "Brave"}],
        "xp": 48,
        "level": 1,
        "attempts": 1,
        "started_at": "2023-11-14T22:13:30+00:00",
        "last_active": "2023-11-14T22:14:10+00:00",
        "mastered": ["ne_heart"],
    }
    evil = next(s for s in data["students"] if s["student"] == NAMES["evil"])
    assert evil["mastery"] == {"ne_heart": {"correct": 0, "attempts": 0, "mastered": False}}
    assert (evil["score_percent"], evil["endings"], evil["mastered"]) == (None, [], [])
    assert data["objectives"] == [
        {
            "pack": "mini",
            "objective": "ne_heart",
            "sentence": "Norepinephrine speeds the heart through beta-1 receptors.",
            "correct": 2,
            "attempts": 2,
            "percent": 100.0,
            "students_assessed": 2,
            "students_mastered": 2,
        }
    ]
