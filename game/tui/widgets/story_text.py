"""The scene as text: title, quiz feedback, art, paragraphs and the question.

One widget rendering one ``Content`` instead of five Statics. Art lines are cut to the width rather
than wrapped, because wrapped ASCII art is no longer a picture.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from game.engine.machine import SceneView
from game.tui.styled import styled_content
from game.tui.widgets.barless_scroll import HIDDEN_BAR, scrolls

MORE = "▼ more below: PgDn or the wheel"
TALL = 28  # terminal rows from which scene art comes before the text
ENDINGS = {"good": "a good ending", "bad": "a bad ending", "neutral": "an ending"}


def story_parts(
    view: SceneView, feedback: Content | None, width: int, art_first: bool = True
) -> list[Content]:
    """The scene's blocks in reading order. On short screens (``art_first``
    False) what matters comes first: the quiz question right under the title
    (one block, which the play screen keeps in view), then the feedback, the
    text and the art, because the story has only a few lines there."""
    title = Content.styled(view.title, "bold $primary")
    question: list[Content] = []
    if view.kind == "quiz" and view.question:
        question.append(
            Content.assemble(("Question: ", "bold $accent"), styled_content(view.question))
        )
    art: list[Content] = []
    if view.art:
        lines = view.art.rstrip("\n").splitlines()
        art.append(Content.styled("\n".join(line[:width] for line in lines), "$secondary"))
    text = [styled_content(paragraph.strip()) for paragraph in view.paragraphs]
    said = [feedback] if feedback is not None else []
    if art_first:
        parts = [title, *said, *art, *text, *question]
    else:
        parts = [Content("\n").join([title, *question]), *said, *text, *art]
    if view.kind == "ending":
        kind = ENDINGS.get(view.ending_kind or "", view.ending_kind or "an ending")
        parts.append(
            Content.assemble((f"The end, {kind}: ", "bold $accent"), view.ending_summary or "")
        )
    return parts


class StoryText(ScrollView, can_focus=False):
    """Renders the current scene for its width and scrolls it itself: a new
    scene changes the text, not the layout, so taking a choice costs one
    layout (for the choices) instead of two."""

    DEFAULT_CSS = f"StoryText {{ height: 1fr; {HIDDEN_BAR} }}"  # widgets/barless_scroll.py

    @property
    def allow_vertical_scroll(self) -> bool:
        return scrolls(self)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: SceneView | None = None
        self.feedback: Content | None = None
        self._strips: list[Strip] = []
        self._wrapped_for = (0, True)
        self.lead_rows = 1  # rows of the first block (the title, and a question when short)

    def show(self, view: SceneView, feedback: Content | None) -> None:
        self.view = view
        self.feedback = feedback
        self.scroll_to(0, 0, animate=False, immediate=True)
        self._wrap()

    def text(self, width: int, art_first: bool = True) -> Content:
        if self.view is None:
            return Content("")
        parts = story_parts(self.view, self.feedback, max(1, width), art_first)
        return Content("\n\n").join(parts)

    @property
    def _art_first(self) -> bool:
        return self.app.size.height >= TALL

    def on_resize(self) -> None:
        """A new height of the widget (the choices below changed) keeps the
        wrapped lines; a new width, or the terminal becoming short, wraps again."""
        if (self.scrollable_content_region.width, self._art_first) != self._wrapped_for:
            self._wrap()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0:
            return
        self._wrapped_for = (width, self._art_first)
        parts = story_parts(self.view, self.feedback, width, self._art_first) if self.view else []
        text = Content("\n\n").join(parts)
        self._strips = Visual.to_strips(self, text, width, None, self.visual_style)
        lead = parts[0] if parts else Content("")
        self.lead_rows = len(Visual.to_strips(self, lead, width, None, self.visual_style))
        self.virtual_size = Size(width, len(self._strips))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        index = scroll_y + y
        if y == self.scrollable_content_region.height - 1 and index < len(self._strips) - 1:
            return self._more(width)
        if index >= len(self._strips):
            return Strip.blank(width, self.rich_style)
        return self._strips[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)

    def _more(self, width: int) -> Strip:
        """The last line when the text goes on: there is no scrollbar."""
        more = Content.styled(MORE.rjust(width)[-width:], "bold $accent")
        return Visual.to_strips(self, more, width, 1, self.visual_style)[0]

    def action_scroll(self, pages: int) -> None:
        self.scroll_to(y=self.scroll_y + pages * max(1, self.size.height - 2), animate=False)
