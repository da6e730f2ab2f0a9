"""The live class view's snapshot (game/classroom/live.py), read from a
results database a class is writing: each student's latest session, their
storyline and scene by title, progress, first-try score and idle time, the
roster's students who have not started, the objectives' first tries, and
the counts in the view's header. (tests/tui/test_tui_class_watch.py draws it.)"""

from __future__ import annotations

import pytest

from game.classroom.live import IDLE_AFTER_S, LiveObjective, LiveStudent, read_snapshot
from game.classroom.results_db import ResultsDB
from game.classroom.session import open_lesson
from game.cli import main
from game.engine.machine import Game
from tests.classroom.lesson_helpers import FakeClock, play, query

ROSTER = ("Ana Lima", "Ben Okafor", "Cleo Park")
NE_HEART = "Norepinephrine speeds the heart through beta-1 receptors."


@pytest.fixture
def live_class(story, results, tmp_path, capsys) -> tuple[str, str]:
    """Ana finished (right answer), Ben at the bear, Cleo not started, and
    Dev outside the class (wrong answer); one clock, ten seconds a step."""
    roster = tmp_path / "roster.csv"
    roster.write_text("name\n" + "\n".join(ROSTER) + "\n", encoding="utf-8")
    assert main(["class", "create", "Bio", "--roster", str(roster), "--results", results]) == 0
    code = capsys.readouterr().out.split("join code ")[1].split()[0]
    clock = FakeClock()
    for name, moves, class_code in (
        ("Ana Lima", (1, 1, 1), code),
        ("Ben Okafor", (1, 1, 1), code),  # a first attempt, finished...
        ("Ben Okafor", (1,), code),  # ...then a second, at the bear: the latest is shown
        ("Dev", (1, 1, 2), None),
    ):
        with open_lesson(
            story, "woods_lesson", name, results, clock=clock, class_code=class_code
        ) as s:
            game = Game.start(story, storyline=s.first_storyline())
            s.observe(game, game.last_events)
            play(s, game, *moves)
    return results, code


def _snapshot(results: str, code: str | None, roster: tuple[str, ...] = (), *, now: float):
    db = ResultsDB.open_for_reading(results)
    try:
        return read_snapshot(db, code, roster, now=now)
    finally:
        db.close()


def _updated(results: str, student: str) -> float:
    return max(
        row[0]
        for row in query(results, "SELECT updated_at FROM sessions WHERE student = ?", (student,))
    )


def test_a_class_snapshot_lists_each_student_by_their_latest_session(live_class) -> None:
    results, code = live_class
    ben_at = _updated(results, "Ben Okafor")
    now = ben_at + 60
    snapshot = _snapshot(results, code, ROSTER, now=now)
    assert snapshot.read_at == now
    ana_idle = now - _updated(results, "Ana Lima")
    assert snapshot.students == (
        LiveStudent("ana lima", "Ana Lima", "woods_lesson", "Into the Woods", "Safe", 1, 1,
                    True, 100.0, ana_idle),
        LiveStudent("ben okafor", "Ben Okafor", "woods_lesson", "Into the Woods", "The Bear",
                    0, 1, False, None, 60.0),
        LiveStudent("cleo park", "Cleo Park", "", "", "", 0, 0, False, None, None, False),
    )  # fmt: skip
    # the class's first tries: Ana's right answer and Ben's first attempt's; not Dev's
    assert snapshot.objectives == (LiveObjective("ne_heart", NE_HEART, 2, 2),)
    assert snapshot.objectives[0].percent == 100.0
    assert snapshot.counts == {"playing": 1, "idle": 0, "finished": 1, "not started": 1}


def test_without_a_class_everyone_is_listed_and_no_roster_is_added(live_class) -> None:
    results, _code = live_class
    now = _updated(results, "Dev") + 10
    snapshot = _snapshot(results, None, now=now)
    assert [s.student for s in snapshot.students] == ["Ana Lima", "Ben Okafor", "Dev"]
    dev = snapshot.students[2]
    assert (dev.scene, dev.finished, dev.score_percent, dev.idle_s) == ("Lost", True, 0.0, 10.0)
    assert snapshot.objectives == (LiveObjective("ne_heart", NE_HEART, 2, 3),)


def test_a_student_is_idle_after_three_minutes_without_a_step(live_class) -> None:
    results, code = live_class
    ben_at = _updated(results, "Ben Okafor")
    at_limit = _snapshot(results, code, now=ben_at + IDLE_AFTER_S)
    ben = next(s for s in at_limit.students if s.student == "Ben Okafor")
    assert IDLE_AFTER_S == 180.0 and ben.idle_s == 180.0 and not ben.idle
    assert at_limit.counts == {"playing": 1, "idle": 0, "finished": 1, "not started": 0}
    later = _snapshot(results, code, ROSTER, now=ben_at + IDLE_AFTER_S + 0.5)
    ben = next(s for s in later.students if s.student == "Ben Okafor")
    assert ben.idle
    assert later.counts == {"playing": 0, "idle": 1, "finished": 1, "not started": 1}
    ana = next(s for s in later.students if s.student == "Ana Lima")
    assert ana.idle_s is not None and ana.idle_s > IDLE_AFTER_S and not ana.idle  # finished
    cleo = next(s for s in later.students if s.student == "Cleo Park")
    assert not cleo.idle  # not started: never idle


def test_a_clock_behind_the_database_shows_no_negative_idle_time(live_class) -> None:
    results, code = live_class
    snapshot = _snapshot(results, code, now=0.0)
    assert {s.idle_s for s in snapshot.students} == {0.0}


def test_progress_is_the_share_of_storylines_done() -> None:
    def student(done: int, total: int, started: bool = True) -> LiveStudent:
        return LiveStudent("k", "K", "l", "", "", done, total, False, None, 0.0, started)

    assert student(1, 2).progress == 0.5
    assert student(2, 2).progress == 1.0
    assert student(0, 0).progress == 0.0  # a lesson without storylines recorded yet
    assert student(1, 2, started=False).progress == 0.0


def test_an_objective_never_tried_has_no_percent_to_show() -> None:
    assert LiveObjective("o", "", 0, 0).percent == 0.0
    assert LiveObjective("o", "", 1, 3).percent == pytest.approx(100 / 3)


def test_untitled_storylines_and_scenes_show_their_ids(live_class) -> None:
    results, code = live_class
    db = ResultsDB.open_for_writing(results)
    try:
        db.write(lambda conn: conn.execute("DELETE FROM titles"))
    finally:
        db.close()
    snapshot = _snapshot(results, code, now=_updated(results, "Ben Okafor"))
    ben = next(s for s in snapshot.students if s.student == "Ben Okafor")
    assert (ben.storyline, ben.scene) == ("woods", "bear")
    assert snapshot.objectives[0].title == ""


def test_an_empty_database_has_an_empty_snapshot(results) -> None:
    ResultsDB.open_for_writing(results).close()
    snapshot = _snapshot(results, None, ("Ana Lima",), now=5.0)
    assert snapshot.students == (
        LiveStudent("ana lima", "Ana Lima", "", "", "", 0, 0, False, None, None, False),
    )
    assert snapshot.objectives == ()
    assert snapshot.counts == {"playing": 0, "idle": 0, "finished": 0, "not started": 1}
