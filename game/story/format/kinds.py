"""The kinds of value a field holds: how each is read, and its JSON Schema.

Each function returns a ``Reader`` for ``Field.read``; the schema
constants beside them are what the same kind looks like to an editor.
Both sit here so a field's declaration names one kind and gets both.
References (a scene id, an objective) are only collected while reading
(``pack.refs``): they are checked once the whole pack is read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from yaml.nodes import Node

from game.story import diagnostics as d
from game.story.diagnostics import suggest
from game.story.expr import Kind
from game.story.format.fields import Reader, Schema
from game.story.pack_state import PackState
from game.story.read_text import cut_by_comment, expression, template
from game.story.yamlnodes import NodeReader


def ref(kind: str) -> Schema:
    return {"$ref": f"#/$defs/{kind}"}


ID = ref("id")
TEXT = ref("text")
EXPRESSION = ref("expression")
DURATION = ref("duration")
BOOLEAN: Schema = {"type": "boolean"}
INTEGER: Schema = {"type": "integer"}
#: A mapping of id -> something (scenes, objectives, badges).
TABLE: Schema = {"type": "object", "propertyNames": ID}


def id_or_list(item: Schema | None = None) -> Schema:
    one = item or ID
    return {"anyOf": [one, {"type": "array", "items": one}]}


def id_list(item: Schema | None = None) -> Schema:
    return {"type": "array", "items": item or ID}


def remember(pack: PackState, kind: str, ident: str, reader: NodeReader, node: Node) -> None:
    """A reference to check once every file is read."""
    pack.refs.append((kind, ident, reader, node))


def text(what: str, comment: str = "") -> Reader:
    """Plain text, shown as written; ``comment`` ("read" when the text read,
    "always"): warn when a ``#`` cut it short."""

    def read(pack: PackState, reader: NodeReader, node: Node) -> str | None:
        value = reader.string(node, what)
        if comment == "always" or (comment and value is not None):
            cut_by_comment(reader, node, what)
        return value

    return read


def templated(what: str) -> Reader:
    """Text that may show values: ``${body.heart_rate}``."""
    return lambda pack, reader, node: template(pack, reader, node, what)


def condition(what: str, expect: Kind | None = "bool") -> Reader:
    return lambda pack, reader, node: expression(pack, reader, node, what, expect)


def ident(what: str) -> Reader:
    return lambda pack, reader, node: reader.ident(node, what)


def reference(kind: str, what: str) -> Reader:
    """An id of ``kind`` (a scene, an objective) defined anywhere in the pack."""

    def read(pack: PackState, reader: NodeReader, node: Node) -> str | None:
        value = reader.ident(node, what)
        if value is not None:
            remember(pack, kind, value, reader, node)
        return value

    return read


def references(kind: str, what: str, allow_single: bool = False) -> Reader:
    """A list of ids under ``what`` (or one id, if ``allow_single``)."""

    def read(pack: PackState, reader: NodeReader, node: Node) -> tuple[str, ...]:
        return read_references(pack, reader, node, kind, what, allow_single)

    return read


def read_references(
    pack: PackState, reader: NodeReader, node: Node, kind: str, what: str, allow_single: bool
) -> tuple[str, ...]:
    ids: list[str] = []
    for item in reader.sequence(node, what, allow_single) or ():
        value = reader.ident(item, f"{kind} id")
        if value is not None:
            remember(pack, kind, value, reader, item)
            ids.append(value)
    return tuple(ids)


def items(what: str) -> Reader:
    """A list's item nodes, for a reader that needs the whole list."""
    return lambda pack, reader, node: reader.sequence(node, what)


def duration(what: str) -> Reader:
    return lambda pack, reader, node: reader.duration(node, what)


def boolean(what: str) -> Reader:
    return lambda pack, reader, node: reader.boolean(node, what)


def integer(what: str) -> Reader:
    return lambda pack, reader, node: reader.integer(node, what)


def bounded(
    read_value: Callable[[NodeReader, Node, str], float | int | None],
    what: str,
    holds: Callable[[float], bool],
    message: str,
) -> Reader:
    """A number that must hold ``holds`` (E017 with ``message`` otherwise);
    an out-of-range value reads as None, so the field keeps its default."""

    def read(pack: PackState, reader: NodeReader, node: Node) -> float | int | None:
        value = read_value(reader, node, what)
        if value is not None and not holds(value):
            reader.report(node, d.OUT_OF_RANGE, message=message)
            return None
        return value

    return read


def one_of(choices: Sequence[str], what: str, message: str) -> Reader:
    """A word from ``choices``; ``message`` is formatted with ``{value}``."""

    def read(pack: PackState, reader: NodeReader, node: Node) -> str | None:
        value = reader.string(node, what)
        if value is not None and value not in choices:
            reader.report(
                node, d.WRONG_TYPE, suggest(value, choices), message=message.format(value=value)
            )
            return None
        return value

    return read
