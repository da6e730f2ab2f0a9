"""Small modal questions: which storyline, which lesson, the student's name."""

from __future__ import annotations

import textwrap
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.profile import WHOLE_STORY, PackProgress, endings_of
from game.story.model import Story


def _indented(text: str, width: int = 54) -> str:
    """A detail line under an option, wrapped with a hanging indent (the
    option list itself would wrap it back to the left edge)."""
    return textwrap.fill(text, width, initial_indent="    ", subsequent_indent="    ")


class _Question(ModalScreen[str | None]):
    """A small modal question: dismisses with the answer, or None on Esc."""

    CSS_PATH = "../styles/dialogs.tcss"

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Back")]

    def action_cancel(self) -> None:
        self.dismiss(None)


DONE = "✓"


def endings_note(found: int, total: int) -> str:
    return f"endings {found} of {total}" if total else ""


class StorylineScreen(_Question):
    """Pick where a new game begins: the whole story or one storyline, each
    with what the profile says (done, endings found). Dismisses with the
    storyline id, WHOLE_STORY, or None when cancelled."""

    def __init__(self, story: Story, progress: PackProgress | None = None) -> None:
        super().__init__()
        self.story = story
        self.progress = progress or PackProgress()

    def _label(self, key: str, title: str, detail: str) -> Content:
        found = len(self.progress.endings.get(key, ()))
        note = endings_note(found, len(endings_of(self.story, key)))
        mark = (f"{DONE} ", "bold $success") if self.progress.finished(key) else ("  ", "")
        lines = [detail, note] if note else [detail]
        return Content.assemble(
            mark, (title, "bold"), ("\n" + "\n".join(_indented(x) for x in lines if x), "dim")
        )

    def compose(self) -> ComposeResult:
        first = self.story.scenes[self.story.start].title
        whole = (
            f"Begins at “{first}”, the story's own opening, and leads into the"
            " storylines from there; the storylines below start straight in one."
        )
        options = [Option(self._label(WHOLE_STORY, "The whole story", whole), id="-whole")]
        for line in self.story.storylines.values():
            options.append(Option(self._label(line.id, line.title, line.summary), id=line.id))
        with Vertical(classes="dialog"):
            yield Static(
                Content.styled("New game · choose a storyline", "bold"), classes="dialog-title"
            )
            yield OptionList(*options, id="storylines")
            yield Static("Enter starts · Esc goes back", classes="dialog-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(WHOLE_STORY if event.option.id == "-whole" else event.option.id)


class LessonScreen(_Question):
    """Pick one of the pack's lessons."""

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story

    def compose(self) -> ComposeResult:
        options = []
        for lesson in self.story.lessons.values():
            lines = ", ".join(
                self.story.storylines[s].title
                for s in lesson.storylines
                if s in self.story.storylines
            )
            detail = "\n" + _indented(f"{lines} · pass mark {lesson.pass_mark:g}%")
            options.append(
                Option(Content.assemble((lesson.title, "bold"), (detail, "dim")), id=lesson.id)
            )
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Lessons", "bold"), classes="dialog-title")
            yield OptionList(*options, id="lessons")
            yield Static("Enter opens · Esc goes back", classes="dialog-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)


class StudentScreen(_Question):
    """Ask for the student's name, which the lesson results are filed under."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content.styled("Your name", "bold"), classes="dialog-title")
            yield Static("Your teacher sees your results under this name.")
            yield Input(placeholder="First name and initial", id="student", max_length=60)
            yield Static("Enter starts the lesson · Esc goes back", classes="dialog-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        name = event.value.strip()
        if not name:
            self.notify("Please type your name.", severity="warning")
            return
        self.dismiss(name)
