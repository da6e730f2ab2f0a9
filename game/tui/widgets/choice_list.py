"""Numbered choices: keys, arrows and Enter, or the mouse.

An ``OptionList`` already gives focus, arrows, Enter and clicks; this adds the
numbers, keeps disabled choices in place with their reason in words, and
turns a selection into a ``Picked`` message carrying the engine's number.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine.machine import ChoiceView


def choice_prompt(choice: ChoiceView) -> Content:
    number = Content.styled(f"{choice.number:>2}  ", "bold")
    if choice.enabled:
        text = choice.text + ("  ▸" if choice.kind == "continue" else "")
        return number + Content(text)
    reason = f"✗ {choice.hint}" if choice.hint else "✗ not possible now"
    return number + Content(choice.text) + Content.styled(f"\n    {reason}", "italic")


class ChoiceList(OptionList):
    """The scene's options; posts ``ChoiceList.Picked`` with the 1-based number."""

    class Picked(Message):
        """The player picked an enabled option (by Enter or click)."""

        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    def show(self, choices: Sequence[ChoiceView], extra: str | None = None) -> None:
        """Replace the options; ``extra`` adds one final option (e.g. "See the
        debrief") that is picked as number ``len(choices) + 1``."""
        options = [
            Option(choice_prompt(c), id=str(c.number), disabled=not c.enabled) for c in choices
        ]
        if extra is not None:
            number = len(choices) + 1
            options.append(
                Option(Content.styled(f"{number:>2}  ", "bold") + Content(extra), id=str(number))
            )
        self.set_options(options)
        first = next((i for i, option in enumerate(options) if not option.disabled), None)
        self.highlighted = first

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Picked(int(event.option.id)))
