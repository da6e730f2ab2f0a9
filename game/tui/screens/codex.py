"""The codex: the science behind the story, unlocked as you play.

Entries show their sources, because a teacher trusts what can be checked,
and the objectives they teach. The search box filters titles and text.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.story.model import CodexEntry, Story
from game.tui.styled import styled_content
from game.tui.widgets.footer import KeysFooter


def entry_text(entry: CodexEntry, story: Story) -> Content:
    parts: list[Content] = [
        Content.styled(entry.title, "bold"),
        *(styled_content(paragraph) for paragraph in entry.paragraphs),
    ]
    if entry.objectives:
        taught = "\n".join(f"• {story.objectives.get(o, o)}" for o in entry.objectives)
        parts.append(Content.styled("What this teaches", "bold") + Content("\n" + taught))
    if entry.sources:
        sources = "\n".join(f"• {s}" for s in entry.sources)
        parts.append(Content.styled("Sources", "bold") + Content("\n" + sources))
    return Content("\n\n").join(parts)


def matches(entry: CodexEntry, query: str) -> bool:
    words = query.lower().split()
    haystack = f"{entry.title}\n{entry.text}".lower()
    return all(word in haystack for word in words)


class CodexScreen(Screen[None]):
    """Unlocked entries on the left, the chosen entry on the right."""

    CSS_PATH = "../styles/codex.tcss"

    BINDINGS: ClassVar = [
        Binding("escape", "close", "Back"),
        Binding("slash", "search", "Search", key_display="/"),
    ]

    def __init__(self, story: Story, unlocked: tuple[str, ...]) -> None:
        super().__init__()
        self.story = story
        self.unlocked = [story.codex[i] for i in unlocked if i in story.codex]

    def compose(self) -> ComposeResult:
        total = len(self.story.codex)
        yield Static(
            Content.assemble(
                ("Codex", "bold $primary"), f" · {len(self.unlocked)} of {total} entries unlocked"
            ),
            id="codex-header",
        )
        with Horizontal(id="codex-body"):
            with Vertical(id="codex-side"):
                yield Input(placeholder="Search the codex", id="codex-search")
                yield OptionList(id="codex-list")
            with VerticalScroll(id="codex-entry"):
                yield Static(id="codex-text")
        yield KeysFooter()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#codex-list", OptionList).focus()

    def _fill(self, query: str) -> None:
        shown = [e for e in self.unlocked if matches(e, query)]
        listing = self.query_one("#codex-list", OptionList)
        listing.set_options(Option(Content(e.title), id=e.id) for e in shown)
        if shown:
            listing.highlighted = 0
            self._show(shown[0])
        else:
            empty = "Nothing matches." if self.unlocked else "No entries yet: play to unlock them."
            self.query_one("#codex-text", Static).update(empty)

    def _show(self, entry: CodexEntry) -> None:
        self.query_one("#codex-text", Static).update(entry_text(entry, self.story))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#codex-list", OptionList).focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        ident = event.option.id
        if ident is not None and ident in self.story.codex:
            self._show(self.story.codex[ident])

    def action_search(self) -> None:
        self.query_one("#codex-search", Input).focus()

    def action_close(self) -> None:
        self.dismiss()
