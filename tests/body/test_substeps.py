"""The sub-step schedule (numerics.next_substep, numerics.moving_limit) as properties."""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st

from game.body import params as P
from game.body.numerics import moving_limit, next_substep
from game.body.quantities import COUNT, LC, LIMITERS

_SECONDS = st.floats(min_value=1e-3, max_value=30 * 86400.0)


@given(
    previous=st.one_of(st.just(0.0), _SECONDS),
    left=_SECONDS,
    limit=_SECONDS,
    boundary=st.one_of(st.just(math.inf), _SECONDS),
)
@example(previous=0.0, left=0.3, limit=0.1, boundary=math.inf)  # both under MIN_SUBSTEP_S
def test_a_substep_is_positive_and_never_passes_the_end_or_a_kink(previous, left, limit, boundary):
    """Even where the limit is shorter than ``MIN_SUBSTEP_S`` and so is what is left."""
    h = next_substep(previous, left, limit, boundary)
    assert 0.0 < h <= left
    assert h <= boundary or h == left <= boundary


def _limit_with_lc_transient(transient: float, h: float, left: float) -> float:
    """The sub-step ``moving_limit`` allows with only the LC in a transient of that size."""
    values, starts, ends = [1.0] * COUNT, [1.0] * COUNT, [1.0] * COUNT
    taus = [10.0] * COUNT
    values[LC] = 1.0 + transient
    return moving_limit(values, starts, ends, taus, h, left, LIMITERS)


@given(
    small=st.floats(min_value=0.0, max_value=10.0),
    factor=st.floats(min_value=1.0, max_value=1e3),
    h=st.sampled_from([0.0, 1.0, 15.0]),
)
def test_a_smaller_transient_never_asks_for_a_shorter_substep(small, factor, h):
    left = 600.0
    assert _limit_with_lc_transient(small, h, left) >= _limit_with_lc_transient(
        small * factor, h, left
    )


def test_the_limit_follows_the_size_of_the_transient():
    """A transient ``ERROR_RATIO`` times its threshold: ``SUBSTEP_PER_TAU`` time constants;
    a hundred times bigger: a tenth of that; below its threshold: no limit."""
    threshold = next(t for i, _, t in LIMITERS if i == LC)
    at_ratio = _limit_with_lc_transient(P.ERROR_RATIO * threshold, 15.0, 600.0)
    assert math.isclose(at_ratio, P.SUBSTEP_PER_TAU * 10.0)
    assert _limit_with_lc_transient(0.5 * threshold, 15.0, 600.0) == P.MAX_SUBSTEP_S
    big = _limit_with_lc_transient(100.0 * P.ERROR_RATIO * threshold, 15.0, 600.0)
    assert math.isclose(big, 0.1 * P.SUBSTEP_PER_TAU * 10.0)
    first = _limit_with_lc_transient(P.ERROR_RATIO * threshold, 0.0, 600.0)
    assert math.isclose(first, P.FIRST_SUBSTEP_PER_TAU * 10.0)
