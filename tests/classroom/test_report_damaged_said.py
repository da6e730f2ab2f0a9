"""`locus report` on a results file with damaged rows, in this process: each
damaged row is named with its reason, word for word, after the report of
the rows that are sound, and a lesson whose row is damaged is reported
without its titles rather than dropped.
(tests/security/test_results_hostile.py does the same in a child process.)"""

from __future__ import annotations

import sqlite3

from game.cli import main
from tests.classroom.test_report import _lesson

EDITS = {
    "Ben": "UPDATE sessions SET endings = 'not json' WHERE student = 'Ben'",
    "Cleo": "UPDATE sessions SET xp = 'lots' WHERE student = 'Cleo'",
    "Dev": """UPDATE sessions SET endings = '[{"scene": "x"}]' WHERE student = 'Dev'""",
    "Eve": "UPDATE sessions SET badges = X'5b5d' WHERE student = 'Eve'",
    "Finn": "UPDATE first_tries SET correct = 2 WHERE session_id ="
    " (SELECT id FROM sessions WHERE student = 'Finn')",
    "Gus": "UPDATE first_tries SET correct = -1 WHERE session_id ="
    " (SELECT id FROM sessions WHERE student = 'Gus')",
}


def test_each_damaged_row_is_named_with_its_reason(story, results, capsys) -> None:
    for student in ("Ana", *EDITS):
        _lesson(story, results, student, 1, 1, 1)
    with sqlite3.connect(results) as conn:
        for statement in EDITS.values():
            conn.execute(statement)
        conn.execute("UPDATE lessons SET objectives = '{'")
    conn.close()
    assert main(["report", "--results", results]) == 0
    captured = capsys.readouterr()
    assert captured.out == (
        "Locus class report: 1 student, all lessons\n"
        f"Results: {results}\n"
        "\n"
        "Lesson: woods_lesson (woods_lesson)\n"  # no lesson row: its id for its title
        "Student  Finished  Score  Passed  Mastered  Time   Endings      Badges\n"
        "-------  --------  -----  ------  --------  -----  -----------  ------\n"
        "Ana      yes       100%   yes     1/1       0m30s  Safe (good)  Brave\n"
        "\n"
        "Class mastery per objective (correct first tries / tries, each student's best attempt)\n"
        "ne_heart  ██████████████████████████████ 100%  1/1 · mastered by 1 of 1\n"
    )  # the objective from the first tries, without the lesson's sentence
    assert captured.err == (
        f"locus: 7 damaged rows in {results} left out of the report (the file was not changed):\n"
        "  lessons row 'mini'/'woods_lesson': objectives is not valid JSON"
        " (shown without its titles)\n"
        "  sessions row 2 (student 'Ben'): endings is not valid JSON\n"
        "  sessions row 3 (student 'Cleo'): Expected `int`, got `str` - at `xp`\n"
        "  sessions row 4 (student 'Dev'): an ending lacks its storyline, scene or kind\n"
        "  sessions row 5 (student 'Eve'): badges is not JSON text\n"
        "  sessions row 6 (student 'Finn'): the first tries of objective 'ne_heart' are damaged\n"
        "  sessions row 7 (student 'Gus'): the first tries of objective 'ne_heart' are damaged\n"
    )


def test_one_damaged_row_is_one_row(story, results, capsys) -> None:
    _lesson(story, results, "Ana", 1, 1, 1)
    _lesson(story, results, "Ben", 1, 1, 1)
    with sqlite3.connect(results) as conn:
        conn.execute(EDITS["Ben"])
    conn.close()
    assert main(["report", "--results", results, "--csv", "-"]) == 0
    captured = capsys.readouterr()
    assert captured.out.count("\n") == 2  # the header and Ana
    assert captured.err.startswith(f"locus: 1 damaged row in {results} left out")
