"""What expressions and templates see while playing: the state's variables,
body readouts, score and clock, and the five state functions. Evaluation
errors become ``ContentError`` with the position of the content."""

from __future__ import annotations

from collections.abc import Callable

from game import body as bm
from game.engine.errors import ContentError
from game.engine.state import GameState
from game.story.diagnostics import Loc
from game.story.expr import Expr, ExprEvalError, Value
from game.story.templates import Template


class StateContext:
    """What expressions may see: variables, body readouts, score, clock and
    the five state functions. Nothing else of Python is reachable."""

    __slots__ = ("state",)

    def __init__(self, state: GameState) -> None:
        self.state = state

    def lookup(self, name: str) -> Value:
        state = self.state
        value = state.vars.get(name)
        if value is not None:
            return value
        if name.startswith("body."):
            return bm.readout(state.body, name[5:])
        if name == "score":
            return state.score
        if name == "minutes":
            return state.minutes
        if name == "day":
            return state.day
        if name == "clock":
            return state.time.clock
        raise KeyError(name)

    def call(self, function: str, args: tuple[Value, ...]) -> Value:
        state = self.state
        if function == "visited":
            return state.visits.get(str(args[0]), 0)
        if function == "chose":
            return (str(args[0]), int(args[1])) in state.taken
        if function == "has_condition":
            return str(args[0]) in state.body.conditions
        if function == "on_medication":
            ident = str(args[0])
            return any(med == ident for med, _start in state.body.medications)
        if function == "has_badge":
            return str(args[0]) in state.badges
        raise KeyError(function)


def evaluate(expr: Expr, state: GameState, loc: Loc) -> Value:
    try:
        return expr.evaluate(StateContext(state))
    except ExprEvalError as error:
        raise ContentError(f"{error.message} in '{expr.source}'", loc) from None


def holds(expr: Expr | None, state: GameState, loc: Loc) -> bool:
    return True if expr is None else bool(evaluate(expr, state, loc))


def render(
    template: Template, state: GameState, loc: Loc, escape: Callable[[str], str] | None = None
) -> str:
    if template.is_constant:
        return template.source
    try:
        return template.render(StateContext(state), escape)
    except ExprEvalError as error:  # its message names the failing ${...}
        raise ContentError(error.message, loc) from None
