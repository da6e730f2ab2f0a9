"""The tokenizer: one compiled regex, one pass, and a beginner's hint for
every token that is not part of the language (``=``, ``&&``, ``**``, curly
quotes...), so that the parser only ever sees well-formed tokens.
"""

from __future__ import annotations

import re
from typing import Any, TypeAlias

from game.story.expr.values import MAX_MAGNITUDE, ExprSyntaxError

# Tokens are (kind, value, offset); the kind
# of an operator or keyword is its own text, so the parser compares strings.

_TOKEN_RE = re.compile(
    r"""\s*(?:
      (?P<name>[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)
    | (?P<badop>\*\*|//|=>|=<|&&|\|\|)
    | (?P<op>==|!=|<=|>=|[<>+\-*/%(),])
    | (?P<badnum>(?>[0-9]+(?:\.[0-9]+)?)[A-Za-z_.][A-Za-z0-9_.]*)
    | (?P<num>[0-9]+(?:\.[0-9]+)?)
    | (?P<str>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')
    | (?P<end>\Z)
    | (?P<bad>[=!&|^~\[\]{}.:;?])
    | (?P<unclosed>["'])
    | (?P<other>.)
    )""",
    re.VERBOSE | re.DOTALL,
)
_ESCAPE_RE = re.compile(r"\\(.)", re.DOTALL)
ID_RE = re.compile(r"[a-z_][a-z0-9_]*\Z")

KEYWORDS = frozenset({"and", "or", "not", "true", "false"})
_BAD_TOKEN_HINTS = {
    "=": "to compare, use == (a single = is not part of expressions)",
    "!": "use not, e.g. not met_guide",
    "&&": "use and",
    "&": "use and",
    "||": "use or",
    "|": "use or",
    "**": "there is no power operator; multiply instead, e.g. x * x",
    "//": "there is no whole-number division; use round(a / b)",
    "=>": "did you mean >= ?",
    "=<": "did you mean <= ?",
    ".": "only body.<readout> names contain a dot; decimals need a leading digit (0.5)",
}
_UPPER_HINTS = {"true": "write true in lower case", "false": "write false in lower case"}
AFTER_VALUE_HINTS = {
    "is": "use == to compare",
    "in": "there is no `in`; join comparisons with or",
    "if": "conditions go in the scene's if: key; the expression is just the test",
    "then": "conditions go in the scene's if: key; the expression is just the test",
}

Token: TypeAlias = tuple[str, Any, int]


def tokenize(source: str) -> list[Token]:
    """Tokens, ending with ("end", None, len(source)). Whitespace is eaten by
    the regex in front of each token, which halves the Python-level loop."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN_RE.finditer(source):
        kind = match.lastgroup
        text = match.group(kind)  # type: ignore[arg-type]
        offset = match.start(kind)  # type: ignore[arg-type]
        if kind == "name":
            if text in KEYWORDS:
                append((text, text, offset))
            elif text.islower() or text == text.lower():
                append(("name", text, offset))
            else:
                _raise_upper(text, offset)
        elif kind == "op":
            append((text, text, offset))
        elif kind == "num":
            append(("num", _number(text, offset), offset))
        elif kind == "str":
            append(("str", _string(text, offset), offset))
        elif kind == "end":
            append(("end", None, offset))
            return tokens
        elif kind == "badnum":
            raise ExprSyntaxError(
                f"{text!r} is not a number",
                offset,
                "numbers look like 3 or 2.5; durations like 2min are not numbers here",
            )
        elif kind == "bad" or kind == "badop":
            raise ExprSyntaxError(
                f"{text!r} is not an operator of the expression language",
                offset,
                _BAD_TOKEN_HINTS.get(text),
            )
        elif kind == "unclosed":
            raise ExprSyntaxError(
                "this string is never closed", offset, f"end it with a matching {text}"
            )
        elif text in _CURLY_QUOTES:
            raise ExprSyntaxError(
                f"curly quote {text!r}: expressions quote with straight quotes",
                offset,
                "use ' or \" (turn off your editor's smart quotes)",
            )
        else:
            raise ExprSyntaxError(f"unexpected character {text!r}", offset)
    raise AssertionError("the token regex always ends with an end token")


_CURLY_QUOTES = frozenset("\u201c\u201d\u2018\u2019\u201e\u00ab\u00bb")


def _raise_upper(text: str, offset: int) -> None:
    lower = text.lower()
    if lower in _UPPER_HINTS:
        hint = _UPPER_HINTS[lower]
    elif lower in KEYWORDS:
        hint = f"write {lower} in lower case"
    else:
        hint = f"did you mean '{lower}'?"
    raise ExprSyntaxError(f"names are lower case: {text!r}", offset, hint)


def _number(text: str, offset: int) -> int | float:
    whole = text.partition(".")[0].lstrip("0")
    if len(whole) > 16 or (int(whole or 0) > MAX_MAGNITUDE):
        raise ExprSyntaxError(
            "this number is too large", offset, f"numbers go up to {MAX_MAGNITUDE:,}"
        )
    return int(text) if "." not in text else float(text)


def _string(text: str, offset: int) -> str:
    body = text[1:-1]
    if "\\" not in body:
        return body
    for match in _ESCAPE_RE.finditer(body):
        if match.group(1) not in "'\"\\":
            raise ExprSyntaxError(
                f"unknown escape \\{match.group(1)} in a string",
                offset + 1 + match.start(),
                "only \\' \\\" and \\\\ are escapes",
            )
    return _ESCAPE_RE.sub(r"\1", body)
