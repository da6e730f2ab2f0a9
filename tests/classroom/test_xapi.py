"""xAPI statements in the outbox, on both engines, without an LRS: every
recorded event queued with its step, in the same transaction, with
deterministic ids, well-formed definitions and no student name; and
`locus results sync` saying what is pending when the LRS cannot be had.
(tests/classroom/test_xapi_lrs.py sends them to a real LRS.)"""

from __future__ import annotations

import json
import socket
import sqlite3
import time
import uuid
from collections.abc import Iterator

import pytest

from game.classroom.errors import ClassroomError
from game.classroom.migrations import MIGRATIONS
from game.classroom.privacy import pseudonym
from game.classroom.results_db import ResultsDB, server_url
from game.classroom.serve import served_argv
from game.classroom.session import open_lesson
from game.classroom.xapi import statements
from game.classroom.xapi.target import AUTH_ENV, XapiTarget, authorization, parse_endpoint
from game.cli import main
from game.engine.machine import Game
from tests.classroom.conftest import MINI
from tests.classroom.lesson_helpers import play, query

ADL = "http://adlnet.gov/expapi/verbs/"
# The mini lesson's good run (tests/packs/mini): what each recorded event becomes.
GOOD_RUN = [
    ("launched", "lesson:woods_lesson"),
    ("launched", "storyline:woods"),
    ("experienced", "scene:trail"),
    ("interacted", "scene:trail"),
    ("experienced", "scene:bear"),
    ("earned", "badge:brave"),
    ("interacted", "scene:bear"),
    ("experienced", "scene:check"),
    ("answered", "question:check"),
    ("scored", "storyline:woods"),
    ("experienced", "scene:end_safe"),
    ("completed", "storyline:woods"),
    ("completed", "lesson:woods_lesson"),
    ("passed", "lesson:woods_lesson"),
]


