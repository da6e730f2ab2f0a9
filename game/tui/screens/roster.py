"""Pick your name from the class roster, instead of typing it.

A class with a roster (``locus play --class CODE``) shows its names; typing
narrows the list (any part of the name, any case), arrows move, Enter picks.
Picking instead of typing is what keeps one student from becoming two in
the teacher's report.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.classroom.join import JoinedClass


class RosterScreen(ModalScreen[str | None]):
    """Dismisses with the roster's spelling of the picked name, or None on Esc."""

    CSS_PATH = "../styles/roster.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Back"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]

    def __init__(self, joined: JoinedClass) -> None:
        super().__init__()
        self.joined = joined

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="roster-dialog"):
            yield Static(
                Content.assemble((self.joined.name, "bold"), (": who are you?", "bold")),
                classes="dialog-title",
            )
            yield Input(placeholder="Type to find your name", id="roster-filter")
            yield OptionList(*self._options(""), id="roster")
            yield Static("Type to narrow · ↑↓ move · Enter picks · Esc back", classes="dialog-hint")

    def _options(self, typed: str) -> list[Option]:
        wanted = typed.casefold().strip()
        return [
            Option(Content(name), id=str(index))
            for index, name in enumerate(self.joined.roster)
            if wanted in name.casefold()
        ]

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        names = self.query_one("#roster", OptionList)
        names.clear_options()
        names.add_options(self._options(event.value))
        if names.option_count:
            names.highlighted = 0

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        names = self.query_one("#roster", OptionList)
        if names.highlighted is None:
            self.notify("No name on the roster matches; ask your teacher.", severity="warning")
            return
        self._pick(names.get_option_at_index(names.highlighted).id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._pick(event.option.id)

    def action_move(self, step: int) -> None:
        names = self.query_one("#roster", OptionList)
        if names.option_count:
            current = names.highlighted if names.highlighted is not None else -step
            names.highlighted = (current + step) % names.option_count

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _pick(self, ident: str | None) -> None:
        if ident is not None:
            self.dismiss(self.joined.roster[int(ident)])
