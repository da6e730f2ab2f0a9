"""Help: every key of every screen, read from the screens' own bindings (so
it cannot go stale), and what the symbols mean."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

SYMBOLS = """\
▲ ▼      the value rose or fell since the last step
▁▂▃▅▇    sparkline: the recent history of a vital sign
███░░    bar: a score from 0 to 100
● • ○    an organ responding strongly, somewhat, or quiet
→        a causal link in the log (what made what change)
✔ ✘      a quiz answer that was right or wrong
✗ …      under a choice you cannot take now: why
LC modes: low tonic (drowsy) · phasic (focused) · high tonic (anxious)"""


def key_rows(bindings: Iterable[object]) -> list[tuple[str, str]]:
    """(key, what it does) for bindings with a description, one row per action."""
    rows: dict[str, tuple[str, str]] = {}
    for binding in bindings:
        if not isinstance(binding, Binding) or not binding.description:
            continue
        if binding.action.startswith("pick(") and binding.action != "pick(1)":
            continue
        key = binding.key_display or binding.key
        if binding.action in rows:
            first, description = rows[binding.action]
            rows[binding.action] = (f"{first} / {key}", description)
        else:
            rows[binding.action] = (key, binding.description)
    return list(rows.values())


def help_text() -> Content:
    from game.tui.app import LocusApp
    from game.tui.screens.codex import CodexScreen
    from game.tui.screens.debrief import DebriefScreen
    from game.tui.screens.play import PlayScreen
    from game.tui.screens.title import TitleScreen

    sections: list[tuple[str, list[tuple[str, str]]]] = [
        (
            "Everywhere",
            [*key_rows(LocusApp.BINDINGS), ("ctrl+p", "Command palette: every action by name")],
        ),
        ("Title", key_rows(TitleScreen.BINDINGS)),
        (
            "Playing",
            [
                ("↑ ↓ Enter", "Move between choices and take one (or click it)"),
                *key_rows(PlayScreen.BINDINGS),
            ],
        ),
        ("Debrief", key_rows(DebriefScreen.BINDINGS)),
        ("Codex", key_rows(CodexScreen.BINDINGS)),
    ]
    parts: list[Content] = []
    for title, rows in sections:
        lines = [Content.styled(title, "bold $primary")]
        lines += [
            Content.assemble((f"  {key:<12}", "bold"), description) for key, description in rows
        ]
        parts.append(Content("\n").join(lines))
    parts.append(Content.styled("Symbols", "bold $primary") + Content("\n" + SYMBOLS))
    return Content("\n\n").join(parts)


class HelpScreen(ModalScreen[None]):
    """Keys and symbols; any of Esc, q or ? closes it."""

    CSS_PATH = "../styles/dialogs.tcss"

    BINDINGS: ClassVar = [
        Binding("escape", "close", "Close"),
        Binding("q", "close", "Close", show=False),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="help"):
            yield Static(Content.styled("Help · keys and symbols", "bold"), classes="dialog-title")
            yield Static(help_text(), id="help-text")
            yield Static("Esc closes", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss()
