"""``${...}`` text templates in scene text, choice text, hints and quizzes.

A template is literal text with placeholders:

* ``${expression}`` shows the value of an expression (see ``game.story.expr``);
* ``${expression:spec}`` formats it with a Python format spec, e.g.
  ``${body.glucose:.0f}`` or ``${name:>8}``. The first ``:`` outside quoted
  strings starts the spec, so ``${mood == 'a:b'}`` has none;
* ``$${`` is a literal ``${`` (an extension of the pack format, for text that
  really needs one); a ``$`` not followed by ``{`` is just a dollar sign.

Without a spec, numbers print as integers when whole (``72.0`` -> ``72``) and
otherwise to one decimal (``97.46`` -> ``97.5``); booleans print ``true`` and
``false``; strings print as they are.

Templates are parsed once, at load time: every expression is parsed and every
spec tried on sample values then, so a typo is a ``TemplateSyntaxError`` with
an offset into the text, not a crash in the middle of a class.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

from game.story.expr import (
    Binary,
    BoolOp,
    Call,
    Const,
    EvalContext,
    Expr,
    ExprEvalError,
    ExprSyntaxError,
    Name,
    Unary,
    Value,
    describe_value,
    parse,
)
from game.story.printable import printable

__all__ = [
    "FormatProblem",
    "Template",
    "TemplateSyntaxError",
    "ValueType",
    "format_problems",
    "format_value",
    "parse_template",
    "value_type",
]

#: Widths and precisions above this are refused: `${x:999999999}` would
#: otherwise build a gigabyte string on every render.
MAX_SPEC_NUMBER = 200
_SPEC_NUMBER_RE = re.compile(r"[0-9]+")


class TemplateSyntaxError(Exception):
    """The text is not a well-formed template. ``offset`` is the 0-based
    character offset into the template text; ``hint`` suggests a fix."""

    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


def format_value(value: Value, spec: str | None = None) -> str:
    """Show a value in text, by the pack format's rules or a format spec.

    Booleans always become ``true``/``false`` first, so a spec aligns the word
    instead of printing Python's ``1``. A spec that does not suit the value
    (``.1f`` on a string) is an ExprEvalError, like any other runtime clash.
    """
    try:
        if isinstance(value, bool):
            word = "true" if value else "false"
            return word if spec is None else format(word, spec)
        if isinstance(value, int | float | str):
            if spec is not None:
                return format(value, spec)
            if isinstance(value, str):
                return value
            if isinstance(value, float) and not value.is_integer():
                return f"{value:.1f}"  # inf and nan too: they are not whole
            return str(int(value))
    except ValueError as error:  # a bad spec, or an int too long to print
        raise ExprEvalError(f"can't show {describe_value(value)} with :{spec}: {error}") from None
    raise ExprEvalError(f"can't show {describe_value(value)}")


def _check_spec(spec: str, offset: int) -> None:
    """Refuse a spec that fits no kind of value (a typo), is absurdly wide, or
    is ``c``, which turns a number into any character (27 is ESC)."""
    if spec.endswith("c"):
        raise TemplateSyntaxError(
            "the format spec 'c' turns a number into a character, which may be a "
            "terminal control code",
            offset + len(spec) - 1,
            "show the number itself (d) or write the character in the text",
        )
    for number in _SPEC_NUMBER_RE.finditer(spec):
        if int(number.group()) > MAX_SPEC_NUMBER:
            raise TemplateSyntaxError(
                f"the number {number.group()} in the format spec is too large",
                offset + number.start(),
                f"widths and precisions go up to {MAX_SPEC_NUMBER}",
            )
    for sample in (0, 0.5, ""):
        try:
            format(sample, spec)
        except ValueError:
            continue
        return
    raise TemplateSyntaxError(
        f"{spec!r} is not a format spec",
        offset,
        "e.g. .0f (no decimals), .1f (one decimal), >5 (right-align in 5 columns)",
    )


def _find_end(text: str, start: int) -> tuple[int, int, int]:
    """Offsets of the spec's ':' (or -1), of the closing '}' (or -1) and of
    a string left open (or -1) in a placeholder whose expression starts at
    ``start``. Quoted strings in the expression may contain ':' and '}'."""
    quote = ""
    quote_start = -1
    i = start
    n = len(text)
    while i < n:
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 1
            elif ch == quote:
                quote = ""
        elif ch == "'" or ch == '"':
            quote = ch
            quote_start = i
        elif ch == "}":
            return -1, i, -1
        elif ch == ":":
            return i, text.find("}", i + 1), -1  # the spec has no strings: '}' ends it
        i += 1
    return -1, -1, quote_start if quote else -1


@dataclass(frozen=True, slots=True)
class Template:
    """A parsed template. ``is_constant`` means that rendering gives
    ``source`` itself, so callers may skip rendering: no ``${...}`` and no
    ``$${`` escape (text with only escapes renders without them)."""

    source: str
    is_constant: bool
    # (literal text before, expression, offset of the expression, spec)
    _parts: tuple[tuple[str, Expr, int, str | None], ...] = field(repr=False, compare=False)
    _tail: str = field(repr=False, compare=False)

    def render(self, ctx: EvalContext, escape: Callable[[str], str] | None = None) -> str:
        """The text with every placeholder filled in; raises ExprEvalError,
        naming the placeholder, when an expression can't be shown. Values
        never carry control characters, and ``escape`` (e.g. the styles'
        escape) keeps a value from being read as anything but text."""
        if self.is_constant:
            return self.source
        out: list[str] = []
        for literal, expr, _, spec in self._parts:
            out.append(literal)
            try:
                value = printable(format_value(expr.evaluate(ctx), spec))
            except ExprEvalError as error:
                raise ExprEvalError(f"{error.message} (in ${{{expr.source}}})") from error
            out.append(escape(value) if escape is not None else value)
        out.append(self._tail)
        return "".join(out)

    def expressions(self) -> tuple[tuple[Expr, int, str | None], ...]:
        """Each placeholder's expression, the offset of its first character in
        the template text (add a ref's offset to point at the ref), and spec."""
        return tuple((expr, offset, spec) for _, expr, offset, spec in self._parts)


def parse_template(text: str) -> Template:
    """Parse template text, or raise TemplateSyntaxError with an offset."""
    if "$" not in text:
        return Template(text, True, (), text)
    parts: list[tuple[str, Expr, int, str | None]] = []
    literal: list[str] = []
    i = 0
    while True:
        dollar = text.find("$", i)
        if dollar < 0:
            literal.append(text[i:])
            break
        if text.startswith("$${", dollar):
            literal.append(text[i:dollar] + "${")
            i = dollar + 3
            continue
        if not text.startswith("${", dollar):
            literal.append(text[i : dollar + 1])
            i = dollar + 1
            continue
        literal.append(text[i:dollar])
        start = dollar + 2
        colon, end, open_quote = _find_end(text, start)
        if open_quote >= 0:
            raise TemplateSyntaxError(
                "this string is never closed",
                open_quote,
                f"end it with a matching {text[open_quote]}, then close the ${{ with }}",
            )
        if end < 0:
            raise TemplateSyntaxError(
                "this ${ is never closed",
                dollar,
                "end the expression with }; to show a literal ${, write $${",
            )
        source = text[start : colon if colon >= 0 else end]
        if not source.strip():
            raise TemplateSyntaxError(
                "empty ${}", dollar, "put an expression inside, e.g. ${body.heart_rate}"
            )
        spec: str | None = None
        if colon >= 0:
            spec = text[colon + 1 : end]
            if not spec:
                raise TemplateSyntaxError(
                    "empty format spec after ':'", colon, "remove the ':' or add a spec like .0f"
                )
            _check_spec(spec, colon + 1)
        try:
            expr = parse(source)
        except ExprSyntaxError as error:
            raise TemplateSyntaxError(error.message, start + error.offset, error.hint) from None
        parts.append(("".join(literal), expr, start, spec))
        literal = []
        i = end + 1
    tail = "".join(literal)
    return Template(text, not parts and tail == text, tuple(parts), tail)


# --- formats checked against the value's type ----------------------------------------

ValueType = Literal["whole number", "decimal number", "true/false", "text"]

#: A value of each type, as a template shows it (booleans as their word),
#: to try a spec on: what fails or looks odd for it fails or looks odd in play.
_SAMPLES: dict[ValueType, Value] = {
    "whole number": 72,
    "decimal number": 97.39,
    "true/false": "true",
    "text": "phasic",
}
_NUMERIC_TYPES = frozenset("bcdoxXn")
_FLOAT_TYPES = frozenset("eEfFgG%")


class FormatProblem(NamedTuple):
    """A spec that fails for the value's type (``error``) or shows it in a
    way no author means (a warning): ``:.0`` printing ``1e+02``."""

    message: str
    hint: str | None
    error: bool


def value_type(node: object, types: Mapping[str, ValueType]) -> ValueType | None:
    """The type of value an expression tree gives, when it can be known
    before play: ``types`` maps names (variables, ``body.<readout>``,
    ``score``...) to theirs. Whole numbers stay whole under ``+ - * %``,
    ``round(x)`` and ``visited()``; ``/`` and decimals make decimals."""
    match node:
        case Const(value=value):
            if isinstance(value, bool):
                return "true/false"
            if isinstance(value, int):
                return "whole number"
            return "decimal number" if isinstance(value, float) else "text"
        case Name(name=name):
            return types.get(name)
        case BoolOp() | Unary(op="not"):
            return "true/false"
        case Unary(operand=operand):
            return value_type(operand, types)
        case Binary(op=op, left=left, right=right):
            if op in ("==", "!=", "<", "<=", ">", ">="):
                return "true/false"
            sides = {value_type(left, types), value_type(right, types)}
            if "text" in sides:
                return "text"
            if op == "/" or "decimal number" in sides:
                return "decimal number"
            return "whole number" if sides == {"whole number"} else None
        case Call(function=function, args=args):
            if function in ("visited",):
                return "whole number"
            if function in ("chose", "has_condition", "on_medication", "has_badge"):
                return "true/false"
            if function == "round":
                return "whole number" if len(args) == 1 else "decimal number"
            kinds = {value_type(arg, types) for arg in args}
            if kinds == {"whole number"}:
                return "whole number"
            return "decimal number" if "decimal number" in kinds else None
    return None


def format_problems(
    spec: str, kind: ValueType, name: str, fraction: bool = False
) -> list[FormatProblem]:
    """What is wrong with showing ``name`` (of type ``kind``) with ``:spec``.
    ``fraction``: the value may well lie between 0 and 1 (a decimal
    variable, a division), where ``:.0%`` and ``:.2`` show it as meant.

    Every rule about format specs lives here, so that a rule added for one
    reason (a type mismatch, a character that must not be printed) is
    checked wherever templates are checked."""
    sample = _SAMPLES[kind]
    letter = spec[-1] if (spec and spec[-1].isalpha()) or spec.endswith("%") else ""
    try:
        shown = format(sample, spec)
    except ValueError:
        return [FormatProblem(*_mismatch(spec, kind, name, letter), error=True)]
    if fraction:
        return []
    if kind == "decimal number" and letter in ("", "g", "G") and "." in spec:
        if "e" not in shown.lower():
            sample, shown = 123456.7, format(123456.7, spec)
        return [
            FormatProblem(
                f":{spec} can show {name} in scientific notation ({sample} as {shown})",
                f"use :.{_precision(spec)}f for a fixed number of decimals",
                error=False,
            )
        ]
    if letter == "%" and kind in ("whole number", "decimal number"):
        return [
            FormatProblem(
                f":{spec} multiplies {name} by 100 and adds % ({sample} shows as {shown})",
                f"use :.{_precision(spec)}f and write % after the placeholder",
                error=False,
            )
        ]
    return []


def _precision(spec: str) -> str:
    match = re.search(r"\.([0-9]+)", spec)
    return match.group(1) if match else "0"


def _mismatch(spec: str, kind: ValueType, name: str, letter: str) -> tuple[str, str]:
    """The message and hint for a spec that cannot show a value of ``kind``."""
    if kind == "decimal number" and letter in _NUMERIC_TYPES:
        return f"{name} is a decimal number: use :.0f", f":{letter} shows whole numbers only"
    if kind in ("text", "true/false") and (letter in _NUMERIC_TYPES | _FLOAT_TYPES):
        return f"{name} is {kind}: :{spec} is for numbers", "leave out the format, or use :>8"
    if kind in ("whole number", "decimal number") and letter == "s":
        return f"{name} is a {kind}: :{spec} is for text", "use :.0f, or leave out the format"
    return f":{spec} cannot show {name} ({'a ' if 'number' in kind else ''}{kind})", (
        "e.g. .0f (no decimals), .1f (one decimal), >5 (right-align in 5 columns)"
    )
