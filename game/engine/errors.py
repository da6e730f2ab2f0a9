"""The two ways play can fail: the player asked for something not possible
now, or the pack's content failed while playing (with its position)."""

from __future__ import annotations

from game.story.diagnostics import Loc


class ActionError(Exception):
    """The player (or a test step) asked for something not possible now:
    a disabled or hidden choice, a quiz answer in a choice scene..."""


class ContentError(Exception):
    """Content failed while playing (e.g. division by zero in an expression).
    Carries the position of the content that failed."""

    def __init__(self, message: str, loc: Loc) -> None:
        super().__init__(f"{loc}: {message}")
        self.message = message
        self.loc = loc
