"""What a player's game says when an expression cannot be evaluated: the
whole sentence, naming the operator and both values in the order written.
The checker catches most clashes before play; these come from values the
checker cannot see (a context handing back anything, an edited save)."""

from __future__ import annotations

import pytest

from game.story.expr import ExprEvalError, Value, parse
from tests.story.test_expr import DictContext

HUGE = 10**400  # more than a story can hold, met anyway


@pytest.mark.parametrize(
    ("names", "source", "message"),
    [
        ({"x": True}, "x + 1", "`+` adds numbers or joins strings, got true and the number 1"),
        ({"x": "a"}, "x < 2", "`<` compares numbers, got the string 'a' and the number 2"),
        ({"x": "a"}, "2 < x", "`<` compares numbers, got the number 2 and the string 'a'"),
        ({"x": True}, "x < y", "unknown name y"),
        ({"x": 1}, "x and true", "`and` needs true or false, got the number 1"),
        ({"x": 1}, "false or x", "`or` needs true or false, got the number 1"),
        ({"x": 1}, "not x", "`not` needs true or false, got the number 1"),
        ({"x": "a"}, "-x", "`-` needs numbers, got the string 'a'"),
        ({"x": "a"}, "x * 2", "`*` needs numbers, got the string 'a' and the number 2"),
        ({"x": "a", "y": 2}, "y * x", "`*` needs numbers, got the number 2 and the string 'a'"),
        (
            {"x": "1"},
            "x == 1",
            "`==` compares two values of the same kind, got the string '1' and the number 1",
        ),
        (
            {"x": 1, "y": "1"},
            "x == y",
            "`==` compares two values of the same kind, got the number 1 and the string '1'",
        ),
        (
            {"x": 1, "y": "1"},
            "y != x",
            "`!=` compares two values of the same kind, got the string '1' and the number 1",
        ),
        (
            {"x": "a", "y": 1},
            "x + y",
            "`+` adds numbers or joins strings, got the string 'a' and the number 1",
        ),
        (
            {"x": 1, "y": "a"},
            "x + y",
            "`+` adds numbers or joins strings, got the number 1 and the string 'a'",
        ),
        ({"x": 1.5, "y": True}, "x - y", "`-` needs numbers, got the number 1.5 and true"),
        ({"x": None}, "x", "x is an unsupported value (NoneType)"),
        (
            {"x": [1]},
            "x + 1",
            "`+` adds numbers or joins strings, got an unsupported value (list) and the number 1",
        ),
        (
            {"x": (1,)},
            "x == 1",
            "`==` compares two values of the same kind, got an unsupported value (tuple) and "
            "the number 1",
        ),
        ({}, "nobody", "unknown name nobody"),
        ({}, "nobody + 1", "unknown name nobody"),
        ({}, "nobody > 1", "unknown name nobody"),
        ({"x": 0}, "1 / x", "division by zero"),
        ({"x": 0}, "1 % x", "modulo by zero"),
        ({"x": 0}, "x % 0", "modulo by zero"),
        ({"x": 0.0}, "1.5 / x", "division by zero"),
        ({"x": "a"}, "min(x, 2)", "min() needs numbers, got the string 'a'"),
        ({"x": True}, "abs(x)", "abs() needs numbers, got true"),
        ({"x": "a"}, "round(x)", "round() needs numbers, got the string 'a'"),
        ({"x": "a"}, "chose(s, x)", "chose() needs numbers, got the string 'a'"),
        ({"x": float("inf")}, "round(x)", "can't round the number inf"),
        ({"x": float("nan")}, "round(x, 2)", "can't round the number nan"),
        ({}, "round(2.5, 1.5)", "round()'s digits must be a whole number from -15 to 15"),
        ({}, "round(2.5, 16)", "round()'s digits must be a whole number from -15 to 15"),
        ({}, "round(2.5, -16)", "round()'s digits must be a whole number from -15 to 15"),
        ({}, "nosuch(1)", "unknown function nosuch()"),
        ({}, "min(1)", "wrong number of arguments: min(a, b, ...)"),
        ({}, "visited()", "wrong number of arguments: visited(scene_id)"),
        ({}, "abs(1, 2)", "wrong number of arguments: abs(x)"),
        ({}, "round(1, 2, 3)", "wrong number of arguments: round(x) or round(x, digits)"),
        ({}, "chose(a)", "wrong number of arguments: chose(scene_id, n)"),
        ({"x": HUGE}, "x * x + 0.5", "the result of `+` is too large"),
        ({"x": HUGE}, "x / 1", "the result of `/` is too large"),
    ],
)
def test_a_value_that_cannot_be_evaluated_is_explained_in_full(
    names: dict[str, object], source: str, message: str
) -> None:
    with pytest.raises(ExprEvalError) as raised:
        parse(source).evaluate(DictContext(names))
    assert raised.value.message == message


class Answers(DictContext):
    """A game whose state functions answer ``answer`` (or raise it)."""

    def __init__(self, answer: object) -> None:
        super().__init__({"n": 2})
        self.answer = answer

    def call(self, function: str, args: tuple[Value, ...]) -> Value:
        self.calls.append((function, args))
        if isinstance(self.answer, Exception):
            raise self.answer
        return self.answer  # type: ignore[return-value]  # what a wrong game hands back


@pytest.mark.parametrize(
    ("source", "answer", "message"),
    [
        ("visited(a) > 0", "two", "visited() returned the string 'two'"),
        ("visited(a) > 0", True, "visited() returned true"),
        ("has_badge(b)", 1, "has_badge() returned the number 1"),
        ("chose(a, n)", None, "chose() returned an unsupported value (NoneType)"),
        ("visited(nowhere) > 0", KeyError("nowhere"), "visited(): unknown id 'nowhere'"),
    ],
)
def test_a_state_function_that_answers_wrongly_is_named(
    source: str, answer: object, message: str
) -> None:
    with pytest.raises(ExprEvalError) as raised:
        parse(source).evaluate(Answers(answer))
    assert raised.value.message == message


def test_a_state_function_gets_its_id_and_numbers() -> None:
    game = Answers(True)
    assert parse("chose(a, n) and chose('b', 1)").evaluate(game) is True
    assert game.calls == [("chose", ("a", 2)), ("chose", ("b", 1))]
