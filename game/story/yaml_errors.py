"""libyaml's messages -> a beginner's words, on the line of the mistake.

libyaml reports where it gave up, which is often the line after the mistake,
in the words of the YAML grammar ("mapping values are not allowed in this
context"). A teacher new to YAML needs the line they got wrong and what to
type instead, so this module looks at the source text around libyaml's marks
and recognises the mistakes beginners make: a tab used for indenting, a key
without its colon, a key indented too deep or too shallow, text with ``: ``
or a leading ``>``, ``*``, ``&``, ``[`` or ``{`` that needs quotes, curly
quotes where straight ones were meant, a quote never closed. libyaml's own
message stays available as the diagnostic's detail. Files that are not
UTF-8 are told which encoding they look like, so the author knows which
"Save as" option to pick.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

__all__ = ["Explained", "best_effort_text", "explain_encoding", "explain_syntax"]

CURLY_QUOTES = "\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb"
#: An indicator that means something to YAML at the start of a value.
_VALUE_INDICATORS = {
    ">": "a folded text block",
    "|": "a literal text block",
    "*": "an alias (a reference to an anchor)",
    "&": "an anchor",
    "[": "a list",
    "{": "a mapping",
    "@": "a reserved character",
    "`": "a reserved character",
    "%": "a directive",
    "!": "a tag",
}
#: ``  - key: value`` with the key's column and the value's start.
_KEY_RE = re.compile(r"^(?P<lead> *(?:- +)*)(?P<key>[^\s:#'\"\[\]{}>|*&!%@`-][^:#]*?) *:(?: +|$)")
_ITEM_RE = re.compile(r"^(?P<lead> *)- ")


@dataclass(frozen=True, slots=True)
class Explained:
    """A YAML problem in an author's words: 1-based ``line`` and ``col`` of
    the mistake, what is wrong, how to fix it, and libyaml's own message."""

    line: int
    col: int
    message: str
    hint: str | None
    detail: str | None = None


def explain_syntax(error: yaml.MarkedYAMLError, text: str) -> Explained:
    """The beginner's version of a libyaml error in ``text``."""
    lines = text.split("\n")
    detail = "; ".join(part for part in (error.context, error.problem) if part) or None
    mark = error.problem_mark or error.context_mark
    line = mark.line if mark else 0
    col = mark.column if mark else 0
    explained = (
        _tab(lines, line)
        or _curly(lines, line, error)
        or _unclosed_quote(lines, error)
        or _by_problem(lines, line, col, error)
    )
    if explained is None:
        line, col = _mistake_position(lines, line, col, error)
        explained = Explained(
            line + 1,
            col + 1,
            "YAML cannot read this line",
            "check the indentation and the colons here and on the line above",
        )
    return Explained(explained.line, explained.col, explained.message, explained.hint, detail)


_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _wide(raw: bytes) -> bool:
    """UTF-16 without its mark: ASCII text with a zero byte beside each letter."""
    sample = raw[:4096]
    return bool(sample) and sample.count(0) * 4 >= len(sample)


def best_effort_text(raw: bytes) -> str:
    """Bytes that are not UTF-8 read as what they look like, so the ids a
    mis-saved file defines can still be found."""
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return raw.decode(name.lower(), "replace")
    if _wide(raw):
        return raw.decode("utf-16-le" if raw[1:2] == b"\x00" else "utf-16-be", "replace")
    return raw.decode("cp1252", "replace")


def explain_encoding(raw: bytes, error: UnicodeDecodeError) -> Explained:
    """Why bytes are not UTF-8: the encoding they look like, and where."""
    hint = "save the file as UTF-8 (in your editor: Save As, Encoding: UTF-8)"
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return Explained(
                1, 1, f"this file is saved as {name} (it starts with a {name} mark)", hint
            )
    if _wide(raw):
        return Explained(1, 1, "this file is saved as UTF-16 (every other byte is zero)", hint)
    line = raw.count(b"\n", 0, error.start) + 1
    col = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
    byte = raw[error.start]
    name = "Windows-1252" if 0x80 <= byte <= 0x9F and _is_cp1252(byte) else "Latin-1"
    shown = bytes([byte]).decode("cp1252" if name == "Windows-1252" else "latin-1")
    return Explained(
        line,
        col,
        f"byte 0x{byte:02x} is not UTF-8: the file looks saved as {name} "
        f"(where that byte is {shown!r})",
        hint,
    )


def _is_cp1252(byte: int) -> bool:
    try:
        bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


# --- recognisers: each returns None when the mistake is not its kind ----------------


def _tab(lines: list[str], line: int) -> Explained | None:
    """The first line up to the error that indents with a tab."""
    for index, source in enumerate(lines[: line + 1]):
        lead = source[: len(source) - len(source.lstrip(" \t"))]
        if "\t" in lead:
            return Explained(
                index + 1,
                lead.index("\t") + 1,
                f"line {index + 1} starts with a tab",
                "YAML indents with spaces; replace the tab with spaces "
                "(most editors can 'convert tabs to spaces')",
            )
    return None


