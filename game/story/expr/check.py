"""The static checker: the errors that can be seen before anyone plays.

It walks the tree with what the pack declares (``TypeEnv``: every name's
kind, and which ids exist) and reports each problem at its character
offset, with a hint: unknown names (with a "did you mean"), operands of the
wrong kind (the rules of game/story/expr/operators.py), calls with the wrong
number of arguments, a constant division by zero.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.story.diagnostics import suggest
from game.story.expr.operators import BINARY, UNARY_OPS, Operator
from game.story.expr.tree import FUNCTIONS, Binary, BoolOp, Call, Const, IdArg, Name, Node, Unary
from game.story.expr.values import KIND_OF_TYPE, KIND_WORDS, NUMBER_TYPES, Kind

if TYPE_CHECKING:
    from game.story.expr.expression import Expr


@dataclass(frozen=True, slots=True)
class ExprProblem:
    """A static error found by :func:`check`, at a character offset."""

    message: str
    offset: int
    hint: str | None = None


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


_KIND_HINTS: dict[str, str] = {
    "number": "compare it, e.g. courage > 0",
    "str": "compare it, e.g. mood == 'calm'",
}


class _Checker:
    __slots__ = ("env", "problems")

    def __init__(self, env: TypeEnv) -> None:
        self.env = env
        self.problems: list[ExprProblem] = []

    def problem(self, message: str, offset: int, hint: str | None = None) -> None:
        self.problems.append(ExprProblem(message, offset, hint))

    def need(self, kind: Kind | None, want: Kind, node: Node, what: str) -> None:
        """Report ``node`` (of ``kind``) where ``what`` needs a ``want``."""
        if kind is None or kind == want:
            return
        if want == "bool":
            hint = _KIND_HINTS.get(kind)
        else:
            hint = "true/false is not a number" if kind == "bool" else None
        self.problem(
            f"{what} needs {KIND_WORDS[want]}; this is {KIND_WORDS[kind]}", node.start, hint
        )

    def visit(self, node: Node) -> Kind | None:
        match node:
            case Const(value=value):
                return KIND_OF_TYPE[type(value)]
            case Name():
                return self.name(node)
            case Unary(op=symbol, operand=operand):
                return self.operands(UNARY_OPS[symbol], (operand,))
            case BoolOp(op=symbol, operands=operands):
                return self.operands(BINARY[symbol], operands)
            case Binary():
                return self.binary(node)
            case Call():
                return self.call(node)
        raise AssertionError(f"an id is not a value: {node!r}")  # the parser never puts one here

    def operands(self, op: Operator, operands: tuple[Node, ...]) -> Kind | None:
        """``not``, unary ``-``, ``and``, ``or``: every operand of one kind."""
        want: Kind = "bool" if op.operands == "bools" else "number"
        for operand in operands:
            self.need(self.visit(operand), want, operand, f"`{op.symbol}`")
        return op.result

    def name(self, node: Name) -> Kind | None:
        kind = self.env.names.get(node.name)
        if kind is not None:
            return kind
        text = node.name
        if text.startswith("body."):
            readouts = [n for n in self.env.names if n.startswith("body.")]
            self.problem(f"unknown body readout {text}", node.start, suggest(text, readouts))
        elif "." in text:
            self.problem(
                f"only body.<readout> names can contain a dot: {text}",
                node.start,
                suggest(text, self.env.names),
            )
        elif text in FUNCTIONS:
            self.problem(f"{text} is a function", node.start, f"call it: {FUNCTIONS[text].usage}")
        else:
            self.problem(
                f"unknown name {text}",
                node.start,
                suggest(text, self.env.names) or "declare it under variables: in story.yaml",
            )
        return None

    def binary(self, node: Binary) -> Kind | None:
        op = BINARY[node.op]
        symbol = op.symbol
        left = self.visit(node.left)
        right = self.visit(node.right)
        if op.operands == "numbers" and op.is_comparison:
            for kind, side in ((left, node.left), (right, node.right)):
                if kind is not None and kind != "number":
                    self.problem(
                        f"`{symbol}` {op.need}; this is {KIND_WORDS[kind]}",
                        side.start,
                        "true/false can only be compared with == or !=" if kind == "bool" else None,
                    )
            return op.result
        if op.operands == "same":
            if left is not None and right is not None and left != right:
                self.problem(
                    f"`{symbol}` compares {KIND_WORDS[left]} with {KIND_WORDS[right]}; "
                    "values of different kinds are never equal",
                    node.offset,
                    "compare values of the same kind",
                )
            return op.result
        if op.operands == "numbers_or_text" and "str" in (left, right):
            if left is None or right is None or left == right:
                return "str"
            self.problem(
                f"`+` adds two numbers or joins two strings, not {KIND_WORDS[left]} "
                f"and {KIND_WORDS[right]}",
                node.offset,
                "to show a number in text, use a template: ${...}",
            )
            return None
        self.need(left, "number", node.left, f"`{symbol}`")
        self.need(right, "number", node.right, f"`{symbol}`")
        divisor = node.right.value if isinstance(node.right, Const) else None
        if op.by_zero is not None and type(divisor) in NUMBER_TYPES and divisor == 0:
            self.problem(op.by_zero, node.right.start)
        return "number"

    def call(self, node: Call) -> Kind | None:
        function = node.function
        spec = FUNCTIONS.get(function)
        if spec is None:
            if function in self.env.names:
                hint: str | None = f"{function} is a name, not a function"
            else:
                hint = suggest(function, FUNCTIONS)
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
) -> tuple[Kind | None, tuple[ExprProblem, ...]]:
    """Find the errors that can be seen before play, sorted by offset.

    Returns the expression's kind (``None`` when an error hides it) and the
    problems. With ``expect``, a whole expression of another kind is a problem
    too: an ``if:`` that is a number, say.
    """
    checker = _Checker(env)
    kind = checker.visit(expr.tree)
    if expect is not None and kind is not None and kind != expect:
        checker.problem(
            f"expected {KIND_WORDS[expect]}, but this expression is {KIND_WORDS[kind]}",
            0,
            _KIND_HINTS.get(kind) if expect == "bool" else None,
        )
    return kind, tuple(sorted(checker.problems, key=lambda p: p.offset))
