"""Property tests for expressions and templates (hypothesis).

The typed generator builds well-formed expressions of a known kind, so the
properties say more than "does not crash": the checker agrees with the
generator about every kind, evaluation gives a value of that kind (or an
ExprEvalError for division by zero and the like), and printing the tree back
gives an expression that means the same. Random token soup and random text
must only ever raise the documented errors.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.story.expr import (
    MAX_DEPTH,
    ExprEvalError,
    ExprSyntaxError,
    Kind,
    TypeEnv,
    Value,
    check,
    kind_of,
    parse,
)
from game.story.expr.operators import BINARY, UNARY_OPS
from game.story.printable import printable
from game.story.templates import TemplateSyntaxError, format_value, parse_template

FAST = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VALUES: dict[str, Value] = {
    "courage": 3,
    "fatigue": 40.5,
    "debt": -7,
    "zero": 0,
    "met_guide": True,
    "lost": False,
    "mood": "calm",
    "quote": 'it\'s "odd" \\ ok',
    "body.heart_rate": 72.0,
    "body.lc_mode": "phasic",
}
KINDS: dict[str, Kind] = {name: kind_of(value) for name, value in VALUES.items()}
ENV = TypeEnv(KINDS)


class Ctx:
    def lookup(self, name: str) -> Value:
        return VALUES[name]

    def call(self, function: str, args: tuple[Value, ...]) -> Value:
        if function == "visited":
            return len(str(args[0]))
        return len(str(args[0])) % 2 == 0


CTX = Ctx()


# --- the typed generator -------------------------------------------------------


def quoted(text: str, quote: str) -> str:
    return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


def names_of(kind: Kind) -> st.SearchStrategy[str]:
    return st.sampled_from(sorted(n for n, k in KINDS.items() if k == kind))


ids = st.one_of(
    st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True).filter(
        lambda s: s not in {"and", "or", "not", "true", "false"}
    ),
    st.builds(quoted, st.text(max_size=8), st.sampled_from("'\"")),
)
int_literals = st.integers(0, 10**6).map(str)
float_literals = st.builds(lambda a, b: f"{a}.{b}", st.integers(0, 999), st.integers(0, 999))
str_literals = st.builds(quoted, st.text(max_size=10), st.sampled_from("'\""))

LEAVES: dict[Kind, st.SearchStrategy[str]] = {
    "number": st.one_of(
        int_literals,
        float_literals,
        names_of("number"),
        st.builds("visited({})".format, ids),
    ),
    "bool": st.one_of(
        st.sampled_from(["true", "false"]),
        names_of("bool"),
        st.builds(
            "{}({})".format,
            st.sampled_from(["has_condition", "on_medication", "has_badge"]),
            ids,
        ),
    ),
    "str": st.one_of(str_literals, names_of("str")),
}
MAX_LEVELS = 5


Draw = Callable[[st.SearchStrategy], object]


def sub(draw: Draw, kind: Kind, level: int) -> str:
    return draw(typed(kind, level))  # type: ignore[return-value]


def number_form(draw: Draw, level: int) -> str:
    form = draw(st.sampled_from(["arith", "neg", "minmax", "abs", "round", "round2"]))
    if form == "arith":
        op = draw(st.sampled_from(["+", "-", "*", "/", "%"]))
        return f"({sub(draw, 'number', level)} {op} {sub(draw, 'number', level)})"
    if form == "neg":
        return f"-{sub(draw, 'number', level)}"
    if form == "minmax":
        count = draw(st.integers(2, 4))
        args = ", ".join(sub(draw, "number", level) for _ in range(count))
        return f"{draw(st.sampled_from(['min', 'max']))}({args})"
    if form == "abs":
        return f"abs({sub(draw, 'number', level)})"
    if form == "round":
        return f"round({sub(draw, 'number', level)})"
    return f"round({sub(draw, 'number', level)}, {draw(st.integers(-3, 3))})"


def bool_form(draw: Draw, level: int) -> str:
    form = draw(st.sampled_from(["order", "equal", "andor", "not", "chose"]))
    if form == "order":
        op = draw(st.sampled_from(["<", "<=", ">", ">="]))
        return f"({sub(draw, 'number', level)} {op} {sub(draw, 'number', level)})"
    if form == "equal":
        kind = draw(st.sampled_from(["number", "bool", "str"]))
        op = draw(st.sampled_from(["==", "!="]))
        return f"({sub(draw, kind, level)} {op} {sub(draw, kind, level)})"
    if form == "andor":
        op = draw(st.sampled_from(["and", "or"]))
        count = draw(st.integers(2, 4))
        return "(" + f" {op} ".join(sub(draw, "bool", level) for _ in range(count)) + ")"
    if form == "not":
        return f"(not {sub(draw, 'bool', level)})"
    return f"chose({draw(ids)}, {sub(draw, 'number', level)})"


def str_form(draw: Draw, level: int) -> str:
    return f"({sub(draw, 'str', level)} + {sub(draw, 'str', level)})"


FORMS: dict[Kind, Callable[[Draw, int], str]] = {
    "number": number_form,
    "bool": bool_form,
    "str": str_form,
}


@st.composite
def typed(draw: Draw, kind: Kind, level: int = 0) -> str:
    """Source text of a well-formed expression of ``kind``."""
    if level >= MAX_LEVELS or draw(st.integers(0, 2)) == 0:
        return draw(LEAVES[kind])  # type: ignore[return-value]
    return FORMS[kind](draw, level + 1)


kinds = st.sampled_from(["number", "bool", "str"])


@st.composite
def typed_any(draw: Draw) -> tuple[Kind, str]:
    kind: Kind = draw(kinds)  # type: ignore[assignment]
    return kind, draw(typed(kind))  # type: ignore[return-value]


def outcome(source: str) -> tuple[str, object]:
    """The value, or the evaluation error's message; NaN made comparable."""
    try:
        value = parse(source).evaluate(CTX)
    except ExprEvalError as error:
        return "error", error.message
    if isinstance(value, float) and math.isnan(value):
        return "nan", None
    return kind_of(value), value


