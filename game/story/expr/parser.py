"""The parser: precedence climbing over the tokens, building the tree.

Binding strengths come from the operator table (game/story/expr/operators.py).
Comparisons are non-associative (``a < b < c`` is an error, not Python's
chain), ``and``/``or`` chains become one flat ``BoolOp``, and nesting is
bounded by ``MAX_DEPTH`` so that deep input is a syntax error, never a
RecursionError here or in a later phase.
"""

from __future__ import annotations

from game.story.expr.lexer import AFTER_VALUE_HINTS, Token, tokenize
from game.story.expr.operators import AND, BINARY, CMP, COMPARISONS, NOT, OR, UNARY
from game.story.expr.tree import FUNCTIONS, Binary, BoolOp, Call, Const, IdArg, Name, Node, Unary
from game.story.expr.values import MAX_DEPTH, MAX_LENGTH, ExprSyntaxError

_PRECEDENCE = {symbol: op.precedence for symbol, op in BINARY.items()}

DEPTH_HINT = "split it up, e.g. compute part of it into a variable first"


def _describe_token(token: Token) -> str:
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

    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.pos = 0
        self.nesting = 0

    def parse(self) -> Node:
        if self.tokens[0][0] == "end":
            raise ExprSyntaxError(
                "the expression is empty", 0, "write a condition, e.g. courage > 2"
            )
        node = self.expr(OR)
        token = self.tokens[self.pos]
        kind, value, offset = token
        if kind == "end":
            return node
        if kind == ")":
            raise ExprSyntaxError("this ')' has no matching '('", offset)
        if kind == ",":
            raise ExprSyntaxError("',' only separates the arguments of a function", offset)
        hint = AFTER_VALUE_HINTS.get(value) if kind == "name" else None
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
                DEPTH_HINT,
            )

    @staticmethod
    def deeper(depth: int, offset: int) -> int:
        """The tree depth of a new node: evaluation and checking recurse on it."""
        if depth > MAX_DEPTH:
            raise ExprSyntaxError(
                f"the expression is nested too deeply (more than {MAX_DEPTH} levels)",
                offset,
                DEPTH_HINT,
            )
        return depth

    def expr(self, min_prec: int) -> Node:
        tokens = self.tokens
        left = self.prefix(min_prec)
        while True:
            kind, _, offset = tokens[self.pos]
            prec = _PRECEDENCE.get(kind)
            if prec is None or prec < min_prec:
                return left
            self.pos += 1
            if prec <= AND:
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
            if prec == CMP and tokens[self.pos][0] in COMPARISONS:
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
            node = self.expr(OR)
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
            operand = self.prefix(UNARY)
            self.nesting -= 1
            value = operand.value if isinstance(operand, Const) else None
            if isinstance(value, int | float) and not isinstance(value, bool):
                # Fold negative literals: `x > -5` compares with a constant.
                return Const(-value, offset)
            return Unary("-", operand, offset, self.deeper(1 + operand.depth, offset))
        if kind == "not":
            if min_prec > NOT:
                raise ExprSyntaxError(
                    "`not` needs parentheses here", offset, "write (not ...) in parentheses"
                )
            self.enter(offset)
            self.pos += 1
            operand = self.expr(NOT)
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
        spec = FUNCTIONS.get(function)
        id_kind = spec.id_kind if spec is not None else None
        args: list[Node] = []
        if tokens[self.pos][0] != ")":
            while True:
                if not args and id_kind is not None:
                    args.append(self.id_arg(function, id_kind))
                else:
                    args.append(self.expr(OR))
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


def parse_tree(source: str) -> Node:
    """The tree of ``source``, or ExprSyntaxError."""
    if len(source) > MAX_LENGTH:
        raise ExprSyntaxError(
            f"the expression is too long ({len(source)} characters; the limit is {MAX_LENGTH})",
            MAX_LENGTH,
            DEPTH_HINT,
        )
    return _Parser(tokenize(source)).parse()
