"""What a story variable may hold: one rule (game.story.expr.fits and
stored_as) read by the loader's `set:`, the engine's `compute:` and a save's
variables, so the three can never disagree."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.story.expr import Value, fits, stored_as

values = st.one_of(
    st.booleans(),
    st.integers(-(10**15), 10**15),
    st.floats(-1e15, 1e15, allow_nan=False),
    st.text(max_size=5),
)


@given(values, values)
def test_a_value_that_fits_is_stored_with_the_variables_own_type(
    default: Value, value: Value
) -> None:
    if fits(default, value):
        assert type(stored_as(default, value)) is type(default)
        assert stored_as(default, value) == value


@given(values, values)
def test_true_false_and_numbers_never_mix(default: Value, value: Value) -> None:
    if isinstance(default, bool) != isinstance(value, bool):
        assert not fits(default, value)
        assert stored_as(default, value) is value


def test_whole_numbers_take_no_fractions_but_fractions_take_whole_numbers() -> None:
    assert not fits(3, 2.5) and fits(3, 2) and fits(3.0, 2) and fits(3.0, 2.5)
    assert not fits("a", 1) and not fits(1, "a") and fits("a", "b")
    assert stored_as(3, 2.6) == 3 and type(stored_as(3, 2.6)) is int  # compute rounds
    assert stored_as(1.5, 2) == 2.0 and type(stored_as(1.5, 2)) is float