# --- properties ----------------------------------------------------------------


@FAST
@given(typed_any())
def test_well_typed_expressions_check_and_evaluate(case: tuple[Kind, str]) -> None:
    kind, source = case
    expr = parse(source)
    found_kind, problems = check(expr, ENV, expect=kind)
    assert found_kind == kind
    # The only problems in a well-typed expression: a literal zero divisor.
    assert {p.message for p in problems} <= {"division by zero", "modulo by zero"}
    result_kind, _ = outcome(source)
    assert result_kind in (kind, "error") or (kind == "number" and result_kind == "nan")


@FAST
@given(typed_any())
def test_printing_back_keeps_the_meaning(case: tuple[Kind, str]) -> None:
    _, source = case
    expr = parse(source)
    printed = expr.to_source()
    again = parse(printed)
    assert again.to_source() == printed
    assert again.refs() == tuple(  # same refs, though offsets move
        type(r)(r.kind, r.name, o.offset) for r, o in zip(expr.refs(), again.refs(), strict=True)
    )
    assert outcome(printed) == outcome(source)


@FAST
@given(st.text(max_size=30), st.sampled_from("'\""))
def test_string_literals_round_trip(text: str, quote: str) -> None:
    assert parse(quoted(text, quote)).evaluate(CTX) == text
    assert parse(parse(quoted(text, quote)).to_source()).evaluate(CTX) == text


SOUP = st.sampled_from(
    [
        "courage", "met_guide", "mood", "body.heart_rate", "body.nope", "x.y", "nope",
        "visited", "chose", "has_badge", "min", "max", "abs", "round", "foo",
        "0", "3", "2.5", "'s'", '"t"', "true", "false", "and", "or", "not",
        "+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=",
        "(", ")", "(", ")", ",", "=", "!", "'", '"', ".", "\\", "$", "{", "}", ":",
    ]
)  # fmt: skip


@FAST
@given(st.lists(SOUP, max_size=25), st.sampled_from(["", " "]))
def test_token_soup_raises_only_documented_errors(tokens: list[str], sep: str) -> None:
    source = sep.join(tokens)
    try:
        expr = parse(source)
    except ExprSyntaxError as error:
        assert 0 <= error.offset <= len(source)
        return
    check(expr, ENV)
    check(expr, ENV, expect="bool")
    with contextlib.suppress(ExprEvalError):
        expr.evaluate(CTX)
    assert parse(expr.to_source()).to_source() == expr.to_source()


@FAST
@given(st.text(max_size=60) | st.text(alphabet="()-not 1+*<=,x'\"\\.ab", max_size=200))
def test_garbage_raises_only_syntax_errors(source: str) -> None:
    try:
        expr = parse(source)
    except ExprSyntaxError as error:
        assert 0 <= error.offset <= len(source)
        return
    check(expr, ENV)
    with contextlib.suppress(ExprEvalError):
        expr.evaluate(CTX)


