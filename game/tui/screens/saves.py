"""Saving to a named slot and loading one (the autosave included)."""

from __future__ import annotations

import time
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.saves import SaveSlot, list_saves
from game.paths import saves_dir
from game.story.model import Story
from game.story.printable import printable
from game.tui.messages import LoadRequested, SaveRequested


def slot_prompt(slot: SaveSlot, story: Story) -> Content:
    """A save's name and place; both come from the file, which may have been
    edited anywhere, so control characters are replaced."""
    scene = story.scenes[slot.scene].title if slot.scene in story.scenes else slot.scene
    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(slot.saved_at))
    story_time = f"{slot.story_time} · " if slot.story_time else ""
    return Content.assemble(
        (printable(slot.name), "bold"),
        (printable(f"\n  {scene} · {story_time}{when}"), "dim"),
    )


class SavesScreen(ModalScreen[None]):
    """``mode`` "save": type a name (or pick a slot to overwrite); "load": pick a slot."""

    CSS_PATH = "../styles/dialogs.tcss"

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Back")]

    def __init__(self, story: Story, mode: str, playing: bool) -> None:
        super().__init__()
        self.story = story
        self.mode = mode if playing or mode == "load" else "load"
        folder = list_saves(saves_dir(), story.id)
        self.slots = folder.slots
        self.unreadable = folder.unreadable

    def compose(self) -> ComposeResult:
        saving = self.mode == "save"
        options = [Option(slot_prompt(s, self.story), id=str(i)) for i, s in enumerate(self.slots)]
        with Vertical(classes="dialog"):
            yield Static(
                Content.styled("Save the game" if saving else "Load a game", "bold"),
                classes="dialog-title",
            )
            if saving:
                yield Input(placeholder="Name of the save", id="slot-name", max_length=60)
            if options:
                yield OptionList(*options, id="slots")
            else:
                yield Static("No saves yet.", id="no-slots")
            if self.unreadable:
                names = ", ".join(path.name for path in self.unreadable)
                yield Static(
                    Content(f"Cannot read (skipped): {names}"),
                    id="unreadable",
                    classes="dialog-hint",
                )
            hint = "Enter saves · pick a slot to overwrite it" if saving else "Enter loads"
            yield Static(f"{hint} · Esc goes back", classes="dialog-hint")

    def on_mount(self) -> None:
        if self.mode == "save":
            self.query_one("#slot-name", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._save(event.value.strip())

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        slot = self.slots[int(event.option.id or 0)]
        if self.mode == "save":
            self._save(slot.name)
        else:
            self.app.post_message(LoadRequested(slot.path))  # the app's, as this closes now
            self.dismiss()

    def _save(self, name: str) -> None:
        """The app saves, then closes this dialog (or leaves it open on failure)."""
        if not name:
            self.notify("Type a name for the save.", severity="warning")
            return
        self.post_message(SaveRequested(self, name))

    def action_cancel(self) -> None:
        self.dismiss()
