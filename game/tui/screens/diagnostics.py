"""Watch mode: the pack does not load, so show why and wait for the fix.

The same compiler-style text as `locus check`, with file:line:col, so the
author can jump to the line; when the files are fixed the app dismisses this
screen by itself and play resumes.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from game.story.diagnostics import Diagnostic, format_text
from game.tui.widgets.footer import KeysFooter


def diagnostics_text(root: Path, diagnostics: Sequence[Diagnostic]) -> Content:
    errors = sum(1 for d in diagnostics if d.is_error)
    head = Content.styled(
        f"✘ The pack does not load: {errors} error{'s' if errors != 1 else ''}", "bold $error"
    )
    body = Content("\n\n").join(Content(format_text(d, root)) for d in diagnostics)
    tail = Content.styled("Fix the files and save: the game reloads by itself.", "italic")
    return Content("\n\n").join([head, body, tail])


class DiagnosticsScreen(Screen[None]):
    """The pack's diagnostics, replaced in place on every failed reload."""

    BINDINGS: ClassVar = [Binding("q", "app.quit", "Quit")]

    def __init__(self, root: Path, diagnostics: Sequence[Diagnostic]) -> None:
        super().__init__()
        self.root = root
        self.diagnostics = tuple(diagnostics)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="diagnostics"):
            yield Static(diagnostics_text(self.root, self.diagnostics), id="diagnostics-text")
        yield KeysFooter()

    def show(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(diagnostics)
        self.query_one("#diagnostics-text", Static).update(
            diagnostics_text(self.root, self.diagnostics)
        )
