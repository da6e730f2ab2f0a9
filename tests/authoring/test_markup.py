"""The pure markup check agrees with Rich and Textual, which the TUI renders with."""

from __future__ import annotations

import pytest
from rich.errors import MarkupError as RichMarkupError
from rich.text import Text
from textual.content import Content
from textual.markup import MarkupError as TextualMarkupError

from game.authoring.markup import check_markup

SAMPLES = [
    "plain text",
    "a [bold]b[/bold] c",
    "[bold red]x[/red bold]",
    "[b]x[/]",
    "[italic]x[/italic] and [#ff8800]y[/]",
    "[on blue]x[/on blue]",
    "[/bold] x",
    "a [/] b",
    "[b]x[/i]",
    "[b]x[/B]",
    r"an escaped \[bold] tag",
    "x [1] y and [2]",
    "Heart ${body.heart_rate:.0f} [bold]bpm[/bold]",
    "[sic] text",
    "[Note] text",
    "[bolt]x[/bolt]",
    "[bold]never closed",
    "[link=https://example.org]x[/link]",
]


def _crashes(text: str) -> bool:
    """Whether Rich or Textual refuses the markup (the game would stop)."""
    try:
        Text.from_markup(text)
        Content.from_markup(text)
    except (RichMarkupError, TextualMarkupError):
        return True
    return False


def _hides_a_word(text: str) -> bool:
    """Whether a bracketed word vanishes from what Rich or Textual shows."""
    visible = text.replace("\\[", "[")
    shown = (Text.from_markup(text).plain, Content.from_markup(text).plain)
    return any(
        word in visible and word not in plain
        for word in ("[sic]", "[Note]", "[bolt]")
        for plain in shown
    )


@pytest.mark.parametrize("text", SAMPLES)
def test_agrees_with_rich_and_textual(text):
    problems = check_markup(text.replace("${body.heart_rate:.0f}", "${x}"))
    closing = [p for p in problems if "closing tag" in p.message]
    unknown = [p for p in problems if "not a known style" in p.message]
    if "link=" in text:
        assert not closing and not unknown
        return
    assert bool(closing) == _crashes(text), (text, problems)
    if not closing:
        assert bool(unknown) == _hides_a_word(text), (text, problems)


def test_offsets_and_unclosed_tags():
    [problem] = check_markup("ok [bold]never closed")
    assert problem.offset == 3 and "never closed" in problem.message
    assert problem.hint == "add [/bold] where the style should end"
    [problem] = check_markup("${a} [/x]")
    assert problem.offset == 5 and problem.tag == "[/x]"
    assert check_markup("no brackets") == []
