"""What `locus results sync` says, word for word, when a real learning record
store (Ralph on loopback, tests/lrs.py) turns the statements away: a wrong
endpoint (its 404), wrong credentials and none (its 401). The teacher fixes
the command from these sentences, and nothing queued is lost."""

from __future__ import annotations

import pytest

from game.classroom.session import open_lesson
from game.classroom.xapi.target import AUTH_ENV, XapiTarget, authorization
from game.cli import main
from game.engine.machine import Game
from tests.classroom.lesson_helpers import registration
from tests.lrs import Lrs

NO_STATEMENTS = (
    "it has no xAPI statements resource there (HTTP 404): give the LRS's xAPI endpoint, "
    "the address that /statements follows"
)
WRONG = "it refused the credentials in LOCUS_XAPI_AUTH (HTTP 401); check them"
NONE = "it asks for credentials (HTTP 401): set LOCUS_XAPI_AUTH=user:password"


@pytest.mark.parametrize(
    ("path", "credentials", "reason"),
    [
        ("/nowhere", "right", NO_STATEMENTS),
        ("/xAPI", "locus-teacher:wrong-Pw-77", WRONG),
        ("/xAPI", None, NONE),
    ],
    ids=["no-statements-there", "wrong-credentials", "no-credentials"],
)
def test_each_refusal_of_a_real_lrs_is_told_whole_and_the_statements_stay_queued(
    story, results, ralph: Lrs, monkeypatch, capsys, path, credentials, reason
) -> None:
    endpoint = ralph.url.replace("/xAPI", path)
    credentials = ralph.auth if credentials == "right" else credentials
    target = XapiTarget(endpoint, authorization(credentials))
    with open_lesson(story, "woods_lesson", "Ana", results, xapi=target) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
    if credentials:
        monkeypatch.setenv(AUTH_ENV, credentials)
    else:
        monkeypatch.delenv(AUTH_ENV, raising=False)
    assert main(["results", "sync", "--results", results]) == 1
    out, err = capsys.readouterr()
    assert out == (
        f"xAPI statements in {results}:\n  sent now: 0\n  pending: 3, sent: 0, failed: 0\n"
    )
    assert err == (
        f"locus: The learning record store at {endpoint} did not take the statements: "
        f"{reason}.\n"
        f"  last error: {reason}\n"
        "Nothing was lost: what was not sent stays queued; run `locus results sync` again.\n"
    )
    assert ralph.statements(registration=registration(results)) == []
