"""The small, safe set of text styles a pack may use in scene and codex text.

Pack text is never handed to Rich or Textual markup: that markup can run
actions (``[@click=app.quit]``), open links and stop the app on a stray
``[/]``. Locus reads its own tiny style language instead and hands the front
ends plain spans:

* ``[bold]``, ``[italic]``, ``[dim]`` and the colours in ``COLOURS`` open a
  style; several may share one tag, ``[bold red]``;
* ``[/bold]`` closes the latest open ``bold`` (or ``bold red``) tag, and
  ``[/]`` closes the latest open tag of any kind;
* ``\\[`` is a literal ``[``, so ``\\[bold]`` shows the word in brackets;
* anything else in square brackets (``[sic]``, ``[1]``, ``[link=...]``)
  is ordinary text. A closing tag with nothing to close is shown as written.

``parse_styles`` never fails: it returns the spans and, for the checker, the
problems it found (with offsets), so the check and the screen agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = [
    "COLOURS",
    "STYLES",
    "Span",
    "StyleProblem",
    "Styled",
    "escape_styles",
    "parse_styles",
    "plain_text",
    "unknown_tags",
]

COLOURS = ("red", "green", "yellow", "blue", "cyan", "magenta")
STYLES = frozenset(("bold", "italic", "dim", *COLOURS))

# Any bracketed text on one line; whether it is a style tag is decided below.
_TAG = re.compile(r"\\\[|\[(/?)([^\[\]\n]*)\]")
# Bracketed text that looks meant as a style or as Rich markup: reported, shown as written.
_LOOKS_LIKE_MARKUP = re.compile(r"\[/?(?:[@#$][^\]]*|[a-z_]+ *=[^\]]*|[a-z_]+(?: [a-z_]+)*)\]")


@dataclass(frozen=True, slots=True)
class Span:
    """A run of text and the style names that apply to all of it."""

    text: str
    styles: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class StyleProblem:
    """``offset`` is where the tag starts in the parsed text."""

    offset: int
    tag: str
    message: str
    hint: str


@dataclass(frozen=True, slots=True)
class Styled:
    spans: tuple[Span, ...]
    problems: tuple[StyleProblem, ...]

    @property
    def plain(self) -> str:
        return "".join(span.text for span in self.spans)


def parse_styles(text: str) -> Styled:
    """The spans of ``text`` and the problems a writer should hear about."""
    if "[" not in text:
        return Styled((Span(text),) if text else (), ())
    spans: list[Span] = []
    problems: list[StyleProblem] = []
    open_tags: list[tuple[frozenset[str], int, str]] = []  # names, offset, tag
    pending: list[str] = []  # text since the last change of style
    active: frozenset[str] = frozenset()

    def flush() -> None:
        if pending:
            spans.append(Span("".join(pending), active))
            pending.clear()

    position = 0
    for match in _TAG.finditer(text):
        pending.append(text[position : match.start()])
        position = match.end()
        tag = match.group()
        if tag == "\\[":
            pending.append("[")
            continue
        closing, body = match.group(1) == "/", match.group(2) or ""
        names = frozenset(body.split())
        if not names <= STYLES or (not closing and not names) or body != " ".join(body.split()):
            _unknown(problems, match.start(), tag)
            pending.append(tag)
            continue
        index = _last_open(open_tags, names) if closing else -1
        if closing and index < 0:
            opened = ", ".join(t for _, _, t in open_tags) or "none"
            problems.append(
                StyleProblem(
                    match.start(),
                    tag,
                    f"'{tag}' closes nothing (open tags: {opened}), so it is shown as written",
                    "close the tag you opened, with the same words, or remove this one",
                )
            )
            pending.append(tag)
            continue
        flush()
        if closing:
            del open_tags[index]
        else:
            open_tags.append((names, match.start(), tag))
        active = frozenset().union(*(n for n, _, _ in open_tags))
    pending.append(text[position:])
    flush()
    for _, offset, tag in open_tags:
        problems.append(
            StyleProblem(
                offset,
                tag,
                f"'{tag}' is never closed, so the style runs to the end of the text",
                f"add [/{tag[1:-1]}] where the style should end",
            )
        )
    return Styled(tuple(s for s in spans if s.text), tuple(problems))


def _last_open(open_tags: list[tuple[frozenset[str], int, str]], names: frozenset[str]) -> int:
    """The index of the latest open tag ``[/names]`` closes (``[/]``: any), or -1."""
    for index in range(len(open_tags) - 1, -1, -1):
        if not names or open_tags[index][0] == names:
            return index
    return -1


def _unknown(problems: list[StyleProblem], offset: int, tag: str) -> None:
    if _LOOKS_LIKE_MARKUP.fullmatch(tag):
        problems.append(
            StyleProblem(
                offset,
                tag,
                f"'{tag}' is not one of Locus's styles, so it is shown as written",
                "styles are " + ", ".join(f"[{s}]" for s in sorted(STYLES)) + r"; write \[ to "
                "show a bracket without this warning",
            )
        )


def unknown_tags(text: str) -> list[StyleProblem]:
    """Tags that look like styles or markup, in text where no styles apply."""
    problems: list[StyleProblem] = []
    for match in _LOOKS_LIKE_MARKUP.finditer(text):
        if match.start() > 0 and text[match.start() - 1] == "\\":
            continue
        problems.append(
            StyleProblem(
                match.start(),
                match.group(),
                f"'{match.group()}' is shown as written: styles apply only in scene and codex text",
                "remove the brackets, or move the styled words into the scene's text",
            )
        )
    return problems


def plain_text(text: str) -> str:
    """What ``text`` reads as without its styles (plain mode, screen readers)."""
    return parse_styles(text).plain if "[" in text else text


def escape_styles(text: str) -> str:
    """``text`` written so that ``parse_styles`` shows it exactly as it is:
    a template value is data, so a ``[bold]`` inside it is not a style."""
    return text.replace("[", "\\[")
