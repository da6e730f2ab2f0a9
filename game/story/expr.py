"""The safe expression language of story packs: parse once, evaluate many times.

Conditions (``if``, ``enabled_if``), ``compute`` effects and ``${...}``
templates are written in a tiny language (scene-format.md, "Expressions").
Scene text comes from teachers and students, so no source text ever reaches
Python's ``eval``: a hand-written tokenizer (one compiled regex) feeds a
precedence-climbing parser that builds a small immutable tree.

The tree is used twice:

* at parse time it is compiled into nested closures, so ``Expr.evaluate`` -
  called thousands of times a second by random playtests - is a chain of plain
  function calls with no tree walking and no dispatch;
* it stays on the ``Expr`` for ``refs()`` (what the expression mentions) and for
  the static checker ``check()``, which reports errors with character offsets
  before anyone plays.

Values are ``bool``, ``int``, ``float`` and ``str`` and never mix silently:
``true + 1``, ``'a' < 2`` and ``courage and 3`` are errors (found by ``check``
when the kinds are known, and by evaluation otherwise), because a scene author
who writes them almost certainly meant something else.
"""

from __future__ import annotations

import difflib
import math
import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, Literal, NamedTuple, Protocol, TypeAlias

__all__ = [
    "MAX_DEPTH",
    "MAX_LENGTH",
    "MAX_MAGNITUDE",
    "MAX_TEXT",
    "Binary",
    "BoolOp",
    "Call",
    "Const",
    "EvalContext",
    "Expr",
    "ExprEvalError",
    "ExprSyntaxError",
    "IdArg",
    "Kind",
    "Name",
    "Node",
    "Problem",
    "Ref",
    "TypeEnv",
    "Unary",
    "Value",
    "check",
    "check_bounds",
    "describe_value",
    "kind_of",
    "parse",
]

Value: TypeAlias = bool | int | float | str
Kind: TypeAlias = Literal["number", "bool", "str"]

#: Limits for hostile or runaway input: longer or deeper expressions are a
#: syntax error, so no input can make the parser, the checker or evaluation
#: hit Python's recursion limit.
MAX_LENGTH = 2000
MAX_DEPTH = 64
#: Values a variable may hold: numbers up to a thousand million million either
#: way (finite), text up to ten thousand characters. Without them a loop that
#: doubles a number or a string would grow without end until memory runs out.
MAX_MAGNITUDE = 10**15
MAX_TEXT = 10_000


# --------------------------------------------------------------------------
# Errors and results


class ExprSyntaxError(Exception):
    """The source is not a well-formed expression.

    ``offset`` is the 0-based character offset into the source, so the loader
    can turn it into a file, line and column; ``hint`` suggests a fix.
    """

    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


