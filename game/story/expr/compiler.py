"""Compiling the tree into nested closures, once, at parse time.

``Expr.evaluate`` is called thousands of times a second by random
playtests, so evaluation is a chain of plain function calls with no tree
walking and no dispatch: one closure per operator rule of the table
(game/story/expr/operators.py), one per built-in function. Every operator
checks the types of its operands, because a context may hand back anything
and the checker cannot see every clash (e.g. unknown kinds); Python's own
rules (True + 1 == 2, 'a' * 3) must never leak into the story language.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal
from typing import TypeAlias, cast

from game.story.expr.operators import BINARY, UNARY_OPS, Operator
from game.story.expr.tree import FUNCTIONS, Binary, BoolOp, Call, Const, IdArg, Name, Node, Unary
from game.story.expr.values import (
    KIND_OF_TYPE,
    NUMBER_TYPES,
    EvalContext,
    ExprEvalError,
    Value,
    describe_value,
)

Fn: TypeAlias = Callable[[EvalContext], Value]


def compile_root(node: Node) -> Fn:
    """The closure evaluating a whole expression."""
    if not isinstance(node, Name):
        return _compile(node)  # every other node checks or produces its own result type
    name = node.name

    def lookup_value(ctx: EvalContext) -> Value:
        # A bare name (`if: met_guide`, `${score}`): check here that the
        # context gave back a value at all, in the same single call.
        try:
            value = ctx.lookup(name)
        except KeyError:
            raise _unknown_name(name) from None
        if type(value) in KIND_OF_TYPE:
            return value
        raise ExprEvalError(f"{name} is {describe_value(value)}")

    return lookup_value


def _compile(node: Node) -> Fn:
    match node:
        case Const(value=value):
            return lambda ctx: value
        case Name(name=name):
            return _compile_name(name)
        case Binary(op=op, left=left, right=right):
            return _compile_binary(BINARY[op], left, right)
        case BoolOp():
            return _compile_boolop(node)
        case Unary(op=op, operand=operand):
            return _compile_unary(UNARY_OPS[op], _compile(operand))
        case Call():
            return _compile_call(node)
    raise AssertionError(f"an id is not a value: {node!r}")  # the parser never puts one here


# --- errors -------------------------------------------------------------------


def _unknown_name(name: str) -> ExprEvalError:
    return ExprEvalError(f"unknown name {name}")


def _operand_error(op: Operator, *values: object) -> ExprEvalError:
    got = " and ".join(describe_value(v) for v in values)
    return ExprEvalError(f"`{op.symbol}` {op.need}, got {got}")


def _arith_error(op: Operator, error: ArithmeticError) -> ExprEvalError:
    if isinstance(error, ZeroDivisionError) and op.by_zero is not None:
        return ExprEvalError(op.by_zero)
    return ExprEvalError(f"the result of `{op.symbol}` is too large")


# --- names and operators ------------------------------------------------------


def _compile_name(name: str) -> Fn:
    def lookup(ctx: EvalContext) -> Value:
        try:
            return ctx.lookup(name)
        except KeyError:
            raise _unknown_name(name) from None

    return lookup


def _compile_binary(op: Operator, left: Node, right: Node) -> Fn:
    apply = op.apply
    assert apply is not None  # and/or are BoolOp nodes, compiled by _compile_boolop
    kinds = KIND_OF_TYPE
    numbers = NUMBER_TYPES
    if (
        op.operands == "numbers"
        and isinstance(left, Name)
        and isinstance(right, Const)
        and type(right.value) in numbers
    ):
        return _compile_name_number(op, left.name, right.value)
    fa = _compile(left)
    fb = _compile(right)
    if op.operands == "numbers":

        def on_numbers(ctx: EvalContext) -> Value:
            x = fa(ctx)
            y = fb(ctx)
            if type(x) in numbers and type(y) in numbers:
                try:
                    return apply(x, y)  # type: ignore[no-any-return]
                except ArithmeticError as error:
                    raise _arith_error(op, error) from None
            raise _operand_error(op, x, y)

        return on_numbers
    if op.operands == "same":

        def on_same_kind(ctx: EvalContext) -> Value:
            x = fa(ctx)
            y = fb(ctx)
            kind = kinds.get(type(x))
            if kind is not None and kind == kinds.get(type(y)):
                return apply(x, y)  # type: ignore[no-any-return]
            raise _operand_error(op, x, y)

        return on_same_kind

    def on_numbers_or_text(ctx: EvalContext) -> Value:
        x = fa(ctx)
        y = fb(ctx)
        if type(x) in numbers and type(y) in numbers:
            try:
                return apply(x, y)  # type: ignore[no-any-return]
            except ArithmeticError as error:
                raise _arith_error(op, error) from None
        if type(x) is str and type(y) is str:
            return apply(x, y)  # type: ignore[no-any-return]
        raise _operand_error(op, x, y)

    return on_numbers_or_text


def _compile_name_number(op: Operator, name: str, const: Value) -> Fn:
    """``name <op> number``, the most common condition (``body.heart_rate >
    120``), in one call instead of three: bench/bench_expr.py measured it
    1.4x faster than the general closure."""
    apply = op.apply
    assert apply is not None
    numbers = NUMBER_TYPES

    def name_number(ctx: EvalContext) -> Value:
        try:
            x = ctx.lookup(name)
        except KeyError:
            raise _unknown_name(name) from None
        if type(x) in numbers:
            try:
                return apply(x, const)  # type: ignore[no-any-return]
            except ArithmeticError as error:
                raise _arith_error(op, error) from None
        raise _operand_error(op, x, const)

    return name_number


def _compile_unary(op: Operator, fa: Fn) -> Fn:
    apply = op.apply
    assert apply is not None
    accepted = NUMBER_TYPES if op.operands == "numbers" else frozenset({bool})

    def unary(ctx: EvalContext) -> Value:
        x = fa(ctx)
        if type(x) in accepted:
            return apply(x)  # type: ignore[no-any-return]
        raise _operand_error(op, x)

    return unary


def _compile_boolop(node: BoolOp) -> Fn:
    op = BINARY[node.op]
    fns = tuple(_compile(o) for o in node.operands)
    # `and` stops at the first false operand, `or` at the first true one;
    # any operand that is neither `stop` nor `go` is not a bool at all.
    stop = node.op == "or"
    go = not stop

    def chain(ctx: EvalContext) -> Value:
        for fn in fns:
            x = fn(ctx)
            if x is stop:
                return stop
            if x is not go:
                raise _operand_error(op, x)
        return go

    return chain


# --- functions ------------------------------------------------------------------


def _numbers(function: str, values: list[Value]) -> list[float]:
    """``values``, each checked to be an int or a float (not a bool)."""
    for value in values:
        if type(value) not in NUMBER_TYPES:
            raise ExprEvalError(f"{function}() needs numbers, got {describe_value(value)}")
    return cast(list[float], values)  # checked above, element by element


def _round(x: Value, ndigits: Value | None) -> Value:
    """Round half away from zero, as people do by hand (Python's round() gives
    round(2.5) == 2, which a student would rightly report as a bug)."""
    digits = 0 if ndigits is None else ndigits
    if type(digits) is not int or not -15 <= digits <= 15:
        raise ExprEvalError("round()'s digits must be a whole number from -15 to 15")
    if isinstance(x, int):
        if digits >= 0:
            return x
        scale: int = 10**-digits
        whole, rest = divmod(abs(x), scale)
        if 2 * rest >= scale:
            whole += 1
        return whole * scale if x >= 0 else -whole * scale
    assert isinstance(x, float)  # _numbers() let only int and float through
    if not math.isfinite(x):
        raise ExprEvalError(f"can't round {describe_value(x)}")
    # repr() is the shortest text that gives x back, so 2.675 rounds to 2.68
    # as it looks, not to 2.67 as its binary value would.
    exact = Decimal(repr(x))
    exponent = exact.as_tuple().exponent
    if isinstance(exponent, int) and exponent >= -digits:
        rounded = exact  # already has no more digits than asked for
    else:
        rounded = exact.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)
    return int(rounded) if ndigits is None else float(rounded)


def _compile_builtin(function: str, fns: tuple[Fn, ...]) -> Fn:
    if function == "min" or function == "max":
        pick = min if function == "min" else max

        def extreme(ctx: EvalContext) -> Value:
            return pick(_numbers(function, [f(ctx) for f in fns]))

        return extreme
    if function == "abs":
        (fa,) = fns

        def absolute(ctx: EvalContext) -> Value:
            return abs(_numbers(function, [fa(ctx)])[0])

        return absolute

    def rounding(ctx: EvalContext) -> Value:
        values = _numbers(function, [f(ctx) for f in fns])
        return _round(values[0], values[1] if len(values) == 2 else None)

    return rounding


def _compile_state_call(function: str, ident: str, fns: tuple[Fn, ...]) -> Fn:
    result_types: frozenset[type] | set[type] = (
        NUMBER_TYPES if FUNCTIONS[function].result == "number" else {bool}
    )

    if not fns:  # visited(x), has_badge(x), ...: the arguments are constant
        # (bench/bench_expr.py: 3x faster than building the arguments each time)
        args = (ident,)

        def state_query(ctx: EvalContext) -> Value:
            return _ask_state(ctx, function, args, result_types)

        return state_query

    def state_call(ctx: EvalContext) -> Value:
        args: tuple[Value, ...] = (ident, *_numbers(function, [f(ctx) for f in fns]))
        return _ask_state(ctx, function, args, result_types)

    return state_call


def _ask_state(
    ctx: EvalContext,
    function: str,
    args: tuple[Value, ...],
    result_types: frozenset[type] | set[type],
) -> Value:
    """One state function's answer, checked: the game is outside our control."""
    try:
        result = ctx.call(function, args)
    except KeyError as error:
        raise ExprEvalError(f"{function}(): unknown id {error}") from None
    if type(result) in result_types:
        return result
    raise ExprEvalError(f"{function}() returned {describe_value(result)}")


def _compile_call(node: Call) -> Fn:
    function = node.function
    spec = FUNCTIONS.get(function)
    if spec is None:
        message = f"unknown function {function}()"
    elif len(node.args) < spec.min_args or (
        spec.max_args is not None and len(node.args) > spec.max_args
    ):
        message = f"wrong number of arguments: {spec.usage}"
    else:
        first = node.args[0]
        if isinstance(first, IdArg):
            rest = tuple(_compile(a) for a in node.args[1:])
            return _compile_state_call(function, first.ident, rest)
        return _compile_builtin(function, tuple(_compile(a) for a in node.args))

    def invalid(ctx: EvalContext) -> Value:
        raise ExprEvalError(message)

    return invalid