def _curly(lines: list[str], line: int, error: yaml.MarkedYAMLError) -> Explained | None:
    """Curly quotes on the error's lines: YAML reads them as ordinary letters."""
    candidates = [line]
    if error.context_mark is not None:
        candidates.insert(0, error.context_mark.line)
    for index in candidates:
        source = lines[index] if index < len(lines) else ""
        found = next((source.index(q) for q in CURLY_QUOTES if q in source), -1)
        if found >= 0:
            return Explained(
                index + 1,
                found + 1,
                "curly quotes (“ ” ‘ ’) do not quote text in YAML",
                "use straight quotes: \" or ' (word processors turn them curly; "
                "turn off 'smart quotes')",
            )
    return None


def _unclosed_quote(lines: list[str], error: yaml.MarkedYAMLError) -> Explained | None:
    if error.context != "while scanning a quoted scalar" or error.context_mark is None:
        return None
    mark = error.context_mark
    quote = _char_at(lines, mark.line, mark.column) or '"'
    return Explained(
        mark.line + 1,
        mark.column + 1,
        f"this {quote} is never closed",
        f"end the text with a {quote} on the same line, or remove this one",
    )


def _by_problem(
    lines: list[str], line: int, col: int, error: yaml.MarkedYAMLError
) -> Explained | None:
    problem = error.problem or ""
    context = error.context or ""
    if context in ("while scanning a block scalar", "while scanning an alias") or (
        context == "while scanning an anchor" or problem.startswith("found undefined alias")
    ):
        start = error.context_mark or error.problem_mark
        if start is not None:
            return _indicator(lines, start.line, start.column)
    if problem == "found character that cannot start any token":
        return _indicator(lines, line, col)
    if problem == "mapping values are not allowed in this context":
        return _mapping_value(lines, line, col)
    if problem == "block sequence entries are not allowed in this context":
        return _item_after_key(lines, line, col)
    if problem == "could not find expected ':'" and error.context_mark is not None:
        return _missing_colon(lines, error.context_mark.line)
    if problem in ("did not find expected key", "did not find expected '-' indicator") or (
        problem.startswith("expected <block end>")
    ):
        return _misplaced(lines, line, col)
    opener = error.context_mark
    opened = _char_at(lines, opener.line, opener.column) if opener is not None else ""
    if opener is not None and opened in ("[", "{") and context.startswith("while parsing a flow"):
        bracket = "]" if opened == "[" else "}"
        return Explained(
            opener.line + 1,
            opener.column + 1,
            f"this {opened} is never closed with {bracket}",
            f"close it with {bracket} on the same line, or put the whole text in quotes",
        )
    return None


def _char_at(lines: list[str], line: int, col: int) -> str:
    return lines[line][col : col + 1] if 0 <= line < len(lines) else ""


def _value_start(source: str) -> int:
    """The column where the value of ``key: value`` starts (or -1)."""
    match = _KEY_RE.match(source)
    return match.end() if match and match.end() < len(source) else -1


def _indicator(lines: list[str], line: int, col: int) -> Explained | None:
    source = lines[line] if line < len(lines) else ""
    char = source[col : col + 1]
    if char not in _VALUE_INDICATORS:
        return None
    key = _key_of(source)
    example = f"{key}: {_quoted(source[col:])}" if key else _quoted(source[col:])
    return Explained(
        line + 1,
        col + 1,
        f"a value starting with {char} is read as {_VALUE_INDICATORS[char]}",
        f"put this text in quotes: {example}",
    )


def _quoted(text: str) -> str:
    """``text`` as a YAML double-quoted value, for a hint to copy: a quote
    inside it escaped, so the suggested line reads back as the same text."""
    inner = text.strip().replace("\\", "\\\\").replace('"', '\\"')
    return f'"{inner}"'


def _key_of(source: str) -> str | None:
    match = _KEY_RE.match(source)
    return match.group("key").strip() if match else None


def _mapping_value(lines: list[str], line: int, col: int) -> Explained | None:
    """A ``: `` libyaml did not expect: inside a value (needs quotes), or a
    key's own colon after a line without one, or a key indented too deep."""
    source = lines[line] if line < len(lines) else ""
    value_at = _value_start(source)
    if 0 <= value_at <= col:
        key = _key_of(source)
        return Explained(
            line + 1,
            col + 1,
            "this text contains ': ', which YAML reads as a new key",
            f"put this text in quotes: {key}: {_quoted(source[value_at:])}",
        )
    above = _previous_content_line(lines, line)
    if above is None:
        return None
    above_text = lines[above]
    here_key = _key_of(source) or source.strip()
    above_match = _KEY_RE.match(above_text)
    indent = _indent_of(source)
    if above_match is None:
        return _missing_colon(lines, above)
    above_key = above_match.group("key").strip()
    key_col = above_match.start("key")
    if indent > key_col:
        return Explained(
            line + 1,
            indent + 1,
            f"{here_key} is indented more than {above_key} above it",
            f"line {here_key} up with {above_key} ({key_col} spaces)",
        )
    return None


