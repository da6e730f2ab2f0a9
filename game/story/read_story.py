"""The behaviour of story.yaml's records: what each key does to the pack's header.

The keys themselves are declared in game/story/format/records.py; the
readers here fill ``pack.header`` (variables, objectives, storylines,
badges, the starting body) that every content file is checked against.
"""

from __future__ import annotations

from yaml.nodes import Node

from game import body as body_model
from game.story import diagnostics as d
from game.story import model as m
from game.story.clock import StartTime, parse_starts_at
from game.story.diagnostics import suggest
from game.story.format.fields import Reader, Record, read_record
from game.story.pack_state import FORMAT_VERSION, PackState
from game.story.read_text import cut_by_comment
from game.story.yamlnodes import ID_RE, NodeReader

RESERVED_NAMES = frozenset(
    {"score", "minutes", "day", "clock", "body", "true", "false", "and", "or", "not"}
    | {"visited", "chose", "has_condition", "on_medication", "has_badge"}
    | {"min", "max", "abs", "round"}
)
MIN_AGE, MAX_AGE = 5, 100


def check_id(reader: NodeReader, node: Node, value: str, what: str) -> bool:
    if ID_RE.match(value):
        return True
    reader.report(
        node,
        d.INVALID_ID,
        "ids use lower-case letters, digits and _ and start with a letter",
        message=f"'{value}' is not a valid {what}",
    )
    return False


def format_version(pack: PackState, reader: NodeReader, node: Node) -> int | None:
    found = reader.integer(node, "format")
    if found is not None and found != FORMAT_VERSION:
        reader.report(node, d.UNSUPPORTED_FORMAT, found=found, supported=FORMAT_VERSION)
    return found


def age(pack: PackState, reader: NodeReader, node: Node) -> float | None:
    """The player's age: the body's age-predicted limits (its maximum heart rate)."""
    years = reader.number(node, "age")
    if years is not None and not MIN_AGE <= years <= MAX_AGE:
        reader.report(node, d.OUT_OF_RANGE, message="age must be from 5 to 100 years")
        return None
    return None if years is None else float(years)


def starts_at(pack: PackState, reader: NodeReader, node: Node) -> StartTime | None:
    parsed = parse_starts_at(reader.scalar(node, "starts_at"))
    if isinstance(parsed, str):
        reader.report(node, d.BAD_STARTS_AT, problem=parsed)
        return None
    return parsed


def variables(pack: PackState, reader: NodeReader, node: Node) -> None:
    table = reader.mapping(node, "variables")
    for key, (key_node, value_node) in (table or {}).items():
        if not check_id(reader, key_node, key, "variable name"):
            continue
        if key in RESERVED_NAMES:
            reader.report(
                key_node, d.INVALID_ID, "choose another name", message=f"'{key}' is a reserved name"
            )
            continue
        value = reader.scalar(value_node, f"variable '{key}'")
        if value is not None:
            pack.header.variables[key] = value
            if isinstance(value, str):
                pack.words.setdefault(value, key)


def objectives(pack: PackState, reader: NodeReader, node: Node) -> None:
    table = reader.mapping(node, "objectives")
    for key, (key_node, value_node) in (table or {}).items():
        if check_id(reader, key_node, key, "objective id"):
            what = f"objective '{key}'"
            text = reader.string(value_node, what)
            if text is not None:  # the debrief shows it, so a ' #' must not cut it silently
                cut_by_comment(reader, value_node, what)
            pack.header.objectives[key] = text or ""


def storylines(record: Record) -> Reader:
    def read(pack: PackState, reader: NodeReader, node: Node) -> None:
        for item in reader.sequence(node, "storylines") or ():
            values = read_record(pack, reader, item, record)
            if values is None or values["id"] is None or values["start"] is None:
                continue
            ident = values["id"]
            if ident in pack.header.storylines:
                reader.report(
                    values.node("id"),
                    d.DUPLICATE_ID,
                    f"the first is at {pack.header.storylines[ident].loc}",
                    message=f"storyline '{ident}' is defined twice",
                )
                continue
            pack.refs.append(("scene", values["start"], reader, values.node("start")))
            pack.header.storylines[ident] = m.Storyline(
                ident,
                values["title"] or ident,
                values["start"],
                reader.loc(item),
                values["summary"] or "",
                starts_at=values["starts_at"],
                chart=values["chart"],
                age=values["age"],
            )

    return read


def chart(pack: PackState, reader: NodeReader, node: Node) -> tuple[str, ...]:
    """A storyline's ``chart: [mood, fatigue]``: numeric body readouts."""
    names: list[str] = []
    for item in reader.sequence(node, "chart", allow_single=True) or ():
        name = reader.ident(item, "body readout")
        if name is None:
            continue
        readout = body_model.READOUTS.get(name)
        if readout is None or readout.kind != "number":
            numbers = [n for n, r in body_model.READOUTS.items() if r.kind == "number"]
            reader.report(
                item,
                d.EXPR_ERROR,
                suggest(name, numbers),
                message=f"'{name}' is not a body readout that can be charted (a number)",
            )
        elif name not in names:
            names.append(name)
    return tuple(names)


def badges(record: Record) -> Reader:
    def read(pack: PackState, reader: NodeReader, node: Node) -> None:
        table = reader.mapping(node, "badges")
        for key, (key_node, value_node) in (table or {}).items():
            if not check_id(reader, key_node, key, "badge id"):
                continue
            values = read_record(pack, reader, value_node, record, f"badge '{key}'")
            if values is None:
                continue
            title = values["title"] if values.given("title") else key
            pack.header.badges[key] = m.Badge(
                key, title or key, values["description"] or "", reader.loc(key_node)
            )

    return read


def body_setup(record: Record) -> Reader:
    def read(pack: PackState, reader: NodeReader, node: Node) -> m.BodySetup | None:
        values = read_record(pack, reader, node, record)
        if values is None:
            return None
        return m.BodySetup(values["conditions"], values["medications"], values["inputs"])

    return read
