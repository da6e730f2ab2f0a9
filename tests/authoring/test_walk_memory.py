"""The assessment's walks over a story's states are bounded by memory
(game/authoring/assessment.py, game/authoring/memory.py).

On a large pack of free-roaming paths the exact walk used to keep 60,000
states (180 MB) and the body model's memo grew to four advances a state
(480 MB) before the analysis fell back to sampling; and each walk's budget
stacked on what a playtest before it had left. A budget of 0 MB is spent at
the first reading, which makes the fallback certain without a large pack."""

from __future__ import annotations

import pytest

from game.authoring import assessment
from game.authoring.memory import WALK_BODY_MEMO_MB, MemoryBudget
from game.authoring.testing import _command_budget
from game.body import ADVANCE_MEMO
from game.paths import bundled_pack
from game.story import model as m
from game.story.loader import load_pack

LINE = "running_on_empty"  # the bundled storyline with the most states (about 8,000)


@pytest.fixture(scope="module")
def story() -> m.Story:
    loaded = load_pack(bundled_pack()).story
    assert loaded is not None
    return loaded


@pytest.fixture
def weighed_often(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(assessment, "WALK_WEIGH_EVERY", 10)
    monkeypatch.setattr(assessment, "SAMPLES", 50)


def test_a_walk_over_its_memory_budget_is_sampled_and_says_why(
    story: m.Story, weighed_often: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(assessment, "WALK_BUDGET_MB", 0.0)
    coverage = assessment.storyline_paths(story, LINE)
    assert coverage.method == "sampled"
    assert coverage.states == 50
    assert coverage.note == "more than 0 MB of memory"


def test_a_walk_stops_where_the_command_budget_is_spent(
    story: m.Story, weighed_often: None
) -> None:
    """Its own budget is far off, but the command it runs in has none left."""
    coverage = assessment.storyline_paths(story, LINE, within=MemoryBudget(0.0))
    assert coverage.method == "sampled"
    assert "MB of memory" in coverage.note


def test_a_walk_within_its_budgets_is_exact_and_the_same(
    story: m.Story, weighed_often: None
) -> None:
    alone = assessment.storyline_paths(story, LINE)
    within = assessment.storyline_paths(story, LINE, within=MemoryBudget(1024.0))
    assert alone.method == within.method == "exact"
    assert (alone.states, alone.classes, alone.silent) == (
        within.states,
        within.classes,
        within.silent,
    )


def test_the_body_memo_of_a_walk_is_capped(story: m.Story, monkeypatch: pytest.MonkeyPatch):
    """Four advances a state would be 240,000 advances at the state bound."""
    seen: list[int] = []
    run = assessment._Explorer.run

    def spy(self: assessment._Explorer) -> tuple[int, frozenset[assessment.PathClass], str]:
        seen.append(ADVANCE_MEMO.entries)
        return run(self)

    monkeypatch.setattr(assessment._Explorer, "run", spy)
    assessment.storyline_paths(story, "too_much")
    assert seen == [
        max(ADVANCE_MEMO.entries, ADVANCE_MEMO.entries_within(WALK_BODY_MEMO_MB * 2**20))
    ]
    assert seen[0] < 4 * assessment.MAX_STATES


def test_a_budget_within_another_is_spent_when_either_is() -> None:
    roomy = 1024.0
    assert MemoryBudget(roomy, within=MemoryBudget(0.0)).spent()
    assert MemoryBudget(0.0, within=MemoryBudget(roomy)).spent()
    assert not MemoryBudget(roomy, within=MemoryBudget(roomy)).spent()


def test_the_command_budget_is_the_memo_budget_and_never_less_than_a_walk() -> None:
    walk = assessment.WALK_BUDGET_MB * 2**20
    assert _command_budget(None).limit == 200 * 2**20
    assert _command_budget(0.0).limit == walk
    assert _command_budget(10.0).limit == walk
    assert _command_budget(500.0).limit == 500 * 2**20


def test_the_playtests_steps_reach_the_walks_only_while_they_leave_a_walk_its_room(
    story: m.Story,
) -> None:
    """Kept alive for the assessment, the playtest's memo must not take the room
    its walks would have had once it was freed (a walk out of room is sampled)."""
    from game.authoring.playtest import random_playtest
    from game.authoring.testing import _known_steps

    roomy = MemoryBudget(100_000.0)
    assert roomy.leaves(assessment.WALK_BUDGET_MB)
    assert not MemoryBudget(assessment.WALK_BUDGET_MB / 2).leaves(assessment.WALK_BUDGET_MB)
    assert not MemoryBudget(1024.0, within=MemoryBudget(10.0)).leaves(assessment.WALK_BUDGET_MB)
    played = random_playtest(story, 30, seed=1, keep_steps=True)
    known = played.known
    assert known is not None and _known_steps([played], roomy) is known
    assert played.known is None  # taken out of the report
    played.known = known
    assert _known_steps([played], MemoryBudget(10.0)) is None and played.known is None
