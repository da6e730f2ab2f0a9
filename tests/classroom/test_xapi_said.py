"""What the xAPI options and `locus results sync` say, word for word: each
refused address or credential (a teacher fixes the command from it), and
sync's counts, the reason the LRS gave, and that nothing was lost.
(tests/classroom/test_xapi.py checks what is queued and kept.)"""

from __future__ import annotations

import pytest

from game.classroom.errors import ClassroomError
from game.classroom.xapi.target import AUTH_ENV, authorization, parse_endpoint
from game.cli import main
from tests.classroom.test_xapi import _play_good_run, down  # noqa: F401 (a fixture)


@pytest.fixture(autouse=True)
def _no_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(AUTH_ENV, raising=False)


def _refusal(address: str) -> str:
    with pytest.raises(ClassroomError) as refused:
        parse_endpoint(address)
    return str(refused.value)


def test_each_bad_address_says_what_an_lrs_address_looks_like() -> None:
    assert _refusal("lrs.example/xAPI") == (
        "--xapi 'lrs.example/xAPI' is not an http:// or https:// address of a learning record "
        "store (such as https://lrs.school.example/xAPI)."
    )
    assert _refusal("https://teacher:hunter2@lrs.example/xAPI") == (
        "The --xapi address must not contain a user name or password (it would show on the "
        "command line). Give the address alone and put the credentials in LOCUS_XAPI_AUTH, "
        "for example LOCUS_XAPI_AUTH=user:password."
    )
    assert _refusal("https://lrs.example/xAPI?x=1") == (
        "The --xapi address https://lrs.example/xAPI?x=1 has a query or a fragment; give the "
        "LRS's xAPI endpoint alone, such as https://lrs.school.example/xAPI."
    )
    assert _refusal("https://lrs.example/xAPI#top").startswith(
        "The --xapi address https://lrs.example/xAPI#top has a query or a fragment;"
    )


def test_credentials_without_a_colon_say_which_forms_work() -> None:
    with pytest.raises(ClassroomError) as refused:
        authorization("just-a-password")
    assert str(refused.value) == (
        "LOCUS_XAPI_AUTH should be user:password (or a whole 'Basic ...' or 'Bearer ...' "
        "header value); it has no ':'."
    )


def test_sync_to_a_down_lrs_says_the_counts_the_reason_and_that_nothing_is_lost(
    story,
    results,
    down,  # noqa: F811
    capsys,
) -> None:
    _play_good_run(story, results, down)
    assert main(["results", "sync", "--results", results]) == 1
    out, err = capsys.readouterr()
    assert out == (
        f"xAPI statements in {results}:\n  sent now: 0\n  pending: 14, sent: 0, failed: 0\n"
    )
    assert err == (
        f"locus: The learning record store at {down.endpoint} did not take the statements: "
        "connection refused: is it running?\n"
        "  last error: connection refused: is it running?\n"
        "Nothing was lost: what was not sent stays queued; run `locus results sync` again.\n"
    )


def test_sync_to_a_named_down_lrs_sends_there(story, results, down, capsys) -> None:  # noqa: F811
    _play_good_run(story, results, down)
    other = down.endpoint.replace("/xAPI", "/other")
    assert main(["results", "sync", "--results", results, "--xapi", other]) == 1
    out, err = capsys.readouterr()
    assert f"locus: The learning record store at {other} did not take the statements" in err
    assert "  sent now: 0\n" in out
