"""A random route picks the branch whose share of the total weight holds the
game's next draw, for any number of branches (one too); and a game started without a
seed is the game of seed 0 (what a walkthrough without `seed:` replays).

The pick is pinned against the generator itself (splitmix64, tested in
test_random_and_state_keys.py): the draw ``d`` in [0, 1) times the total
weight falls into exactly one branch's slice of the line of weights, taken
in the order the author wrote them.
"""

from __future__ import annotations

from collections import Counter

import pytest

from game.engine import events as ev
from game.engine.machine import Game, new_game
from game.engine.state import next_random, seed_state
from game.story.loader import load_pack

ROUTE = """\
scenes:
  a:
    title: Fork
    text: x
    next:
      random:
{branches}
{endings}
"""


def _pack(make_pack, weights: list[float]):
    branches = "\n".join(
        f"        - {{to: e{i}, weight: {weight}}}" for i, weight in enumerate(weights)
    )
    endings = "\n".join(
        f"  e{i}:\n    title: End {i}\n    text: x\n    ending: {{kind: good, summary: x}}"
        for i in range(len(weights))
    )
    return load_pack(
        make_pack(**{"s.yaml": ROUTE.format(branches=branches, endings=endings)})
    ).story


def _expected_branch(seed: int, weights: list[float]) -> int:
    """The branch whose slice [sum(before), sum(before) + weight) holds the draw."""
    _, draw = next_random(seed_state(seed))
    point, edge = draw * sum(weights), 0.0
    for index, weight in enumerate(weights):
        edge += weight
        if point < edge:
            return index
    return len(weights) - 1


@pytest.mark.parametrize("weights", [[2], [1, 1, 1], [1, 2, 3], [3, 1, 1, 1], [0.5, 4, 0.5, 2, 1]])
def test_a_random_route_takes_the_branch_whose_slice_of_the_weights_holds_the_draw(
    make_pack, weights
) -> None:
    story = _pack(make_pack, weights)
    reached: Counter[int] = Counter()
    for seed in range(60):
        game = Game.start(story, seed=seed).choose(1)  # "Continue" takes the route
        expected = _expected_branch(seed, weights)
        assert game.state.scene == f"e{expected}", (seed, weights)
        route = [e for e in game.last_events if isinstance(e, ev.RouteTaken)]
        assert route == [
            ev.RouteTaken(f"Chance led to End {expected}", to=f"e{expected}", random=True)
        ]
        reached[expected] += 1
    assert sorted(reached) == list(range(len(weights)))  # every branch is reachable


def test_the_shares_of_a_three_way_route_follow_its_weights(make_pack) -> None:
    story = _pack(make_pack, [1, 2, 3])
    counts = Counter(Game.start(story, seed=seed).choose(1).state.scene for seed in range(600))
    # 100, 200 and 300 expected; a fixed set of seeds, so the counts are fixed too.
    assert 70 < counts["e0"] < 130 and 160 < counts["e1"] < 240 and 250 < counts["e2"] < 350


def test_a_game_started_without_a_seed_is_the_game_of_seed_zero(make_pack) -> None:
    story = _pack(make_pack, [1, 1, 1])
    default, zero = new_game(story), new_game(story, seed=0)
    assert default.events[0] == ev.GameStarted(
        "New game: Test", pack="t", storyline=None, seed=0, scene="a"
    )
    assert default.state.rng == zero.state.rng == seed_state(0)
    taken = Game.start(story).choose(1).state
    assert taken.scene == f"e{_expected_branch(0, [1, 1, 1])}"
    assert taken.rng == next_random(seed_state(0))[0]
