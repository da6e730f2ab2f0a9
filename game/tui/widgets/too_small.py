"""The one message a screen shows when the terminal is below its minimum.

Screens that need room (the title and the play screen) put this widget in
their layout and add ``TOO_NARROW`` and ``TOO_SHORT`` to their breakpoints;
app.tcss then hides everything else and shows the message, so a window that
is too small says what to do instead of showing a broken layout.
"""

from __future__ import annotations

from textual.widgets import Static

MIN_WIDTH = 60
MIN_HEIGHT = 20
TOO_NARROW = (0, "-too-narrow")
TOO_SHORT = (0, "-too-short")
MESSAGE = f"This window is too small: make the window at least {MIN_WIDTH}x{MIN_HEIGHT}."


class TooSmall(Static):
    """Hidden unless the screen has the -too-narrow or -too-short class."""

    def __init__(self) -> None:
        super().__init__(MESSAGE, classes="too-small", markup=False)
