"""Scrolling without a scrollbar, so that a step costs one layout.

The story and the choices say "more below" in words, so they show no
scrollbar. Hiding it with a zero-width scrollbar is not enough: Textual
still decides after every change whether the bar is shown, and it decides
twice in a step (once when the new text or options are measured against the
old height, once when the layout gives the new height). Each change of that
decision asks for another layout, i.e. a second frame after the key press
(bench/bench_tui.py counts the frames). With ``overflow-y: hidden``
(``HIDDEN_BAR`` in the widget's CSS) there is no decision to change, and the
widget allows scrolling (keys, wheel, ``scroll_to``) with ``scrolls``.
"""

from __future__ import annotations

from textual.widget import Widget

HIDDEN_BAR = "overflow-y: hidden;"


def scrolls(widget: Widget) -> bool:
    """The widget's ``allow_vertical_scroll``: its content is taller than its view."""
    return widget.virtual_size.height > widget.scrollable_content_region.height
