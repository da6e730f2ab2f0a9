"""The status line: where you are, game time, score, XP and level.

Game time, never the wall clock: the screen stays the same for the same
choices, which snapshot tests rely on and a class comparing screens expects.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.widget import Widget

from game.engine.machine import Game
from game.engine.state import GameState
from game.story.model import Story

XpAndLevel = Callable[[GameState], tuple[int, int, int, int]]


def _xp_function() -> XpAndLevel | None:
    """The classroom's XP rule, if the classroom package is installed."""
    try:
        from game.classroom.scoring import xp_and_level
    except ImportError:
        return None
    return xp_and_level


def game_clock(seconds: float) -> str:
    """Game time since the start: "00:42" (h:min) on day 0, "day 3 · 06:10" later."""
    whole = int(seconds // 60)
    days, minutes = divmod(whole, 24 * 60)
    clock = f"{minutes // 60:02d}:{minutes % 60:02d}"
    return f"day {days} · {clock}" if days else clock


def status_text(
    story: Story | None, game: Game, lesson: bool, xp: XpAndLevel | None
) -> tuple[Content, Content]:
    """(left, right) halves: place on the left, numbers on the right."""
    state = game.state
    place = story.title if story is not None else "Locus"
    if story is not None and state.storyline in story.storylines:
        place = story.storylines[state.storyline].title
    left = Content.assemble(
        ("Locus", "bold $primary"), " · ", place, (" · lesson" if lesson else "", "$accent")
    )
    parts = [f"⏱ {game_clock(state.clock)}", f"score {state.score}"]
    if xp is not None:
        points, level, into, needed = xp(state)
        parts.append(f"XP {points} · level {level} ({into}/{needed})")
    return left, Content(" · ".join(parts))


class StatusBar(Widget):
    """One line at the top of the play screen."""

    DEFAULT_CSS = """
    StatusBar { height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._left = Content("Locus")
        self._right = Content("")
        self._xp = _xp_function()

    def show(self, story: Story | None, game: Game, lesson: bool) -> None:
        self._left, self._right = status_text(story, game, lesson, self._xp)
        self.refresh()

    def render(self) -> Content:
        width = self.content_size.width
        gap = width - self._left.cell_length - self._right.cell_length
        if gap >= 1:
            return self._left + Content(" " * gap) + self._right
        return self._right if self._right.cell_length <= width else self._right.truncate(width)