class ExprEvalError(Exception):
    """Evaluation failed: division by zero, an unknown name at run time, or a
    type clash the checker could not see (e.g. a context returning the wrong
    kind of value)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class Ref:
    """Something an expression refers to, for the pack checker and story maps.

    ``kind`` is ``name`` for variables and readouts, ``function`` for every
    call, and ``scene``/``condition``/``medication``/``badge`` for the id
    argument of the state functions.
    """

    kind: Literal["name", "function", "scene", "condition", "medication", "badge"]
    name: str
    offset: int


@dataclass(frozen=True, slots=True)
class Problem:
    """A static error found by :func:`check`, at a character offset."""

    message: str
    offset: int
    hint: str | None = None


class EvalContext(Protocol):
    """What evaluation needs from the game: values of names and the state
    functions. ``min``, ``max``, ``abs`` and ``round`` are built in here."""

    def lookup(self, name: str) -> Value:
        """Value of a variable, ``body.<readout>``, ``score``, ``minutes`` or
        ``day``; raises ``KeyError`` for an unknown name."""
        ...

    def call(self, function: str, args: tuple[Value, ...]) -> Value:
        """Result of ``visited``, ``chose``, ``has_condition``,
        ``on_medication`` or ``has_badge``; the id comes first, as a str."""
        ...


@dataclass(frozen=True)
class TypeEnv:
    """What the checker knows about a pack.

    ``names`` maps every legal name (variables, ``score``, ``minutes``,
    ``day``, ``body.<readout>``) to its kind. ``id_checker(kind, ident)``
    returns ``(message, hint)`` when a scene, condition, medication or badge
    id is unknown, and ``None`` when it is fine; without it ids are not checked.
    """

    names: Mapping[str, Kind]
    id_checker: Callable[[str, str], tuple[str, str | None] | None] | None = None

    def check_id(self, kind: str, ident: str) -> tuple[str, str | None] | None:
        """``(message, hint)`` when ``ident`` is not a known id of ``kind``."""
        return None if self.id_checker is None else self.id_checker(kind, ident)


# --------------------------------------------------------------------------
# The tree. NamedTuples: immutable and the cheapest objects to build, which
# matters when a big pack is loaded (about 20,000 expressions).


class Const(NamedTuple):
    """A literal: number, ``true``/``false`` or string."""

    value: Value
    start: int
    depth: int = 0


class Name(NamedTuple):
    """A variable or ``body.<readout>``, looked up in the context."""

    name: str
    start: int
    depth: int = 0


class IdArg(NamedTuple):
    """The id argument of a state function: a constant, never looked up."""

    ident: str
    start: int
    depth: int = 0


class Unary(NamedTuple):
    """``-x`` or ``not x``."""

    op: str
    operand: Node
    start: int
    depth: int


class Binary(NamedTuple):
    """Arithmetic or a comparison; ``offset`` is where the operator is."""

    op: str
    left: Node
    right: Node
    offset: int
    start: int
    depth: int


class BoolOp(NamedTuple):
    """A chain ``a and b and c`` (or ``or``), kept flat so that long chains
    of conditions do not count as deep nesting."""

    op: str
    operands: tuple[Node, ...]
    start: int
    depth: int


class Call(NamedTuple):
    """A function call; for the state functions ``args[0]`` is an ``IdArg``."""

    function: str
    args: tuple[Node, ...]
    start: int
    depth: int


Node: TypeAlias = Const | Name | IdArg | Unary | Binary | BoolOp | Call


class _FunctionSpec(NamedTuple):
    id_kind: Literal["scene", "condition", "medication", "badge"] | None
    min_args: int
    max_args: int | None
    result: Kind
    usage: str


_FUNCTIONS: dict[str, _FunctionSpec] = {
    "visited": _FunctionSpec("scene", 1, 1, "number", "visited(scene_id)"),
    "chose": _FunctionSpec("scene", 2, 2, "bool", "chose(scene_id, n)"),
    "has_condition": _FunctionSpec("condition", 1, 1, "bool", "has_condition(condition_id)"),
    "on_medication": _FunctionSpec("medication", 1, 1, "bool", "on_medication(medication_id)"),
    "has_badge": _FunctionSpec("badge", 1, 1, "bool", "has_badge(badge_id)"),
    "min": _FunctionSpec(None, 2, None, "number", "min(a, b, ...)"),
    "max": _FunctionSpec(None, 2, None, "number", "max(a, b, ...)"),
    "abs": _FunctionSpec(None, 1, 1, "number", "abs(x)"),
    "round": _FunctionSpec(None, 1, 2, "number", "round(x) or round(x, digits)"),
}


# --------------------------------------------------------------------------
# Tokenizer: one regex, one pass. Tokens are (kind, value, offset); the kind
# of an operator or keyword is its own text, so the parser compares strings.

_TOKEN_RE = re.compile(
    r"""\s*(?:
      (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
    | (?P<badop>\*\*|//|=>|=<|&&|\|\|)
    | (?P<op>==|!=|<=|>=|[<>+\-*/%(),])
    | (?P<badnum>(?>[0-9]+(?:\.[0-9]+)?)[A-Za-z_.][A-Za-z0-9_.]*)
    | (?P<num>[0-9]+(?:\.[0-9]+)?)
    | (?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
    | (?P<end>\Z)
    | (?P<bad>[=!&|^~\[\]{}.:;?])
    | (?P<unclosed>["'])
    | (?P<other>.)
    )""",
    re.VERBOSE | re.DOTALL,
)
_ESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)
_ID_RE = re.compile(r"[a-z_][a-z0-9_]*\Z")

_KEYWORDS = frozenset({"and", "or", "not", "true", "false"})
_BAD_TOKEN_HINTS = {
    "=": "to compare, use == (a single = is not part of expressions)",
    "!": "use not, e.g. not met_guide",
    "&&": "use and",
    "&": "use and",
    "||": "use or",
    "|": "use or",
    "**": "there is no power operator; multiply instead, e.g. x * x",
    "//": "there is no whole-number division; use round(a / b)",
    "=>": "did you mean >= ?",
    "=<": "did you mean <= ?",
    ".": "only body.<readout> names contain a dot; decimals need a leading digit (0.5)",
}
_UPPER_HINTS = {"true": "write true in lower case", "false": "write false in lower case"}
_AFTER_VALUE_HINTS = {
    "is": "use == to compare",
    "in": "there is no `in`; join comparisons with or",
    "if": "conditions go in the scene's if: key; the expression is just the test",
    "then": "conditions go in the scene's if: key; the expression is just the test",
}

_Token: TypeAlias = tuple[str, Any, int]


def _tokenize(source: str) -> list[_Token]:
    """Tokens, ending with ("end", None, len(source)). Whitespace is eaten by
    the regex in front of each token, which halves the Python-level loop."""
    tokens: list[_Token] = []
    append = tokens.append
    for match in _TOKEN_RE.finditer(source):
        kind = match.lastgroup
        text = match.group(kind)  # type: ignore[arg-type]
        offset = match.start(kind)  # type: ignore[arg-type]
        if kind == "name":
            if text in _KEYWORDS:
                append((text, text, offset))
            elif text.islower() or text == text.lower():
                append(("name", text, offset))
            else:
                _raise_upper(text, offset)
        elif kind == "op":
            append((text, text, offset))
        elif kind == "num":
            append(("num", _number(text, offset), offset))
        elif kind == "str":
            append(("str", _string(text, offset), offset))
        elif kind == "end":
            append(("end", None, offset))
            return tokens
        elif kind == "badnum":
            raise ExprSyntaxError(
                f"{text!r} is not a number",
                offset,
                "numbers look like 3 or 2.5; durations like 2min are not numbers here",
            )
        elif kind == "bad" or kind == "badop":
            raise ExprSyntaxError(
                f"{text!r} is not an operator of the expression language",
                offset,
                _BAD_TOKEN_HINTS.get(text),
            )
        elif kind == "unclosed":
            raise ExprSyntaxError(
                "this string is never closed", offset, f"end it with a matching {text}"
            )
        elif text in _CURLY_QUOTES:
            raise ExprSyntaxError(
                f"curly quote {text!r}: expressions quote with straight quotes",
                offset,
                "use ' or \" (turn off your editor's smart quotes)",
            )
        else:
            raise ExprSyntaxError(f"unexpected character {text!r}", offset)
    raise AssertionError("the token regex always ends with an end token")


_CURLY_QUOTES = frozenset("\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb")


def _raise_upper(text: str, offset: int) -> None:
    lower = text.lower()
    if lower in _UPPER_HINTS:
        hint = _UPPER_HINTS[lower]
    elif lower in _KEYWORDS:
        hint = f"write {lower} in lower case"
    else:
        hint = f"did you mean '{lower}'?"
    raise ExprSyntaxError(f"names are lower case: {text!r}", offset, hint)


def _number(text: str, offset: int) -> int | float:
    whole = text.partition(".")[0].lstrip("0")
    if len(whole) > 16 or (int(whole or 0) > MAX_MAGNITUDE):
        raise ExprSyntaxError(
            "this number is too large", offset, f"numbers go up to {MAX_MAGNITUDE:,}"
        )
    return int(text) if "." not in text else float(text)


def check_bounds(value: Value) -> Value:
    """``value``, or ExprEvalError when it is no longer a value a story can
    hold: infinite, not a number, beyond MAX_MAGNITUDE, or text beyond MAX_TEXT."""
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ExprEvalError(
                f"the text grew to {len(value):,} characters; text may be at most {MAX_TEXT:,}"
            )
    elif not isinstance(value, bool) and not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
        shown = "not a number" if value != value else "too large"
        raise ExprEvalError(
            f"the result is {shown}; numbers may be at most {MAX_MAGNITUDE:,} either way"
        )
    return value


def _string(text: str, offset: int) -> str:
    body = text[1:-1]
    if "\\" not in body:
        return body
    for match in _ESCAPE_RE.finditer(body):
        if match.group(1) not in "'\"\\":
            raise ExprSyntaxError(
                f"unknown escape \\{match.group(1)} in a string",
                offset + 1 + match.start(),
                "only \\' \\\" and \\\\ are escapes",
            )
    return _ESCAPE_RE.sub(r"\1", body)


# --------------------------------------------------------------------------
# Parser: precedence climbing. Binding strength, loosest first:

_OR, _AND, _NOT, _CMP, _ADD, _MUL, _UNARY, _ATOM = range(1, 9)
_BINARY_PREC = {
    "or": _OR,
    "and": _AND,
    "==": _CMP,
    "!=": _CMP,
    "<": _CMP,
    "<=": _CMP,
    ">": _CMP,
    ">=": _CMP,
    "+": _ADD,
    "-": _ADD,
    "*": _MUL,
    "/": _MUL,
    "%": _MUL,
}
_COMPARISONS = frozenset({"==", "!=", "<", "<=", ">", ">="})
_DEPTH_HINT = "split it up, e.g. compute part of it into a variable first"


def _describe_token(token: _Token) -> str:
    kind, value, _ = token
    if kind == "end":
        return "the end of the expression"
    if kind == "num" or kind == "str":
        return f"the {'number' if kind == 'num' else 'string'} {value!r}"
    if kind == "name":
        return f"the name {value}"
    return f"'{kind}'"


class _Parser:
    """Precedence climbing over the token list.

    ``expr(p)`` parses an expression whose binary operators bind at least as
    tightly as ``p``; ``prefix`` parses literals, names, calls, parentheses,
    unary minus and ``not``. Comparisons are non-associative (``a < b < c``
    is an error, not Python's chain), and ``and``/``or`` chains become one
    flat ``BoolOp``.
    """

    __slots__ = ("nesting", "pos", "tokens")

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.nesting = 0

    def parse(self) -> Node:
        if self.tokens[0][0] == "end":
            raise ExprSyntaxError(
                "the expression is empty", 0, "write a condition, e.g. courage > 2"
            )
        node = self.expr(_OR)
        token = self.tokens[self.pos]
        kind, value, offset = token
        if kind == "end":
            return node
        if kind == ")":
            raise ExprSyntaxError("this ')' has no matching '('", offset)
        if kind == ",":
            raise ExprSyntaxError("',' only separates the arguments of a function", offset)
        hint = _AFTER_VALUE_HINTS.get(value) if kind == "name" else None
        raise ExprSyntaxError(
            f"expected an operator before {_describe_token(token)}",
            offset,
            hint or "join the parts with an operator such as and, or, ==, +",
        )

    def enter(self, offset: int) -> None:
        """Count one level of parentheses, call or unary operator: the parser
        recurses on each, so deep input must stop here, not in RecursionError."""
        self.nesting += 1
        if self.nesting > MAX_DEPTH:
            raise ExprSyntaxError(
                f"the expression is nested too deeply (more than {MAX_DEPTH} levels)",
                offset,
                _DEPTH_HINT,
            )

    @staticmethod
    def deeper(depth: int, offset: int) -> int:
        """The tree depth of a new node: evaluation and checking recurse on it."""
        if depth > MAX_DEPTH:
            raise ExprSyntaxError(
                f"the expression is nested too deeply (more than {MAX_DEPTH} levels)",
                offset,
                _DEPTH_HINT,
            )
        return depth

    def expr(self, min_prec: int) -> Node:
        tokens = self.tokens
        left = self.prefix(min_prec)
        while True:
            kind, _, offset = tokens[self.pos]
            prec = _BINARY_PREC.get(kind)
            if prec is None or prec < min_prec:
                return left
            self.pos += 1
            if prec <= _AND:
                operands = [left, self.expr(prec + 1)]
                while tokens[self.pos][0] == kind:
                    self.pos += 1
                    operands.append(self.expr(prec + 1))
                depth = self.deeper(1 + max(o.depth for o in operands), offset)
                left = BoolOp(kind, tuple(operands), left.start, depth)
                continue
            right = self.expr(prec + 1)
            depth = self.deeper(1 + max(left.depth, right.depth), offset)
            left = Binary(kind, left, right, offset, left.start, depth)
            if prec == _CMP and tokens[self.pos][0] in _COMPARISONS:
                raise ExprSyntaxError(
                    "comparisons can't be chained",
                    tokens[self.pos][2],
                    "write two comparisons joined with and, e.g. 0 < x and x < 10",
                )

    def prefix(self, min_prec: int) -> Node:
        token = self.tokens[self.pos]
        kind, value, offset = token
        if kind == "name":
            self.pos += 1
            if self.tokens[self.pos][0] == "(":
                return self.call(value, offset)
            return Name(value, offset)
        if kind == "num" or kind == "str":
            self.pos += 1
            return Const(value, offset)
        if kind == "true" or kind == "false":
            self.pos += 1
            return Const(kind == "true", offset)
        if kind == "(":
            self.enter(offset)
            self.pos += 1
            node = self.expr(_OR)
            closing = self.tokens[self.pos]
            if closing[0] != ")":
                if closing[0] == "end":
                    raise ExprSyntaxError("this '(' is never closed", offset, "add a ')'")
                raise ExprSyntaxError(
                    f"expected ')' before {_describe_token(closing)}",
                    closing[2],
                    f"to close the '(' at character {offset + 1}",
                )
            self.pos += 1
            self.nesting -= 1
            return node
        if kind == "-":
            self.enter(offset)
            self.pos += 1
            operand = self.prefix(_UNARY)
            self.nesting -= 1
            if isinstance(operand, Const) and type(operand.value) in _NUMBER_TYPES:
                # Fold negative literals: `x > -5` compares with a constant.
                return Const(-operand.value, offset)
            return Unary("-", operand, offset, self.deeper(1 + operand.depth, offset))
        if kind == "not":
            if min_prec > _NOT:
                raise ExprSyntaxError(
                    "`not` needs parentheses here", offset, "write (not ...) in parentheses"
                )
            self.enter(offset)
            self.pos += 1
            operand = self.expr(_NOT)
            self.nesting -= 1
            return Unary("not", operand, offset, self.deeper(1 + operand.depth, offset))
        if kind == "end":
            raise ExprSyntaxError(
                "the expression ends where a value was expected",
                offset,
                "finish it with a number, a name or a function call",
            )
        raise ExprSyntaxError(f"expected a value, found {_describe_token(token)}", offset)

    def call(self, function: str, start: int) -> Call:
        tokens = self.tokens
        self.enter(start)
        self.pos += 1  # the '('
        spec = _FUNCTIONS.get(function)
        id_kind = spec.id_kind if spec is not None else None
        args: list[Node] = []
        if tokens[self.pos][0] != ")":
            while True:
                if not args and id_kind is not None:
                    args.append(self.id_arg(function, id_kind))
                else:
                    args.append(self.expr(_OR))
                kind, _, offset = tokens[self.pos]
                if kind == ")":
                    break
                if kind != ",":
                    if kind == "end":
                        raise ExprSyntaxError(
                            f"the '(' of {function}() is never closed", start, "add a ')'"
                        )
                    raise ExprSyntaxError(
                        f"expected ',' or ')' in the arguments of {function}(), "
                        f"found {_describe_token(tokens[self.pos])}",
                        offset,
                    )
                self.pos += 1
        self.pos += 1  # the ')'
        self.nesting -= 1
        depth = self.deeper(1 + max((a.depth for a in args), default=0), start)
        return Call(function, tuple(args), start, depth)

    def id_arg(self, function: str, id_kind: str) -> IdArg:
        kind, value, offset = self.tokens[self.pos]
        is_id = kind == "str" or (kind == "name" and "." not in value)
        if is_id and self.tokens[self.pos + 1][0] in (",", ")"):
            self.pos += 1
            return IdArg(value, offset)
        raise ExprSyntaxError(
            f"{function}() needs a {id_kind} id here",
            offset,
            f"write the id itself, bare or quoted: {function}(my_{id_kind}) or "
            f"{function}('my_{id_kind}')",
        )


# --------------------------------------------------------------------------
# Compiling the tree into closures. Every operator checks the types of its
# operands, because a context may hand back anything and the checker cannot
# see every clash (e.g. unknown kinds); Python's own rules (True + 1 == 2,
# 'a' * 3) must never leak into the story language.

Fn: TypeAlias = Callable[[EvalContext], Value]

_NUMBER_TYPES = frozenset({int, float})
_KIND_OF_TYPE: dict[type, Kind] = {bool: "bool", int: "number", float: "number", str: "str"}
_ORDER_FUNCS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}
_ARITH_FUNCS = {
    "+": operator.add,
    "-": operator.sub,
    "*": operator.mul,
    "/": operator.truediv,
    "%": operator.mod,
}


def kind_of(value: Value) -> Kind:
    """The kind of a value (``bool`` is not a number here)."""
    kind = _KIND_OF_TYPE.get(type(value))
    if kind is None:
        raise ExprEvalError(f"unsupported value {value!r} of type {type(value).__name__}")
    return kind


def describe_value(value: object) -> str:
    """A value as a scene author would name it in an error message."""
    t = type(value)
    if t is bool:
        return "true" if value else "false"
    if t is int or t is float:
        return f"the number {value!r}"
    if t is str:
        return f"the string {value!r}"
    return f"an unsupported value ({t.__name__})"


def _unknown_name(name: str) -> ExprEvalError:
    return ExprEvalError(f"unknown name {name}")


def _operand_error(op: str, *values: object) -> ExprEvalError:
    if op in _ORDER_FUNCS:
        need = "compares numbers"
    elif op in ("==", "!="):
        need = "compares two values of the same kind"
    elif op == "+":
        need = "adds numbers or joins strings"
    elif op in ("and", "or", "not"):
        need = "needs true or false"
    else:
        need = "needs numbers"
    got = " and ".join(describe_value(v) for v in values)
    return ExprEvalError(f"`{op}` {need}, got {got}")


def _arith_error(op: str, error: ArithmeticError) -> ExprEvalError:
    if isinstance(error, ZeroDivisionError):
        return ExprEvalError("division by zero" if op == "/" else "modulo by zero")
    return ExprEvalError(f"the result of `{op}` is too large")


def _compile_name(name: str) -> Fn:
    def lookup(ctx: EvalContext) -> Value:
        try:
            return ctx.lookup(name)
        except KeyError:
            raise _unknown_name(name) from None

    return lookup


def _compile_const(value: Value) -> Fn:
    return lambda ctx: value


def _compile_order(op: str, left: Node, right: Node) -> Fn:
    compare = _ORDER_FUNCS[op]
    if type(right) is Const and type(right.value) in _NUMBER_TYPES:
        const = right.value
        if type(left) is Name:
            # The most common condition, `body.heart_rate > 120`: one call.
            name = left.name

            def order_name_const(ctx: EvalContext) -> Value:
                try:
                    x = ctx.lookup(name)
                except KeyError:
                    raise _unknown_name(name) from None
                if type(x) in _NUMBER_TYPES:
                    return compare(x, const)
                raise _operand_error(op, x, const)

            return order_name_const
        fa = _compile(left)

        def order_const(ctx: EvalContext) -> Value:
            x = fa(ctx)
            if type(x) in _NUMBER_TYPES:
                return compare(x, const)
            raise _operand_error(op, x, const)

        return order_const
    fa = _compile(left)
    fb = _compile(right)

    def order(ctx: EvalContext) -> Value:
        x = fa(ctx)
        y = fb(ctx)
        if type(x) in _NUMBER_TYPES and type(y) in _NUMBER_TYPES:
            return compare(x, y)
        raise _operand_error(op, x, y)

    return order


def _compile_equality(op: str, left: Node, right: Node) -> Fn:
    compare = operator.eq if op == "==" else operator.ne
    kinds = _KIND_OF_TYPE
    fa = _compile(left)
    if type(right) is Const:
        const = right.value
        const_kind = kinds[type(const)]

        def equal_const(ctx: EvalContext) -> Value:
            x = fa(ctx)
            if kinds.get(type(x)) == const_kind:
                return compare(x, const)
            raise _operand_error(op, x, const)

        return equal_const
    fb = _compile(right)

    def equal(ctx: EvalContext) -> Value:
        x = fa(ctx)
        y = fb(ctx)
        kind = kinds.get(type(x))
        if kind is not None and kind == kinds.get(type(y)):
            return compare(x, y)
        raise _operand_error(op, x, y)

    return equal


def _compile_arith(op: str, left: Node, right: Node) -> Fn:
    apply = _ARITH_FUNCS[op]
    fa = _compile(left)
    fb = _compile(right)
    if op == "+":

        def add(ctx: EvalContext) -> Value:
            x = fa(ctx)
            y = fb(ctx)
            if type(x) in _NUMBER_TYPES and type(y) in _NUMBER_TYPES:
                try:
                    return x + y
                except OverflowError as error:
                    raise _arith_error(op, error) from None
            if type(x) is str and type(y) is str:
                return x + y
            raise _operand_error(op, x, y)

        return add

    def arith(ctx: EvalContext) -> Value:
        x = fa(ctx)
        y = fb(ctx)
        if type(x) in _NUMBER_TYPES and type(y) in _NUMBER_TYPES:
            try:
                return apply(x, y)
            except ArithmeticError as error:
                raise _arith_error(op, error) from None
        raise _operand_error(op, x, y)

    return arith


def _compile_unary(node: Unary) -> Fn:
    fa = _compile(node.operand)
    if node.op == "-":

        def negate(ctx: EvalContext) -> Value:
            x = fa(ctx)
            if type(x) in _NUMBER_TYPES:
                return -x
            raise _operand_error("-", x)

        return negate

    def invert(ctx: EvalContext) -> Value:
        x = fa(ctx)
        if x is True:
            return False
        if x is False:
            return True
        raise _operand_error("not", x)

    return invert


def _compile_boolop(node: BoolOp) -> Fn:
    op = node.op
    fns = tuple(_compile(o) for o in node.operands)
    # `and` stops at the first false operand, `or` at the first true one;
    # any operand that is neither `stop` nor `go` is not a bool at all.
    stop = op == "or"
    go = not stop
    if len(fns) == 2:
        fa, fb = fns

        def pair(ctx: EvalContext) -> Value:
            x = fa(ctx)
            if x is stop:
                return stop
            if x is not go:
                raise _operand_error(op, x)
            y = fb(ctx)
            if y is True or y is False:
                return y
            raise _operand_error(op, y)

        return pair

    def chain(ctx: EvalContext) -> Value:
        for fn in fns:
            x = fn(ctx)
            if x is stop:
                return stop
            if x is not go:
                raise _operand_error(op, x)
        return go

    return chain


def _numbers(function: str, values: list[Value]) -> list[Value]:
    for value in values:
        if type(value) not in _NUMBER_TYPES:
            raise ExprEvalError(f"{function}() needs numbers, got {describe_value(value)}")
    return values


def _round(x: Value, ndigits: Value | None) -> Value:
    """Round half away from zero, as people do by hand (Python's round() gives
    round(2.5) == 2, which a student would rightly report as a bug)."""
    digits = 0 if ndigits is None else ndigits
    if type(digits) is not int or not -15 <= digits <= 15:
        raise ExprEvalError("round()'s digits must be a whole number from -15 to 15")
    if isinstance(x, int):
        if digits >= 0:
            return x
        scale = 10**-digits
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
    result_types = _NUMBER_TYPES if _FUNCTIONS[function].result == "number" else {bool}

    if not fns:  # visited(x), has_badge(x), ...: the arguments are constant
        args = (ident,)

        def state_query(ctx: EvalContext) -> Value:
            return _ask_state(ctx, function, args, result_types)

        return state_query

    def state_call(ctx: EvalContext) -> Value:
        args = (ident, *_numbers(function, [f(ctx) for f in fns]))
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
    spec = _FUNCTIONS.get(function)
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


def _compile(node: Node) -> Fn:
    match node:
        case Const(value=value):
            return _compile_const(value)
        case Name(name=name):
            return _compile_name(name)
        case Binary(op=op, left=left, right=right):
            if op in _ORDER_FUNCS:
                return _compile_order(op, left, right)
            if op == "==" or op == "!=":
                return _compile_equality(op, left, right)
            return _compile_arith(op, left, right)
        case BoolOp():
            return _compile_boolop(node)
        case Unary():
            return _compile_unary(node)
        case Call():
            return _compile_call(node)
    raise AssertionError(f"an id is not a value: {node!r}")  # the parser never puts one here


def _compile_root(node: Node) -> Fn:
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
        if type(value) in _KIND_OF_TYPE:
            return value
        raise ExprEvalError(f"{name} is {describe_value(value)}")

    return lookup_value


# --------------------------------------------------------------------------
# Expr and parse


@dataclass(frozen=True, slots=True)
class Expr:
    """A parsed expression. Equal when the source text is equal."""

    source: str
    tree: Node = field(compare=False, repr=False)
    _fn: Fn = field(compare=False, repr=False)

    def evaluate(self, ctx: EvalContext) -> Value:
        """The value in this context; raises only ExprEvalError (unless the
        context itself raises something other than KeyError)."""
        return self._fn(ctx)

    def refs(self) -> tuple[Ref, ...]:
        """Names, functions and ids the expression mentions, in source order."""
        out: list[Ref] = []
        _collect_refs(self.tree, out)
        return tuple(out)

    def to_source(self) -> str:
        """Canonical source with only the parentheses needed; parsing it gives
        an expression with the same meaning."""
        return _to_source(self.tree)


@lru_cache(maxsize=8192)
def parse(source: str) -> Expr:
    """Parse ``source`` into an :class:`Expr`, or raise :class:`ExprSyntaxError`.

    Cached, because packs repeat conditions such as ``body.fatigue < 70`` many
    times, and an ``Expr`` is immutable, so sharing one is safe.
    """
    if len(source) > MAX_LENGTH:
        raise ExprSyntaxError(
            f"the expression is too long ({len(source)} characters; the limit is {MAX_LENGTH})",
            MAX_LENGTH,
            _DEPTH_HINT,
        )
    tree = _Parser(_tokenize(source)).parse()
    return Expr(source, tree, _compile_root(tree))


def _collect_refs(node: Node, out: list[Ref]) -> None:
    match node:
        case Name(name=name, start=start):
            out.append(Ref("name", name, start))
        case Binary(left=left, right=right):
            _collect_refs(left, out)
            _collect_refs(right, out)
        case BoolOp(operands=operands):
            for operand in operands:
                _collect_refs(operand, out)
        case Unary(operand=operand):
            _collect_refs(operand, out)
        case Call(function=function, args=args, start=start):
            out.append(Ref("function", function, start))
            spec = _FUNCTIONS.get(function)
            for arg in args:
                if isinstance(arg, IdArg) and spec is not None and spec.id_kind is not None:
                    out.append(Ref(spec.id_kind, arg.ident, arg.start))
                else:
                    _collect_refs(arg, out)


# --------------------------------------------------------------------------
# Printing


def _prec(node: Node) -> int:
    if isinstance(node, Binary | BoolOp):
        return _BINARY_PREC[node.op]
    if isinstance(node, Unary):
        return _NOT if node.op == "not" else _UNARY
    return _ATOM  # negative literals need no parentheses either: "-" binds tightest


def _wrap(node: Node, min_prec: int) -> str:
    text = _to_source(node)
    return f"({text})" if _prec(node) < min_prec else text


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _number_source(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    text = repr(value)
    if "e" in text:  # the language has no exponents: write the digits out
        text = format(Decimal(text), "f")
    return text if "." in text else text + ".0"


def _to_source(node: Node) -> str:
    match node:
        case Const(value=bool() as flag):
            return "true" if flag else "false"
        case Const(value=str() as text):
            return _quote(text)
        case Const(value=int() | float() as number):
            return _number_source(number)
        case Name(name=name):
            return name
        case IdArg(ident=ident):
            return ident if _ID_RE.match(ident) and ident not in _KEYWORDS else _quote(ident)
        case Unary(op="not", operand=operand):
            return "not " + _wrap(operand, _NOT)
        case Unary(operand=operand):
            return "-" + _wrap(operand, _UNARY)
        case Binary(op=op, left=left, right=right):
            prec = _BINARY_PREC[op]
            left_prec = prec + 1 if prec == _CMP else prec  # comparisons don't chain
            return f"{_wrap(left, left_prec)} {op} {_wrap(right, prec + 1)}"
        case BoolOp(op=op, operands=operands):
            return f" {op} ".join(_wrap(o, _BINARY_PREC[op] + 1) for o in operands)
        case Call(function=function, args=args):
            return f"{function}({', '.join(_to_source(a) for a in args)})"
    raise AssertionError(f"not a node: {node!r}")


# --------------------------------------------------------------------------
# Static checks

_KIND_WORDS: dict[str, str] = {"number": "a number", "bool": "true/false", "str": "a string"}
_KIND_HINTS: dict[str, str] = {
    "number": "compare it, e.g. courage > 0",
    "str": "compare it, e.g. mood == 'calm'",
}


def _did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    matches = difflib.get_close_matches(name, list(candidates), n=1)
    return f"did you mean '{matches[0]}'?" if matches else None


class _Checker:
    __slots__ = ("env", "problems")

    def __init__(self, env: TypeEnv) -> None:
        self.env = env
        self.problems: list[Problem] = []

    def problem(self, message: str, offset: int, hint: str | None = None) -> None:
        self.problems.append(Problem(message, offset, hint))

    def need(self, kind: Kind | None, want: Kind, node: Node, what: str) -> None:
        """Report ``node`` (of ``kind``) where ``what`` needs a ``want``."""
        if kind is None or kind == want:
            return
        if want == "bool":
            hint = _KIND_HINTS.get(kind)
        else:
            hint = "true/false is not a number" if kind == "bool" else None
        self.problem(
            f"{what} needs {_KIND_WORDS[want]}; this is {_KIND_WORDS[kind]}", node.start, hint
        )

    def visit(self, node: Node) -> Kind | None:
        match node:
            case Const(value=value):
                return _KIND_OF_TYPE[type(value)]
            case Name():
                return self.name(node)
            case Unary(op="not", operand=operand):
                self.need(self.visit(operand), "bool", operand, "`not`")
                return "bool"
            case Unary(operand=operand):
                self.need(self.visit(operand), "number", operand, "`-`")
                return "number"
            case BoolOp(op=op, operands=operands):
                for operand in operands:
                    self.need(self.visit(operand), "bool", operand, f"`{op}`")
                return "bool"
            case Binary():
                return self.binary(node)
            case Call():
                return self.call(node)
        raise AssertionError(f"an id is not a value: {node!r}")  # the parser never puts one here

    def name(self, node: Name) -> Kind | None:
        kind = self.env.names.get(node.name)
        if kind is not None:
            return kind
        text = node.name
        if text.startswith("body."):
            readouts = [n for n in self.env.names if n.startswith("body.")]
            self.problem(f"unknown body readout {text}", node.start, _did_you_mean(text, readouts))
        elif "." in text:
            self.problem(
                f"only body.<readout> names can contain a dot: {text}",
                node.start,
                _did_you_mean(text, self.env.names),
            )
        elif text in _FUNCTIONS:
            self.problem(f"{text} is a function", node.start, f"call it: {_FUNCTIONS[text].usage}")
        else:
            self.problem(
                f"unknown name {text}",
                node.start,
                _did_you_mean(text, self.env.names) or "declare it under variables: in story.yaml",
            )
        return None

    def binary(self, node: Binary) -> Kind | None:
        op = node.op
        left = self.visit(node.left)
        right = self.visit(node.right)
        if op in _ORDER_FUNCS:
            for kind, side in ((left, node.left), (right, node.right)):
                if kind is not None and kind != "number":
                    self.problem(
                        f"`{op}` compares numbers; this is {_KIND_WORDS[kind]}",
                        side.start,
                        "true/false can only be compared with == or !=" if kind == "bool" else None,
                    )
            return "bool"
        if op == "==" or op == "!=":
            if left is not None and right is not None and left != right:
                self.problem(
                    f"`{op}` compares {_KIND_WORDS[left]} with {_KIND_WORDS[right]}; "
                    "values of different kinds are never equal",
                    node.offset,
                    "compare values of the same kind",
                )
            return "bool"
        if op == "+" and "str" in (left, right):
            if left is None or right is None or left == right:
                return "str"
            self.problem(
                f"`+` adds two numbers or joins two strings, not {_KIND_WORDS[left]} "
                f"and {_KIND_WORDS[right]}",
                node.offset,
                "to show a number in text, use a template: ${...}",
            )
            return None
        self.need(left, "number", node.left, f"`{op}`")
        self.need(right, "number", node.right, f"`{op}`")
        divisor = node.right.value if isinstance(node.right, Const) else None
        if op in "/%" and type(divisor) in _NUMBER_TYPES and divisor == 0:
            self.problem("division by zero" if op == "/" else "modulo by zero", node.right.start)
        return "number"

    def call(self, node: Call) -> Kind | None:
        function = node.function
        spec = _FUNCTIONS.get(function)
        if spec is None:
            if function in self.env.names:
                hint: str | None = f"{function} is a name, not a function"
            else:
                hint = _did_you_mean(function, _FUNCTIONS)
            # Its arguments are not checked: they may well be ids (`visted(ff_bear)`),
            # and one error per call is clearer than a cascade.
            self.problem(f"unknown function {function}()", node.start, hint)
            return None
        count = len(node.args)
        if count < spec.min_args or (spec.max_args is not None and count > spec.max_args):
            if spec.max_args is None:
                wanted = f"at least {spec.min_args} arguments"
            elif spec.min_args == spec.max_args:
                wanted = f"{spec.min_args} argument{'s' if spec.min_args > 1 else ''}"
            else:
                wanted = f"{spec.min_args} or {spec.max_args} arguments"
            self.problem(
                f"{function}() takes {wanted}, got {count}", node.start, f"write {spec.usage}"
            )
        for arg in node.args:
            if isinstance(arg, IdArg):
                found = self.env.check_id(spec.id_kind or "", arg.ident)
                if found is not None:
                    self.problem(found[0], arg.start, found[1])
            else:
                self.need(self.visit(arg), "number", arg, f"{function}()")
        if function == "round" and count == 2:
            digits = node.args[1]
            value = digits.value if isinstance(digits, Const) else None
            if type(value) is float or (type(value) is int and not -15 <= value <= 15):
                self.problem("round()'s digits must be a whole number from -15 to 15", digits.start)
        return spec.result


def check(
    expr: Expr, env: TypeEnv, expect: Kind | None = None
) -> tuple[Kind | None, tuple[Problem, ...]]:
    """Find the errors that can be seen before play, sorted by offset.

    Returns the expression's kind (``None`` when an error hides it) and the
    problems. With ``expect``, a whole expression of another kind is a problem
    too: an ``if:`` that is a number, say.
    """
    checker = _Checker(env)
    kind = checker.visit(expr.tree)
    if expect is not None and kind is not None and kind != expect:
        checker.problem(
            f"expected {_KIND_WORDS[expect]}, but this expression is {_KIND_WORDS[kind]}",
            0,
            _KIND_HINTS.get(kind) if expect == "bool" else None,
        )
    return kind, tuple(sorted(checker.problems, key=lambda p: p.offset))
