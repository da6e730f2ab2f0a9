"""The behaviour of effects: each case of the effect variant becomes an ``Effect``.

The cases and their keys are declared in game/story/format/records.py
(``EFFECT``); here is what each one checks (a variable's type, a body
input's range) and builds. Body inputs are read here too, since story.yaml's
starting body takes the same mapping as the ``body`` effect.
"""

from __future__ import annotations

from yaml.nodes import Node

from game import body as body_model
from game.story import diagnostics as d
from game.story import model as m
from game.story.diagnostics import Loc, suggest
from game.story.expr import (
    Expr,
    ExprEvalError,
    Value,
    check_bounds,
    fits,
    kind_of,
    stored_as,
)
from game.story.format.fields import CaseReader, Variant, read_variant
from game.story.format.kinds import read_references, remember
from game.story.pack_state import PackState
from game.story.read_text import expression
from game.story.yaml_errors import CURLY_QUOTES
from game.story.yamlnodes import NodeReader


class EffectsReader:
    """A list of effects, each a one-key mapping of ``variant``."""

    def __init__(self, variant: Variant) -> None:
        self.variant = variant

    def __call__(self, pack: PackState, reader: NodeReader, node: Node) -> tuple[m.Effect, ...]:
        effects: list[m.Effect] = []
        for item in reader.sequence(node, "effects") or ():
            effect = read_variant(pack, reader, item, self.variant)
            if effect is not None:
                effects.append(effect)
        return tuple(effects)


