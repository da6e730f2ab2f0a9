"""`locus report --items` and `--student` for the hand-computed class of
tests/classroom/test_items_report.py, every character of the text and every
key of the JSON: the teacher reads the words, a script reads the keys."""

from __future__ import annotations

import json

import pytest

from game.cli import main
from tests.classroom.test_items_report import quiz_class  # noqa: F401 (a fixture)

NOTE = "only 8 students answered: the discrimination figures mean little below 10"
LC = "Most brain NE comes from the locus coeruleus."
NE = "Norepinephrine speeds the heart through beta-1 receptors."


def test_the_question_analysis_reads_exactly_so(quiz_class, capsys) -> None:  # noqa: F811
    assert main(["report", "--items", "--results", quiz_class]) == 0
    assert capsys.readouterr().out == (
        "Question analysis: 3 questions, all lessons\n"
        "\n"
        "Q1. Where does most brain NE come from?\n"
        f"    q1 · objective lc_location: {LC}\n"
        "    answered by 8 · right at the first try 50% · discrimination D +0.50, r +0.73\n"
        "    1. █████░░░░░  50% (4) right The locus coeruleus\n"
        "    2. ███▊░░░░░░  38% (3)       The adrenal medulla  <- most chosen wrong answer\n"
        "    3. █▎░░░░░░░░  12% (1)       The liver\n"
        f"    note: {NOTE}\n"
        "\n"
        "Q2. What does NE do to the heart?\n"
        f"    q2 · objective ne_heart: {NE}\n"
        "    answered by 8 · right at the first try 50% · discrimination D +1.00, r +0.73\n"
        "    1. █▎░░░░░░░░  12% (1)       Slows it\n"
        "    2. █████░░░░░  50% (4) right Speeds it up\n"
        "    3. ███▊░░░░░░  38% (3)       Stops it  <- most chosen wrong answer\n"
        f"    note: {NOTE}\n"
        "\n"
        "Q3. Which receptor raises the heart rate?\n"
        f"    q3 · objective ne_heart: {NE}\n"
        "    answered by 8 · right at the first try 62% · discrimination D +0.50, r +0.26\n"
        "    1. ██████▎░░░  62% (5) right Beta-1\n"
        "    2. ███▊░░░░░░  38% (3)       Alpha-2  <- most chosen wrong answer\n"
        f"    note: {NOTE}\n"
        "\n"
    )


def test_one_lesson_is_named_and_no_answers_say_so(quiz_class, capsys) -> None:  # noqa: F811
    assert main(["report", "--items", "--lesson", "quiz_lesson", "--results", quiz_class]) == 0
    assert capsys.readouterr().out.startswith(
        "Question analysis: 3 questions, lesson quiz_lesson\n\nQ1. "
    )
    assert main(["report", "--items", "--class", "nope", "--results", quiz_class]) == 1
    capsys.readouterr()


def test_the_question_analysis_json_has_every_key(quiz_class, capsys) -> None:  # noqa: F811
    assert main(["report", "--items", "--json", "--results", quiz_class]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"results", "lesson", "class", "generated_at", "items"}
    assert (data["results"], data["lesson"], data["class"]) == (quiz_class, None, None)
    first, second, third = data["items"]
    assert first == {
        "pack": "three_quiz",
        "lesson": "quiz_lesson",
        "scene": "q1",
        "objective": "lc_location",
        "objective_title": LC,
        "question": "Where does most brain NE come from?",
        "answered": 8,
        "first_try_correct": 4,
        "first_try_correct_percent": 50.0,
        "discrimination_upper_lower": 0.5,
        "point_biserial": pytest.approx(0.729324957489473),
        "note": NOTE,
        "options": [
            {"number": 1, "text": "The locus coeruleus", "correct": True, "chosen": 4,
             "percent": 50.0, "most_chosen_wrong": False},
            {"number": 2, "text": "The adrenal medulla", "correct": False, "chosen": 3,
             "percent": 37.5, "most_chosen_wrong": True},
            {"number": 3, "text": "The liver", "correct": False, "chosen": 1,
             "percent": 12.5, "most_chosen_wrong": False},
        ],
    }  # fmt: skip
    assert (second["scene"], second["discrimination_upper_lower"]) == ("q2", 1.0)
    assert (third["first_try_correct"], third["first_try_correct_percent"]) == (5, 62.5)
    assert third["point_biserial"] == pytest.approx(0.2636352520041482)


def test_a_students_page_reads_exactly_so(quiz_class, capsys) -> None:  # noqa: F811
    assert main(["report", "--student", " s6 ", "--results", quiz_class]) == 0
    assert capsys.readouterr().out == (
        "S6: 3 answers\n"
        "\n"
        "Lesson: Three Questions: score 33%, not passed, 1/1 storylines, 0m30s\n"
        "\n"
        "1. Where does most brain NE come from?\n"
        "   answered: The liver (wrong)\n"
        "   feedback: The liver makes no NE.\n"
        "\n"
        "2. What does NE do to the heart?\n"
        "   answered: Stops it (wrong)\n"
        "\n"
        "3. Which receptor raises the heart rate?\n"
        "   answered: Beta-1 (right)\n"
    )


def test_a_students_page_in_json_has_every_key(quiz_class, capsys) -> None:  # noqa: F811
    assert main(["report", "--student", "S6", "--json", "--results", quiz_class]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["student"] == "S6"
    assert data["lessons"] == [
        {
            "lesson": "quiz_lesson",
            "lesson_title": "Lesson: Three Questions",
            "score_percent": pytest.approx(100 / 3),
            "passed": False,
        }
    ]
    assert data["answers"][0] == {
        "lesson": "quiz_lesson",
        "scene": "q1",
        "question": "Where does most brain NE come from?",
        "objective": "lc_location",
        "objective_title": LC,
        "option": 3,
        "answer": "The liver",
        "correct": False,
        "first_try": True,
        "feedback": "The liver makes no NE.",
    }
    assert [(a["scene"], a["option"], a["correct"]) for a in data["answers"]] == [
        ("q1", 3, False), ("q2", 3, False), ("q3", 1, True)
    ]  # fmt: skip
    assert [a["feedback"] for a in data["answers"][1:]] == ["", ""]


def test_a_pseudonymized_page_names_no_one(quiz_class, capsys) -> None:  # noqa: F811
    assert main(["report", "--student", "S6", "--pseudonymize", "--results", quiz_class]) == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line.startswith("student-") and first_line.endswith(": 3 answers")
    assert "S6" not in first_line
