"""`locus report --items` and `--student` against a class computed by hand.

Eight students answer three quizzes (10 points each) through the real
engine and results database:

    student  q1  q2  q3   right  score
    S1       1   2   2    2      66.7
    S2       1   2   1    3      100
    S3       1   2   2    2      66.7
    S4       1   1   1    2      66.7
    S5       2   2   1    2      66.7
    S6       3   3   1    1      33.3
    S7       2   3   1    1      33.3
    S8       2   3   2    0      0

(right answers: q1 option 1, q2 option 2, q3 option 1). Ranked by score,
keeping play order on ties: S8, S6, S7, S1, S3, S4, S5, S2. With 8
students the 27% groups hold round(2.16) = 2: lower S8 and S6, upper S5
and S2. So by hand:

* q1: 4 of 8 right (50%); option 2 chosen by 3 (37.5%) is the most chosen
  wrong answer; upper 1 right (S2), lower 0: D = 0.5. Point-biserial with
  scores in thirds x = 2,3,2,2,2,1,1,0: mean 13/8, variance 27/8 - (13/8)^2
  = 0.734375; right mean 9/4, wrong mean 1; r = 1.25 / sqrt(0.734375) * 0.5.
* q2: 4 of 8 right; option 3 chosen by 3 is the most chosen wrong answer;
  upper 2, lower 0: D = 1.0.
* q3: 5 of 8 right (62.5%); upper 2 (S5, S2), lower 1 (S6): D = 0.5.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from game.classroom import queries
from game.classroom.items_report import item_stats, point_biserial, upper_lower
from game.classroom.report import build_report
from game.classroom.results_db import ResultsDB
from game.classroom.session import open_lesson
from game.cli import main
from game.engine.machine import Game
from game.story.loader import load_pack
from tests.classroom.lesson_helpers import play

PACK = Path(__file__).resolve().parent / "packs" / "three_quiz"
CLASS = {
    "S1": (1, 2, 2),
    "S2": (1, 2, 1),
    "S3": (1, 2, 2),
    "S4": (1, 1, 1),
    "S5": (2, 2, 1),
    "S6": (3, 3, 1),
    "S7": (2, 3, 1),
    "S8": (2, 3, 2),
}


@pytest.fixture
def quiz_class(tmp_path: Path, clock) -> str:
    story = load_pack(PACK).story
    assert story is not None
    results = str(tmp_path / "class.db")
    for student, answers in CLASS.items():
        with open_lesson(story, "quiz_lesson", student, results, clock=clock) as session:
            game = Game.start(story, storyline=session.first_storyline())
            session.observe(game, game.last_events)
            play(session, game, *answers)
    return results


def _items(results: str):
    db = ResultsDB.open_for_reading(results)
    try:
        report = build_report(db)
        answers, questions = db.read(lambda c: (queries.answers(c), queries.load_questions(c)))
    finally:
        db.close()
    return item_stats(report, answers, questions)


def test_item_statistics_match_the_hand_computed_class(quiz_class) -> None:
    q1, q2, q3 = _items(quiz_class)
    assert (q1.scene, q2.scene, q3.scene) == ("q1", "q2", "q3")  # the order the class met them
    assert q1.question == "Where does most brain NE come from?"
    assert (q1.answered, q1.first_try_correct, q1.percent_correct) == (8, 4, 50.0)
    assert [(o.number, o.chosen, o.percent) for o in q1.options] == [
        (1, 4, 50.0),
        (2, 3, 37.5),
        (3, 1, 12.5),
    ]
    assert [o.most_chosen_wrong for o in q1.options] == [False, True, False]
    assert [o.correct for o in q1.options] == [True, False, False]
    assert q1.discrimination == pytest.approx(0.5)
    assert q1.point_biserial == pytest.approx(1.25 / math.sqrt(0.734375) * 0.5)
    assert [o.chosen for o in q2.options] == [1, 4, 3]
    assert [o.most_chosen_wrong for o in q2.options] == [False, False, True]
    assert q2.discrimination == pytest.approx(1.0)
    assert (q3.first_try_correct, q3.percent_correct) == (5, 62.5)
    assert q3.discrimination == pytest.approx(0.5)
    assert all("only 8 students answered" in item.note for item in (q1, q2, q3))


def test_discrimination_edges() -> None:
    assert upper_lower([(50.0, True)]) is None  # one student: no groups
    assert upper_lower([(0.0, False), (100.0, True)]) == 1.0
    assert upper_lower([(0.0, True), (100.0, False)]) == -1.0  # the strong student missed it
    assert point_biserial([(10.0, True), (90.0, True)]) is None  # everyone right
    assert point_biserial([(50.0, True), (50.0, False)]) is None  # every score equal
    # 30 students: groups of round(8.1) = 8.
    ranked = [(float(i), i >= 15) for i in range(30)]
    assert upper_lower(ranked) == 1.0


def test_items_command_in_text_and_json(quiz_class, capsys) -> None:
    assert main(["report", "--items", "--results", quiz_class]) == 0
    text = capsys.readouterr().out
    assert "Q1. Where does most brain NE come from?" in text
    assert "<- most chosen wrong answer" in text and "The adrenal medulla" in text
    assert "D +0.50" in text and "note: only 8 students answered" in text
    assert (
        main(["report", "--items", "--json", "--lesson", "quiz_lesson", "--results", quiz_class])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    first = data["items"][0]
    assert first["answered"] == 8 and first["first_try_correct_percent"] == 50.0
    assert first["discrimination_upper_lower"] == pytest.approx(0.5)
    assert first["objective_title"] == "Most brain NE comes from the locus coeruleus."
    assert [o["most_chosen_wrong"] for o in first["options"]] == [False, True, False]


def test_a_students_page_lists_every_answer_with_its_feedback(quiz_class, capsys) -> None:
    assert main(["report", "--student", "s6", "--results", quiz_class]) == 0
    text = capsys.readouterr().out
    assert text.startswith("S6: 3 answers")
    assert "answered: The liver (wrong)" in text
    assert "feedback: The liver makes no NE." in text
    assert "answered: Beta-1 (right)" in text
    assert main(["report", "--student", "S6", "--json", "--results", quiz_class]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [a["option"] for a in data["answers"]] == [3, 3, 1]
    assert all(a["first_try"] for a in data["answers"])
    assert main(["report", "--student", "Nobody", "--results", quiz_class]) == 1
    assert "No results for 'Nobody'" in capsys.readouterr().err
