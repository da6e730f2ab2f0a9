"""Messages from the screens (and the app's workers) to the app.

Widget-level messages live inside the widget that sends them (see
``ChoiceList.Picked``); this module holds the app-wide ones. Screens post
them and the app handles them with ``@on`` (game/tui/app.py), asking the
controller (game/tui/controller.py) to act: screens never call the app.
What changed comes back the other way, through the app's reactives
(``playthrough``, ``pack``) that screens watch.
"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from textual.screen import Screen

    from game.story.loader import LoadResult
    from game.tui.notice import Notice


class MenuItem(Enum):
    """What the title menu offers (the debrief's "new game" is NEW too)."""

    NEW = "new"
    CONTINUE = "continue"
    LOAD = "load"
    LESSONS = "lessons"
    CODEX = "codex"
    HELP = "help"
    QUIT = "quit"


class MenuPicked(Message):
    """The player picked a menu item."""

    def __init__(self, item: MenuItem) -> None:
        super().__init__()
        self.item = item


class SaveRequested(Message):
    """Save the game under ``name``; the ``dialog`` that asked is closed once
    it is saved (and stays open, for another name, when it is not)."""

    def __init__(self, dialog: Screen[None], name: str) -> None:
        super().__init__()
        self.dialog = dialog
        self.name = name

    @property
    def control(self) -> Screen[None]:
        return self.dialog


class LoadRequested(Message):
    """Open the save at ``path``."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path


class Stepped(Message):
    """The play screen took a step (a choice or an answer): record progress
    and autosave."""


class UndoRequested(Message):
    """Undo the last step from outside the play screen (the debrief)."""


class NextRequested(Message):
    """The debrief's "next": the lesson's next part, or a new game."""


class TitleRequested(Message):
    """Back to the title (the autosave is written first)."""


class CodexRequested(Message):
    """Open the codex with what the player has unlocked."""


class PackLoaded(Message):
    """The loading worker's result: the pack as it is on disk now (loaded or
    with its diagnostics)."""

    def __init__(self, loaded: LoadResult) -> None:
        super().__init__()
        self.loaded = loaded


class WriteFailed(Message):
    """A writing worker's result when something was not written (the
    autosave, the profile): what to tell the player."""

    def __init__(self, failures: tuple[Notice, ...]) -> None:
        super().__init__()
        self.failures = failures
