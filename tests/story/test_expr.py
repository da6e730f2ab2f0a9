"""Unit tests for the expression language (game.story.expr)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pytest

from game.story.expr import (
    MAX_DEPTH,
    MAX_LENGTH,
    BoolOp,
    Expr,
    ExprEvalError,
    ExprProblem,
    ExprSyntaxError,
    Kind,
    Ref,
    TypeEnv,
    Value,
    check,
    describe_value,
    kind_of,
    parse,
)


class DictContext:
    """A context backed by dicts; records state-function calls."""

    def __init__(
        self,
        names: Mapping[str, object] | None = None,
        calls: Mapping[str, object] | None = None,
    ) -> None:
        self.names = dict(names or {})
        self.results = dict(calls or {})
        self.calls: list[tuple[str, tuple[Value, ...]]] = []

    def lookup(self, name: str) -> Value:
        return self.names[name]  # type: ignore[return-value]

    def call(self, function: str, args: tuple[Value, ...]) -> Value:
        self.calls.append((function, args))
        return self.results[function]  # type: ignore[return-value]


CTX = DictContext(
    {
        "courage": 3,
        "fatigue": 40.5,
        "met_guide": True,
        "lost": False,
        "mood": "calm",
        "score": 10,
        "minutes": 90,
        "day": 0,
        "body.heart_rate": 121.5,
        "body.lc_mode": "phasic",
    },
    {
        "visited": 2,
        "chose": True,
        "has_condition": False,
        "on_medication": True,
        "has_badge": False,
    },
)


def ev(source: str, ctx: DictContext = CTX) -> Value:
    return parse(source).evaluate(ctx)


def syntax_error(source: str) -> ExprSyntaxError:
    with pytest.raises(ExprSyntaxError) as info:
        parse(source)
    return info.value


def eval_error(source: str, ctx: DictContext = CTX) -> ExprEvalError:
    with pytest.raises(ExprEvalError) as info:
        ev(source, ctx)
    return info.value


# --- literals ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("3", 3),
        ("2.5", 2.5),
        ("0", 0),
        ("007", 7),
        ("true", True),
        ("false", False),
        ("'calm'", "calm"),
        ('"calm"', "calm"),
        ("''", ""),
        (r"'it\'s'", "it's"),
        (r'"say \"hi\""', 'say "hi"'),
        (r"'back\\slash'", "back\\slash"),
        ('"it\'s"', "it's"),
        ("'a \"b\"'", 'a "b"'),
        ("'a:b}'", "a:b}"),
    ],
)
def test_literals(source: str, value: Value) -> None:
    result = ev(source)
    assert result == value
    assert type(result) is type(value)


def test_whitespace_is_ignored() -> None:
    assert ev("  1 +\n\t2 ") == 3


# --- operators -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "value"),
    [
        # arithmetic; int op int stays int except for /
        ("7 + 2", 9),
        ("7 - 2", 5),
        ("7 * 2", 14),
        ("7 / 2", 3.5),
        ("6 / 3", 2.0),
        ("7 % 3", 1),
        ("-7 % 3", 2),
        ("7.5 % 2", 1.5),
        ("1 + 2.5", 3.5),
        ("'ab' + 'cd'", "abcd"),
        ("mood + '!'", "calm!"),
        # unary minus
        ("-3", -3),
        ("- -3", 3),
        ("--3", 3),
        ("-courage", -3),
        ("-(1 + 2)", -3),
        # precedence: * over +, unary - over *, parentheses
        ("1 + 2 * 3", 7),
        ("(1 + 2) * 3", 9),
        ("10 - 4 - 3", 3),
        ("24 / 4 / 2", 3.0),
        ("2 * 3 % 4", 2),
        ("-2 * 3", -6),
        ("2 * -3", -6),
        ("1 - -1", 2),
        # comparisons
        ("1 < 2", True),
        ("2 < 1", False),
        ("2 <= 2", True),
        ("3 > 2", True),
        ("2 >= 3", False),
        ("2 == 2.0", True),
        ("2 != 3", True),
        ("'a' == 'a'", True),
        ("'a' != 'a'", False),
        ("true == true", True),
        ("true != false", True),
        ("1 + 1 == 2", True),
        ("courage * 2 > fatigue / 10", True),
        # boolean operators: not > and > or
        ("true and false", False),
        ("true and true", True),
        ("false or true", True),
        ("false or false", False),
        ("not true", False),
        ("not not true", True),
        ("true or true and false", True),
        ("(true or true) and false", False),
        ("not false and false", False),
        ("not (false and false)", True),
        ("not 1 == 2", True),
        ("not courage > 5 and met_guide", True),
        ("true and true and true and false", False),
        ("false or false or false or true", True),
        ("1 < 2 and 2 < 3 or false", True),
    ],
)
def test_operators(source: str, value: Value) -> None:
    result = ev(source)
    assert result == value
    assert type(result) is type(value)


def test_and_or_short_circuit() -> None:
    """The right side is not evaluated (so its errors do not happen)."""
    assert ev("false and 1 / 0 > 1") is False
    assert ev("true or unknown_name") is True
    assert ev("false and false and nope") is False
    assert ev("true or nope or nope") is True


def test_not_binds_looser_than_comparison() -> None:
    assert ev("not courage == 3") is False


def test_and_or_chains_are_flat() -> None:
    tree = parse("a and b and c or d").tree
    assert isinstance(tree, BoolOp) and tree.op == "or"
    first = tree.operands[0]
    assert isinstance(first, BoolOp) and len(first.operands) == 3


# --- names ---------------------------------------------------------------------


def test_names() -> None:
    assert ev("courage") == 3
    assert ev("body.heart_rate") == 121.5
    assert ev("body.lc_mode == 'phasic'") is True
    assert ev("score + minutes + day") == 100
    assert ev("met_guide and not lost") is True


def test_unknown_name_at_runtime() -> None:
    assert eval_error("nobody > 1").message == "unknown name nobody"
    assert "nobody" in eval_error("nobody").message


# --- functions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "call"),
    [
        ("visited(ff_bear)", ("visited", ("ff_bear",))),
        ("visited('ff_bear')", ("visited", ("ff_bear",))),
        ('visited("ff_bear")', ("visited", ("ff_bear",))),
        ("chose(ff_bear, 2)", ("chose", ("ff_bear", 2))),
        ("chose('ff_bear', courage - 1)", ("chose", ("ff_bear", 2))),
        ("has_condition(parkinsons)", ("has_condition", ("parkinsons",))),
        ("on_medication('snri')", ("on_medication", ("snri",))),
        ("has_badge(calm_under_fire)", ("has_badge", ("calm_under_fire",))),
        # an id argument that is also a variable name is still an id
        ("visited(courage)", ("visited", ("courage",))),
    ],
)
def test_state_functions_pass_ids_as_strings(source: str, call: tuple[str, tuple]) -> None:
    ctx = DictContext(CTX.names, CTX.results)
    ev(source, ctx)
    assert ctx.calls == [call]


def test_state_function_results() -> None:
    assert ev("visited(ff_bear) > 1") is True
    assert ev("chose(ff_bear, 1) and on_medication(snri)") is True
    assert ev("has_condition(parkinsons) or has_badge(x)") is False


def test_state_function_wrong_result_type() -> None:
    ctx = DictContext({}, {"visited": "two", "has_badge": 1})
    assert "visited() returned the string 'two'" in eval_error("visited(a)", ctx).message
    assert "has_badge() returned" in eval_error("has_badge(a)", ctx).message


def test_state_function_unknown_id_key_error() -> None:
    class Raising(DictContext):
        def call(self, function: str, args: tuple[Value, ...]) -> Value:
            raise KeyError(args[0])

    assert "unknown id" in eval_error("visited(nowhere)", Raising()).message


@pytest.mark.parametrize(
    ("source", "value"),
    [
        ("min(3, 1)", 1),
        ("min(3, 1.5, 2)", 1.5),
        ("max(3, 1)", 3),
        ("max(1, 2, 9, 4)", 9),
        ("max(courage, fatigue)", 40.5),
        ("abs(-3)", 3),
        ("abs(2.5)", 2.5),
        ("abs(-courage)", 3),
        # round: half away from zero, as on paper
        ("round(2.5)", 3),
        ("round(-2.5)", -3),
        ("round(2.4)", 2),
        ("round(3)", 3),
        ("round(2.675, 2)", 2.68),
        ("round(1.25, 1)", 1.3),
        ("round(97.46, 1)", 97.5),
        ("round(2.5, 0)", 3.0),
        ("round(1234, -2)", 1200),
        ("round(1250, -2)", 1300),
        ("round(-1250, -2)", -1300),
        ("round(1234.5, -2)", 1200.0),
        ("round(7, 2)", 7),
        ("round(0.1 + 0.2, 15)", 0.3),
    ],
)
def test_builtin_functions(source: str, value: Value) -> None:
    result = ev(source)
    assert result == value
    assert type(result) is type(value)


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("round(2.5, 1.5)", "whole number"),
        ("round(2.5, 16)", "whole number"),
        ("min(1, 'a')", "min() needs numbers"),
        ("abs(true)", "abs() needs numbers"),
        ("round(mood)", "round() needs numbers"),
        ("chose(a, 'x')", "chose() needs numbers"),
        ("nosuch(1)", "unknown function nosuch()"),
        ("min(1)", "wrong number of arguments"),
        ("visited()", "wrong number of arguments"),
        ("abs(1, 2)", "wrong number of arguments"),
    ],
)
def test_function_errors_at_runtime(source: str, fragment: str) -> None:
    assert fragment in eval_error(source).message


def test_round_of_huge_float_is_an_eval_error() -> None:
    big = "9" * 400 + ".0"  # a literal like this is refused, so build inf from a context
    with pytest.raises(ExprSyntaxError):
        parse(big)
    ctx = DictContext({"x": float("inf"), "n": float("nan")})
    assert "can't round" in eval_error("round(x)", ctx).message
    assert "can't round" in eval_error("round(n, 2)", ctx).message


# --- runtime errors ------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("1 / 0", "division by zero"),
        ("1.5 / (courage - 3)", "division by zero"),
        ("5 % 0", "modulo by zero"),
        ("5.5 % 0.0", "modulo by zero"),
    ],
)
def test_division_by_zero(source: str, message: str) -> None:
    assert eval_error(source).message == message


def test_overflow_is_an_eval_error() -> None:
    huge = "9" * 400
    assert "too large" in syntax_error(f"{huge} * 2").message  # literals are bounded
    ctx = DictContext({"x": 10**400})  # a value no story can hold, met anyway
    assert "too large" in eval_error("x * x + 0.5", ctx).message
    assert "too large" in eval_error("x / 1", ctx).message


@pytest.mark.parametrize(
    ("names", "source", "fragment"),
    [
        # type clashes the checker would catch, met at run time anyway
        ({"x": True}, "x + 1", "`+` adds numbers or joins strings, got true and the number 1"),
        ({"x": "a"}, "x < 2", "`<` compares numbers"),
        ({"x": True}, "x < 2", "`<` compares numbers"),
        ({"x": 1}, "x and true", "`and` needs true or false, got the number 1"),
        ({"x": 1}, "true and x", "`and` needs true or false"),
        ({"x": 1}, "false or x", "`or` needs true or false"),
        ({"x": 1}, "x or true", "`or` needs true or false"),
        ({"x": 1}, "true and true and x", "`and` needs true or false"),
        ({"x": 1}, "not x", "`not` needs true or false"),
        ({"x": "a"}, "-x", "`-` needs numbers"),
        ({"x": "a"}, "x * 2", "`*` needs numbers"),
        ({"x": "1"}, "x == 1", "same kind"),
        ({"x": True}, "x == 1", "same kind"),
        ({"x": 1, "y": "1"}, "x == y", "same kind"),
        ({"x": 1, "y": "1"}, "x != y", "same kind"),
        ({"x": 1, "y": "1"}, "x < y", "`<` compares numbers"),
        ({"x": "1"}, "(x) > 2", "`>` compares numbers"),
        ({"x": "1"}, "-x > -2", "`-` needs numbers"),
        # a context returning something that is not a value at all
        ({"x": None}, "x", "x is an unsupported value (NoneType)"),
        ({"x": [1]}, "x + 1", "unsupported value (list)"),
    ],
)
def test_runtime_type_clashes(names: dict, source: str, fragment: str) -> None:
    assert fragment in eval_error(source, DictContext(names)).message


def test_bool_is_not_a_number_even_in_python() -> None:
    ctx = DictContext({"x": True, "y": 1})
    assert "same kind" in eval_error("x == y", ctx).message
    assert "min() needs numbers" in eval_error("min(x, 2)", ctx).message


# --- syntax errors -------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "offset", "message", "hint"),
    [
        ("", 0, "the expression is empty", "write a condition"),
        ("   ", 0, "the expression is empty", None),
        ("a < b < c", 6, "comparisons can't be chained", "0 < x and x < 10"),
        ("a == b != c", 7, "comparisons can't be chained", None),
        ("1 +", 3, "the expression ends where a value was expected", None),
        ("(1 + 2", 0, "this '(' is never closed", "add a ')'"),
        ("(1 + 2 3)", 7, "expected ')' before the number 3", None),
        ("1 + 2)", 5, "this ')' has no matching '('", None),
        ("a b", 2, "expected an operator before the name b", "join the parts"),
        ("x is 3", 2, "expected an operator before the name is", "use =="),
        ("1, 2", 1, "',' only separates the arguments of a function", None),
        ("a = 1", 2, "'=' is not an operator of the expression language", "use =="),
        ("!met", 0, "'!' is not an operator", "use not"),
        ("a && b", 2, "'&&' is not an operator", "use and"),
        ("a || b", 2, "'||' is not an operator", "use or"),
        ("2 ** 3", 2, "'**' is not an operator", "no power operator"),
        ("7 // 2", 2, "'//' is not an operator", "round(a / b)"),
        ("a => 1", 2, "'=>' is not an operator", ">="),
        ("x[1]", 1, "'[' is not an operator", None),
        ("x.", 1, "'.' is not an operator", "body.<readout>"),
        (".5", 0, "'.' is not an operator", "0.5"),
        ("True", 0, "names are lower case: 'True'", "write true in lower case"),
        ("a AND b", 2, "names are lower case: 'AND'", "write and in lower case"),
        ("Courage > 1", 0, "names are lower case", "did you mean 'courage'?"),
        ("'open", 0, "this string is never closed", "matching '"),
        ('x == "open', 5, "this string is never closed", 'matching "'),
        (r"'a\nb'", 2, "unknown escape \\n in a string", None),
        ("2min > 1", 0, "'2min' is not a number", "durations"),
        ("3. + 1", 0, "'3.' is not a number", None),
        ("1.2.3", 0, "'1.2.3' is not a number", None),
        ("1e5", 0, "'1e5' is not a number", None),
        ("a @ b", 2, "unexpected character '@'", None),
        ("a == not b", 5, "`not` needs parentheses here", None),
        ("-not a", 1, "`not` needs parentheses here", None),
        ("*", 0, "expected a value, found '*'", None),
        ("()", 1, "expected a value, found ')'", None),
        ("min(1, )", 7, "expected a value, found ')'", None),
        ("min(1 2)", 6, "expected ',' or ')' in the arguments of min()", None),
        ("min(1, 2", 0, "the '(' of min() is never closed", None),
        ("visited(1)", 8, "visited() needs a scene id here", "visited(my_scene)"),
        ("visited(a + 1)", 8, "visited() needs a scene id here", None),
        ("visited(body.x)", 8, "visited() needs a scene id here", None),
        ("visited(true)", 8, "visited() needs a scene id here", None),
        ("has_badge(", 10, "has_badge() needs a badge id here", None),
        ("chose(3, 1)", 6, "chose() needs a scene id here", None),
        ("has_condition(x y)", 14, "has_condition() needs a condition id here", None),
        ("on_medication()", 0, None, None),  # a wrong count is check()'s business
    ],
)
def test_syntax_errors(source: str, offset: int, message: str | None, hint: str | None) -> None:
    if message is None:
        parse(source)  # parses; check() reports the problem
        return
    error = syntax_error(source)
    assert error.offset == offset
    assert message in error.message
    assert str(error) == error.message
    if hint is not None:
        assert error.hint is not None and hint in error.hint


def test_limits() -> None:
    assert syntax_error("1" * (MAX_LENGTH + 1)).offset == MAX_LENGTH
    parse("1" + " " * (MAX_LENGTH - 1))

    parse("(" * MAX_DEPTH + "1" + ")" * MAX_DEPTH)
    error = syntax_error("(" * (MAX_DEPTH + 1) + "1" + ")" * (MAX_DEPTH + 1))
    assert "nested too deeply" in error.message and error.offset == MAX_DEPTH

    parse("-" * MAX_DEPTH + "x")
    assert "nested too deeply" in syntax_error("-" * (MAX_DEPTH + 1) + "x").message
    assert "nested too deeply" in syntax_error("not " * (MAX_DEPTH + 1) + "x").message
    assert "nested too deeply" in syntax_error("abs(" * (MAX_DEPTH + 1) + "1" + ")" * 65).message
    # a long flat chain of + builds a deep tree
    assert "nested too deeply" in syntax_error(" + ".join(["1"] * (MAX_DEPTH + 2))).message
    # ... but a long chain of and/or stays flat
    assert ev(" or ".join(["false"] * 200)) is False


# --- the Expr object -----------------------------------------------------------


def test_expr_is_a_frozen_value() -> None:
    expr = parse("courage > 1")
    assert isinstance(expr, Expr)
    assert expr.source == "courage > 1"
    assert expr == parse("courage > 1")
    assert hash(expr) == hash(parse("courage > 1"))
    assert "courage > 1" in repr(expr)
    with pytest.raises(AttributeError):
        expr.source = "x"  # type: ignore[misc]


def test_parse_is_cached() -> None:
    assert parse("courage + 17") is parse("courage + 17")


@pytest.mark.parametrize(
    ("source", "refs"),
    [
        ("3", []),
        ("courage", [("name", "courage", 0)]),
        (
            "courage > 1 and body.heart_rate < 2",
            [("name", "courage", 0), ("name", "body.heart_rate", 16)],
        ),
        ("visited(ff_bear)", [("function", "visited", 0), ("scene", "ff_bear", 8)]),
        (
            "chose('ff_bear', n + 1)",
            [("function", "chose", 0), ("scene", "ff_bear", 6), ("name", "n", 17)],
        ),
        (
            "has_condition(parkinsons)",
            [("function", "has_condition", 0), ("condition", "parkinsons", 14)],
        ),
        (' on_medication("snri")', [("function", "on_medication", 1), ("medication", "snri", 15)]),
        ("not has_badge(b)", [("function", "has_badge", 4), ("badge", "b", 14)]),
        ("-max(a, -b)", [("function", "max", 1), ("name", "a", 5), ("name", "b", 9)]),
        ("foo(bar)", [("function", "foo", 0), ("name", "bar", 4)]),
        ("a or b or (c)", [("name", "a", 0), ("name", "b", 5), ("name", "c", 11)]),
    ],
)
def test_refs(source: str, refs: list[tuple[str, str, int]]) -> None:
    assert parse(source).refs() == tuple(Ref(*r) for r in refs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("source", "printed"),
    [
        ("1+2*3", "1 + 2 * 3"),
        ("(1+2)*3", "(1 + 2) * 3"),
        ("1-(2-3)", "1 - (2 - 3)"),
        ("(1-2)-3", "1 - 2 - 3"),
        ("a/(b*c)", "a / (b * c)"),
        ("-(a+b)", "-(a + b)"),
        ("- -a", "--a"),
        ("-3", "-3"),
        ("2.50", "2.5"),
        ("(a<b)==(c<d)", "(a < b) == (c < d)"),
        ("not (a and b)", "not (a and b)"),
        ("(not a) and b", "not a and b"),
        ("(a or b) and c", "(a or b) and c"),
        ("a or (b and c)", "a or b and c"),
        ("a or (b or c)", "a or (b or c)"),
        ("not not a", "not not a"),
        ("'it\\'s'", '"it\'s"'),
        ("'say \"hi\"' + '\\\\'", '"say \\"hi\\"" + "\\\\"'),
        ("visited('ff_bear')", "visited(ff_bear)"),
        ("visited('odd id')", 'visited("odd id")'),
        ("visited('true')", 'visited("true")'),
        ("chose(x,1)", "chose(x, 1)"),
        ("0.00000001", "0.00000001"),
        ("999999999999999.99", "1000000000000000.0"),  # the largest literals, no exponent
        ("true != false", "true != false"),
    ],
)
def test_to_source(source: str, printed: str) -> None:
    expr = parse(source)
    assert expr.to_source() == printed
    assert parse(printed).to_source() == printed


# --- check ---------------------------------------------------------------------

NAMES: dict[str, Kind] = {
    "courage": "number",
    "met_guide": "bool",
    "mood": "str",
    "score": "number",
    "minutes": "number",
    "day": "number",
    "body.heart_rate": "number",
    "body.glucose": "number",
    "body.lc_mode": "str",
}
KNOWN_IDS = {
    "scene": {"ff_bear", "ff_car"},
    "condition": {"parkinsons"},
    "medication": {"snri"},
    "badge": {"calm_under_fire"},
}


def id_checker(kind: str, ident: str) -> tuple[str, str | None] | None:
    if ident in KNOWN_IDS[kind]:
        return None
    return f"unknown {kind} '{ident}'", f"known: {', '.join(sorted(KNOWN_IDS[kind]))}"


ENV = TypeEnv(NAMES, id_checker)


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("1", "number"),
        ("'a'", "str"),
        ("true", "bool"),
        ("courage", "number"),
        ("mood + '!'", "str"),
        ("courage + 1.5", "number"),
        ("courage > 1 and met_guide", "bool"),
        ("not met_guide", "bool"),
        ("-courage", "number"),
        ("courage % 2 == 0", "bool"),
        ("body.lc_mode == 'phasic'", "bool"),
        ("met_guide == true", "bool"),
        ("visited(ff_bear)", "number"),
        ("chose(ff_car, 1)", "bool"),
        ("has_condition(parkinsons) or on_medication(snri) or has_badge(calm_under_fire)", "bool"),
        ("min(courage, 2, body.glucose)", "number"),
        ("max(1, 2)", "number"),
        ("abs(-1)", "number"),
        ("round(body.glucose, 1)", "number"),
        ("round(body.glucose, -15) + round(1, courage)", "number"),
        ("courage / 0.5 + courage % 1", "number"),
        ("score + minutes + day", "number"),
    ],
)
def test_check_accepts(source: str, kind: Kind) -> None:
    assert check(parse(source), ENV) == (kind, ())
    assert check(parse(source), ENV, expect=kind) == (kind, ())


def problems(source: str, expect: Kind | None = None) -> tuple[ExprProblem, ...]:
    return check(parse(source), ENV, expect)[1]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        # unknown names, with suggestions
        ("corage > 1", [("unknown name corage", 0, "did you mean 'courage'?")]),
        ("1 + zzz", [("unknown name zzz", 4, "declare it under variables: in story.yaml")]),
        ("body.hart_rate", [("unknown body readout body.hart_rate", 0, "body.heart_rate'?")]),
        ("body.nothing_like_it", [("unknown body readout body.nothing_like_it", 0, None)]),
        ("foo.bar", [("only body.<readout> names can contain a dot: foo.bar", 0, None)]),
        ("courage.x", [("only body.<readout> names can contain a dot", 0, "courage'?")]),
        ("visited > 1", [("visited is a function", 0, "call it: visited(scene_id)")]),
        # unknown functions
        ("visted(ff_bear)", [("unknown function visted()", 0, "did you mean 'visited'?")]),
        ("courage(1)", [("unknown function courage()", 0, "courage is a name, not a function")]),
        ("body.x(1)", [("unknown function body.x()", 0, None)]),
        # wrong argument counts
        ("visited()", [("visited() takes 1 argument, got 0", 0, "write visited(scene_id)")]),
        ("1 + visited(ff_bear, 2)", [("visited() takes 1 argument, got 2", 4, None)]),
        ("chose(ff_bear)", [("chose() takes 2 arguments, got 1", 0, "write chose(scene_id, n)")]),
        ("min(1)", [("min() takes at least 2 arguments, got 1", 0, None)]),
        ("max()", [("max() takes at least 2 arguments, got 0", 0, None)]),
        ("abs(1, 2)", [("abs() takes 1 argument, got 2", 0, None)]),
        ("round(1, 2, 3)", [("round() takes 1 or 2 arguments, got 3", 0, None)]),
        # unknown ids, through the env's id checker
        ("visited(ff_bar)", [("unknown scene 'ff_bar'", 8, "known: ff_bear, ff_car")]),
        ("chose('nowhere', 1)", [("unknown scene 'nowhere'", 6, None)]),
        ("has_condition(flu)", [("unknown condition 'flu'", 14, None)]),
        ("on_medication(ssri)", [("unknown medication 'ssri'", 14, None)]),
        ("has_badge(brave)", [("unknown badge 'brave'", 10, None)]),
        # type clashes
        (
            "courage and 3",
            [
                ("`and` needs true/false; this is a number", 0, "compare it, e.g. courage > 0"),
                ("`and` needs true/false; this is a number", 12, None),
            ],
        ),
        ("met_guide or mood", [("`or` needs true/false; this is a string", 13, "mood == 'calm'")]),
        ("not 5", [("`not` needs true/false; this is a number", 4, None)]),
        ("'a' < 2", [("`<` compares numbers; this is a string", 0, None)]),
        (
            "met_guide < true",
            [
                ("`<` compares numbers; this is true/false", 0, "only be compared with == or !="),
                ("`<` compares numbers; this is true/false", 12, None),
            ],
        ),
        ("courage >= mood", [("`>=` compares numbers; this is a string", 11, None)]),
        ("courage == 'three'", [("`==` compares a number with a string", 8, "same kind")]),
        ("met_guide != 1", [("`!=` compares true/false with a number", 10, None)]),
        (
            "mood + 1",
            [
                (
                    "`+` adds two numbers or joins two strings, not a string and a number",
                    5,
                    "use a template",
                )
            ],
        ),
        (
            "1 + mood",
            [("`+` adds two numbers or joins two strings, not a number and a string", 2, None)],
        ),
        ("true + 1", [("`+` needs a number; this is true/false", 0, "true/false is not a number")]),
        (
            "mood + true",
            [("`+` adds two numbers or joins two strings, not a string and true/false", 5, None)],
        ),
        ("mood * 2", [("`*` needs a number; this is a string", 0, None)]),
        ("2 / met_guide", [("`/` needs a number; this is true/false", 4, None)]),
        ("2 % 'x'", [("`%` needs a number; this is a string", 4, None)]),
        ("-mood", [("`-` needs a number; this is a string", 1, None)]),
        ("1 - true", [("`-` needs a number; this is true/false", 4, None)]),
        ("min(1, mood)", [("min() needs a number; this is a string", 7, None)]),
        ("abs(met_guide)", [("abs() needs a number; this is true/false", 4, None)]),
        ("round(1, 'x')", [("round() needs a number; this is a string", 9, None)]),
        ("chose(ff_bear, true)", [("chose() needs a number; this is true/false", 15, None)]),
        ("visited(ff_bear) and true", [("`and` needs true/false; this is a number", 0, None)]),
        # errors certain to happen at run time
        ("courage / 0", [("division by zero", 10, None)]),
        ("courage % 0.0", [("modulo by zero", 10, None)]),
        ("courage / -0", [("division by zero", 10, None)]),
        ("round(courage, 1.5)", [("round()'s digits must be a whole number", 15, None)]),
        ("round(courage, -16)", [("round()'s digits must be a whole number", 15, None)]),
        ("round(courage, 'x')", [("round() needs a number; this is a string", 15, None)]),
        ("courage / false", [("`/` needs a number; this is true/false", 10, None)]),
        # several problems, sorted by offset
        (
            "zz + 1 < 'a' or nope",
            [
                ("unknown name zz", 0, None),
                ("`<` compares numbers; this is a string", 9, None),
                ("unknown name nope", 16, None),
            ],
        ),
    ],
)
def test_check_problems(source: str, expected: list[tuple[str, int, str | None]]) -> None:
    found = problems(source)
    assert len(found) == len(expected), found
    for problem, (message, offset, hint) in zip(found, expected, strict=True):
        assert message in problem.message
        assert problem.offset == offset
        if hint is not None:
            assert problem.hint is not None and hint in problem.hint, problem


def test_unknown_kinds_do_not_cascade() -> None:
    """An unknown name has no kind, so operators around it stay quiet."""
    assert [p.message for p in problems("nope + 1 > 2 and not nope2")] == [
        "unknown name nope",
        "unknown name nope2",
    ]
    assert check(parse("nope + 'x'"), ENV)[0] == "str"
    assert check(parse("nope"), ENV)[0] is None


def test_check_expect() -> None:
    (problem,) = problems("courage", expect="bool")
    assert problem == ExprProblem(
        "expected true/false, but this expression is a number", 0, "compare it, e.g. courage > 0"
    )
    (problem,) = problems("mood", expect="bool")
    assert problem.message == "expected true/false, but this expression is a string"
    (problem,) = problems("courage > 1", expect="number")
    assert problem.message == "expected a number, but this expression is true/false"
    assert problem.hint is None
    (problem,) = problems("1", expect="str")
    assert problem.message == "expected a string, but this expression is a number"
    # an unknown kind is not reported again
    assert len(problems("nope", expect="bool")) == 1


def test_check_without_id_checker() -> None:
    env = TypeEnv(NAMES)
    assert check(parse("visited(anything) > 0"), env) == ("bool", ())
    assert env.check_id("scene", "anything") is None
    assert ENV.check_id("scene", "nope") is not None


# --- helpers -------------------------------------------------------------------


def test_kind_of_and_describe_value() -> None:
    assert [kind_of(v) for v in (True, 1, 1.5, "x")] == ["bool", "number", "number", "str"]
    with pytest.raises(ExprEvalError):
        kind_of(None)  # type: ignore[arg-type]
    assert describe_value(True) == "true"
    assert describe_value(False) == "false"
    assert describe_value(2) == "the number 2"
    assert describe_value("a") == "the string 'a'"


def test_no_eval_or_textual_in_the_module() -> None:
    """The language must never reach Python's eval, and the core never Textual."""
    import game.story.expr
    import game.story.templates

    package = Path(game.story.expr.__file__ or "").parent
    files = [*sorted(package.glob("*.py")), Path(game.story.templates.__file__ or "")]
    assert len(files) > 2
    for file in files:
        text = file.read_text(encoding="utf-8")
        assert not re.search(r"(?<![\w.])(eval|exec|compile)\(|literal_eval", text)
        assert not re.search(r"^\s*(import|from) (textual|rich)", text, re.MULTILINE)
