"""Everything the title screen does not need, imported on first use.

`locus play` must draw its title about as fast as a bare Textual app
(bench/bench_startup.py), so the modules on that path (game.tui.app, the
title screen, the messages, the profile keeper, game.story.pack_cache)
import neither the engine, the body model, the YAML loader nor the
classroom. Everything else is reached through this module, the one place
that imports late: ``lazy.PlayScreen`` imports game.tui.screens.play the
first time it is used (PEP 562), and mypy sees the real types.

The loading worker imports ``FOR_LOADED`` and ``FOR_PLAY`` while the player
reads the title, so the first New game does not wait for them.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # "X as X": the names this module offers, with their types
    from game.playthrough import StartOptions as StartOptions
    from game.story.loader import load_pack as load_pack
    from game.story.printable import printable as printable
    from game.tui.class_join import choose_in_class as choose_in_class
    from game.tui.controller import Controller as Controller
    from game.tui.notice import Notice as Notice
    from game.tui.screens.codex import CodexScreen as CodexScreen
    from game.tui.screens.debrief import DebriefScreen as DebriefScreen
    from game.tui.screens.diagnostics import DiagnosticsScreen as DiagnosticsScreen
    from game.tui.screens.dialogs import (
        LessonScreen as LessonScreen,
    )
    from game.tui.screens.dialogs import (
        StorylineScreen as StorylineScreen,
    )
    from game.tui.screens.dialogs import (
        StudentScreen as StudentScreen,
    )
    from game.tui.screens.help import HelpScreen as HelpScreen
    from game.tui.screens.history import HistoryScreen as HistoryScreen
    from game.tui.screens.play import PlayScreen as PlayScreen
    from game.tui.screens.saves import SavesScreen as SavesScreen
    from game.tui.widgets.footer import KeysFooter as KeysFooter
    from game.watch import PackWatcher as PackWatcher

# Each name, and the module it comes from.
WHERE = {
    "StartOptions": "game.playthrough",
    "load_pack": "game.story.loader",
    "printable": "game.story.printable",
    "choose_in_class": "game.tui.class_join",
    "Controller": "game.tui.controller",
    "Notice": "game.tui.notice",
    "CodexScreen": "game.tui.screens.codex",
    "DebriefScreen": "game.tui.screens.debrief",
    "DiagnosticsScreen": "game.tui.screens.diagnostics",
    "LessonScreen": "game.tui.screens.dialogs",
    "StorylineScreen": "game.tui.screens.dialogs",
    "StudentScreen": "game.tui.screens.dialogs",
    "HelpScreen": "game.tui.screens.help",
    "HistoryScreen": "game.tui.screens.history",
    "PlayScreen": "game.tui.screens.play",
    "SavesScreen": "game.tui.screens.saves",
    "KeysFooter": "game.tui.widgets.footer",
    "PackWatcher": "game.watch",
}

# What the loading worker imports, off the UI thread: what handling the
# loaded pack needs, then (while the player reads the title) what play needs.
FOR_LOADED = ("game.tui.controller",)
FOR_PLAY = ("game.tui.screens.play", "game.tui.screens.dialogs")


def __getattr__(name: str) -> object:
    if name not in WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(WHERE[name]), name)
    globals()[name] = value  # the next use is a plain attribute
    return value


def preload(modules: tuple[str, ...]) -> None:
    """Import ``modules`` now (from a worker thread)."""
    for module in modules:
        import_module(module)
