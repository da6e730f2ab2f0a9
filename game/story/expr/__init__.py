"""The safe expression language of story packs: parse once, evaluate many times.

Conditions (``if``, ``enabled_if``), ``compute`` effects and ``${...}``
templates are written in a tiny language (docs/authoring.md, "Expressions").
Scene text comes from teachers and students, so no source text ever reaches
Python's ``eval``. Each phase has its module:

* ``values``: the values and kinds, the limits, the errors;
* ``lexer``: one compiled regex, with a hint for every wrong token;
* ``operators``: the operator table, every operator declared once;
* ``parser``: precedence climbing into the immutable tree of ``tree``;
* ``compiler``: the tree compiled into closures, so evaluation does no dispatch;
* ``check``: the static checker, errors with character offsets before play;
* ``printer``: the tree back as canonical source;
* ``expression``: ``Expr`` and the cached ``parse``.

Importers use this package's names; the modules are its inside.
"""

from game.story.expr.check import ExprProblem, TypeEnv, check
from game.story.expr.expression import Expr, parse
from game.story.expr.tree import Binary, BoolOp, Call, Const, IdArg, Name, Node, Ref, Unary
from game.story.expr.values import (
    MAX_DEPTH,
    MAX_LENGTH,
    MAX_MAGNITUDE,
    MAX_TEXT,
    EvalContext,
    ExprEvalError,
    ExprSyntaxError,
    Kind,
    Value,
    check_bounds,
    describe_value,
    fits,
    kind_of,
    stored_as,
)

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
    "ExprProblem",
    "ExprSyntaxError",
    "IdArg",
    "Kind",
    "Name",
    "Node",
    "Ref",
    "TypeEnv",
    "Unary",
    "Value",
    "check",
    "check_bounds",
    "describe_value",
    "fits",
    "kind_of",
    "parse",
    "stored_as",
]
