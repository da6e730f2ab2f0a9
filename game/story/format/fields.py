"""The building blocks of the format's declaration, and the one reader that walks it.

A record of the pack format (a scene, a choice, a lesson...) is a tuple of
``Field``s: the key, how its value is read (a function of the pack being
read, the file's ``NodeReader`` and the value's node), whether it is
required, its default, its JSON Schema and the sentence the guide shows.
``read_record`` walks a composed mapping against a record: unknown,
duplicate and missing keys are reported by ``NodeReader.mapping`` with
their positions, then each given field is read in the order of the
declaration (the order a writer reads a scene in, so diagnostics and the
alias budget are spent as before) and each missing one takes its default.
What a record *does* with its values (cross-key checks, building the model)
is the record's behaviour, in the modules that read each kind of file.

A ``Variant`` is a mapping with exactly one key that says what it is (an
effect ``- set: {...}``, a walkthrough step ``- choose: 2``): its cases are
declared the same way and read by ``read_variant``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from yaml.nodes import MappingNode, Node

from game.story.diagnostics import Descriptor
from game.story.pack_state import PackState
from game.story.yamlnodes import NodeReader

Schema = dict[str, Any]
#: Reads one value: (the pack being read, the file's reader, the value's node).
Reader = Callable[[PackState, NodeReader, Node], Any]
#: Reads one case of a variant: (pack, reader, the key's node, the value's node).
CaseReader = Callable[[PackState, NodeReader, Node, Node], Any]


@dataclass(frozen=True)
class Field:
    """One key of a record. ``doc`` is Markdown for the guide's table (its
    plain words become the schema's description); ``shown`` replaces the
    guide's key column and ``need`` its required column where yes/no is not
    the whole story (``one of``, ``with `next` ``)."""

    key: str
    read: Reader
    schema: Schema | Record | Variant  # a record or variant stands for its schema
    doc: str
    required: bool = False
    default: Any = None
    shown: str | None = None
    need: str | None = None


@dataclass(frozen=True)
class Record:
    """A mapping of the format. ``what`` names it in messages (``a lesson``);
    ``reads_after`` are the keys without which the other fields are not read
    (by default the required ones: a choice without ``goto`` is reported
    once, not once per key); ``schema_extra`` holds what a closed object
    cannot say (a scene's one of choices, next or ending)."""

    name: str
    what: str
    fields: tuple[Field, ...]
    doc: str = ""
    reads_after: tuple[str, ...] | None = None
    schema_extra: Schema = field(default_factory=dict)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields if f.required)

    def field(self, key: str) -> Field:
        for each in self.fields:
            if each.key == key:
                return each
        raise KeyError(key)


@dataclass(frozen=True)
class Case:
    """One kind of a variant: ``set`` of an effect, ``wait`` of a step."""

    key: str
    read: CaseReader
    schema: Schema | Record | Variant
    doc: str
    shown: str


@dataclass(frozen=True)
class Variant:
    """A one-key mapping whose key says what it is. ``shape`` reports a value
    that is not a one-key mapping (E037 for effects, E050 for steps)."""

    name: str
    what: str
    cases: tuple[Case, ...]
    shape: Descriptor
    shape_message: str
    shape_hint: str | None = None
    doc: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.cases)


class Values(Mapping[str, Any]):
    """The values of one record as read, with the nodes of the keys given."""

    __slots__ = ("_values", "entries")

    def __init__(self, values: dict[str, Any], entries: dict[str, tuple[Node, Node]]) -> None:
        self._values = values
        self.entries = entries

    def __getitem__(self, key: str) -> Any:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def given(self, key: str) -> bool:
        return key in self.entries

    def node(self, key: str) -> Node:
        """The value's node of a given key (its position, for a message)."""
        return self.entries[key][1]

    def key_node(self, key: str) -> Node:
        return self.entries[key][0]


def read_record(
    pack: PackState, reader: NodeReader, node: Node, record: Record, what: str | None = None
) -> Values | None:
    """``node`` read as ``record``: None when it is not a mapping or lacks a
    key that ``reads_after`` names (each already reported)."""
    entries = reader.mapping(node, what or record.what, record.keys, record.required)
    if entries is None:
        return None
    after = record.required if record.reads_after is None else record.reads_after
    for key in after:
        if key not in entries:
            return None
    values: dict[str, Any] = {}
    for each in record.fields:
        entry = entries.get(each.key)
        values[each.key] = each.default if entry is None else each.read(pack, reader, entry[1])
    return Values(values, entries)


def read_variant(pack: PackState, reader: NodeReader, node: Node, variant: Variant) -> Any:
    """The value of the one case a one-key mapping names, or None (reported)."""
    if not isinstance(node, MappingNode) or len(node.value) != 1:
        reader.report(node, variant.shape, variant.shape_hint, message=variant.shape_message)
        return None
    entries = reader.mapping(node, variant.what, variant.keys)
    if not entries:
        return None
    ((key, (key_node, value_node)),) = entries.items()
    case = next(c for c in variant.cases if c.key == key)  # mapping() took only theirs
    return case.read(pack, reader, key_node, value_node)
