"""Messages the app sends to its screens.

Widget-level messages live inside the widget that sends them (see
``ChoiceList.Picked``); this module holds the app-wide ones.
"""

from __future__ import annotations

from textual.message import Message


class PlaythroughChanged(Message):
    """The game changed from outside the play screen (a live reload or a
    load): screens showing it should redraw from the app's playthrough."""
