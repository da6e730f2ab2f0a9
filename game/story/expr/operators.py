"""The operator table: every operator of the language, declared once.

Each ``Operator`` says how tightly it binds (the parser and the printer),
which kinds of operands it takes and what it gives (the checker and the
compiled closures, which test the same rule), how evaluation computes it,
and how to word an operand of the wrong kind. The language has no other
list of its operators.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from game.story.expr.values import Kind

# Binding strength, loosest first.
OR, AND, NOT, CMP, ADD, MUL, UNARY, ATOM = range(1, 9)

#: What an operator accepts: ``numbers`` (int or float, never bool),
#: ``bools``, ``same`` (two values of one kind) or ``numbers_or_text``
#: (two numbers or two strings: ``+`` adds or joins).
Operands: TypeAlias = Literal["numbers", "bools", "same", "numbers_or_text"]


@dataclass(frozen=True, slots=True)
class Operator:
    symbol: str
    precedence: int
    operands: Operands
    #: The result's kind; ``None`` when it is the operands' kind (``+``).
    result: Kind | None
    #: What it needs, as an error message says it: "`<` compares numbers, got ...".
    need: str
    #: Evaluation of operands that passed the ``operands`` rule; ``None`` for
    #: ``and`` and ``or``, which stop at the first operand that decides.
    apply: Callable[..., Any] | None
    #: The message when the right operand is zero (``/`` and ``%``).
    by_zero: str | None = None

    @property
    def is_comparison(self) -> bool:
        return self.precedence == CMP


_NEEDS_NUMBERS = "needs numbers"
_COMPARES_NUMBERS = "compares numbers"
_NEEDS_BOOLS = "needs true or false"

BINARY: dict[str, Operator] = {
    op.symbol: op
    for op in (
        Operator("or", OR, "bools", "bool", _NEEDS_BOOLS, None),
        Operator("and", AND, "bools", "bool", _NEEDS_BOOLS, None),
        Operator("==", CMP, "same", "bool", "compares two values of the same kind", operator.eq),
        Operator("!=", CMP, "same", "bool", "compares two values of the same kind", operator.ne),
        Operator("<", CMP, "numbers", "bool", _COMPARES_NUMBERS, operator.lt),
        Operator("<=", CMP, "numbers", "bool", _COMPARES_NUMBERS, operator.le),
        Operator(">", CMP, "numbers", "bool", _COMPARES_NUMBERS, operator.gt),
        Operator(">=", CMP, "numbers", "bool", _COMPARES_NUMBERS, operator.ge),
        Operator("+", ADD, "numbers_or_text", None, "adds numbers or joins strings", operator.add),
        Operator("-", ADD, "numbers", "number", _NEEDS_NUMBERS, operator.sub),
        Operator("*", MUL, "numbers", "number", _NEEDS_NUMBERS, operator.mul),
        Operator(
            "/", MUL, "numbers", "number", _NEEDS_NUMBERS, operator.truediv, "division by zero"
        ),
        Operator("%", MUL, "numbers", "number", _NEEDS_NUMBERS, operator.mod, "modulo by zero"),
    )
}

UNARY_OPS: dict[str, Operator] = {
    op.symbol: op
    for op in (
        Operator("not", NOT, "bools", "bool", _NEEDS_BOOLS, operator.not_),
        Operator("-", UNARY, "numbers", "number", _NEEDS_NUMBERS, operator.neg),
    )
}

COMPARISONS = frozenset(symbol for symbol, op in BINARY.items() if op.is_comparison)
