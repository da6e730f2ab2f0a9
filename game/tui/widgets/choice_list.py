"""Numbered choices: keys, arrows and Enter, or the mouse.

An ``OptionList`` already gives focus, arrows, Enter and clicks; this adds the
numbers, keeps disabled choices in place with their reason in words, wraps
long choices under their text (not under the number), and turns a selection
into a ``Picked`` message carrying the engine's number.

The list is as tall as its options, up to the room the play screen gives it
(``set_room``): the story above scrolls instead. Only when even that room is
too small does it scroll, and then its bottom border says so in words, so no
option is ever hidden without a sign that it is there.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine.machine import ChoiceView
from game.tui.widgets.barless_scroll import HIDDEN_BAR, scrolls

INDENT = "    "  # under the text, past "NN  "
MORE_BELOW = "▼ more below: ↓"
MORE_ABOVE = "▲ more above: ↑"
MORE_BOTH = "▲▼ more: ↑ ↓"
MIN_ROWS = 3  # a border and one option, at the least


def _wrap(text: str, width: int) -> str:
    """Lines of at most ``width`` cells joined with a hanging indent (no wrap
    before the list has a width)."""
    if width <= len(INDENT) + 8:
        return text
    return ("\n" + INDENT).join(textwrap.wrap(text, width - len(INDENT) - 1) or [""])


def choice_prompt(choice: ChoiceView, width: int = 0) -> Content:
    number = Content.styled(f"{choice.number:>2}  ", "bold")
    if choice.enabled:
        text = choice.text + ("  ▸" if choice.kind == "continue" else "")
        return number + Content(_wrap(text, width))
    reason = f"✗ {choice.hint}" if choice.hint else "✗ not possible now"
    return (
        number
        + Content(_wrap(choice.text, width))
        + Content.styled("\n" + INDENT + _wrap(reason, width), "italic")
    )


def more_marker(top: int, shown: int, total: int) -> str:
    """The bottom border's words when rows ``top`` to ``top + shown`` of
    ``total`` are in view ("" when everything is)."""
    above, below = top > 0, top + shown < total
    if above and below:
        return MORE_BOTH
    return MORE_BELOW if below else MORE_ABOVE if above else ""


class ChoiceList(OptionList):
    """The scene's options; posts ``ChoiceList.Picked`` with the 1-based number."""

    DEFAULT_CSS = f"ChoiceList {{ {HIDDEN_BAR} }}"  # widgets/barless_scroll.py

    class Picked(Message):
        """The player picked an enabled option (by Enter or click)."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    class Measured(Message):
        """The options were wrapped for a new width, so the rows they need
        changed: the story column shares its rows out again."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._choices: tuple[ChoiceView, ...] = ()
        self._extra: str | None = None
        self._width = 0
        self._room = 0  # rows the play screen can give the list (0: not known yet)
        self._rows = 0  # option rows, wrapped for the current width

    def show(self, choices: Sequence[ChoiceView], extra: str | None = None) -> None:
        """Replace the options; ``extra`` adds one final option (e.g. "See the
        debrief") that is picked as number ``len(choices) + 1``."""
        self._choices = tuple(choices)
        self._extra = extra
        self._fill()
        first = next((i for i, c in enumerate(self._choices) if c.enabled), None)
        self.highlighted = first if first is not None or extra is None else len(self._choices)

    def set_room(self, rows: int) -> None:
        """The most rows (border included) the list may take: the play
        screen's share for it, after the story's few lines."""
        if rows != self._room:
            self._room = rows
            self._fit()

    @property
    def allow_vertical_scroll(self) -> bool:
        return scrolls(self)

    @property
    def rows_needed(self) -> int:
        """Rows for every option and the border (0 before the first layout)."""
        return self._rows + self.styles.gutter.height if self._rows else 0

    @property
    def overflowing(self) -> bool:
        """True when not every option fits and the list scrolls."""
        return self._rows > self._visible_rows

    @property
    def _visible_rows(self) -> int:
        height = self.styles.height
        if height is None or not height.is_cells:
            return self._rows
        return int(height.value) - self.styles.gutter.height

    def _fill(self) -> None:
        self._width = self.scrollable_content_region.width
        options = [
            Option(choice_prompt(c, self._width), id=str(c.number), disabled=not c.enabled)
            for c in self._choices
        ]
        if self._extra is not None:
            number = len(self._choices) + 1
            prompt = Content.styled(f"{number:>2}  ", "bold") + Content(self._extra)
            options.append(Option(prompt, id=str(number)))
        self.set_options(options)
        self._fit()

    def _fit(self) -> None:
        """Set the height to the options' rows, within the room: one change of
        height per scene, so a step costs one layout."""
        if self._width <= 0:
            return
        size = self.scrollable_content_region.size
        self._rows = self.get_content_height(size, size, self._width)
        if self._room <= 0:
            return
        height = max(MIN_ROWS, min(self._rows + self.styles.gutter.height, self._room))
        current = self.styles.height
        if current is None or not current.is_cells or current.value != height:
            self.styles.height = height
        self._mark()

    def _mark(self) -> None:
        self.border_subtitle = more_marker(round(self.scroll_y), self._visible_rows, self._rows)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._mark()

    def on_resize(self, event: Resize) -> None:
        """Wrap again for a new width (the first one included), and say so:
        until then the column shared its rows out without knowing how many
        the options need. A new height (the room each scene
        gives the list) changes no option, so Textual's list is kept from
        forgetting and redrawing them all (prevent_default): that redraw was
        a second frame after every step."""
        if self.scrollable_content_region.width != self._width:
            highlighted = self.highlighted
            self._fill()
            self.highlighted = highlighted
            self.post_message(self.Measured())
        else:
            event.prevent_default()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Picked(int(event.option.id)))