def _closed_port() -> int:
    """A loopback port nothing listens on: an LRS that is down."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def down() -> XapiTarget:
    return XapiTarget(f"http://127.0.0.1:{_closed_port()}/xAPI", authorization("u:p"))


@pytest.fixture(autouse=True)
def _no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(AUTH_ENV, raising=False)


def _outbox(results: str) -> list[dict]:
    rows = query(results, "SELECT statement FROM xapi_outbox ORDER BY seq")
    return [json.loads(row[0]) for row in rows]


def _play_good_run(story, results: str, target: XapiTarget, student: str = "Ana Lima") -> Game:
    with open_lesson(story, "woods_lesson", student, results, xapi=target) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        return play(session, game, 1, 1, 1)


def _verb_and_object(statement: dict) -> tuple[str, str]:
    verb = statement["verb"]["id"].rpartition("/")[2]
    return verb, statement["object"]["id"].removeprefix("urn:locus:mini:")


def test_every_recorded_event_is_queued_as_a_statement(story, any_results, down) -> None:
    _play_good_run(story, any_results, down)
    queued = _outbox(any_results)
    assert [_verb_and_object(s) for s in queued] == GOOD_RUN
    states = query(any_results, "SELECT DISTINCT state, endpoint FROM xapi_outbox")
    assert states == [("pending", down.endpoint)]  # the LRS is down: all of them wait
    # routes are the story's bookkeeping, and are the only recorded kind left out
    kinds = {row[0] for row in query(any_results, "SELECT kind FROM events")}
    assert kinds - {"route"} == {
        "start", "enter", "choice", "badge", "answer", "score", "ending"
    }  # fmt: skip


def test_statement_ids_are_uuid5_of_the_recorded_event(story, any_results, down) -> None:
    _play_good_run(story, any_results, down)
    (secret,) = query(any_results, "SELECT value FROM secrets")[0]
    namespace = statements.database_namespace(secret)
    events = query(any_results, "SELECT id, kind FROM events ORDER BY id")
    expected = {str(uuid.uuid5(namespace, f"event:{i}")) for i, kind in events if kind != "route"}
    ids = [s["id"] for s in _outbox(any_results)]
    assert expected <= set(ids)
    assert len(ids) == len(set(ids)) == len(expected) + 3  # + launched, completed, passed
    assert all(uuid.UUID(i).version == 5 for i in ids)


def test_queueing_a_step_again_queues_nothing_twice(story, any_results, down) -> None:
    """A transaction run again (PostgreSQL retries one that clashed) or a
    step recorded twice gives the same ids, which the outbox keeps once."""
    from game.classroom.xapi import outbox

    _play_good_run(story, any_results, down)
    before = _outbox(any_results)
    db = ResultsDB.open_for_writing(any_results)
    try:
        (session_id,) = db.read(lambda c: c.execute("SELECT id FROM sessions").fetchone())
        attempt = db.write(lambda c: outbox.read_attempt(c, session_id, down))
        db.write(lambda c: outbox.queue_step(c, attempt, down.endpoint, 0, 1.0))
    finally:
        db.close()
    assert _outbox(any_results) == before


def test_the_actor_is_an_opaque_account_and_no_name_is_queued(story, any_results, down) -> None:
    _play_good_run(story, any_results, down, student="Zélie Quartermaine")
    (secret,) = query(any_results, "SELECT value FROM secrets")[0]
    text = json.dumps(_outbox(any_results), ensure_ascii=False)
    assert "Zélie" not in text and "Quartermaine" not in text and "mbox" not in text
    for statement in _outbox(any_results):
        assert statement["actor"] == {
            "objectType": "Agent",
            "account": {
                "homePage": statements.HOME_PAGE,
                "name": pseudonym(secret, "Zélie Quartermaine"),  # the exports' pseudonym
            },
        }


def test_names_are_sent_only_when_the_teacher_asks(story, results, down) -> None:
    asked = XapiTarget(down.endpoint, down.authorization, send_names=True)
    _play_good_run(story, results, asked, student="Zélie Quartermaine")
    assert {s["actor"]["name"] for s in _outbox(results)} == {"Zélie Quartermaine"}
    assert {"account"} <= set(_outbox(results)[0]["actor"])


def test_a_question_is_a_choice_interaction_with_its_answer(story, any_results, down) -> None:
    _play_good_run(story, any_results, down)
    (answered,) = [s for s in _outbox(any_results) if s["verb"]["id"] == ADL + "answered"]
    definition = answered["object"]["definition"]
    assert definition["type"] == "http://adlnet.gov/expapi/activities/cmi.interaction"
    assert definition["interactionType"] == "choice"
    assert definition["description"] == {"en": "What does norepinephrine do to the heart?"}
    assert definition["choices"] == [
        {"id": "option-1", "description": {"en": "Speeds it up"}},
        {"id": "option-2", "description": {"en": "Slows it down"}},
    ]
    assert definition["correctResponsesPattern"] == ["option-1"]
    assert answered["result"] == {
        "success": True,
        "response": "option-1",
        "score": {"raw": 10, "min": 0, "max": 10, "scaled": 1.0},
    }
    grouping = [a["id"] for a in answered["context"]["contextActivities"]["grouping"]]
    assert grouping == ["urn:locus:mini:lesson:woods_lesson", "urn:locus:mini:objective:ne_heart"]


def test_context_carries_the_attempt_the_pack_and_its_version(story, any_results, down) -> None:
    _play_good_run(story, any_results, down)
    queued = _outbox(any_results)
    registrations = {s["context"]["registration"] for s in queued}
    assert len(registrations) == 1 and uuid.UUID(registrations.pop())
    pack = {json.dumps(s["context"]["extensions"]["urn:locus:extension:pack"]) for s in queued}
    assert len(pack) == 1
    (version,) = {s["context"]["revision"] for s in queued}
    assert json.loads(pack.pop()) == {"id": "mini", "version": version}
    assert version.startswith("sha256:")
    lesson = queued[0]["object"]
    assert lesson["definition"]["type"] == "http://adlnet.gov/expapi/activities/lesson"
    assert lesson["definition"]["name"] == {"en": "Lesson: Into the Woods"}
    assert "beta-1" in lesson["definition"]["description"]["en"]  # the objectives' sentences
    passed = queued[-1]
    assert passed["result"]["success"] is True and passed["result"]["score"]["scaled"] == 1.0
    for statement in queued:
        assert statement["timestamp"].endswith("Z")
        assert statement["version"] == "1.0.3"


def test_a_rewritten_question_changes_the_pack_version(story) -> None:
    question = statements.Question("ne_heart", "What?", ("a", "b"), 1)
    reworded = statements.Question("ne_heart", "What, then?", ("a", "b"), 1)
    titles = {("scene", "check"): "Checkpoint"}
    first = statements.pack_version(titles, {"check": question})
    assert first == statements.pack_version(dict(titles), {"check": question})
    assert first != statements.pack_version(titles, {"check": reworded})
    assert first != statements.pack_version({("scene", "check"): "Quiz"}, {"check": question})


def _execute(results: str, sql: str) -> None:
    """Change the database behind Locus's back (as damage or another program would)."""
    if server_url(results):
        import psycopg

        with psycopg.connect(results, autocommit=True) as conn:
            conn.execute(sql)
    else:
        with sqlite3.connect(results) as conn:
            conn.execute(sql)


