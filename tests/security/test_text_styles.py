"""Locus's own styles: a small set, parsed by us; everything else in square
brackets is text. The check, the TUI and plain mode agree on what a tag is."""

from __future__ import annotations

import io
from argparse import Namespace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.authoring.analysis import analyze
from game.plain import play_plain
from game.story.loader import load_pack
from game.story.styles import STYLES, Span, escape_styles, parse_styles, plain_text
from game.tui.app import LocusApp
from game.tui.launch import LaunchOptions
from game.tui.screens.play import PlayScreen
from game.tui.styled import styled_content
from game.tui.widgets.story_text import StoryText
from tests.security.hostile_pack import STORY, write_pack
from tests.tui.tui_helpers import wait_for


def spans(text: str) -> list[tuple[str, set[str]]]:
    return [(span.text, set(span.styles)) for span in parse_styles(text).spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", [("plain", set())]),
        ("a [bold]b[/bold] c", [("a ", set()), ("b", {"bold"}), (" c", set())]),
        ("[bold red]x[/] y", [("x", {"bold", "red"}), (" y", set())]),
        (
            "[italic]a[dim]b[/italic]c[/]",
            [("a", {"italic"}), ("b", {"dim", "italic"}), ("c", {"dim"})],
        ),
        (r"\[bold]shown", [("[bold]shown", set())]),
        ("[sic] [1] [ bold ]", [("[sic] [1] [ bold ]", set())]),
        ("[link=https://x.org]x[/link]", [("[link=https://x.org]x[/link]", set())]),
        ("[@click=app.quit]q[/]", [("[@click=app.quit]q[/]", set())]),
        ("Zoe [/]", [("Zoe [/]", set())]),
        ("[bold", [("[bold", set())]),
        ("[bold]runs on", [("runs on", {"bold"})]),
        ("[/bold] closes nothing", [("[/bold] closes nothing", set())]),
    ],
)
def test_parse(text: str, expected: list[tuple[str, set[str]]]) -> None:
    assert spans(text) == expected


def test_problems_name_the_tag_and_its_offset() -> None:
    problems = parse_styles("ok [sic] [/] [bold]x [link=y]z").problems
    assert [(p.offset, p.tag) for p in problems] == [
        (3, "[sic]"),
        (9, "[/]"),
        (21, "[link=y]"),
        (13, "[bold]"),
    ]
    assert "never closed" in problems[-1].message
    assert parse_styles("[bold]fine[/bold] \\[sic]").problems == ()


HOSTILE = st.lists(
    st.sampled_from(["[", "]", "/", "@", "=", "\\", "a", " ", "bold", "red", "\u0301", "\u200b"]),
    max_size=30,
).map("".join)


@given(HOSTILE)
def test_escaped_text_is_shown_exactly(text: str) -> None:
    """What a template value holds is shown as it is, whatever it is."""
    parsed = parse_styles(escape_styles(text))
    assert parsed.plain == text
    assert all(span.styles == frozenset() for span in parsed.spans)


@given(HOSTILE)
def test_parsing_never_fails_and_only_removes_style_tags(text: str) -> None:
    parsed = parse_styles(text)
    assert all(span.styles <= STYLES and span.text for span in parsed.spans)
    assert plain_text(text) == parsed.plain
    assert len(parsed.plain) <= len(text)


def test_the_tui_applies_the_styles_and_nothing_else() -> None:
    content = styled_content("a [bold red]b[/] [@click=app.quit]c[/]")
    assert content.plain == "a b [@click=app.quit]c[/]"
    styled = [(content.plain[s.start : s.end], str(s.style)) for s in content.spans]
    assert styled == [("b", "bold red")]
    assert styled_content("x\x1by").plain == "x\ufffdy"
    assert [Span("b", frozenset({"bold"}))] == list(parse_styles("[bold]b[/bold]").spans)


STYLED_SCENE = """\
scenes:
  a:
    title: "[bold]Title[/bold]"
    text:
      - "Your heart is [bold]pounding[/bold]. [italic red]Run?[/] ${s}"
      - "[sic] and [/] and \\\\[bold] and [dim]open"
    choices:
      - text: "[bold]Go[/bold]"
        goto: b
  b:
    title: B
    text: Done.
    ending: {kind: good, summary: Done.}
codex:
  e:
    title: E
    text: "[magenta]Locus[/magenta] [underline]coeruleus[/underline]"
"""


def _styled_pack(tmp_path: Path) -> Path:
    story = STORY.replace('  s: "ab"', '  s: "[bold]value[/bold]"')
    return write_pack(tmp_path / "p", story, **{"a.yaml": STYLED_SCENE})


def test_the_check_reports_style_mistakes_where_they_are(tmp_path: Path) -> None:
    loaded = load_pack(_styled_pack(tmp_path))
    assert loaded.story is not None, loaded.diagnostics
    found = [(d.loc.line, d.loc.col, d.message) for d in analyze(loaded.story) if d.code == "W021"]
    assert [(line, col) for line, col, _ in found] == [
        (3, 13),  # a style in a title is shown as written
        (6, 10),  # [sic]
        (6, 20),  # [/] closes nothing (not the [/] on line 5, which closes a tag)
        (6, 41),  # [dim] never closed
        (8, 16),  # a style in a choice, said once for the text
        (17, 37),  # [underline] is not one of ours, said once for the pair
    ]
    assert "styles apply only in scene and codex text" in found[0][2]
    assert "is never closed" in found[3][2]


def test_plain_mode_shows_the_words_without_the_styles(tmp_path: Path) -> None:
    loaded = load_pack(_styled_pack(tmp_path))
    assert loaded.story is not None
    out = io.StringIO()
    args = Namespace(load=None, seed=0, storyline=None, start=None)
    assert play_plain(loaded.story, args, io.StringIO("q\n"), out) == 0
    text = out.getvalue()
    assert "Your heart is pounding. Run? [bold]value[/bold]" in text
    assert "[sic] and [/] and [bold] and open" in text
    assert "Scene: [bold]Title[/bold]." in text and "1. [bold]Go[/bold]" in text


async def test_the_tui_shows_styles_and_template_values_as_text(tmp_path: Path) -> None:
    root = _styled_pack(tmp_path)
    app = LocusApp(root, load_pack(root), LaunchOptions(start="a"))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        content = app.screen.query_one(StoryText).text(90)
        assert "[bold]Title[/bold]" in content.plain
        assert "Your heart is pounding. Run? [bold]value[/bold]" in content.plain
        assert "[sic] and [/] and [bold] and open" in content.plain
        styled = {content.plain[s.start : s.end]: str(s.style) for s in content.spans}
        assert styled["pounding"] == "bold" and styled["Run?"] == "italic red"
        assert styled["open"] == "dim"
        assert "value" not in styled
