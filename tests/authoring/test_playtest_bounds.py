"""A playtest's memory is bounded (game/authoring/playtest.py).

Two things grew with the number of playthroughs: the report kept one problem,
with its whole path, for every playthrough that failed in its own way (a maze
without an ending: each one circles other scenes), and the body model's memo
of advances was sized by the playthroughs alone, outside the memo budget."""

from __future__ import annotations

import pytest

from game.authoring import playtest
from game.authoring.memory import MemoryBudget
from game.authoring.playtest import MAX_LISTED, random_playtest
from game.cli import main
from game.story.loader import load_pack

STORY = """\
format: 1
id: maze
start: m0
"""

MAZE_SIZE = 40


def _maze() -> str:
    """Forty rooms, two doors each, and a way out that never opens."""
    rooms = ["scenes:"]
    for room in range(MAZE_SIZE):
        rooms += [
            f"  m{room}:",
            f"    title: Room {room}",
            "    text: Two doors.",
            "    choices:",
            f"      - {{text: Left, goto: m{(room + 1) % MAZE_SIZE}}}",
            f"      - {{text: Right, goto: m{(room * 7 + 3) % MAZE_SIZE}}}",
        ]
        if room == 0:
            rooms.append(
                '      - {text: Out, goto: out, enabled_if: "visited(m0) > 1000", hint: Locked.}'
            )
    rooms += [
        "  out:",
        "    title: Out",
        "    text: Daylight.",
        "    ending: {kind: good, summary: Out.}",
    ]
    return "\n".join(rooms) + "\n"


@pytest.fixture
def maze(make_pack):
    root = make_pack(STORY, **{"maze.yaml": _maze()})
    result = load_pack(root)
    assert result.story is not None, result.diagnostics
    return root, result.story


def test_problems_beyond_the_listed_ones_are_counted_not_kept(maze) -> None:
    _root, story = maze
    runs = 200
    report = random_playtest(story, runs, seed=3, max_steps=30)
    loops = [p for p in report.problems if p.kind == "max_steps"]
    assert len(loops) == MAX_LISTED  # the maze has far more ways to circle
    assert report.unlisted["max_steps"] > 0
    # every playthrough is reported once: as a listed problem or a counted one
    assert sum(p.count for p in loops) + report.unlisted["max_steps"] == runs
    assert report.problem_count() == len(report.problems) + report.unlisted["max_steps"]
    assert report.failed
    assert all(len(p.path) == 30 for p in loops)  # the listed ones keep their paths


def test_the_command_line_says_how_many_more_there_were(
    maze, capsys: pytest.CaptureFixture[str]
) -> None:
    root, _story = maze
    assert main(["test", str(root), "--random", "200", "--max-steps", "30"]) == 1
    out = capsys.readouterr().out
    assert "more, elsewhere (only the first ones are listed)" in out
    listed = out.count("no ending within 30 steps")
    assert listed == MAX_LISTED


def test_the_body_memo_is_part_of_the_memo_budget() -> None:
    """Four advances a playthrough, within a quarter of the budget; without
    a memo the body keeps its interactive size (``remembering`` never shrinks it)."""
    per_mb = 2**20 * playtest.BODY_MEMO_SHARE / playtest.BODY_ADVANCE_BYTES
    assert playtest.body_memo_size(10_000, 200.0) == 40_000
    assert playtest.body_memo_size(10_000, 20.0) == int(20 * per_mb) < 40_000
    assert playtest.body_memo_size(10_000, 0.0) == 0


def test_the_memo_leaves_the_body_its_share() -> None:
    """A memo whose whole budget is reserved for the body is spent at once."""
    assert MemoryBudget(1.0, reserved=2**20).spent()
    assert not MemoryBudget(1024.0, reserved=0.0).spent()