def test_a_step_whose_statements_cannot_be_queued_is_not_recorded_either(
    story, any_results, down
) -> None:
    """One transaction: when the outbox write fails, the events of that step
    are not recorded, so no event is ever without its statement."""
    with open_lesson(story, "woods_lesson", "Ana", any_results, xapi=down) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        before = query(any_results, "SELECT count(*) FROM events")
        _execute(any_results, "ALTER TABLE xapi_outbox RENAME TO xapi_outbox_gone")
        with pytest.raises(ClassroomError):
            play(session, game, 1)
        assert query(any_results, "SELECT count(*) FROM events") == before


def test_an_older_database_gains_the_outbox_and_keeps_its_rows(story, results) -> None:
    older = MIGRATIONS[:2]
    with open_lesson(story, "woods_lesson", "Ana", results) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
    with sqlite3.connect(results) as conn:
        conn.execute("DROP TABLE xapi_outbox")
        conn.execute(f"PRAGMA user_version = {older[-1].version}")
    events = query(results, "SELECT count(*) FROM events")
    with open_lesson(story, "woods_lesson", "Ana", results, xapi=XapiTarget("http://127.0.0.1:9")):
        pass
    assert query(results, "SELECT count(*) FROM events") == events
    assert query(results, "SELECT count(*) FROM xapi_outbox") == [(1,)]  # resumed


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://lrs.example/xAPI/", "https://lrs.example/xAPI"),
        ("HTTP://lrs.example:8080/xapi/statements", "http://lrs.example:8080/xapi"),
        ("  http://127.0.0.1:1/  ", "http://127.0.0.1:1"),
    ],
)
def test_lrs_addresses_are_normalised(given: str, expected: str) -> None:
    assert parse_endpoint(given) == expected


@pytest.mark.parametrize(
    ("given", "says"),
    [
        ("lrs.example/xAPI", "is not an http:// or https://"),
        ("ftp://lrs.example/xAPI", "is not an http:// or https://"),
        ("http://:80/xAPI", "is not an http:// or https://"),
        ("http://lrs.example:port/xAPI", "is not an http:// or https://"),
        ("https://teacher:hunter2@lrs.example/xAPI", "must not contain a user name or password"),
        ("https://lrs.example/xAPI?x=1", "has a query or a fragment"),
    ],
)
def test_a_bad_lrs_address_is_one_message(given: str, says: str) -> None:
    with pytest.raises(ClassroomError) as caught:
        parse_endpoint(given)
    assert says in str(caught.value)
    assert "hunter2" not in str(caught.value)


def test_credentials_become_a_basic_header_or_are_taken_whole() -> None:
    assert authorization("ana:pa:ss") == "Basic YW5hOnBhOnNz"
    assert authorization("Bearer abc") == "Bearer abc"
    assert authorization("") is None and authorization(None) is None
    with pytest.raises(ClassroomError) as caught:
        authorization("just-a-password")
    assert "user:password" in str(caught.value) and "just-a-password" not in str(caught.value)


@pytest.fixture
def queued_for_a_down_lrs(story, any_results, down) -> Iterator[str]:
    _play_good_run(story, any_results, down)
    yield any_results


def test_sync_says_what_is_pending_when_the_lrs_is_down(queued_for_a_down_lrs, capsys) -> None:
    results = queued_for_a_down_lrs
    assert main(["results", "sync", "--results", results]) == 1
    out, err = capsys.readouterr()
    assert "pending: 14, sent: 0, failed: 0" in out
    assert "did not take the statements: connection refused" in err
    assert "Nothing was lost" in err and "Traceback" not in err
    assert query(results, "SELECT count(*) FROM xapi_outbox WHERE state = 'pending'") == [(14,)]


