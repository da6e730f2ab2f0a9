"""What `locus serve` tells the teacher when it starts: where students go, and
a warning on stderr whenever the game is reachable from the network."""

from __future__ import annotations

import pytest

from game.classroom.serve import announce, machine_addresses

LIMIT = "one game per tab, 30 at most"


@pytest.mark.parametrize(
    ("host", "shown"), [("127.0.0.1", "127.0.0.1"), ("localhost", "localhost"), ("::1", "[::1]")]
)
def test_on_loopback_it_only_says_where_to_go(host: str, shown: str, capsys) -> None:
    announce(host, 8123, 30)
    out, err = capsys.readouterr()
    assert out == f"Students open http://{shown}:8123/ ({LIMIT}). Ctrl+C stops.\n"
    assert err == ""


WARNING = (
    "locus: serving on {host}: anyone who can reach this machine on port 8123 "
    "can play and add results.\n"
)


@pytest.mark.parametrize(
    ("host", "shown"),
    [("192.0.2.7", "192.0.2.7"), ("2001:db8::7", "[2001:db8::7]")],  # documentation ranges
)
def test_on_one_network_address_it_warns_and_shows_that_address(
    host: str, shown: str, capsys
) -> None:
    announce(host, 8123, 30)
    out, err = capsys.readouterr()
    assert err == WARNING.format(host=host)
    assert out == f"Students open http://{shown}:8123/ ({LIMIT}).\nCtrl+C stops.\n"


def test_on_every_address_it_warns_and_lists_the_machines_addresses(capsys) -> None:
    announce("0.0.0.0", 8123, 30)
    out, err = capsys.readouterr()
    assert err == WARNING.format(host="0.0.0.0")
    addresses = machine_addresses()
    expected = [f"Students open http://{a}:8123/ ({LIMIT})." for a in addresses]
    if not addresses:
        expected = [
            "This machine has no network address besides loopback.",
            f"Students open http://127.0.0.1:8123/ ({LIMIT}).",
        ]
    assert out.splitlines() == [*expected, "Ctrl+C stops."]
