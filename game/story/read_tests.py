"""The behaviour of lessons and walkthrough tests (tests/*.yaml), and the
comparisons (``> 100``, ``90..110``) that tests and scene assertions share.

Their keys are declared in game/story/format/records.py (``LESSON``,
``TEST``, ``STEP``, ``EXPECT``); here is what each checks and builds.
"""

from __future__ import annotations

from yaml.nodes import Node, SequenceNode

from game import body as body_model
from game.story import diagnostics as d
from game.story import model as m
from game.story.diagnostics import Descriptor, suggest
from game.story.expr import kind_of
from game.story.format.fields import (
    CaseReader,
    Reader,
    Record,
    Values,
    Variant,
    read_record,
    read_variant,
)
from game.story.pack_state import PackState
from game.story.yamlnodes import NodeReader


def lesson(pack: PackState, reader: NodeReader, node: Node, values: Values) -> m.Lesson | None:
    ident, title = values["id"], values["title"]
    objective_node = values.node("objectives") if values.given("objectives") else None
    objective_locs = tuple(
        reader.loc(item)
        for item in (objective_node.value if isinstance(objective_node, SequenceNode) else ())
    )
    if ident is None or title is None:
        return None
    if ident in pack.lessons:
        reader.report(
            values.node("id"),
            d.DUPLICATE_ID,
            f"the first is at {pack.lessons[ident].loc}",
            message=f"lesson '{ident}' is defined twice",
        )
        return None
    storylines, objectives = values["storylines"], values["objectives"]
    if not storylines and values.given("storylines"):
        reader.report(
            values.node("storylines"),
            d.LESSON_ERROR,
            message="a lesson needs at least one storyline",
        )
    if objective_node is not None and len(objective_locs) != len(objectives):
        objective_locs = (reader.loc(objective_node),) * len(objectives)  # some were refused
    return m.Lesson(
        ident,
        title,
        storylines,
        objectives,
        reader.loc(node),
        objective_locs,
        float(values["pass_mark"] if values["pass_mark"] is not None else 70.0),
        values["min_questions"] if values["min_questions"] is not None else 2,
    )


def test(reader: NodeReader, node: Node, values: Values) -> m.WalkthroughTest | None:
    if values["name"] is None or values["seed"] is None:
        return None
    return m.WalkthroughTest(
        values["name"],
        values["steps"],
        reader.loc(node),
        values["start"],
        values["seed"],
        values["setup"],
    )


class Steps:
    """A test's ``steps``: each a one-key mapping of the step variant."""

    def __init__(self, variant: Variant) -> None:
        self.variant = variant

    def __call__(
        self, pack: PackState, reader: NodeReader, node: Node
    ) -> tuple[m.WalkthroughStep, ...]:
        found = (
            read_variant(pack, reader, item, self.variant)
            for item in reader.sequence(node, "steps") or ()
        )
        return tuple(step for step in found if step is not None)


def target_step(kind: str) -> CaseReader:
    """``choose`` or ``answer``: an option's number (from 1) or part of its text."""

    def read(
        pack: PackState, reader: NodeReader, key_node: Node, node: Node
    ) -> m.WalkthroughStep | None:
        value = reader.scalar(node, kind)
        if isinstance(value, bool) or value is None:
            if value is not None:
                reader.report(
                    node, d.TEST_ERROR, message=f"{kind} takes a number or some of the text"
                )
            return None
        if isinstance(value, float):
            reader.report(
                node, d.TEST_ERROR, message=f"{kind} takes a whole number or some of the text"
            )
            return None
        if isinstance(value, int) and value < 1:
            reader.report(node, d.TEST_ERROR, message=f"{kind} numbers start at 1")
            return None
        return m.WalkthroughStep(kind, reader.loc(key_node), target=value)  # type: ignore[arg-type]

    return read


def wait_step(
    pack: PackState, reader: NodeReader, key_node: Node, node: Node
) -> m.WalkthroughStep | None:
    seconds = reader.duration(node, "wait")
    return (
        m.WalkthroughStep("wait", reader.loc(key_node), seconds=seconds)
        if seconds is not None
        else None
    )


