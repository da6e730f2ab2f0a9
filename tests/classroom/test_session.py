"""The lesson API the front ends use: open, observe, next, summary."""

from __future__ import annotations

import pytest

from game.classroom.scoring import BADGE_XP, FIRST_TRY_BONUS, SCENE_XP, xp_and_level
from game.classroom.session import IDLE_CAP_S, ClassroomError, LessonSummary, open_lesson
from tests.classroom.lesson_helpers import FakeClock, play, query
from tests.pg import PASSWORD, need_server


def _start(story, session):
    from game.engine.machine import Game

    game = Game.start(story, storyline=session.first_storyline())
    session.observe(game, game.last_events)
    return game


def test_a_good_run_passes_and_is_recorded(story, any_results, clock) -> None:
    with open_lesson(story, "woods_lesson", "Ana", any_results, clock=clock) as session:
        game = _start(story, session)
        game = play(session, game, 1, 1, 1)  # shortcut, back away, correct answer
        assert game.ended
        assert session.next_storyline(game) is None
        summary = session.summary(game)
    assert isinstance(summary, LessonSummary)
    assert summary.passed and summary.finished
    assert summary.percent == 100.0
    assert summary.pass_mark == 70.0
    assert summary.mastery == {"ne_heart": (1, 1)}
    assert summary.badges == ("brave",)
    assert summary.xp == xp_and_level(game.state)[0]
    assert summary.xp == 10 + FIRST_TRY_BONUS + BADGE_XP + SCENE_XP * len(game.state.visits)
    assert summary.level == xp_and_level(game.state)[1]
    assert summary.time_on_task_s == 3 * clock.step  # four steps, three gaps


def test_only_the_first_try_counts_even_after_undo(story, any_results, clock) -> None:
    with open_lesson(story, "woods_lesson", "Ben", any_results, clock=clock) as session:
        game = play(session, _start(story, session), 1, 1, 2)  # wrong answer
        assert session.summary(game).percent == 0.0
        game = play(session, game.undo(), 1)  # undo and answer right
        summary = session.summary(game)
    assert summary.mastery == {"ne_heart": (0, 1)}
    assert summary.percent == 0.0 and not summary.passed
    assert summary.finished  # both endings are in the log, the lesson is done


def test_every_step_is_committed_before_observe_returns(story, any_results, clock) -> None:
    session = open_lesson(story, "woods_lesson", "Cleo", any_results, clock=clock)
    game = play(session, _start(story, session), 1)
    # A second connection (another process, the report) already sees it all,
    # even though this session is still open: nothing waits for close().
    kinds = [k for (k,) in query(any_results, "SELECT kind FROM events ORDER BY id")]
    assert kinds[:3] == ["start", "enter", "choice"]
    assert "badge" in kinds
    assert "time" not in kinds and "body" not in kinds
    session.close()
    del game


def test_a_finished_lesson_played_again_is_a_new_attempt(story, any_results) -> None:
    first = open_lesson(story, "woods_lesson", "Dev", any_results, clock=FakeClock())
    play(first, _start(story, first), 1, 1, 2)
    first.close()
    again = open_lesson(story, "woods_lesson", "dev", any_results, clock=FakeClock())
    assert not again.resumed
    again.close()
    assert query(any_results, "SELECT count(*) FROM sessions") == [(2,)]


def test_an_unfinished_session_is_resumed_by_name_case_insensitively(story, any_results) -> None:
    first = open_lesson(story, "woods_lesson", "Eve", any_results, clock=FakeClock())
    play(first, _start(story, first), 1, 1)  # at the quiz, not finished
    first.close()
    again = open_lesson(story, "woods_lesson", "EVE", any_results, clock=FakeClock())
    assert again.resumed
    assert again.first_storyline() == "woods"
    game = play(again, _start(story, again), 1, 1, 1)
    summary = again.summary(game)
    again.close()
    assert summary.passed and summary.badges == ("brave",)
    assert query(any_results, "SELECT count(*), max(student) FROM sessions") == [(1, "EVE")]


def test_idle_gaps_are_capped(story, any_results) -> None:
    clock = FakeClock(step=3600.0)  # an hour between every step
    with open_lesson(story, "woods_lesson", "Fay", any_results, clock=clock) as session:
        game = play(session, _start(story, session), 1)
        assert session.summary(game).time_on_task_s == IDLE_CAP_S


def test_unknown_lesson_names_the_lessons_there_are(story, results) -> None:
    with pytest.raises(ClassroomError, match=r"no lesson 'nope'.*woods_lesson"):
        open_lesson(story, "nope", "Ana", results)


@pytest.mark.parametrize(
    "name",
    ['Ana "the brain" Lima', "O'Brien; DROP TABLE sessions;--", "Zoë 🧠🫀", "李小龍"],
)
def test_names_with_quotes_and_emoji_are_kept_exactly(story, any_results, name) -> None:
    with open_lesson(story, "woods_lesson", name, any_results) as session:
        assert session.student == name
    assert query(any_results, "SELECT student FROM sessions") == [(name,)]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "type your name"),
        ("   ", "type your name"),
        ("x" * 500, "500 characters"),
        ("Ana\x07", "control"),
        ("\u202eanA", "control"),
    ],
)
def test_unusable_names_get_a_clear_message(story, results, name, message) -> None:
    with pytest.raises(ClassroomError, match=message):
        open_lesson(story, "woods_lesson", name, results)


def test_results_default_to_the_user_data_folder(story, tmp_path) -> None:
    with open_lesson(story, "woods_lesson", "Gus", None) as session:
        assert session.results_path == tmp_path / "home" / "results.db"


def test_locus_results_variable_is_honoured(story, tmp_path, monkeypatch) -> None:
    target = tmp_path / "lab.db"
    monkeypatch.setenv("LOCUS_RESULTS", str(target))
    with open_lesson(story, "woods_lesson", "Hal", None) as session:
        assert session.results_path == target
    assert target.exists()


def test_locus_results_may_name_a_postgresql_server(story, pg_server, monkeypatch) -> None:
    url = need_server(pg_server).new_database()
    monkeypatch.setenv("LOCUS_RESULTS", url)
    with open_lesson(story, "woods_lesson", "Ida", None) as session:
        assert session.results_path == url.replace(PASSWORD, "***")
    assert query(url, "SELECT student FROM sessions") == [("Ida",)]
