"""Widgets that never scroll take a new size without asking for another layout.

When a layout gives a widget a new size, Textual sets the widget's
``virtual_size`` (its scrollable size, for a widget that does not scroll
simply its size), and that reactive asks for a layout: a second pass, and a
second frame after the key press, so that scrollbars can follow the new
size. A widget with ``overflow: hidden`` has no scrollbar to follow it: on
the play screen that second pass came whenever the event log lent its rows
to the choices or took them back (widgets/story_column.py), because the log,
the story column and the row holding it all changed size. Textual's own
``ScrollView`` keeps its virtual size for the same reason; ``FixedView``
records the new size without the layout request (``_size_updated``'s
``layout=False``, the path Textual takes itself when scrolling exposes a
widget). The widget is still repainted and still gets its Resize event.
"""

from __future__ import annotations

from textual.containers import Horizontal
from textual.geometry import Size
from textual.widget import Widget


class FixedView(Widget):
    """A widget without scrollbars; as a mixin, list it after the container
    class, e.g. ``class Row(Horizontal, FixedView)``: Textual takes a
    widget's default CSS (and the type names its selectors match) from the
    first base only, so the container's own CSS still applies."""

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        del layout  # nothing about a widget without scrollbars waits for its virtual size
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class FixedRow(Horizontal, FixedView):
    """A ``Horizontal`` row that never scrolls."""
