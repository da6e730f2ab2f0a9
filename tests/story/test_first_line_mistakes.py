"""A YAML mistake on a file's first line is explained like one further down.

Line and column numbers start at 0 inside the YAML reader and at 1 for the
author; the explanations look up the character at the reader's mark, so the
first line is where an off-by-one in that lookup shows: a quote or bracket
named wrong, or the plain "YAML cannot read this line" instead of the
advice.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story.loader import load_pack
from tests.conftest import BASE_STORY

#: the first line of a content file, the column it is reported at (line 1), code, message, hint
FIRST_LINES = [
    (
        "scenes: 'never closed",
        9,
        "E001",
        "this ' is never closed",
        "end the text with a ' on the same line, or remove this one",
    ),
    (
        'scenes: "never closed',
        9,
        "E001",
        'this " is never closed',
        'end the text with a " on the same line, or remove this one',
    ),
    (
        "scenes: [a, b",
        9,
        "E001",
        "this [ is never closed with ]",
        "close it with ] on the same line, or put the whole text in quotes",
    ),
    (
        "scenes: {a: 1",
        9,
        "E001",
        "this { is never closed with }",
        "close it with } on the same line, or put the whole text in quotes",
    ),
    (
        "scenes: @x",
        9,
        "E001",
        "a value starting with @ is read as a reserved character",
        'put this text in quotes: scenes: "@x"',
    ),
    (
        "scenes: a: b",
        10,
        "E001",
        "this text contains ': ', which YAML reads as a new key",
        'put this text in quotes: scenes: "a: b"',
    ),
    (
        "scenes: - a",
        9,
        "E001",
        "a - list cannot start on the same line as scenes:",
        "put - a on the next line, indented under scenes:, or, if the text itself begins"
        ' with a dash, quote it: scenes: "- a"',
    ),
    (
        "scenes: |x",
        9,
        "E001",
        "a value starting with | is read as a literal text block",
        'put this text in quotes: scenes: "|x"',
    ),
    (
        "scenes: *nope",
        9,
        "E001",
        "a value starting with * is read as an alias (a reference to an anchor)",
        'put this text in quotes: scenes: "*nope"',
    ),
    (
        "\tscenes: {}",
        1,
        "E001",
        "line 1 starts with a tab",
        "YAML indents with spaces; replace the tab with spaces"
        " (most editors can 'convert tabs to spaces')",
    ),
    (
        "scenes",
        1,
        "E011",
        "a content file must be a mapping, not text ('scenes')",
        "is a colon missing? write scenes: ",
    ),
]


@pytest.mark.parametrize(("first", "col", "code", "message", "hint"), FIRST_LINES)
def test_a_mistake_on_the_first_line_is_explained_at_its_column(
    tmp_path: Path, first: str, col: int, code: str, message: str, hint: str
) -> None:
    (tmp_path / "story.yaml").write_text(BASE_STORY, encoding="utf-8")
    (tmp_path / "s.yaml").write_text(first + "\n", encoding="utf-8")  # as written: a tab stays
    root = tmp_path
    found = [
        (str(d.loc), d.code, d.message, d.hint)
        for d in load_pack(root).diagnostics
        if d.loc.path == "s.yaml"
    ]
    assert found == [(f"s.yaml:1:{col}", code, message, hint)]