def type_name(value: Value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    return "text"


class _NoState:
    """The evaluation context of a constant expression: reading the game's
    state fails, because only play can know a value that depends on it."""

    def lookup(self, name: str) -> Value:
        raise ExprEvalError(f"{name} is known only while playing")

    def call(self, function: str, args: tuple[Value, ...]) -> Value:
        raise ExprEvalError(f"{function}() is known only while playing")


def _check_constant(reader: NodeReader, node: Node, name: str, expr: Expr) -> None:
    """A compute whose value is known before play must be a value a story can
    hold (``check_bounds``); one that reads the state is checked while playing."""
    try:
        value = expr.evaluate(_NoState())
    except ExprEvalError:  # not constant, or an error the type check reports
        return
    try:
        check_bounds(value)
    except ExprEvalError as error:
        reader.report(node, d.EXPR_ERROR, None, message=f"compute {name}: {error.message}")


def var_effect(kind: str) -> CaseReader:
    """``set``, ``add`` or ``compute``: values of declared variables, of their type."""

    def read(pack: PackState, reader: NodeReader, key_node: Node, node: Node) -> m.Effect | None:
        return _var_effect(pack, reader, kind, node, reader.loc(key_node))

    return read


def _var_effect(
    pack: PackState, reader: NodeReader, kind: str, node: Node, loc: Loc
) -> m.Effect | None:
    table = reader.mapping(node, f"{kind} effect")
    if table is None:
        return None
    variables = pack.header.variables
    values: list[tuple[str, object]] = []
    for name, (key_node, value_node) in table.items():
        if name not in variables:
            if pack.header.ok:
                reader.report(
                    key_node,
                    d.UNKNOWN_VARIABLE,
                    suggest(name, variables) or "declare it under variables: in story.yaml",
                    name=name,
                )
            continue
        default = variables[name]
        if kind == "compute":
            expr = expression(pack, reader, value_node, f"compute {name}", kind_of(default))
            if expr is not None:
                values.append((name, expr))
                _check_constant(reader, value_node, name, expr)
            continue
        value = reader.scalar(value_node, f"{kind} {name}")
        if value is None:
            continue
        if isinstance(value, str):
            pack.words.setdefault(value, name)
            if any(quote in value for quote in CURLY_QUOTES):
                reader.report(
                    value_node,
                    d.CURLY_QUOTES_IN_VALUE,
                    f"use straight quotes, or none: {name}: {value.strip(CURLY_QUOTES)}",
                    name=name,
                    value=value,
                )
        problem = _type_problem(kind, name, default, value)
        if problem is not None:
            at_key, message, hint = problem
            reader.report(
                key_node if at_key else value_node, d.TYPE_MISMATCH, hint, message=message
            )
            continue
        values.append((name, stored_as(default, value)))
    if not values:
        return None
    if kind == "set":
        return m.SetVars(tuple(values), loc)  # type: ignore[arg-type]
    if kind == "add":
        return m.AddVars(tuple(values), loc)  # type: ignore[arg-type]
    return m.ComputeVars(tuple(values), loc)  # type: ignore[arg-type]


def _type_problem(
    kind: str, name: str, default: Value, value: Value
) -> tuple[bool, str, str | None] | None:
    """Why ``value`` cannot go into ``name`` (at the key?, message, hint), or None."""
    if kind == "add":
        if isinstance(default, bool) or not isinstance(default, int | float):
            return True, f"cannot add to '{name}': it holds {type_name(default)}", None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return False, f"add needs a number, not {type_name(value)}", None
        if isinstance(default, int) and isinstance(value, float):
            return (
                False,
                f"'{name}' holds whole numbers; adding {value} would change its type",
                f"declare it as {float(default)} in story.yaml to hold fractions",
            )
        return None
    if not fits(default, value):
        return False, f"'{name}' holds {type_name(default)}, not {type_name(value)}", None
    return None


def body_inputs(
    pack: PackState, reader: NodeReader, node: Node
) -> tuple[tuple[str, float | bool], ...]:
    table = reader.mapping(node, "body inputs")
    changes: list[tuple[str, float | bool]] = []
    for key, (key_node, value_node) in (table or {}).items():
        kind = body_model.INPUTS.get(key)
        if kind is None:
            reader.report(
                key_node,
                d.UNKNOWN_INPUT,
                suggest(key, body_model.INPUTS) or "inputs: " + ", ".join(body_model.INPUTS),
                key=key,
            )
            continue
        if kind == "bool":
            flag = reader.boolean(value_node, f"body input '{key}'")
            if flag is not None:
                changes.append((key, flag))
            continue
        level = reader.number(value_node, f"body input '{key}'")
        if level is None:
            continue
        if not 0 <= level <= 1:
            reader.report(
                value_node, d.OUT_OF_RANGE, message=f"body input '{key}' must be between 0 and 1"
            )
            continue
        changes.append((key, float(level)))
    return tuple(changes)


def body_effect(pack: PackState, reader: NodeReader, key_node: Node, node: Node) -> m.Effect | None:
    changes = body_inputs(pack, reader, node)
    return m.BodyInputs(changes, reader.loc(key_node)) if changes else None


def change_effect(kind: str, actions: tuple[str, str]) -> CaseReader:
    """``condition: {add: id}`` or ``medication: {start: id}``: exactly one action."""

    def read(pack: PackState, reader: NodeReader, key_node: Node, node: Node) -> m.Effect | None:
        fields = reader.mapping(node, f"{kind} effect", actions)
        if fields is None:
            return None
        if len(fields) != 1:
            reader.report(
                node,
                d.ONE_KEY_EFFECT,
                None,
                message=f"{kind}: needs exactly one of {' or '.join(actions)}",
            )
            return None
        ((action, (_, id_node)),) = fields.items()
        ident = reader.ident(id_node, f"{kind} id")
        if ident is None:
            return None
        remember(pack, kind, ident, reader, id_node)
        loc = reader.loc(key_node)
        if kind == "condition":
            return m.ConditionChange(action, ident, loc)  # type: ignore[arg-type]
        return m.MedicationChange(action, ident, loc)  # type: ignore[arg-type]

    return read


def wait_effect(pack: PackState, reader: NodeReader, key_node: Node, node: Node) -> m.Effect | None:
    seconds = reader.duration(node, "time")
    return m.Wait(seconds, reader.loc(key_node)) if seconds is not None else None


def codex_effect(
    pack: PackState, reader: NodeReader, key_node: Node, node: Node
) -> m.Effect | None:
    ids = read_references(pack, reader, node, "codex", "codex", True)
    return m.UnlockCodex(ids, reader.loc(key_node)) if ids else None


def score_effect(
    pack: PackState, reader: NodeReader, key_node: Node, node: Node
) -> m.Effect | None:
    points = reader.integer(node, "score")
    return m.AddScore(points, reader.loc(key_node)) if points is not None else None


def badge_effect(
    pack: PackState, reader: NodeReader, key_node: Node, node: Node
) -> m.Effect | None:
    ident = reader.ident(node, "badge id")
    if ident is None:
        return None
    remember(pack, "badge", ident, reader, node)
    return m.AwardBadge(ident, reader.loc(key_node))
