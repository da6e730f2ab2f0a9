"""`locus results forget`, on SQLite and on PostgreSQL, in this process:
what it says word for word (each count, the class it kept to, the xAPI
copies to delete elsewhere, where the copies are), and that afterwards no
row names the student while the others stay. On PostgreSQL the deleted
rows are then vacuumed away, as SQLite's log is emptied.
(tests/classroom/test_privacy.py checks the bytes of an SQLite file.)"""

from __future__ import annotations

from game.classroom.session import open_lesson
from game.classroom.xapi.target import XapiTarget, authorization
from game.cli import main
from game.engine.machine import Game
from tests.classroom.lesson_helpers import play, query
from tests.classroom.test_xapi import _closed_port


def _lesson(story, results: str, name: str, *answers: int, **options) -> None:
    with open_lesson(story, "woods_lesson", name, results, **options) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        play(session, game, *answers)


def _shown(results: str) -> str:
    """How the database is named in messages (a server's URL without its password)."""
    from game.classroom.results_db import ResultsDB

    db = ResultsDB.open_for_reading(results)
    try:
        return str(db.path)
    finally:
        db.close()


def _students(results: str) -> list[str]:
    rows = query(results, "SELECT DISTINCT student FROM sessions ORDER BY student")
    return [row[0] for row in rows]


def _new_class(results: str, capsys, *names: str) -> str:
    assert main(["class", "create", "7B", "--results", results]) == 0
    code = capsys.readouterr().out.split("join code ")[1].split()[0]
    assert main(["class", "add", code, *names, "--results", results]) == 0
    return code


def test_forget_says_every_count_and_leaves_the_others(story, any_results, capsys) -> None:
    code = _new_class(any_results, capsys, "Quentin Forgetme", "Ana")
    _new_class(any_results, capsys, "Quentin Forgetme")  # on two rosters
    down = XapiTarget(f"http://127.0.0.1:{_closed_port()}/xAPI", authorization("u:p"))
    _lesson(story, any_results, "Quentin Forgetme", 1, 1, 2, class_code=code, xapi=down)
    _lesson(story, any_results, "quentin forgetme", 1, class_code=code)  # a second try
    _lesson(story, any_results, "Ana", 1, 1, 1, class_code=code)
    capsys.readouterr()
    events = query(
        any_results,
        "SELECT count(*) FROM events WHERE session_id IN "
        "(SELECT id FROM sessions WHERE student_key = ?)",
        ("quentin forgetme",),
    )[0][0]
    outbox = query(any_results, "SELECT count(*) FROM xapi_outbox")[0][0]
    assert events > 0 and outbox > 0
    where = _shown(any_results)
    assert main(["results", "forget", "QUENTIN FORGETME", "--results", any_results]) == 0
    assert capsys.readouterr() == (
        "Deleted every record of Quentin Forgetme, quentin forgetme:\n"
        f"  2 lesson session(s), {events} recorded step(s),\n"
        "  1 quiz answer(s), 2 storyline result(s),\n"
        "  2 roster entries.\n"
        f"  {outbox} xAPI statement(s); copies already sent to a learning record store must "
        "be deleted there.\n"
        f"From {where}. Copies and exports made earlier must be deleted by hand.\n",
        "",
    )
    assert _students(any_results) == ["Ana"]
    assert query(any_results, "SELECT count(*) FROM xapi_outbox")[0][0] == 0
    assert main(["results", "forget", "Quentin Forgetme", "--results", any_results]) == 0
    assert capsys.readouterr() == (
        "Nothing stored about 'Quentin Forgetme'; nothing was deleted.\n",
        "",
    )


def test_forget_in_one_class_says_so_and_keeps_the_rest(story, any_results, capsys) -> None:
    code = _new_class(any_results, capsys, "Ana", "Bo")
    other = _new_class(any_results, capsys, "Ana")
    _lesson(story, any_results, "Ana", 1, 1, 1, class_code=code)
    _lesson(story, any_results, "Ana", 1, 1, 1)  # outside any class: kept
    capsys.readouterr()
    where = _shown(any_results)
    assert (
        main(["results", "forget", "ana", "--class", code.lower(), "--results", any_results]) == 0
    )
    assert capsys.readouterr() == (
        f"Deleted every record of Ana in class {code}:\n"
        "  1 lesson session(s), 12 recorded step(s),\n"
        "  1 quiz answer(s), 1 storyline result(s),\n"
        "  1 roster entry.\n"
        f"From {where}. Copies and exports made earlier must be deleted by hand.\n",
        "",
    )
    assert query(any_results, "SELECT student, class_code FROM sessions") == [("Ana", None)]
    assert sorted(query(any_results, "SELECT class_code, student FROM roster")) == sorted(
        [(code, "Bo"), (other, "Ana")]
    )
    assert main(["results", "forget", "Bo", "--class", "NOPE99", "--results", any_results]) == 1
    assert capsys.readouterr() == ("", f"locus: There is no class 'NOPE99' in {where}.\n")