def _item_after_key(lines: list[str], line: int, col: int) -> Explained | None:
    """``key: - item``: a list written on its key's line, which YAML never
    reads as a list; or text that begins with a dash and needs quotes."""
    source = lines[line] if line < len(lines) else ""
    key = _key_of(source)
    if key is None or _value_start(source) != col:
        return None
    item = source[col:].strip()
    hint = f"put {item} on the next line, indented under {key}:"
    if _KEY_RE.match(item) is None:  # plain words, perhaps meant as text
        hint += f", or, if the text itself begins with a dash, quote it: {key}: {_quoted(item)}"
    return Explained(line + 1, col + 1, f"a - list cannot start on the same line as {key}:", hint)


def _missing_colon(lines: list[str], line: int) -> Explained | None:
    source = lines[line] if line < len(lines) else ""
    stripped = source.strip()
    if not stripped or ":" in stripped.split(" ", 1)[0]:
        return None
    lead = len(source) - len(source.lstrip(" -"))
    word, _, rest = source[lead:].partition(" ")
    fixed = f"{word}: {rest.strip()}" if rest.strip() else f"{word}:"
    return Explained(
        line + 1,
        lead + len(word) + 1,
        f"'{stripped}' has no colon after {word}",
        f"write {fixed}",
    )


def _misplaced(lines: list[str], line: int, col: int) -> Explained | None:
    """A key or list item that does not line up with the ones above it, or a
    value that went on after a quoted or bracketed start."""
    source = lines[line] if line < len(lines) else ""
    value_at = _value_start(source)
    if 0 <= value_at < col:
        first = source[value_at]
        key = _key_of(source)
        if first in "\"'":
            what = "quoted text must end at its closing quote"
        elif first in "[{":
            what = f"text starting with {first} is read as {_VALUE_INDICATORS[first]}"
        else:
            what = "YAML cannot read the rest of this line"
        return Explained(
            line + 1,
            value_at + 1,
            what,
            f"put the whole text in quotes: {key}: {_quoted(source[value_at:])}",
        )
    item = _ITEM_RE.match(source)
    if item:
        return _misplaced_item(lines, line, len(item.group("lead")))
    here = _indent_of(source)
    name = _key_of(source) or source.strip()
    above = _previous_content_line(lines, line)
    if above is None:
        return None
    above_indent = _indent_of(lines[above])
    if above_indent == here:
        return None
    more = "less" if here < above_indent else "more"
    return Explained(
        line + 1,
        here + 1,
        f"{name} is indented {more} than {_key_of(lines[above]) or 'the line'} above it",
        f"line it up with line {above + 1} ({above_indent} spaces)",
    )


def _misplaced_item(lines: list[str], line: int, dash: int) -> Explained | None:
    """A ``-`` item that does not line up with the item above it, or one
    that sits among the keys of a mapping."""
    for index in range(line - 1, -1, -1):
        above = lines[index]
        if not above.strip() or above.lstrip().startswith("#"):
            continue
        match = _ITEM_RE.match(above)
        if match and len(match.group("lead")) != dash:
            more = "less" if dash < len(match.group("lead")) else "more"
            return Explained(
                line + 1,
                dash + 1,
                f"this - item is indented {more} than the - on line {index + 1}",
                f"line it up with line {index + 1} ({len(match.group('lead'))} spaces)",
            )
        if match:
            return None
        if _indent_of(above) <= dash:
            key = _key_of(above) or "a key"
            return Explained(
                line + 1,
                dash + 1,
                f"a - list item cannot stand among the keys of a mapping (after {key})",
                "put the list under its own key, indented more (e.g. choices:)",
            )
    return None


def _indent_of(source: str) -> int:
    match = _KEY_RE.match(source)
    if match:
        return match.start("key")
    return len(source) - len(source.lstrip(" "))


def _previous_content_line(lines: list[str], line: int) -> int | None:
    for index in range(line - 1, -1, -1):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index
    return None


def _mistake_position(
    lines: list[str], line: int, col: int, error: yaml.MarkedYAMLError
) -> tuple[int, int]:
    """libyaml gives up at the next token, often at the start of the next
    line or at the end of the file: the mistake is on the last line with
    content before that."""
    source = lines[line] if line < len(lines) else ""
    if source[:col].strip() or line == 0:
        return line, col
    context = error.context_mark
    if context is not None and context.line < line:
        return context.line, context.column
    above = _previous_content_line(lines, line)
    if above is None:
        return line, col
    return above, len(lines[above].rstrip())
