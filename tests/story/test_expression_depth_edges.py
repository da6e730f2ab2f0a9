"""An expression is refused as too deep exactly one level past MAX_DEPTH, in
every shape that makes a tree deep, and accepted at MAX_DEPTH itself.

The limit guards the parser, the checker and the evaluator against recursion
(each recurses once a level), so an author may write anything up to it. A
limit that is off by one level, or that counts some operator twice, refuses
a condition that works everywhere else; these tests probe each shape at the
edge, where such a change shows, not only far past it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from game.story.diagnostics import Diagnostic
from game.story.expr import MAX_DEPTH, ExprSyntaxError, parse
from game.story.loader import load_pack
from tests.conftest import BASE_STORY, PackWriter

TOO_DEEP = f"the expression is nested too deeply (more than {MAX_DEPTH} levels)"
HINT = "split it up, e.g. compute part of it into a variable first"

#: shape -> (the expression ``n`` levels deep, the offset a refusal at n = MAX_DEPTH + 1 names)
SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    # each level is one node of the tree the checker and evaluator walk
    "a chain of +": (lambda n: "1+" * n + "1", 2 * MAX_DEPTH + 1),
    "a chain of *": (lambda n: "2*" * n + "2", 2 * MAX_DEPTH + 1),
    "- signs": (lambda n: "-" * n + "1", MAX_DEPTH),
    "not": (lambda n: "not " * n + "x", 4 * MAX_DEPTH),
    "and inside parentheses": (lambda n: "x and (" * n + "x" + ")" * n, 7 * MAX_DEPTH + 6),
    "or inside parentheses": (lambda n: "x or (" * n + "x" + ")" * n, 6 * MAX_DEPTH + 5),
    # each level is one more recursion of the parser only
    "parentheses": (lambda n: "(" * n + "1" + ")" * n, MAX_DEPTH),
    "calls": (lambda n: "abs(" * n + "1" + ")" * n, 4 * MAX_DEPTH),
}


@pytest.mark.parametrize("shape", SHAPES)
def test_an_expression_exactly_max_depth_deep_is_accepted(shape: str) -> None:
    build, _ = SHAPES[shape]
    parse(build(MAX_DEPTH))


@pytest.mark.parametrize("shape", SHAPES)
def test_one_level_deeper_is_refused_at_the_part_that_went_too_deep(shape: str) -> None:
    build, offset = SHAPES[shape]
    with pytest.raises(ExprSyntaxError) as raised:
        parse(build(MAX_DEPTH + 1))
    assert (raised.value.message, raised.value.offset, raised.value.hint) == (
        TOO_DEEP,
        offset,
        HINT,
    )


def _condition_diagnostics(make_pack: PackWriter, condition: str) -> list[Diagnostic]:
    scenes = f"""\
scenes:
  a:
    title: A
    text: Hello
    choices:
      - text: Go
        goto: b
        if: {condition}
  b:
    title: B
    text: B
    ending: {{kind: good, summary: Done}}
"""
    root: Path = make_pack(BASE_STORY, **{"s.yaml": scenes})
    return list(load_pack(root).diagnostics)


def test_a_pack_condition_at_the_limit_loads_and_one_deeper_is_reported_where_it_tips(
    make_pack: PackWriter,
) -> None:
    """A comparison over a chain of sums is one level more than the chain."""
    at_limit = "courage" + " + 1" * (MAX_DEPTH - 1) + " > 0"
    assert _condition_diagnostics(make_pack, at_limit) == []
    too_deep = "courage" + " + 1" * MAX_DEPTH + " > 0"
    found = [
        (str(d.loc), d.code, d.message, d.hint) for d in _condition_diagnostics(make_pack, too_deep)
    ]
    # the value starts at column 13 of line 8; the ">" that tips it is at its offset 7 + 4 * 64 + 1
    column = 13 + 7 + 4 * MAX_DEPTH + 1
    assert found == [(f"s.yaml:8:{column}", "E040", TOO_DEEP, HINT)]
