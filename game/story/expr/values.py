"""What the expression language computes with: values, their kinds and limits.

Values are ``bool``, ``int``, ``float`` and ``str`` and never mix silently:
``true + 1``, ``'a' < 2`` and ``courage and 3`` are errors (found by the
checker when the kinds are known, and by evaluation otherwise), because a
scene author who writes them almost certainly meant something else. Every
phase of the language (game/story/expr/) shares these declarations.
"""

from __future__ import annotations

from typing import Literal, Protocol, TypeAlias

Value: TypeAlias = bool | int | float | str
Kind: TypeAlias = Literal["number", "bool", "str"]

#: Limits for hostile or runaway input: longer or deeper expressions are a
#: syntax error, so no input can make the parser, the checker or evaluation
#: hit Python's recursion limit.
MAX_LENGTH = 2000
MAX_DEPTH = 64
#: Values a variable may hold: numbers up to a thousand million million either
#: way (finite), text up to ten thousand characters. Without them a loop that
#: doubles a number or a string would grow without end until memory runs out.
MAX_MAGNITUDE = 10**15
MAX_TEXT = 10_000

NUMBER_TYPES = frozenset({int, float})
KIND_OF_TYPE: dict[type, Kind] = {bool: "bool", int: "number", float: "number", str: "str"}
#: A kind as a scene author would name it in a message.
KIND_WORDS: dict[str, str] = {"number": "a number", "bool": "true/false", "str": "a string"}


class ExprSyntaxError(Exception):
    """The source is not a well-formed expression.

    ``offset`` is the 0-based character offset into the source, so the loader
    can turn it into a file, line and column; ``hint`` suggests a fix.
    """

    def __init__(self, message: str, offset: int, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset
        self.hint = hint


class ExprEvalError(Exception):
    """Evaluation failed: division by zero, an unknown name at run time, or a
    type clash the checker could not see (e.g. a context returning the wrong
    kind of value)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class EvalContext(Protocol):
    """What evaluation needs from the game: values of names and the state
    functions. ``min``, ``max``, ``abs`` and ``round`` are built in here."""

    def lookup(self, name: str) -> Value:
        """Value of a variable, ``body.<readout>``, ``score``, ``minutes`` or
        ``day``; raises ``KeyError`` for an unknown name."""
        ...

    def call(self, function: str, args: tuple[Value, ...]) -> Value:
        """Result of ``visited``, ``chose``, ``has_condition``,
        ``on_medication`` or ``has_badge``; the id comes first, as a str."""
        ...


def kind_of(value: Value) -> Kind:
    """The kind of a value (``bool`` is not a number here)."""
    kind = KIND_OF_TYPE.get(type(value))
    if kind is None:
        raise ExprEvalError(f"unsupported value {value!r} of type {type(value).__name__}")
    return kind


def fits(default: Value, value: object) -> bool:
    """Whether ``value`` may be stored in a variable declared as ``default``:
    the same kind, true/false never a number, and a whole-number variable
    never a fraction (a fractional one takes whole numbers too). The loader
    checks `set:` with it, a save's variables are kept or reset by it."""
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int)
    if isinstance(default, float):
        return isinstance(value, int | float)
    return isinstance(value, str)


def stored_as(default: Value, value: Value) -> Value:
    """``value`` as a variable declared as ``default`` holds it: a fractional
    variable holds a float, a whole-number one a whole number (a computed
    fraction is rounded); anything else is kept."""
    if isinstance(default, bool) or isinstance(value, bool):
        return value
    if isinstance(default, float) and isinstance(value, int):
        return float(value)
    if isinstance(default, int) and isinstance(value, float):
        return round(value)
    return value


def describe_value(value: object) -> str:
    """A value as a scene author would name it in an error message."""
    t = type(value)
    if t is bool:
        return "true" if value else "false"
    if t is int or t is float:
        return f"the number {value!r}"
    if t is str:
        return f"the string {value!r}"
    return f"an unsupported value ({t.__name__})"


def check_bounds(value: Value) -> Value:
    """``value``, or ExprEvalError when it is no longer a value a story can
    hold: infinite, not a number, beyond MAX_MAGNITUDE, or text beyond MAX_TEXT."""
    if isinstance(value, str):
        if len(value) > MAX_TEXT:
            raise ExprEvalError(
                f"the text grew to {len(value):,} characters; text may be at most {MAX_TEXT:,}"
            )
    elif not isinstance(value, bool) and not -MAX_MAGNITUDE <= value <= MAX_MAGNITUDE:
        shown = "not a number" if value != value else "too large"
        raise ExprEvalError(
            f"the result is {shown}; numbers may be at most {MAX_MAGNITUDE:,} either way"
        )
    return value
