"""The left column of the play screen: the folded body line, the story and
the choices, sharing the rows between the story and the choices.

The choices come first: they take the rows their options need, and the story
keeps at least ``STORY_ROWS`` (its title and a line or two, with its own
"more below"), or on short screens its title and whole quiz question,
scrolling for the rest. The column hands the choice list its
room whenever its own height changes, so a step never needs a second layout.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.events import Resize

from game.tui.widgets.body_panel import BodyLine
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.story_text import StoryText

STORY_ROWS = 4


class StoryColumn(Vertical):
    """Gives the choice list the column's height less the story's minimum."""

    def on_resize(self, event: Resize) -> None:
        self.share_rows(event.size.height)

    def share_rows(self, height: int | None = None) -> None:
        """Call after the story changed, or with the column's new height."""
        rows = self.size.height if height is None else height
        if rows <= 0:
            return
        folded = 1 if self.query_one(BodyLine).display else 0
        story = max(STORY_ROWS, self.query_one(StoryText).lead_rows + 1)  # + its "more below"
        self.query_one(ChoiceList).set_room(max(0, rows - folded - story))
