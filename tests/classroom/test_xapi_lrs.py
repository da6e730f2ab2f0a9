"""xAPI statements sent to a real learning record store: Ralph on loopback
(tests/lrs.py starts it; CI must have it, elsewhere these skip with the
reason). A lesson's statements arrive exactly once and the LRS accepts them
as xAPI (Ralph validates every statement it stores); they survive the LRS
being down for part of the lesson; and they carry no student name."""

from __future__ import annotations

import json
import time
from datetime import datetime

from game.classroom.session import open_lesson
from game.classroom.xapi.statements import HOME_PAGE
from game.classroom.xapi.target import AUTH_ENV, XapiTarget, authorization
from game.cli import main
from game.engine.machine import Game
from tests.classroom.lesson_helpers import play, query, registration
from tests.lrs import Lrs

PATIENCE_S = 90.0
VERBS = {
    "http://adlnet.gov/expapi/verbs/" + v
    for v in ("launched", "experienced", "interacted", "answered", "scored", "completed", "passed")
} | {"http://id.tincanapi.com/verb/earned"}


def _target(lrs: Lrs, *, send_names: bool = False) -> XapiTarget:
    return XapiTarget(lrs.url, authorization(lrs.auth), send_names)


def _pending(results: str) -> int:
    return int(query(results, "SELECT count(*) FROM xapi_outbox WHERE state <> 'sent'")[0][0])


def _wait_until_sent(results: str) -> None:
    """Poll the outbox until the background sender has posted everything."""
    deadline = time.monotonic() + PATIENCE_S
    while _pending(results) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _pending(results) == 0, query(results, "SELECT state, error FROM xapi_outbox")


def _queued_ids(results: str) -> list[str]:
    return [row[0] for row in query(results, "SELECT id FROM xapi_outbox ORDER BY seq")]


def _good_run(story, results: str, target: XapiTarget, student: str = "Ana Lima") -> None:
    with open_lesson(story, "woods_lesson", student, results, xapi=target) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        play(session, game, 1, 1, 1)
        _wait_until_sent(results)


def test_a_lessons_statements_arrive_exactly_once_as_valid_xapi(
    story, any_results, ralph: Lrs, monkeypatch, capsys
) -> None:
    _good_run(story, any_results, _target(ralph), student="Zélie Quartermaine")
    queued = _queued_ids(any_results)
    stored = ralph.statements(registration=registration(any_results))
    assert sorted(s["id"] for s in stored) == sorted(queued)  # every one, once
    assert len(queued) == 14
    for statement in stored:
        assert set(statement["actor"]) <= {"objectType", "account"}
        assert statement["actor"]["account"]["homePage"] == HOME_PAGE
        assert statement["actor"]["account"]["name"].startswith("student-")
        assert statement["verb"]["id"] in VERBS
        assert statement["object"]["definition"]["name"]["en"]
        assert statement["context"]["extensions"]["urn:locus:extension:pack"]["id"] == "mini"
        datetime.fromisoformat(statement["timestamp"].replace("Z", "+00:00"))
        assert "stored" in statement and "authority" in statement  # the LRS kept it as xAPI
    store = "".join(p.read_text() for p in ralph.store.iterdir())
    assert "Zélie" not in store and "Quartermaine" not in store

    # A retry never duplicates: everything posted again is stored once.
    _mark_all_pending(any_results)
    monkeypatch.setenv(AUTH_ENV, ralph.auth)
    assert main(["results", "sync", "--results", any_results]) == 0
    assert "sent now: 14" in capsys.readouterr().out
    again = ralph.statements(registration=registration(any_results))
    assert sorted(s["id"] for s in again) == sorted(queued)


def _mark_all_pending(results: str) -> None:
    from game.classroom.results_db import ResultsDB

    db = ResultsDB.open_for_writing(results)
    try:
        db.write(lambda c: c.execute("UPDATE xapi_outbox SET state = 'pending', sent_at = NULL"))
    finally:
        db.close()


def test_statements_wait_while_the_lrs_is_down_then_arrive(
    story, any_results, own_ralph: Lrs
) -> None:
    lrs = own_ralph
    with open_lesson(story, "woods_lesson", "Ana", any_results, xapi=_target(lrs)) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        _wait_until_sent(any_results)
        lrs.stop()
        play(session, game, 1, 1, 1)  # the rest of the lesson, with the LRS down
        assert _pending(any_results) == 11
        lrs.start()
        _wait_until_sent(any_results)  # no step wakes it now: its own next try does
    stored = lrs.statements(registration=registration(any_results))
    assert sorted(s["id"] for s in stored) == sorted(_queued_ids(any_results))
    assert len(stored) == 14


def test_sync_sends_what_was_queued_for_an_lrs_that_moved(
    story, results, ralph: Lrs, monkeypatch, capsys
) -> None:
    gone = XapiTarget("http://127.0.0.1:9/xAPI", authorization(ralph.auth))
    with open_lesson(story, "woods_lesson", "Ana", results, xapi=gone) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        play(session, game, 1, 1, 1)
    assert _pending(results) == 14
    monkeypatch.setenv(AUTH_ENV, ralph.auth)
    assert main(["results", "sync", "--results", results, "--xapi", ralph.url]) == 0
    out = capsys.readouterr().out
    assert "sent now: 14" in out and "pending: 0, sent: 14, failed: 0" in out
    stored = ralph.statements(registration=registration(results))
    assert sorted(s["id"] for s in stored) == sorted(_queued_ids(results))


def test_names_reach_the_lrs_only_when_the_teacher_asks(story, results, ralph: Lrs) -> None:
    _good_run(story, results, _target(ralph, send_names=True), student="Octavia Namesent")
    stored = ralph.statements(registration=registration(results))
    assert {s["actor"].get("name") for s in stored} == {"Octavia Namesent"}


def test_a_statement_the_lrs_refuses_is_kept_as_failed_and_the_rest_arrive(
    story, results, ralph: Lrs, monkeypatch, capsys
) -> None:
    gone = XapiTarget("http://127.0.0.1:9/xAPI", authorization(ralph.auth))
    with open_lesson(story, "woods_lesson", "Ana", results, xapi=gone) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        play(session, game, 1, 1, 1)
    (seq, text) = query(results, "SELECT seq, statement FROM xapi_outbox WHERE seq = 5")[0]
    broken = json.loads(text)
    del broken["actor"]  # damaged: xAPI requires an actor
    from game.classroom.results_db import ResultsDB

    db = ResultsDB.open_for_writing(results)
    try:
        db.write(
            lambda c: c.execute(
                "UPDATE xapi_outbox SET statement = ? WHERE seq = ?", (json.dumps(broken), seq)
            )
        )
    finally:
        db.close()
    monkeypatch.setenv(AUTH_ENV, ralph.auth)
    assert main(["results", "sync", "--results", results, "--xapi", ralph.url]) == 1
    captured = capsys.readouterr()
    assert "pending: 0, sent: 13, failed: 1" in captured.out
    assert "refused 1 statement(s)" in captured.err and "HTTP 422" in captured.err
    assert "actor" in captured.err  # the LRS's own reason
    stored = ralph.statements(registration=registration(results))
    assert len(stored) == 13 and broken["id"] not in {s["id"] for s in stored}
