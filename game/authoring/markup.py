"""A pure check of the console markup in pack text (``[bold]...[/bold]``).

The TUI shows scene text through Rich/Textual markup. Two kinds of slip are
common when students write it, and both hurt at play time rather than at
load time: a closing tag that matches nothing makes the renderer raise in
the middle of a class, and a bracketed word that is not a style (``[sic]``,
``[Note]``) silently disappears from the screen. This module finds both
without importing Rich, so the checker stays fast and the story layer stays
free of UI libraries; tests compare it with Rich and Textual themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Rich's tag pattern, widened to capital letters and ``$`` because Textual's
# markup (which the TUI may use) treats ``[Note]`` and ``[$accent]`` as tags too.
_TAG_RE = re.compile(r"(\\*)\[([A-Za-z#/@$][^\[\]]*)\]")
_TEMPLATE_RE = re.compile(r"\$\{[^}]*\}")

_ATTRIBUTES = frozenset(
    (
        "bold",
        "b",
        "dim",
        "d",
        "italic",
        "i",
        "underline",
        "u",
        "strike",
        "s",
        "blink",
        "blink2",
        "reverse",
        "r",
        "conceal",
        "c",
        "overline",
        "o",
        "underline2",
        "uu",
        "frame",
        "encircle",
        "not",
        "on",
        "none",
        "default",
        "reset",
    )
)
_BASE_COLOURS = ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white")
_COLOURS = frozenset(
    [
        *_BASE_COLOURS,
        *(f"bright_{c}" for c in _BASE_COLOURS),
        "grey",
        "gray",
        "orange",
        "purple",
        "pink",
        "brown",
        "ansi_default",
    ]
    + [f"ansi_{c}" for c in _BASE_COLOURS]
    + [f"ansi_bright_{c}" for c in _BASE_COLOURS]
)
_COLOUR_FORMS = re.compile(
    r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?|rgb\(\s*\d+\s*,\s*\d+\s*,\s*\d+\s*\)|color\(\d+\)"
    r"|gr[ae]y\d{1,3}|\$[a-z][a-z0-9_-]*|\d{1,3}%"
)


@dataclass(frozen=True, slots=True)
class MarkupProblem:
    """``offset`` is where the offending tag starts in the checked text."""

    message: str
    offset: int
    tag: str
    hint: str | None = None


def check_markup(text: str) -> list[MarkupProblem]:
    """Every markup mistake in ``text``; ``${...}`` placeholders are skipped
    (blanked out, so offsets stay those of the original text)."""
    if "[" not in text:
        return []
    text = _TEMPLATE_RE.sub(lambda match: " " * len(match.group()), text)
    problems: list[MarkupProblem] = []
    # (normalised name, offset, tag text, is a style): the renderers keep
    # unknown words on their tag stack too, so [/sic] closes [sic]
    stack: list[tuple[str, int, str, bool]] = []
    for match in _TAG_RE.finditer(text):
        escapes, body = match.group(1), match.group(2)
        start = match.start() + len(escapes)
        if len(escapes) % 2:
            continue  # \[ shows a bracket
        tag = f"[{body}]"
        if body.startswith("/"):
            name = body[1:].strip()
            if not name:
                if stack:
                    stack.pop()
                else:
                    problems.append(
                        MarkupProblem(
                            "closing tag '[/]' has nothing to close; the game would stop with an "
                            "error when it shows this text",
                            start,
                            tag,
                            r"remove it, or write \[/] to show the brackets",
                        )
                    )
                continue
            wanted = _normalise(name)
            for index in range(len(stack) - 1, -1, -1):
                if stack[index][0] == wanted and _same_case(stack[index][2], name):
                    del stack[index]
                    break
            else:
                opened = f"; open tags: {', '.join(t for _, _, t, _ in stack)}" if stack else ""
                problems.append(
                    MarkupProblem(
                        f"closing tag '{tag}' does not match any open tag{opened}; the game "
                        "would stop with an error when it shows this text",
                        start,
                        tag,
                        "close the tag you opened, with the same spelling",
                    )
                )
            continue
        unknown = _unknown_style(body)
        if unknown is not None:
            problems.append(
                MarkupProblem(
                    f"'{tag}' is read as a style tag ('{unknown}' is not a known style), so the "
                    "text inside it is shown without the brackets",
                    start,
                    tag,
                    rf"to show square brackets write \{tag}; for colours use a basic name or #hex",
                )
            )
        name = body.partition("=")[0]  # [link=...] is closed by [/link]
        stack.append((_normalise(name), start, name, unknown is None))
    for _, offset, body, is_style in stack:
        if not is_style:
            continue
        problems.append(
            MarkupProblem(
                f"'[{body}]' is never closed; the style runs to the end of the text",
                offset,
                f"[{body}]",
                f"add [/{body.split('=')[0].strip()}] where the style should end",
            )
        )
    return problems


def _normalise(name: str) -> str:
    return " ".join(sorted(name.lower().split()))


def _same_case(opened: str, closing: str) -> bool:
    """Textual matches closing tags case-sensitively; Rich does not. Both must work."""
    return " ".join(sorted(opened.split())) == " ".join(sorted(closing.split()))


def _unknown_style(body: str) -> str | None:
    """The first word of a tag that is not a style, or None when all are."""
    if body.startswith("@") or "=" in body:
        return None  # actions and links: [@click=...], [link=...]
    for word in body.split():
        if word in _ATTRIBUTES or word in _COLOURS or _COLOUR_FORMS.fullmatch(word):
            continue
        return word
    return None
