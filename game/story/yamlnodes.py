"""Reading YAML as positioned nodes, safely.

Packs come from students, so the reader assumes hostile input: files are
size-capped before parsing, bytes must be UTF-8, only the standard scalar and
collection tags are accepted (no ``!!python/...``), libyaml's CSafeLoader
composes the nodes (its nesting limit stops 10,000-deep documents) and alias
re-visits are budgeted so a billion-laughs document cannot blow up the walk.
``NodeReader`` turns nodes into checked Python values, recording a
``Diagnostic`` with line and column instead of raising. One module past
500 lines because the reader's checks share one file's budgets (alias
re-visits, expanded text) and its source lines (positions inside strings).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.story import diagnostics as d
from game.story.diagnostics import DECLARED, Descriptor, Diagnostic, Loc, Unset, suggest
from game.story.expr import MAX_MAGNITUDE, Value
from game.story.printable import control_name, find_controls
from game.story.safe_read import (
    MAX_CONTENT_BYTES,
    PackFileError,
    PackFileTooLarge,
    read_pack_file,
)
from game.story.yaml_errors import best_effort_text, explain_encoding, explain_syntax

MAX_FILE_BYTES = MAX_CONTENT_BYTES
_REFUSED_HINT = "a pack reads only regular files inside its own folder: copy the file in"
MAX_ALIAS_REVISITS = 10_000
#: The text one file may expand to. Without aliases it is at most the file
#: itself; an anchored megabyte named 200,000 times would be 200 GB of reading.
MAX_TEXT_CHARS = 2 * MAX_FILE_BYTES
#: One duration at most a year: the body model's cost grows with the time passed.
MAX_DURATION = 52 * 604800
# A double-quoted scalar's escapes, to point at the one that makes a control character.
_ESCAPE_RE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)", re.DOTALL)
_CONTROL_ESCAPES = {"0": 0, "a": 7, "b": 8, "e": 27, "f": 12, "r": 13, "v": 11, "N": 0x85}

ID_RE = re.compile(r"[a-z][a-z0-9_]*\Z")
_DURATION_RE = re.compile(r"\s*(\d+(?:\.\d+)?)\s*(sec|min|s|h|d|w)\s*")
UNIT_SECONDS = {"s": 1, "sec": 1, "min": 60, "h": 3600, "d": 86400, "w": 604800}

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null"
_SCALAR_TAGS = {STR, INT, FLOAT, BOOL, NULL, _T + "timestamp"}
_COLLECTION_TAGS = {_T + "map", _T + "seq"}
_MERGE = _T + "merge"

_constructor = yaml.constructor.SafeConstructor()
_RESOLVED: dict[str, str] = {}
_MAX_RESOLVED = 65_536


class _Loader(yaml.CSafeLoader):
    """libyaml's safe loader with a memo of plain-scalar tags.

    Resolving a plain scalar's tag runs up to a dozen regexes in Python and is
    most of the cost of composing a pack; keys such as ``title`` and ``goto``
    repeat thousands of times, so their tags are remembered. Path resolvers
    are never registered, so descending needs no bookkeeping.
    """

    def resolve(self, kind: type, value: str, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode and implicit[0]:
            tag = _RESOLVED.get(value)
            if tag is None:
                # types-PyYAML leaves BaseResolver.resolve unannotated; it returns a tag.
                tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
                if len(_RESOLVED) < _MAX_RESOLVED:
                    _RESOLVED[value] = tag
            return tag
        resolved: str = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        return resolved

    def descend_resolver(self, current_node: Node | None, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


_KIND_NAMES = {MappingNode: "a mapping", SequenceNode: "a list", ScalarNode: "a value"}


def compose_file(root: Path, rel: str, diagnostics: list[Diagnostic]) -> tuple[Node | None, str]:
    """Parse one file of the pack into a node tree, or record why it cannot be read.
    The text is returned even when it does not parse (undecodable bytes
    replaced), so the loader can still find the ids it defines."""
    loc = Loc(rel)
    try:
        raw = read_pack_file(root, Path(rel), MAX_FILE_BYTES)
    except PackFileTooLarge as error:
        diagnostics.append(d.TOO_LARGE.at(loc, "split it into several files", message=str(error)))
        return None, ""
    except PackFileError as error:
        diagnostics.append(d.FILE_REFUSED.at(loc, _REFUSED_HINT, message=str(error)))
        return None, ""
    except OSError as error:
        diagnostics.append(
            d.UNREADABLE_FILE.at(loc, None, message=f"cannot read file: {error.strerror or error}")
        )
        return None, ""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        why = explain_encoding(raw, error)
        diagnostics.append(
            d.NOT_UTF8.at(Loc(rel, why.line, why.col), why.hint, message=why.message)
        )
        return None, best_effort_text(raw)
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        why = explain_syntax(error, text)
        diagnostics.append(
            d.YAML_SYNTAX.at(
                Loc(rel, why.line, why.col), why.hint, detail=why.detail, message=why.message
            )
        )
        return None, text
    except yaml.YAMLError as error:
        diagnostics.append(d.YAML_SYNTAX.at(loc, None, message=str(error).splitlines()[0]))
        return None, text
    return node, text


_KEY_NAME_RE = re.compile(r"(?:^|(?<=[\s{,-]))([a-z][a-z0-9_]*)[ \t]*:(?=\s|$)", re.MULTILINE)
_ID_VALUE_RE = re.compile(r"\bid[ \t]*:[ \t]*([a-z][a-z0-9_]*)")


def names_in_broken_file(text: str) -> frozenset[str]:
    """Every id-shaped key or ``id:`` value of a file YAML could not read:
    the ids it may define. An over-estimate on purpose: an id found here is
    never reported as unknown elsewhere, so one typo gives one error."""
    return frozenset(_KEY_NAME_RE.findall(text)) | frozenset(_ID_VALUE_RE.findall(text))


class NodeReader:
    """Checked access to the nodes of one file; problems become diagnostics."""

    def __init__(self, rel: str, text: str, diagnostics: list[Diagnostic]) -> None:
        self.rel = rel
        self.text = text
        self.diagnostics = diagnostics
        self._seen: set[int] = set()
        self._revisits = 0
        # Without an anchor there can be no alias, and without '<<' no merge:
        # most files skip both checks.
        self._aliases = "&" in text
        self._merges = "<<" in text
        # And without "#" no plain scalar can be cut short by a comment. (Asked once:
        # asking for every scalar scanned the whole file each time, quadratic in its size.)
        self._comments = "#" in text
        self._lines: list[str] | None = None
        self._text_chars = 0
        self.exhausted = False

    # --- positions ---------------------------------------------------------

    def loc(self, node: Node) -> Loc:
        mark = node.start_mark
        return Loc(self.rel, mark.line + 1, mark.column + 1)

    def loc_in(self, node: Node, offset: int) -> Loc:
        """The position of character ``offset`` of a scalar's value, so an
        expression error points inside the string, not at its start."""
        mark = node.start_mark
        style = getattr(node, "style", None)
        value = node.value if isinstance(node.value, str) else ""
        if (
            style in (None, "", "'", '"') and mark.line == node.end_mark.line
        ):  # "": plain, in libyaml
            return Loc(self.rel, mark.line + 1, mark.column + 1 + offset + (1 if style else 0))
        if style == "|":
            before = value[:offset]
            line_index = before.count("\n")
            col_in_line = offset - (before.rfind("\n") + 1)
            source_line = mark.line + 1 + line_index
            indent = self._indent(source_line)
            return Loc(self.rel, source_line + 1, indent + col_in_line + 1)
        return self.loc(node)

    def comment_after(self, node: Node) -> Loc | None:
        """Where a ``#`` comment starts right after a plain (unquoted) scalar
        on its last line: YAML ended the text there, which an author who
        wrote ``text: Room #4 is open`` did not mean."""
        if not isinstance(node, ScalarNode) or node.style or not self._comments:
            return None
        end = node.end_mark
        line = self._line(end.line)
        rest = line[end.column :]
        if rest.lstrip(" \t").startswith("#") and rest[:1] in (" ", "\t"):
            col = end.column + len(rest) - len(rest.lstrip(" \t"))
            return Loc(self.rel, end.line + 1, col + 1)
        return None

    def _line(self, line_index: int) -> str:
        if self._lines is None:
            self._lines = self.text.splitlines()
        return self._lines[line_index] if 0 <= line_index < len(self._lines) else ""

    def _indent(self, line_index: int) -> int:
        line = self._line(line_index)
        return len(line) - len(line.lstrip(" "))

    # --- reporting -----------------------------------------------------------

    def report(
        self,
        where: Node | Loc,
        descriptor: Descriptor,
        hint: str | Unset | None = DECLARED,
        **args: Any,
    ) -> None:
        """Record ``descriptor`` at a node (or a position), its template filled with
        ``args``; ``hint`` replaces the declared hint (None: none)."""
        loc = where if isinstance(where, Loc) else self.loc(where)
        self.diagnostics.append(descriptor.at(loc, hint, **args))

    def wrong_type(self, node: Node, what: str, expected: str) -> None:
        got = _KIND_NAMES.get(type(node), "something else")
        if isinstance(node, ScalarNode):
            got = _describe_scalar(node)
        self.report(node, d.WRONG_TYPE, message=f"{what} must be {expected}, not {got}")

    # --- collections ---------------------------------------------------------

    def _visit(self, node: Node) -> bool:
        """Count alias re-visits; past the budget the file stops being read."""
        if self.exhausted:
            return False
        if not self._aliases:
            if node.tag not in _COLLECTION_TAGS:
                self.report(node, d.TAG_REFUSED, tag=node.tag)
                return False
            return True
        key = id(node)
        if key in self._seen:
            self._revisits += 1
            if self._revisits > MAX_ALIAS_REVISITS:
                self.exhausted = True
                self.report(
                    node,
                    d.TOO_COMPLEX,
                    "aliases (*name) are expanded; avoid deeply repeated aliases",
                    message="this document repeats aliases too many times to be read",
                )
                return False
        else:
            self._seen.add(key)
        if node.tag not in _COLLECTION_TAGS and not isinstance(node, ScalarNode):
            self.report(node, d.TAG_REFUSED, tag=node.tag)
            return False
        return True

    def mapping(
        self,
        node: Node,
        what: str,
        keys: Iterable[str] | None = None,
        required: Iterable[str] = (),
    ) -> dict[str, tuple[Node, Node]] | None:
        """A mapping's entries by key, with unknown, duplicate and missing keys
        reported. ``keys`` None accepts any id-shaped key (a table of ids)."""
        allowed = None if keys is None else frozenset(keys)
        if not isinstance(node, MappingNode):
            self.wrong_type(node, what, "a mapping")
            text = str(node.value) if isinstance(node, ScalarNode) else ""
            word, _, rest = text.partition(" ")
            if allowed is not None and word in allowed:
                # `title The Sprint` alone under a scene: a key without its colon
                self.diagnostics[-1] = replace(
                    self.diagnostics[-1], hint=f"is a colon missing? write {word}: {rest}"
                )
            return None
        if not self._visit(node):
            return None
        entries: dict[str, tuple[Node, Node]] = {}
        suggested: set[str] = set()
        for key_node, value_node in self._merged(node):
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _SCALAR_TAGS:
                self.wrong_type(key_node, f"a key in {what}", "a name")
                continue
            key = str(key_node.value)
            if key in entries:
                first = self.loc(entries[key][0])
                self.report(
                    key_node,
                    d.DUPLICATE_KEY,
                    f"the first is at line {first.line}",
                    key=key,
                    what=what,
                )
                continue
            if allowed is not None and key not in allowed:
                close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                suggested.update(close)
                hint = suggest(key, allowed) or "allowed: " + ", ".join(sorted(allowed))
                self.report(key_node, d.UNKNOWN_KEY, hint, key=key, what=what)
                continue
            entries[key] = (key_node, value_node)
        for key in required:
            # A misspelt required key was already reported with its fix.
            if key not in entries and key not in suggested:
                self.report(node, d.MISSING_KEY, None, message=f"{what} needs '{key}'")
        return entries

    def _merged(self, node: MappingNode) -> list[tuple[Node, Node]]:
        """Apply YAML merge keys (``<<: *defaults``) the way PyYAML does."""
        pairs: list[tuple[Node, Node]] = node.value
        if not self._merges or not any(k.tag == _MERGE for k, _ in pairs):
            return pairs
        own = [(k, v) for k, v in pairs if k.tag != _MERGE]
        names = {k.value for k, _ in own if isinstance(k, ScalarNode)}
        merged: list[tuple[Node, Node]] = []
        for key_node, value_node in pairs:
            if key_node.tag != _MERGE:
                continue
            sources = value_node.value if isinstance(value_node, SequenceNode) else [value_node]
            for source in sources:
                if not isinstance(source, MappingNode) or not self._visit(source):
                    self.wrong_type(source, "a merge ('<<')", "a mapping")
                    continue
                for k, v in source.value:
                    if isinstance(k, ScalarNode) and k.value not in names:
                        names.add(k.value)
                        merged.append((k, v))
        return own + merged

    def sequence(self, node: Node, what: str, allow_single: bool = False) -> list[Node] | None:
        if isinstance(node, SequenceNode):
            return node.value if self._visit(node) else None
        if allow_single and isinstance(node, ScalarNode):
            return [node]
        self.wrong_type(node, what, "a list")
        return None

    # --- scalars ---------------------------------------------------------------

    def scalar(self, node: Node, what: str) -> Value | None:
        """Any literal: bool, int, float or string (null is refused)."""
        if not isinstance(node, ScalarNode):
            self.wrong_type(node, what, "a value")
            return None
        tag = node.tag
        if tag == STR or tag == _T + "timestamp":
            text: str = node.value
            return text
        if tag in (INT, FLOAT):
            return self._bounded_number(node, what)
        if tag == BOOL:
            return _constructor.construct_yaml_bool(node)
        if tag == NULL:
            self.report(node, d.WRONG_TYPE, None, message=f"{what} is empty")
            return None
        self.report(node, d.TAG_REFUSED, tag=tag)
        return None

    def _bounded_number(self, node: ScalarNode, what: str) -> int | float | None:
        """A number within MAX_MAGNITUDE (checked on the digits first, so a
        10,000-digit literal costs nothing to refuse)."""
        digits = sum(ch.isalnum() for ch in node.value)
        value = None
        if digits <= 40:
            construct = (
                _constructor.construct_yaml_int
                if node.tag == INT
                else _constructor.construct_yaml_float
            )
            value = construct(node)
        if value is None or not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
            self.report(
                node,
                d.OUT_OF_RANGE,
                message=f"{what} is out of range: numbers go from {-MAX_MAGNITUDE:,} "
                f"to {MAX_MAGNITUDE:,}",
            )
            return None
        return value

    def string(self, node: Node, what: str) -> str | None:
        """Text, as written: plain numbers and words YAML would read as
        true/false (a quiz option ``Yes``) are taken as the text they show.
        Control characters are refused, and the text a file expands to
        through aliases is budgeted."""
        if isinstance(node, ScalarNode) and node.tag in (STR, _T + "timestamp", INT, FLOAT, BOOL):
            return self._text(node, node.value)
        if isinstance(node, ScalarNode) and node.tag == NULL:
            after = self._line(node.start_mark.line)[node.start_mark.column :]
            hint = (
                "YAML reads # and what follows as a comment: put the text in quotes"
                if after.lstrip().startswith("#")
                else None
            )
            self.report(node, d.WRONG_TYPE, hint, message=f"{what} is empty")
            return None
        if isinstance(node, ScalarNode):
            self.scalar(node, what)
            return None
        self.wrong_type(node, what, "text")
        return None

    def _text(self, node: ScalarNode, value: str) -> str | None:
        if self.exhausted:
            return None
        self._text_chars += len(value)
        if self._text_chars > MAX_TEXT_CHARS:
            self.exhausted = True
            self.report(
                node,
                d.TOO_COMPLEX,
                "aliases (*name) repeat the anchored text each time; write it once",
                message=f"this file expands to more than {MAX_TEXT_CHARS // 1024 // 1024} MB "
                "of text through aliases",
            )
            return None
        for offset in find_controls(value):
            self.report(
                self._control_loc(node, offset),
                d.CONTROL_CHARACTER,
                "remove it: text may hold new lines and tabs, but no other control codes",
                name=control_name(value[offset]),
            )
            return None
        return value

    def _control_loc(self, node: ScalarNode, offset: int) -> Loc:
        """Where the control character is written: in a double-quoted string,
        the escape that makes it (only escapes can: libyaml refuses raw ones)."""
        if node.style != '"':
            return self.loc_in(node, offset)
        start, end = node.start_mark.index, node.end_mark.index
        for match in _ESCAPE_RE.finditer(self.text, start, end):
            code = match.group(1)
            number = int(code[1:], 16) if len(code) > 1 else _CONTROL_ESCAPES.get(code, 32)
            if any(True for _ in find_controls(chr(min(number, 0x10FFFF)))):
                index = match.start()
                line = self.text.count("\n", 0, index)
                return Loc(self.rel, line + 1, index - (self.text.rfind("\n", 0, index) + 1) + 1)
        return self.loc(node)

    def ident(self, node: Node, what: str) -> str | None:
        if isinstance(node, ScalarNode) and node.tag not in _SCALAR_TAGS:
            self.scalar(node, what)
            return None
        if isinstance(node, ScalarNode) and node.tag in (STR, BOOL, NULL, INT):
            value = str(node.value)
            if ID_RE.match(value):
                return value
            hint = "ids use lower-case letters, digits and _ and start with a letter"
            if ID_RE.match(value.lower()):
                hint = f"did you mean '{value.lower()}'? {hint}"
            self.report(node, d.INVALID_ID, hint, message=f"'{value}' is not a valid {what}")
            return None
        self.wrong_type(node, what, "an id")
        return None

    def integer(self, node: Node, what: str) -> int | None:
        value = self.scalar(node, what)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.report(
                node,
                d.WRONG_TYPE,
                message=f"{what} must be a whole number, not {_describe_scalar(node)}",
            )
            return None
        return value

    def number(self, node: Node, what: str) -> float | int | None:
        value = self.scalar(node, what)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.report(
                node, d.WRONG_TYPE, message=f"{what} must be a number, not {_describe_scalar(node)}"
            )
            return None
        return value  # finite: scalar() bounds every number

    def boolean(self, node: Node, what: str) -> bool | None:
        value = self.scalar(node, what)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.report(
                node,
                d.WRONG_TYPE,
                message=f"{what} must be true or false, not {_describe_scalar(node)}",
            )
            return None
        return value

    def duration(self, node: Node, what: str) -> float | None:
        """``90s``, ``2min``, ``1h 30min``, ``3d``, ``2w`` -> seconds."""
        if not isinstance(node, ScalarNode):
            self.wrong_type(node, what, "a duration")
            return None
        text = str(node.value)
        total, position = 0.0, 0
        while position < len(text):
            match = _DURATION_RE.match(text, position)
            if not match or match.end() == position:
                break
            total += float(match.group(1)) * UNIT_SECONDS[match.group(2)]
            position = match.end()
        if position == len(text) and position > 0 and text.strip():
            if total <= MAX_DURATION:
                return total
            self.report(
                node,
                d.BAD_DURATION,
                "one step of time goes up to 52w (a year); split longer gaps",
                message=f"'{_short(text)}' is too long a time ({what})",
            )
            return None
        hint = "write a number and a unit: 30s, 90sec, 2min, 1h, 3d, 2w, or several: 5h20min"
        if ":" in text:
            hint = "a clock time is not a duration: write 1min 30s, or 1h 30min"
        elif node.tag in (INT, FLOAT):
            hint = f"add a unit, e.g. {text}s or {text}min"
        self.report(node, d.BAD_DURATION, hint, message=f"'{text}' is not a duration ({what})")
        return None


def _describe_scalar(node: Node) -> str:
    tag = node.tag
    if tag == BOOL:
        return f"true/false ({node.value})"
    if tag in (INT, FLOAT):
        return f"a number ({node.value})"
    if tag == NULL:
        return "empty"
    return f"text ('{_short(str(node.value))}')"


def _short(text: str, limit: int = 40) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"
