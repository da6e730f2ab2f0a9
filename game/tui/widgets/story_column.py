"""The left column of the play screen: the folded body line, the story and
the choices, sharing the rows between the story and the choices.

The choices come first: they take the rows their options need, and the story
keeps at least ``STORY_ROWS`` (its title and a line or two, with its own
"more below"), or on short screens its title and whole quiz question,
scrolling for the rest. When even then the options do not fit a short
screen, the event log below gives up ``SQUEEZE`` of its rows (the -squeezed
class) for this scene. Both changes land in the same layout. The column
hands the choice list its room whenever its own height changes or the
options were measured for a new width, and neither the column, its row nor
the log asks for another layout when it gets a new height
(widgets/fixed_view.py), so a step never needs a second layout.
"""

from __future__ import annotations

from textual.containers import Vertical
from textual.events import Resize

from game.tui.widgets.body_panel import BodyLine
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.event_log import EventLog
from game.tui.widgets.fixed_view import FixedView
from game.tui.widgets.story_text import StoryText

STORY_ROWS = 4
SQUEEZE = 2  # rows the log lends on a short screen (play.tcss: #log.-squeezed)


class StoryColumn(Vertical, FixedView):
    """Gives the choice list the column's height less the story's minimum."""

    def on_resize(self, event: Resize) -> None:
        self.share_rows(event.size.height)

    def on_choice_list_measured(self, message: ChoiceList.Measured) -> None:
        """The options know their rows for the width they have now (on the
        screen's first layout, or a new width), which the layout that gave
        this column its height may not have: share again."""
        message.stop()
        self.share_rows()

    def share_rows(self, height: int | None = None) -> None:
        """Call after the story changed, or with the column's new height."""
        rows = self.size.height if height is None else height
        if rows <= 0:
            return
        log = self.screen.query_one(EventLog)
        lent = SQUEEZE if log.has_class("-squeezed") else 0
        folded = 1 if self.query_one(BodyLine).display else 0
        story = max(STORY_ROWS, self.query_one(StoryText).lead_rows + 1)  # + its "more below"
        room = rows - lent - folded - story  # as if the log had all its rows
        choices = self.query_one(ChoiceList)
        squeeze = choices.rows_needed > room and self.screen.has_class("-short")
        log.set_class(squeeze, "-squeezed")
        choices.set_room(max(0, room + (SQUEEZE if squeeze else 0)))
