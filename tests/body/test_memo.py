"""The body's memos: bounded, owned by one object each, with an honest size in bytes."""

from __future__ import annotations

import random
import tracemalloc

import pytest

from game.body import ADVANCE_MEMO, initial_state, remembering, with_inputs
from game.body.dynamics import integrate
from game.body.memo import Memo


def _bodies(n: int) -> list:
    rng = random.Random(3)
    body, out = initial_state(), []
    for _ in range(n):
        body = integrate(with_inputs(body, {"threat": rng.random()}), 30.0)
        out.append(body)
    return out


def test_a_memo_keeps_at_most_its_entries_least_recently_used_out_first():
    calls = []

    def square(x: int) -> int:
        calls.append(x)
        return x * x

    memo = Memo(square, 2, 100)
    assert [memo.call(1), memo.call(2), memo.call(1), memo.call(3)] == [1, 4, 1, 9]
    assert len(memo) == 2 and memo.approx_bytes() == 200
    memo.call(1)  # still there (used more recently than 2)
    memo.call(2)  # evicted: computed again
    assert calls == [1, 2, 3, 2]
    memo.resize(5)
    assert memo.entries == 5 and len(memo) == 0
    assert memo.entries_within(1050) == 10


@pytest.mark.parametrize("bad", [-1, 2.5, True, "10"])
def test_a_memo_size_is_a_whole_number(bad):
    with pytest.raises(ValueError, match="whole number"):
        Memo(abs, bad, 100)


def test_widened_never_shrinks_and_gives_back_what_was_held():
    memo = Memo(abs, 10, 100)
    memo.call(-1)
    with memo.widened(4):  # already that wide: kept as it is, with what it holds
        assert memo.entries == 10 and len(memo) == 1
    with memo.widened(1000):
        assert memo.entries == 1000
        memo.call(-2)
        memo.call(-3)
    assert memo.entries == 10 and len(memo) == 1


def test_a_widened_memo_can_go_back_to_its_usual_size_early():
    memo = Memo(abs, 10, 100)
    memo.call(-1)
    with memo.widened(1000) as usual_size:
        memo.call(-2)
        usual_size()
        assert memo.entries == 10 and len(memo) == 0
        memo.call(-3)
        assert len(memo) == 1
    assert memo.entries == 10 and len(memo) == 1 and memo.call(-1) == 1


def test_a_block_inside_a_wider_one_keeps_what_it_holds_and_its_way_back():
    """``locus test`` widens once for its playthroughs and the walks after them:
    a walk's own, narrower widening must find the bodies the playthroughs left,
    and a playtest inside that block gives up the block's room, not nothing."""
    calls = []

    def square(x: int) -> int:
        calls.append(x)
        return x * x

    memo = Memo(square, 10, 100)
    with memo.widened(1000) as outer_usual:
        memo.call(2)
        with memo.widened(500) as inner_usual:
            assert memo.entries == 1000 and memo.call(2) == 4 and calls == [2]
        assert inner_usual is outer_usual
        with memo.widened(1000) as usual_size:
            usual_size()
            assert memo.entries == 10 and len(memo) == 0
    assert memo.entries == 10
    with memo.widened(5) as nothing:  # outside any wider block there is no room to give up
        nothing()
        assert memo.entries == 10


def test_remembering_within_a_memory_budget():
    with remembering(1_000_000, max_mb=60.0):
        assert ADVANCE_MEMO.entries == 60 * 2**20 // ADVANCE_MEMO.entry_bytes
    with remembering(20_000, max_mb=1000.0):
        assert ADVANCE_MEMO.entries == 20_000


def test_an_advance_entry_takes_about_what_the_memo_says():
    """Measured with tracemalloc: the bodies an advance starts from are made for the memo
    and kept alive only by it, as in a playtest whose playthroughs have moved on."""
    memo = Memo(integrate, 10_000, ADVANCE_MEMO.entry_bytes)
    rng = random.Random(5)
    seconds = [float(rng.randint(1, 100_000)) for _ in range(300)]
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for body, s in zip(_bodies(300), seconds, strict=True):
            memo.call(body, s)
        per_entry = (tracemalloc.get_traced_memory()[0] - before) / 300
    finally:
        tracemalloc.stop()
    assert 0.6 * memo.entry_bytes <= per_entry <= 1.2 * memo.entry_bytes, per_entry
