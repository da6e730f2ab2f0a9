"""``Expr``, a parsed expression, and ``parse``, which builds it once.

The tree stays on the ``Expr`` for ``refs()`` (what the expression
mentions), for the printer and for the static checker; evaluation runs the
closures compiled from it (game/story/expr/compiler.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from game.story.expr.compiler import Fn, compile_root
from game.story.expr.parser import parse_tree
from game.story.expr.printer import to_source
from game.story.expr.tree import Node, Ref, collect_refs
from game.story.expr.values import EvalContext, Value


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
        collect_refs(self.tree, out)
        return tuple(out)

    def to_source(self) -> str:
        """Canonical source with only the parentheses needed; parsing it gives
        an expression with the same meaning."""
        return to_source(self.tree)


@lru_cache(maxsize=8192)
def parse(source: str) -> Expr:
    """Parse ``source`` into an :class:`Expr`, or raise ``ExprSyntaxError``.

    Cached, because packs repeat conditions such as ``body.fatigue < 70`` many
    times, and an ``Expr`` is immutable, so sharing one is safe.
    """
    tree = parse_tree(source)
    return Expr(source, tree, compile_root(tree))
