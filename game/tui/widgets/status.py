"""The status line: where you are, game time, score, XP and level.

Game time, never the wall clock: the screen stays the same for the same
choices, which snapshot tests rely on and a class comparing screens expects.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

from game.classroom.scoring import level_for, xp_and_level
from game.engine.machine import Game
from game.story.clock import MIDNIGHT, StartTime, story_time
from game.story.model import Story


def game_clock(seconds: float, start: StartTime = MIDNIGHT) -> str:
    """The story's time ``seconds`` into play: "21:05", "day 3 · 06:10" or "Thu 18:35"."""
    return story_time(start, seconds).label()


def status_text(
    story: Story | None, game: Game, lesson: str | None, xp: int | None = None
) -> StatusText:
    """Place on the left; time, score, XP and level on the right. ``xp`` is
    the player's lasting XP (the profile's); without it, this game's."""
    state = game.state
    place = story.title if story is not None else "Locus"
    storyline = state.storyline
    if story is not None and storyline is not None and storyline in story.storylines:
        place = story.storylines[storyline].title
    brand = "" if place.startswith("Locus") else "Locus · "
    left = Content.assemble(
        (brand, "bold $primary"), (place, "bold"), (f" · {lesson}" if lesson else "", "$accent")
    )
    points, level, into, needed = xp_and_level(state) if xp is None else (xp, *level_for(xp))
    time = game_clock(state.clock, state.start_time)
    short = f"time {time} · score {state.score} · XP {points} · level {level}"
    return StatusText(left, Content(f"{short} ({into}/{needed})"), Content(short))


@dataclass(frozen=True, slots=True)
class StatusText:
    left: Content
    right: Content
    right_short: Content  # without the XP progress, for narrow terminals

    def fit(self, width: int) -> Content:
        """Both halves if they fit; then the short numbers; then the place cut
        with an ellipsis: the numbers matter more than the title."""
        for right in (self.right, self.right_short):
            gap = width - self.left.cell_length - right.cell_length
            if gap >= 1:
                return self.left + Content(" " * gap) + right
        room = width - self.right_short.cell_length - 1
        if room < 8:
            return self.right_short.truncate(width, ellipsis=True)
        return self.left.truncate(room, ellipsis=True) + Content(" ") + self.right_short


class StatusBar(Widget):
    """One line at the top of the play screen."""

    DEFAULT_CSS = """
    StatusBar { height: 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._text = StatusText(Content("Locus"), Content(""), Content(""))

    def show(
        self, story: Story | None, game: Game, lesson: str | None, xp: int | None = None
    ) -> None:
        self._text = status_text(story, game, lesson, xp)
        self.refresh()

    def render(self) -> Content:
        return self._text.fit(self.content_size.width)
