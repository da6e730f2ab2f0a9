"""Locus's own small style language, read exactly: which text gets which
styles, and which tags are reported to the writer, at which offset, in
which words (game/story/styles.py). The front ends show these spans; the
checker shows these problems."""

from __future__ import annotations

import pytest

from game.story.styles import escape_styles, parse_styles, plain_text, unknown_tags

NOT_OURS = (
    "styles are [blue], [bold], [cyan], [dim], [green], [italic], [magenta], [red], "
    "[yellow]; write \\[ to show a bracket without this warning"
)
CLOSE_YOURS = "close the tag you opened, with the same words, or remove this one"


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ("", []),
        ("plain", [("plain", [])]),
        ("a [bold]b[/bold] c", [("a ", []), ("b", ["bold"]), (" c", [])]),
        ("[bold red]x[/bold red]y", [("x", ["bold", "red"]), ("y", [])]),
        ("[bold][italic]x[/]y[/]z", [("x", ["bold", "italic"]), ("y", ["bold"]), ("z", [])]),
        (
            "[bold]a[italic]b[/bold]c[/italic]d",
            [("a", ["bold"]), ("b", ["bold", "italic"]), ("c", ["italic"]), ("d", [])],
        ),
        ("\\[bold]x", [("[bold]x", [])]),
        ("[bold]\n[/bold]", [("\n", ["bold"])]),
        ("[bold  red]x", [("[bold  red]x", [])]),
        ("[ bold]x", [("[ bold]x", [])]),
    ],
)
def test_each_tag_styles_the_text_up_to_the_tag_that_closes_it(
    text: str, spans: list[tuple[str, list[str]]]
) -> None:
    styled = parse_styles(text)
    assert [(span.text, sorted(span.styles)) for span in styled.spans] == spans
    assert styled.problems == ()


@pytest.mark.parametrize(
    ("text", "plain", "problems"),
    [
        (
            "[sic] and [1] and [link=http://x]L[/link] [@click=app.quit]q",
            "[sic] and [1] and [link=http://x]L[/link] [@click=app.quit]q",
            [
                (0, "[sic]", "'[sic]' is not one of Locus's styles, so it is shown as written"),
                (
                    18,
                    "[link=http://x]",
                    "'[link=http://x]' is not one of Locus's styles, so it is shown as written",
                ),
                (
                    42,
                    "[@click=app.quit]",
                    "'[@click=app.quit]' is not one of Locus's styles, so it is shown as written",
                ),
            ],
        ),
        (
            "[/bold]x",
            "[/bold]x",
            [
                (
                    0,
                    "[/bold]",
                    "'[/bold]' closes nothing (open tags: none), so it is shown as written",
                )
            ],
        ),
        (
            "[italic]a[/bold]b[/italic]",
            "a[/bold]b",
            [
                (
                    9,
                    "[/bold]",
                    "'[/bold]' closes nothing (open tags: [italic]), so it is shown as written",
                )
            ],
        ),
        (
            "[bold][red]a[/italic]",
            "a[/italic]",
            [
                (
                    12,
                    "[/italic]",
                    "'[/italic]' closes nothing (open tags: [bold], [red]), so it is shown as "
                    "written",
                ),
                (0, "[bold]", "'[bold]' is never closed, so the style runs to the end of the text"),
                (6, "[red]", "'[red]' is never closed, so the style runs to the end of the text"),
            ],
        ),
        (
            "[]x[/]",
            "[]x[/]",
            [(3, "[/]", "'[/]' closes nothing (open tags: none), so it is shown as written")],
        ),
    ],
)
def test_a_tag_that_is_not_a_style_is_shown_as_written_and_reported(
    text: str, plain: str, problems: list[tuple[int, str, str]]
) -> None:
    styled = parse_styles(text)
    assert styled.plain == plain
    assert [(p.offset, p.tag, p.message) for p in styled.problems] == problems
    for problem in styled.problems:
        assert problem.hint == (
            NOT_OURS
            if "not one of" in problem.message
            else CLOSE_YOURS
            if "closes nothing" in problem.message
            else f"add [/{problem.tag[1:-1]}] where the style should end"
        )


def test_outside_scene_text_the_first_tag_that_looks_like_a_style_is_reported() -> None:
    (problem,) = unknown_tags("a \\[bold] b [red] c [blue]")
    assert (problem.offset, problem.tag, problem.message, problem.hint) == (
        12,
        "[red]",
        "'[red]' is shown as written: styles apply only in scene and codex text",
        "remove the brackets, or move the styled words into the scene's text",
    )
    assert unknown_tags("nothing [1] here") == []


def test_plain_text_drops_the_styles_and_escaping_keeps_brackets_as_written() -> None:
    assert plain_text("[bold]a[/bold] \\[b]") == "a [b]"
    assert plain_text("no tags") == "no tags"
    assert escape_styles("[bold]x[/bold]") == "\\[bold]x\\[/bold]"
    value = "[red]alarm[/]"
    assert parse_styles(escape_styles(value)).plain == value
    assert parse_styles(escape_styles(value)).problems == ()
