"""The behaviour of content files' records: scenes, choices, routes, quizzes,
endings and codex entries, from values read as game/story/format/records.py
declares them to the model's immutable values.

What lives here is what a field list cannot say: a scene has exactly one of
choices, next or ending; a route's last entry has no ``if``; a quiz has one
correct option; ids are unique across the pack.
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode

from game import body as body_model
from game.story import diagnostics as d
from game.story import model as m
from game.story.diagnostics import suggest
from game.story.format.fields import Reader, Record, Values, read_record
from game.story.format.kinds import remember
from game.story.pack_state import PackState
from game.story.read_story import check_id
from game.story.read_tests import comparison, readable
from game.story.read_text import template
from game.story.yamlnodes import ID_RE, NodeReader, names_in_broken_file

LINT_CODE_RE = re.compile(r"W\d{3}")
TRENDS = ("rising", "falling")


def scene_table(record: Record) -> Reader:
    """``scenes:``: scene id -> scene, each id once in the whole pack."""

    def read(pack: PackState, reader: NodeReader, node: Node) -> None:
        table = reader.mapping(node, "scenes")
        if table is None:  # e.g. a list: its ids are still looked for
            pack.maybe_defined |= names_in_broken_file(reader.text)
        for key, (key_node, value_node) in (table or {}).items():
            if reader.exhausted:
                return
            if not check_id(reader, key_node, key, "scene id"):
                pack.maybe_defined.add(key.lower())  # `Alarm:`, used as alarm
                continue
            if key in pack.scene_locs:
                first = pack.scene_locs[key]
                reader.report(
                    key_node,
                    d.DUPLICATE_ID,
                    f"the first is at {first}",
                    message=f"scene '{key}' is defined twice",
                )
                continue
            pack.reading_scene = key
            values = read_record(pack, reader, value_node, record, f"scene '{key}'")
            pack.scene_locs[key] = reader.loc(key_node)
            scene = None if values is None else _scene(reader, key, key_node, values)
            if scene is not None:
                pack.scenes[key] = scene

    return read


def _scene(reader: NodeReader, ident: str, key_node: Node, values: Values) -> m.Scene | None:
    kinds = [k for k in ("choices", "next", "ending") if values.given(k)]
    if len(kinds) > 1:
        reader.report(
            values.key_node(kinds[1]),
            d.TWO_SCENE_KINDS,
            ident=ident,
            first=kinds[0],
            second=kinds[1],
        )
    elif not kinds:
        if values.given("quiz"):
            reader.report(
                key_node,
                d.QUIZ_NEEDS_NEXT,
                None,
                message=f"scene '{ident}' needs next: after its quiz",
            )
        else:
            reader.report(key_node, d.NO_SCENE_KIND, ident=ident)
    if values.given("quiz") and kinds and kinds[0] != "next":
        reader.report(
            values.key_node("quiz"),
            d.QUIZ_NEEDS_NEXT,
            None,
            message=f"a quiz scene needs next:, not {kinds[0]}:",
        )
    if values["title"] is None or not values.given("text"):
        return None
    return m.Scene(
        id=ident,
        title=values["title"],
        text=values["text"],
        loc=reader.loc(key_node),
        time=values["time"] or 0.0,
        teaches=values["teaches"],
        art=values["art"],
        on_enter=values["on_enter"],
        choices=values["choices"],
        next=values["next"],
        quiz=values["quiz"],
        ending=values["ending"],
        expect=values["expect"],
    )


def art(pack: PackState, reader: NodeReader, node: Node) -> str | None:
    name = reader.string(node, "art")
    if name is not None:
        remember(pack, "asset", name, reader, node)
    return name


def _text_read_as_a_key(node: MappingNode) -> bool:
    """``- Warning: the bear`` in a paragraph list: text that YAML read as a
    one-entry mapping, not a conditional paragraph gone wrong."""
    if len(node.value) != 1:
        return False
    key, value = node.value[0]
    return (
        isinstance(key, ScalarNode)
        and isinstance(value, ScalarNode)
        and not key.style
        and not ID_RE.match(str(key.value))  # `iff: ...` is a misspelt if
    )


def paragraphs(record: Record) -> Reader:
    """A scene's ``text``: one string, or paragraphs (strings or ``{if, text}``)."""

    def read(pack: PackState, reader: NodeReader, node: Node) -> tuple[m.Paragraph, ...]:
        if isinstance(node, ScalarNode):
            one = template(pack, reader, node, "text")
            return (m.Paragraph(one),) if one is not None else ()
        found: list[m.Paragraph] = []
        for item in reader.sequence(node, "text") or ():
            if isinstance(item, MappingNode) and _text_read_as_a_key(item):
                key, value = item.value[0]
                whole = f"{key.value}: {value.value}".replace('"', '\\"')
                reader.report(
                    item,
                    d.WRONG_TYPE,
                    f'put the paragraph in quotes: - "{whole}"',
                    message="this paragraph reads as a key and a value: YAML takes ': ' in "
                    "unquoted text as the end of a key",
                )
                continue
            if isinstance(item, MappingNode):
                values = read_record(pack, reader, item, record)
                if values is not None and values["text"] is not None:
                    found.append(m.Paragraph(values["text"], values["if"]))
            else:
                one = template(pack, reader, item, "paragraph")
                if one is not None:
                    found.append(m.Paragraph(one))
        return tuple(found)

    return read


