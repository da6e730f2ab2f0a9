"""Expressions and templates as a pack is read: parsed once, checked later.

An expression or a ``${...}`` template is parsed where it is written (a
syntax error points inside the string), then kept in ``pack.pending`` to be
type-checked once every variable and id of the pack is known, since a scene
may name a codex entry of a later file. Text is also looked at for the two
slips YAML makes silent: a ``#`` that starts a comment mid-sentence, and
``{name}`` written without its ``$``.
"""

from __future__ import annotations

import re

from yaml.nodes import Node, ScalarNode

from game import body as body_model
from game.story import diagnostics as d
from game.story.expr import Expr, ExprSyntaxError, Kind, parse
from game.story.pack_state import PackState, Pending
from game.story.templates import Template, TemplateSyntaxError, parse_template
from game.story.yamlnodes import NodeReader

#: ``{name}`` or ``{name:spec}`` not preceded by ``$``: a template missing its ``$``.
_BRACED_NAME_RE = re.compile(r"(?<!\$)\{([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?)(?::[^{}]*)?\}")
BUILTIN_NAMES = frozenset({"score", "minutes", "day"})


def expression(
    pack: PackState, reader: NodeReader, node: Node, what: str, expect: Kind | None
) -> Expr | None:
    source: str | None
    if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
        source = "true" if reader.boolean(node, what) else "false"
    else:
        source = reader.string(node, what)
    if source is None:
        return None
    try:
        expr = parse(source)
    except ExprSyntaxError as error:
        reader.report(
            reader.loc_in(node, error.offset), d.EXPR_SYNTAX, error.hint, message=error.message
        )
        return None
    pack.pending.append(Pending(expr, reader, node, 0, expect))
    return expr


def template(pack: PackState, reader: NodeReader, node: Node, what: str) -> Template | None:
    text = reader.string(node, what)
    if text is None:
        return None
    cut_by_comment(reader, node, what)
    try:
        parsed = parse_template(str(text))
    except TemplateSyntaxError as error:
        reader.report(
            reader.loc_in(node, error.offset), d.TEMPLATE_SYNTAX, error.hint, message=error.message
        )
        return None
    if "{" in text:
        _braces_without_dollar(pack, reader, node, str(text))
    if not parsed.is_constant:
        for expr, offset, spec in parsed.expressions():
            pack.pending.append(Pending(expr, reader, node, offset, None))
            if spec is not None:
                pack.formats.append((expr, spec, reader, node, offset + len(expr.source) + 1))
    return parsed


def cut_by_comment(reader: NodeReader, node: Node, what: str) -> None:
    comment = reader.comment_after(node)
    if comment is not None:
        reader.report(comment, d.CUT_BY_COMMENT, what=what)


def _braces_without_dollar(pack: PackState, reader: NodeReader, node: Node, text: str) -> None:
    """``{body.heart_rate}`` shows as written: the ``$`` was forgotten."""
    for match in _BRACED_NAME_RE.finditer(text):
        name = match.group(1)
        if (
            name in pack.header.variables
            or name in BUILTIN_NAMES
            or (name.startswith("body.") and name[5:] in body_model.READOUTS)
        ):
            reader.report(
                reader.loc_in(node, match.start()),
                d.BRACES_WITHOUT_DOLLAR,
                f"to show the value, write ${match.group()}",
                written=match.group(),
            )