def test_sync_with_a_bad_address_or_credentials_is_one_message(
    queued_for_a_down_lrs, capsys, monkeypatch
) -> None:
    results = queued_for_a_down_lrs
    assert main(["results", "sync", "--results", results, "--xapi", "lrs.example"]) == 1
    assert "is not an http:// or https://" in capsys.readouterr().err
    monkeypatch.setenv(AUTH_ENV, "no-colon-secret")
    assert main(["results", "sync", "--results", results]) == 1
    err = capsys.readouterr().err
    assert "should be user:password" in err and "no-colon-secret" not in err


def test_sync_with_nothing_queued_says_so(story, results, capsys) -> None:
    with open_lesson(story, "woods_lesson", "Ana", results):
        pass
    assert main(["results", "sync", "--results", results]) == 0
    assert "pending: 0, sent: 0, failed: 0" in capsys.readouterr().out


def test_sync_without_a_database_says_where_it_looked(tmp_path, capsys) -> None:
    missing = tmp_path / "nowhere.db"
    assert main(["results", "sync", "--results", str(missing)]) == 1
    err = capsys.readouterr().err
    assert "There is no results database" in err and "Traceback" not in err
    assert not missing.exists()


def test_the_sender_stops_when_the_lesson_closes_even_with_the_lrs_down(
    story, results, down
) -> None:
    with open_lesson(story, "woods_lesson", "Ana", results, xapi=down) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        sender = session.sender
        assert sender is not None
    deadline = time.monotonic() + 30
    while sender.alive and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not sender.alive


def test_forgetting_a_student_deletes_their_statements(story, results, down, capsys) -> None:
    _play_good_run(story, results, down, student="Quentin Forgetme")
    _play_good_run(story, results, down, student="Ana Lima")
    assert main(["results", "forget", "quentin forgetme", "--results", results]) == 0
    assert "14 xAPI statement(s)" in capsys.readouterr().out
    assert query(results, "SELECT count(*) FROM xapi_outbox") == [(14,)]  # Ana's


def test_plain_play_records_statements_with_the_xapi_option(tmp_path, capsys) -> None:
    results = str(tmp_path / "r.db")
    url = f"http://127.0.0.1:{_closed_port()}/xAPI"
    import io
    import sys

    stdin, sys.stdin = sys.stdin, io.StringIO("1\n1\n1\n")
    try:
        code = main(
            ["play", str(MINI), "--plain", "--lesson", "woods_lesson", "--student", "Ana",
             "--results", results, "--xapi", url]
        )  # fmt: skip
    finally:
        sys.stdin = stdin
    assert code == 0, capsys.readouterr()
    assert query(results, "SELECT count(*), min(endpoint) FROM xapi_outbox") == [(14, url)]


def test_play_with_a_bad_address_stops_before_the_game(tmp_path, capsys) -> None:
    code = main(["play", str(MINI), "--plain", "--lesson", "woods_lesson", "--xapi", "nope"])
    assert code == 1
    assert "is not an http:// or https://" in capsys.readouterr().err


def test_served_tabs_get_the_address_and_never_the_credentials(monkeypatch) -> None:
    from argparse import Namespace

    from game.classroom.serve import xapi_argv

    monkeypatch.setenv(AUTH_ENV, "teacher:hunter2")
    args = Namespace(xapi="https://lrs.example/xAPI/", xapi_send_names=False)
    argv = served_argv(MINI, "woods_lesson", None, None, xapi_argv(args))
    assert argv[-2:] == ["--xapi", "https://lrs.example/xAPI"]
    assert "hunter2" not in " ".join(argv)
    with pytest.raises(ClassroomError):
        xapi_argv(Namespace(xapi="https://t:hunter2@lrs.example/", xapi_send_names=False))


def test_new_steps_do_not_cut_the_wait_after_a_failure_short(story, results, down) -> None:
    """While the LRS is down the sender waits between tries; a step queued
    meanwhile only wakes it, it does not make it knock again at once (thirty
    tabs would otherwise hammer a struggling LRS)."""
    with open_lesson(story, "woods_lesson", "Ana", results, xapi=down) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        sender = session.sender
        assert sender is not None
        deadline = time.monotonic() + 30
        while (sender.last is None or sender.last.stopped is None) and time.monotonic() < deadline:
            time.sleep(0.01)
        assert sender.last is not None and sender.last.stopped is not None
        (before,) = query(results, "SELECT max(attempts) FROM xapi_outbox")[0]
        for _ in range(200):
            sender.wake()
        (after,) = query(results, "SELECT max(attempts) FROM xapi_outbox")[0]
        assert after <= before + 1  # at most the one try the wait allows, never one a wake
