"""The playtest memo pays its way or steps aside (game/authoring/playtest.py).

Sharing steps between playthroughs wins when paths meet and costs memory and
time when they do not; these tests hold the memo to that on both kinds of
story, and check it never changes what a playtest reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.samegraph import graph, locus_pack
from game.authoring import playtest
from game.authoring.playtest import random_playtest
from game.body import ADVANCE_MEMO, advance, initial_state, with_inputs
from game.paths import bundled_pack
from game.story.loader import load_pack


def _same_report(a: playtest.PlaytestReport, b: playtest.PlaytestReport) -> None:
    assert a.steps == b.steps
    assert a.scene_hits == b.scene_hits
    assert a.choice_hits == b.choice_hits
    assert a.ending_hits == b.ending_hits
    assert [(p.kind, p.message) for p in a.problems] == [(p.kind, p.message) for p in b.problems]


@pytest.fixture(scope="module")
def apart(tmp_path_factory: pytest.TempPathFactory):
    """A 300-scene story whose playthroughs rarely take the same step."""
    root = locus_pack(tmp_path_factory.mktemp("apart"), graph(300, seed=3), trail=True)
    story = load_pack(root).story
    assert story is not None
    return story


def test_a_memo_that_does_not_pay_is_dropped_and_the_report_is_unchanged(apart) -> None:
    shared = random_playtest(apart, 150, seed=2)
    assert shared.memo.startswith("memo dropped"), shared.memo
    _same_report(shared, random_playtest(apart, 150, seed=2, memo=False))


def test_a_dropped_memo_gives_back_the_body_memos_room(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Playthroughs that do not meet do not share bodies either: once the memo is
    dropped, the body's memo of advances is back at its interactive size for the
    rest of the run (the run is then the same as one without the memo), and what
    it held before the playtest comes back after it."""
    root = locus_pack(tmp_path, graph(300, seed=3), body=True, trail=True)
    story = load_pack(root).story
    assert story is not None
    usual = ADVANCE_MEMO.entries
    advance(with_inputs(initial_state(), {"threat": 0.5}), 60)  # something held before
    held = len(ADVANCE_MEMO)
    monkeypatch.setattr(playtest, "body_memo_size", lambda runs, budget: 3 * usual)
    sizes: list[tuple[bool, int]] = []
    original = playtest._Transitions.review

    def review(self: playtest._Transitions, steps: int) -> None:
        original(self, steps)
        sizes.append((self.shared, ADVANCE_MEMO.entries))

    monkeypatch.setattr(playtest._Transitions, "review", review)
    report = random_playtest(story, 150, seed=2)
    assert report.memo.startswith("memo dropped"), report.memo
    assert sizes[0] == (True, 3 * usual)
    assert sizes[-1] == (False, usual)
    assert set(sizes) == {(True, 3 * usual), (False, usual)}
    assert (ADVANCE_MEMO.entries, len(ADVANCE_MEMO)) == (usual, held)


def test_a_memo_that_pays_is_kept() -> None:
    story = load_pack(bundled_pack()).story
    assert story is not None
    report = random_playtest(story, 400, seed=1)
    assert report.memo.startswith("memo: "), report.memo
    share = int(report.memo.split("memo: ")[1].split("%")[0])
    assert share >= 30


def test_a_memo_at_its_budget_stops_growing_but_still_serves(
    apart, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A budget of 0 MB is spent at the first look: the memo keeps what the
    first window put in it, grows no more, and the report is unchanged."""
    monkeypatch.setattr(playtest, "MEMO_MIN_HIT_RATE", 0.0)  # keep it, to reach the budget
    grown: list[int] = []
    original = playtest._Transitions.review

    def review(self: playtest._Transitions, steps: int) -> None:
        original(self, steps)
        grown.append(len(self.by_key))

    monkeypatch.setattr(playtest._Transitions, "review", review)
    report = random_playtest(apart, 150, seed=2, memo_budget_mb=0.0)
    assert "budget" in report.memo and "stopped growing" in report.memo, report.memo
    full = report.memo.split("after ")[1].split(" steps")[0].replace(",", "")
    assert int(full) > 0
    after_full = grown[-1]
    assert grown.count(after_full) > 10  # no new states once it was full
    monkeypatch.undo()
    _same_report(report, random_playtest(apart, 150, seed=2, memo=False))


def test_the_command_line_takes_a_budget(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    from game.cli import main

    assert main(["test", str(bundled_pack()), "--random", "50", "--memo-budget", "0"]) == 0
    assert "memo off" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["test", str(bundled_pack()), "--random", "5", "--memo-budget", "lots"])
    assert "'lots' is not a size in MB" in capsys.readouterr().err
