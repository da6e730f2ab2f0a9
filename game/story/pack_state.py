"""What is known of a pack while its files are read.

Every record's reader may add to it: story.yaml's header (variables,
objectives, storylines...), the scenes and codex entries found so far, and
what can only be checked once every file is read: references between
files (``refs``), expressions to type-check (``pending``) and format specs
(``formats``). The loader (game/story/loader.py) owns one per load.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from yaml.nodes import Node

from game.story import model as m
from game.story.clock import StartTime
from game.story.diagnostics import Loc
from game.story.expr import Expr, Kind, Value
from game.story.yamlnodes import NodeReader

FORMAT_VERSION = 1


@dataclass
class Pending:
    """An expression to type-check once every name and id of the pack is known."""

    expr: Expr
    reader: NodeReader
    node: Node
    base: int
    expect: Kind | None


@dataclass
class Header:
    """story.yaml, as read so far; ``ok`` once it was a mapping at all."""

    id: str = "pack"
    title: str = ""
    start: str = ""
    format: int = FORMAT_VERSION
    variables: dict[str, Value] = field(default_factory=dict)
    objectives: dict[str, str] = field(default_factory=dict)
    storylines: dict[str, m.Storyline] = field(default_factory=dict)
    badges: dict[str, m.Badge] = field(default_factory=dict)
    body: m.BodySetup = field(default_factory=m.BodySetup)
    age: float = 16.0
    starts_at: StartTime = field(default_factory=StartTime)
    loc: Loc = field(default_factory=lambda: Loc("story.yaml"))
    ok: bool = False


@dataclass
class PackState:
    header: Header = field(default_factory=Header)
    scenes: dict[str, m.Scene] = field(default_factory=dict)
    scene_locs: dict[str, Loc] = field(default_factory=dict)
    codex: dict[str, m.CodexEntry] = field(default_factory=dict)
    lessons: dict[str, m.Lesson] = field(default_factory=dict)
    tests: list[m.WalkthroughTest] = field(default_factory=list)
    pending: list[Pending] = field(default_factory=list)
    #: The scene being read, for messages about its parts.
    reading_scene: str = ""
    #: (expression, spec, reader, node, offset of the spec) of every ``${x:spec}``.
    formats: list[tuple[Expr, str, NodeReader, Node, int]] = field(default_factory=list)
    #: (kind, id, reader, node): references checked after all files are read.
    refs: list[tuple[str, str, NodeReader, Node]] = field(default_factory=list)
    #: Text values of variables (value -> a variable that takes it), for the
    #: hint when an expression names one without quotes.
    words: dict[str, str] = field(default_factory=dict)
    #: Ids that files YAML could not read may define: never called unknown.
    maybe_defined: set[str] = field(default_factory=set)