def choices(record: Record) -> Reader:
    def read(pack: PackState, reader: NodeReader, node: Node) -> tuple[m.Choice, ...]:
        items = reader.sequence(node, "choices")
        if items is None:
            return ()
        if not items:
            scene = pack.reading_scene
            reader.report(node, d.NO_CHOICES, ident=scene)
        found: list[m.Choice] = []
        for number, item in enumerate(items, start=1):
            values = read_record(pack, reader, item, record, f"choice {number}")
            if values is None:
                continue
            if values.given("enabled_if") and not values.given("hint"):
                reader.report(values.key_node("enabled_if"), d.NO_DISABLED_HINT)
            if values["text"] is None or values["goto"] is None:
                continue
            found.append(
                m.Choice(
                    number=number,
                    text=values["text"],
                    goto=values["goto"],
                    loc=reader.loc(item),
                    condition=values["if"],
                    enabled_if=values["enabled_if"],
                    hint=values["hint"],
                    once=bool(values["once"]),
                    effects=values["effects"],
                    time=values["time"] or 0.0,
                )
            )
        return tuple(found)

    return read


class RouteReader:
    """``goto:`` and ``next:``: a scene id, a list of ``{if, to}`` ending in a
    fallback, or ``{random: [{to, weight}]}``."""

    def __init__(self, what: str, branch: Record, random: Record, entry: Record) -> None:
        self.what, self.branch, self.random, self.entry = what, branch, random, entry

    def __call__(self, pack: PackState, reader: NodeReader, node: Node) -> m.Route | None:
        what = self.what
        loc = reader.loc(node)
        if isinstance(node, ScalarNode):
            target = reader.ident(node, "scene id")
            if target is None:
                return None
            remember(pack, "scene", target, reader, node)
            return m.Route((m.Branch(target, loc),), loc)
        if isinstance(node, MappingNode):
            values = read_record(pack, reader, node, self.random, f"{what} route")
            if values is None:
                return None
            items = values["random"] or []
            if not items:
                reader.report(
                    node, d.EMPTY_ROUTE, message=f"{what}: random needs at least one entry"
                )
                return None
            branches = []
            for item in items:
                entry = read_record(pack, reader, item, self.entry)
                if entry is None or entry["to"] is None or entry["weight"] is None:
                    continue
                remember(pack, "scene", entry["to"], reader, entry.node("to"))
                branches.append(
                    m.Branch(entry["to"], reader.loc(item), None, float(entry["weight"]))
                )
            return m.Route(tuple(branches), loc, random=True) if branches else None
        listed = reader.sequence(node, what)
        if listed is None:
            return None
        if not listed:
            reader.report(node, d.EMPTY_ROUTE, message=f"{what} is an empty list of routes")
            return None
        branches = []
        for index, item in enumerate(listed):
            entry = read_record(pack, reader, item, self.branch)
            if entry is None:
                continue
            last = index == len(listed) - 1
            if last and entry.given("if"):
                reader.report(entry.key_node("if"), d.NO_FALLBACK, what=what)
            elif not last and not entry.given("if"):
                reader.report(item, d.UNREACHABLE_ENTRIES)
            if entry["to"] is None:
                continue
            remember(pack, "scene", entry["to"], reader, entry.node("to"))
            branches.append(m.Branch(entry["to"], reader.loc(item), entry["if"]))
        return m.Route(tuple(branches), loc) if branches else None


def options(record: Record) -> Reader:
    """A quiz's options, with the nodes read (their count is checked by the quiz)."""

    def read(
        pack: PackState, reader: NodeReader, node: Node
    ) -> tuple[list[Node] | None, list[m.QuizOption]]:
        items = reader.sequence(node, "options")
        found: list[m.QuizOption] = []
        for item in items or ():
            values = read_record(pack, reader, item, record)
            if values is not None and values["text"] is not None:
                found.append(
                    m.QuizOption(
                        values["text"],
                        bool(values["correct"]),
                        reader.loc(item),
                        values["feedback"],
                    )
                )
        return items, found

    return read


