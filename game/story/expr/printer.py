"""Printing a tree back as canonical source, with only the parentheses
needed (binding strengths from game/story/expr/operators.py): parsing the
text again gives an expression with the same meaning."""

from __future__ import annotations

from decimal import Decimal

from game.story.expr.lexer import ID_RE, KEYWORDS
from game.story.expr.operators import ATOM, BINARY, UNARY_OPS
from game.story.expr.tree import Binary, BoolOp, Call, Const, IdArg, Name, Node, Unary


def to_source(node: Node) -> str:
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
            return ident if ID_RE.match(ident) and ident not in KEYWORDS else _quote(ident)
        case Unary(op=op, operand=operand):
            prec = UNARY_OPS[op].precedence
            return ("not " if op == "not" else op) + _wrap(operand, prec)
        case Binary(op=op, left=left, right=right):
            operator = BINARY[op]
            prec = operator.precedence
            left_prec = prec + 1 if operator.is_comparison else prec  # comparisons don't chain
            return f"{_wrap(left, left_prec)} {op} {_wrap(right, prec + 1)}"
        case BoolOp(op=op, operands=operands):
            return f" {op} ".join(_wrap(o, BINARY[op].precedence + 1) for o in operands)
        case Call(function=function, args=args):
            return f"{function}({', '.join(to_source(a) for a in args)})"
    raise AssertionError(f"not a node: {node!r}")


def _prec(node: Node) -> int:
    if isinstance(node, Binary | BoolOp):
        return BINARY[node.op].precedence
    if isinstance(node, Unary):
        return UNARY_OPS[node.op].precedence
    return ATOM  # negative literals need no parentheses either: "-" binds tightest


def _wrap(node: Node, min_prec: int) -> str:
    text = to_source(node)
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