DEEP_SHAPES: dict[str, Callable[[int], str]] = {
    "parentheses": lambda n: "(" * n + "1" + ")" * n,
    "open parentheses": lambda n: "(" * n,
    "minus": lambda n: "-" * n + "1",
    "not": lambda n: "not " * n + "x",
    "calls": lambda n: "abs(" * n,
    "sum chain": lambda n: "1+" * n + "1",
}


@FAST
@given(st.sampled_from(sorted(DEEP_SHAPES)), st.integers(MAX_DEPTH + 2, 400))
def test_deep_garbage_is_refused_as_too_deep(shape: str, depth: int) -> None:
    """Deeper than MAX_DEPTH in any shape is a syntax error naming the depth,
    never a RecursionError in the parser or later in check/evaluate."""
    source = DEEP_SHAPES[shape](depth)  # at most 1601 characters: under MAX_LENGTH
    try:
        parse(source)
    except ExprSyntaxError as error:
        assert "nested too deeply" in error.message, error.message
        assert 0 <= error.offset <= len(source)
    else:
        raise AssertionError(f"{shape} nested {depth} deep was accepted")


@FAST
@given(st.text(alphabet="ab $${}:'\"\\.1+x", max_size=40))
def test_template_garbage_raises_only_template_errors(text: str) -> None:
    try:
        template = parse_template(text)
    except TemplateSyntaxError as error:
        assert 0 <= error.offset <= len(text)
        return
    try:
        rendered = template.render(CTX)
    except ExprEvalError:
        return
    if "$" not in text:
        assert template.is_constant and rendered == text


literal_text = st.text(alphabet=st.characters(blacklist_characters="$"), max_size=10)


@FAST
@given(st.lists(st.tuples(literal_text, typed_any()), max_size=3), literal_text)
def test_templates_render_each_placeholder(
    parts: list[tuple[str, tuple[Kind, str]]], tail: str
) -> None:
    text = "".join(f"{lit}${{{source}}}" for lit, (_, source) in parts) + tail
    template = parse_template(text)
    assert len(template.expressions()) == len(parts)
    expected = []
    for lit, (_, source) in parts:
        expected.append(lit)
        try:
            expected.append(printable(format_value(parse(source).evaluate(CTX))))
        except ExprEvalError:
            return
    assert template.render(CTX) == "".join(expected) + tail


# --- the operator table: the checker and evaluation apply the same rule ------

OPERAND = {"number": "courage", "str": "mood"}  # bools below: true, or false for `or`


def _operand(kind: Kind, symbol: str) -> str:
    if kind == "bool":
        return "lost" if symbol == "or" else "met_guide"  # so that `and`/`or` go on
    return OPERAND[kind]


@pytest.mark.parametrize("symbol", sorted(BINARY))
@pytest.mark.parametrize("left", ["number", "bool", "str"])
@pytest.mark.parametrize("right", ["number", "bool", "str"])
def test_every_binary_operator_is_checked_as_it_evaluates(
    symbol: str, left: Kind, right: Kind
) -> None:
    """For every operator of the table and every pair of operand kinds, the
    checker finds a problem exactly when evaluation refuses the operands, and
    evaluation words it as the table says."""
    expr = parse(f"{_operand(left, symbol)} {symbol} {_operand(right, symbol)}")
    kind, problems = check(expr, ENV)
    try:
        value = expr.evaluate(Ctx())
    except ExprEvalError as error:
        assert error.message.startswith(f"`{symbol}` {BINARY[symbol].need}, got ")
        assert problems
    else:
        assert not problems
        assert kind == kind_of(value)


@pytest.mark.parametrize("symbol", sorted(UNARY_OPS))
@pytest.mark.parametrize("operand", ["number", "bool", "str"])
def test_every_unary_operator_is_checked_as_it_evaluates(symbol: str, operand: Kind) -> None:
    expr = parse(f"{symbol} ({_operand(operand, symbol)})")
    kind, problems = check(expr, ENV)
    try:
        value = expr.evaluate(Ctx())
    except ExprEvalError as error:
        assert error.message.startswith(f"`{symbol}` {UNARY_OPS[symbol].need}, got ")
        assert problems
    else:
        assert not problems
        assert kind == kind_of(value)
