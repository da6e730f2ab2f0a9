"""The sweep writes ``numerics.relax`` out for every quantity: each must be relax, bit for bit.

sweep.py inlines the relaxation (a call per quantity cost about 7% of an
advance) with its signs folded in, and unpacks ``InputTerms`` and ``Effects``
by position. These tests hold the thirty written-out copies to the one
tested ``relax`` and the unpacked names to the records' fields, so an edit
of one copy, or a field added or moved, fails here rather than drifting.
"""

from __future__ import annotations

import ast
import inspect
import math

import captured_advances as captured
import pytest

from game.body import sweep as sweep_module
from game.body.inputs import InputTerms, input_terms
from game.body.modifiers import Effects, compute_effects
from game.body.numerics import relax, relax_across
from game.body.quantities import COUNT, LC, TWO_SPEED
from game.body.state import BodyState, Physiology
from game.body.sweep import sweep

DATA = captured.load()


def _bits(x: float) -> str:
    return repr(x)  # the shortest exact text: -0.0 and 0.0 differ


@pytest.mark.parametrize("h", [1e-12, 0.5, 7.0, 600.0, 86400.0 * 9, math.inf])
def test_every_quantity_of_a_sweep_is_relax_of_its_own_numbers(h):
    checked = crossed = 0
    for start, _, _ in DATA["advances"]:
        body = captured.decode(start)
        k = input_terms(body)
        effects = compute_effects(body.conditions, body.medications, body.clock)
        values, starts, taus = list(body.physiology), [0.0] * COUNT, [0.0] * COUNT
        sweep(values, [0.0] * COUNT, starts, taus, 0.0, body, k, effects, body.hours_awake)
        assert values == list(body.physiology)  # h = 0 moves nothing
        before, ends = list(values), [0.0] * COUNT
        sweep(values, starts, ends, taus, h, body, k, effects, body.hours_awake)
        for i, name in enumerate(Physiology._fields):
            if before[i] == ends[i] and starts[i] == ends[i]:
                want = before[i]  # on a target that did not move: left alone
            else:
                want = relax(before[i], starts[i], ends[i], h, taus[i])
                checked += 1
                if i in _switching(body) and (want - ends[i]) * (before[i] - ends[i]) < 0.0:
                    # The target passed it: the other time constant from then on.
                    want = relax_across(before[i], starts[i], ends[i], h, *TWO_SPEED[i])
                    crossed += 1
            assert _bits(values[i]) == _bits(want), (name, h, body)
    assert checked > 1000
    assert crossed or not 1.0 < h < math.inf  # (the corpus has crossings at these lengths)


def _switching(body: BodyState) -> set[int]:
    """The quantities whose time constant depends on their side of the target, for ``body``."""
    return set(TWO_SPEED) if body.sleep else set(TWO_SPEED) - {LC}


def test_each_two_speed_quantity_takes_the_time_constant_of_its_side():
    sides = 0
    for start, _, _ in DATA["advances"]:
        body = captured.decode(start)
        values, targets, taus = list(body.physiology), [0.0] * COUNT, [0.0] * COUNT
        effects = compute_effects(body.conditions, body.medications, body.clock)
        k = input_terms(body)
        sweep(values, [0.0] * COUNT, targets, taus, 0.0, body, k, effects, body.hours_awake)
        for i in _switching(body):
            above, below = TWO_SPEED[i]
            if values[i] != targets[i]:
                assert taus[i] == (above if values[i] > targets[i] else below), i
                sides += 1
    assert sides > 400


def _unpacked(source: str, record: str) -> list[str]:
    """The names of ``(a, b, ...) = record`` in the sweep's source."""
    for node in ast.walk(ast.parse(source)):
        if (
            isinstance(node, ast.Assign)
            and isinstance(node.value, ast.Name)
            and node.value.id == record
        ):
            (target,) = node.targets
            assert isinstance(target, ast.Tuple)
            return [e.id for e in target.elts if isinstance(e, ast.Name)]
    raise AssertionError(f"the sweep unpacks no {record}")


@pytest.mark.parametrize(
    ("record", "fields"), [("k", InputTerms._fields), ("eff", Effects._fields)]
)
def test_the_sweep_unpacks_each_record_in_its_field_order(record, fields):
    names = _unpacked(inspect.getsource(sweep_module.sweep), record)
    assert [name.lstrip("_") for name in names] == list(fields)