def quiz(record: Record) -> Reader:
    def read(pack: PackState, reader: NodeReader, node: Node) -> m.Quiz | None:
        values = read_record(pack, reader, node, record)
        if values is None or not values.entries:
            return None
        items, found = values["options"] if values.given("options") else (None, [])
        if items is not None:
            if not 2 <= len(items) <= 6:
                reader.report(values.node("options"), d.OPTION_COUNT, count=len(items))
            correct = sum(option.correct for option in found)
            if correct != 1 and len(found) == len(items):
                reader.report(values.node("options"), d.ONE_CORRECT_OPTION, count=correct)
        if values["question"] is None or values["objective"] is None:
            return None
        if values["points"] is None or not found or values["kind"] is None:
            return None
        return m.Quiz(
            values["question"],
            values["objective"],
            tuple(found),
            reader.loc(node),
            values["points"],
            values["kind"],
            values["lint"],
        )

    return read


def lint_codes(pack: PackState, reader: NodeReader, node: Node) -> tuple[str, ...]:
    """The codes of ``lint: {allow: [...]}``: checked by the item-writing
    checks (which own them); here only their shape."""
    codes: list[str] = []
    for item in reader.sequence(node, "allow") or ():
        code = reader.string(item, "a warning code")
        if code is not None and not LINT_CODE_RE.fullmatch(code):
            reader.report(item, d.WRONG_TYPE, message=f"'{code}' is not a warning code like W060")
        elif code is not None:
            codes.append(code)
    return tuple(codes)


def lint(record: Record) -> Reader:
    def read(pack: PackState, reader: NodeReader, node: Node) -> m.LintAllow | None:
        values = read_record(pack, reader, node, record)
        if values is None:
            return None
        why = values["why"]
        if why is not None and not why.strip():
            reader.report(values.node("why"), d.MISSING_KEY, message="lint needs a reason in why:")
            return None
        if why is None or not values["allow"]:
            return None
        return m.LintAllow(values["allow"], why, reader.loc(node))

    return read


def ending(record: Record) -> Reader:
    def read(pack: PackState, reader: NodeReader, node: Node) -> m.Ending | None:
        values = read_record(pack, reader, node, record)
        if values is None or values["kind"] is None or values["summary"] is None:
            return None
        return m.Ending(values["kind"], values["summary"], reader.loc(node))

    return read


def scene_expect(pack: PackState, reader: NodeReader, node: Node) -> tuple[m.SceneExpectation, ...]:
    """``expect: {body.fatigue: "> 40", body.anxiety: rising}``."""
    found = []
    for key, (key_node, value_node) in (reader.mapping(node, "expect") or {}).items():
        name = key[5:] if key.startswith("body.") else ""
        if name not in body_model.READOUTS:
            reader.report(
                key_node,
                d.SCENE_ASSERTION,
                (suggest(name, body_model.READOUTS) if name else None)
                or "write body.<readout>, e.g. body.fatigue",
                message=f"'{key}' is not a body readout",
            )
            continue
        loc = reader.loc(key_node)
        value = value_node.value if isinstance(value_node, ScalarNode) else None
        if isinstance(value, str) and value.strip() in TRENDS:
            if body_model.READOUTS[name].kind != "number":
                reader.report(
                    value_node, d.SCENE_ASSERTION, message=f"{key} is text; it cannot be {value}"
                )
                continue
            found.append(m.SceneExpectation(name, loc, trend=value.strip()))  # type: ignore[arg-type]
            continue
        compared = comparison(reader, value_node, key, d.SCENE_ASSERTION)
        numeric = body_model.READOUTS[name].kind == "number"
        if readable(reader, value_node, compared, numeric, key, d.SCENE_ASSERTION):
            found.append(m.SceneExpectation(name, loc, comparison=compared))
    return tuple(found)


def sources(pack: PackState, reader: NodeReader, node: Node) -> tuple[str, ...]:
    found = (
        reader.string(item, "a source") for item in reader.sequence(node, "sources", True) or ()
    )
    return tuple(source for source in found if source is not None)


def codex_table(record: Record) -> Reader:
    """``codex:``: entry id -> entry, each id once in the whole pack."""

    def read(pack: PackState, reader: NodeReader, node: Node) -> None:
        table = reader.mapping(node, "codex")
        if table is None:
            pack.maybe_defined |= names_in_broken_file(reader.text)
        for key, (key_node, value_node) in (table or {}).items():
            if not check_id(reader, key_node, key, "codex id"):
                pack.maybe_defined.add(key.lower())
                continue
            if key in pack.codex:
                reader.report(
                    key_node,
                    d.DUPLICATE_ID,
                    f"the first is at {pack.codex[key].loc}",
                    message=f"codex entry '{key}' is defined twice",
                )
                continue
            values = read_record(pack, reader, value_node, record, f"codex entry '{key}'")
            if values is None or values["title"] is None or values["text"] is None:
                pack.maybe_defined.add(key)  # its own error says what is wrong
                continue
            pack.codex[key] = m.CodexEntry(
                key,
                values["title"],
                values["text"],
                reader.loc(key_node),
                values["objectives"],
                values["sources"],
            )

    return read
