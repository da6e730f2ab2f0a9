"""The tree the parser builds, and the functions an expression may call.

The nodes are NamedTuples: immutable and the cheapest objects to build,
which matters when a big pack is loaded (about 20,000 expressions). Every
node records where it starts (a character offset, for diagnostics) and its
depth, which the parser bounds so that no later phase can recurse too deep.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple, TypeAlias

from game.story.expr.values import Kind, Value


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

IdKind: TypeAlias = Literal["scene", "condition", "medication", "badge"]


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


class FunctionSpec(NamedTuple):
    """A callable function: what its first argument names (``None``: it takes
    only numbers), how many arguments it takes, its result and its usage."""

    id_kind: IdKind | None
    min_args: int
    max_args: int | None
    result: Kind
    usage: str


FUNCTIONS: dict[str, FunctionSpec] = {
    "visited": FunctionSpec("scene", 1, 1, "number", "visited(scene_id)"),
    "chose": FunctionSpec("scene", 2, 2, "bool", "chose(scene_id, n)"),
    "has_condition": FunctionSpec("condition", 1, 1, "bool", "has_condition(condition_id)"),
    "on_medication": FunctionSpec("medication", 1, 1, "bool", "on_medication(medication_id)"),
    "has_badge": FunctionSpec("badge", 1, 1, "bool", "has_badge(badge_id)"),
    "min": FunctionSpec(None, 2, None, "number", "min(a, b, ...)"),
    "max": FunctionSpec(None, 2, None, "number", "max(a, b, ...)"),
    "abs": FunctionSpec(None, 1, 1, "number", "abs(x)"),
    "round": FunctionSpec(None, 1, 2, "number", "round(x) or round(x, digits)"),
}


def collect_refs(node: Node, out: list[Ref]) -> None:
    """Append the names, functions and ids under ``node``, in source order."""
    match node:
        case Name(name=name, start=start):
            out.append(Ref("name", name, start))
        case Binary(left=left, right=right):
            collect_refs(left, out)
            collect_refs(right, out)
        case BoolOp(operands=operands):
            for operand in operands:
                collect_refs(operand, out)
        case Unary(operand=operand):
            collect_refs(operand, out)
        case Call(function=function, args=args, start=start):
            out.append(Ref("function", function, start))
            spec = FUNCTIONS.get(function)
            for arg in args:
                if isinstance(arg, IdArg) and spec is not None and spec.id_kind is not None:
                    out.append(Ref(spec.id_kind, arg.ident, arg.start))
                else:
                    collect_refs(arg, out)
