"""The `locus` subcommands reach the authoring tools with the CLI's arguments."""

from __future__ import annotations

import json

import pytest

from game.cli import main


@pytest.mark.parametrize(
    ("argv", "status", "needle"),
    [
        (["check", "{mini}", "--format", "json"], 0, '"code": "W017"'),
        (["check", "{mini}", "--strict"], 1, "W015"),
        (
            ["test", "{mini}", "--random", "20", "--seed", "3", "--max-steps", "50"],
            0,
            "Random playtest: 20 playthroughs, seed 3",
        ),
        # the mini pack's end_brave cannot be reached, which exploration proves
        (["test", "{mini}", "--explore", "--format", "json"], 1, '"unreached_ending"'),
        (["graph", "{mini}", "--format", "dot", "--storyline", "woods"], 0, "digraph"),
        (["schema", "test"], 0, "urn:locus:pack-format:1:test"),
        (["new", "{tmp}/fresh"], 0, "created"),
    ],
)
def test_routing(argv, status, needle, mini_pack, tmp_path, capsys):
    args = [a.format(mini=mini_pack, tmp=tmp_path) for a in argv]
    assert main(args) == status
    out = capsys.readouterr().out
    assert needle in out
    if "json" in args and args[0] == "test":
        assert json.loads(out)["ok"] is (status == 0)
