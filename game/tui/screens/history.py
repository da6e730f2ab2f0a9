"""The whole event log of the playthrough, for reading back what happened
and why (the log under the story only has room for the latest lines)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from game.engine.machine import Game
from game.tui.widgets.event_log import log_text


class HistoryScreen(ModalScreen[None]):
    """Every step, newest first, scrollable."""

    CSS_PATH = "../styles/dialogs.tcss"
    BINDINGS: ClassVar = [
        Binding("escape", "close", "Close"),
        Binding("h", "close", "Close", show=False),
        Binding("q", "close", "Close", show=False),
    ]

    def __init__(self, game: Game) -> None:
        super().__init__()
        self.game = game

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="history"):
            yield Static(Content.styled("What happened, and why", "bold"), classes="dialog-title")
            yield Static(log_text(self.game.steps, timed=True), id="history-text")
            yield Static("Esc closes", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss()