class ExpectStep:
    """``expect: {...}``: what must hold at this point of the test."""

    def __init__(self, record: Record) -> None:
        self.record = record

    def __call__(
        self, pack: PackState, reader: NodeReader, key_node: Node, node: Node
    ) -> m.WalkthroughStep | None:
        values = read_record(pack, reader, node, self.record)
        if values is None:
            return None
        given = {
            key: values[key] for key in values if values.given(key) and values[key] is not None
        }
        return m.WalkthroughStep("expect", reader.loc(key_node), expect=m.Expect(**given))


def scene_ref(pack: PackState, reader: NodeReader, node: Node) -> str | None:
    ident = reader.ident(node, "scene id")
    if ident is not None:
        pack.refs.append(("scene", ident, reader, node))
    return ident


def texts(key: str) -> Reader:
    def read(pack: PackState, reader: NodeReader, node: Node) -> tuple[str, ...]:
        found = (reader.string(item, "a choice text") for item in reader.sequence(node, key) or ())
        return tuple(str(text) for text in found if text is not None)

    return read


def expect_vars(
    pack: PackState, reader: NodeReader, node: Node
) -> tuple[tuple[str, m.Comparison], ...]:
    pairs = []
    variables = pack.header.variables
    for name, (key_node, value_node) in (reader.mapping(node, "vars") or {}).items():
        if name not in variables and pack.header.ok:
            reader.report(key_node, d.UNKNOWN_VARIABLE, suggest(name, variables), name=name)
            continue
        compared = comparison(reader, value_node, f"vars.{name}")
        default = variables.get(name)
        numeric = default is not None and kind_of(default) == "number"
        if readable(reader, value_node, compared, numeric, f"vars.{name}"):
            pairs.append((name, compared))
    return tuple(pairs)  # type: ignore[arg-type]


def expect_body(
    pack: PackState, reader: NodeReader, node: Node
) -> tuple[tuple[str, m.Comparison], ...]:
    pairs = []
    for name, (key_node, value_node) in (reader.mapping(node, "body") or {}).items():
        if name not in body_model.READOUTS:
            reader.report(
                key_node,
                d.EXPR_ERROR,
                suggest(name, body_model.READOUTS),
                message=f"'{name}' is not a body readout",
            )
            continue
        compared = comparison(reader, value_node, f"body.{name}")
        numeric = body_model.READOUTS[name].kind != "text"
        if readable(reader, value_node, compared, numeric, f"body.{name}"):
            pairs.append((name, compared))
    return tuple(pairs)  # type: ignore[arg-type]


def expect_score(pack: PackState, reader: NodeReader, node: Node) -> m.Comparison | None:
    compared = comparison(reader, node, "score")
    return compared if readable(reader, node, compared, True, "score") else None


def readable(
    reader: NodeReader,
    node: Node,
    compared: m.Comparison | None,
    numeric: bool,
    what: str,
    descriptor: Descriptor = d.TEST_ERROR,
) -> bool:
    """A number compared with a word (``"more than 100"``) can never hold:
    an error now, not a test that fails for a reason nobody sees."""
    if compared is None:
        return False
    if numeric and isinstance(compared.value, str) and compared.value not in ("true", "false"):
        reader.report(
            node,
            descriptor,
            "write a number, > 100, <= 140, != 0 or a range such as 90..110",
            message=f"{what}: '{compared.value}' is not a comparison of numbers",
        )
        return False
    return True


def comparison(
    reader: NodeReader, node: Node, what: str, descriptor: Descriptor = d.TEST_ERROR
) -> m.Comparison | None:
    """``> 100``, ``<= 140``, ``90..110``, a number or a word (equality)."""
    value = reader.scalar(node, what)
    if value is None:
        return None
    if isinstance(value, bool):
        return m.Comparison("==", "true" if value else "false")
    if isinstance(value, int | float):
        return m.Comparison("==", float(value))
    text = value.strip()
    for op in ("<=", ">=", "==", "!=", "<", ">"):
        if text.startswith(op):
            rest = text[len(op) :].strip()
            try:
                return m.Comparison(op, float(rest))
            except ValueError:
                if op in ("==", "!="):
                    return m.Comparison(op, rest)
                reader.report(
                    node,
                    descriptor,
                    "write e.g. > 100",
                    message=f"{what}: '{rest}' is not a number",
                )
                return None
    if ".." in text:
        low, _, high = text.partition("..")
        try:
            return m.Comparison("range", float(low), float(high))
        except ValueError:
            reader.report(node, descriptor, None, message=f"{what}: write a range as 90..110")
            return None
    return m.Comparison("==", text)
