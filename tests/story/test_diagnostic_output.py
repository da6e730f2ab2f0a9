"""How a diagnostic is shown: compiler-style text with the source line and a
caret under the mistake, then the hint and libyaml's own words; or one JSON
object a line for editors and CI. Neither lets a control character through."""

from __future__ import annotations

import json
from pathlib import Path

from game.story.diagnostics import (
    NOT_UTF8,
    UNKNOWN_KEY,
    YAML_SYNTAX,
    Diagnostic,
    Loc,
    format_json,
    format_text,
    sort_key,
)
from game.story.loader import load_pack
from tests.conftest import BASE_STORY

BROKEN = "scenes:\n  a: [1, 2\n"
CUT = "scenes:\n  b:\n    title: B # cut\n    text: B\n    ending: {kind: good, summary: Done}\n"


def pack(tmp_path: Path) -> Path:
    root = tmp_path / "pack"
    root.mkdir()
    (root / "story.yaml").write_text(BASE_STORY, encoding="utf-8")
    (root / "s.yaml").write_text(BROKEN, encoding="utf-8")
    (root / "w.yaml").write_text(CUT, encoding="utf-8")
    return root


def test_text_shows_where_what_the_line_a_caret_the_hint_and_the_detail(tmp_path: Path) -> None:
    root = pack(tmp_path)
    error, warning = load_pack(root).diagnostics
    assert format_text(error, root).split("\n") == [
        f"{root}/s.yaml:2:6: error E001: this [ is never closed with ]",
        "    2 |   a: [1, 2",
        "             ^",
        "      = hint: close it with ] on the same line, or put the whole text in quotes",
        "      = detail: while parsing a flow sequence; did not find expected ',' or ']'",
    ]
    assert format_text(warning, root).split("\n") == [
        f"{root}/w.yaml:3:14: warning W042: the title ends here: YAML reads ' #' and the "
        "rest of the line as a comment",
        "    3 |     title: B # cut",
        "                     ^",
        "      = hint: put the whole text in quotes to keep it",
    ]


def test_without_the_pack_folder_the_path_is_as_found_and_no_line_is_shown(
    tmp_path: Path,
) -> None:
    error = load_pack(pack(tmp_path)).diagnostics[0]
    assert (
        format_text(error).split("\n")[0] == "s.yaml:2:6: error E001: this [ is never closed with ]"
    )
    assert len(format_text(error).split("\n")) == 3  # the hint and the detail, no source


def test_an_absolute_path_is_shown_as_it_is(tmp_path: Path) -> None:
    source = tmp_path / "abs.yaml"
    source.write_text("one\ntwo: x\n", encoding="utf-8")
    d = UNKNOWN_KEY.at(Loc(str(source), 2, 1), None, key="two", what="a thing")
    assert format_text(d, tmp_path / "elsewhere").split("\n") == [
        f"{source}:2:1: error E010: unknown key 'two' in a thing",
        "    2 | two: x",
        "        ^",
    ]


def test_a_position_the_file_does_not_have_shows_no_source_line(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("one\n", encoding="utf-8")
    past_the_end = YAML_SYNTAX.at(Loc("s.yaml", 9, 3), None, message="x")
    whole_file = NOT_UTF8.at(Loc("s.yaml"), None, message="y")
    missing = YAML_SYNTAX.at(Loc("gone.yaml", 1, 1), None, message="z")
    assert format_text(past_the_end, tmp_path) == f"{tmp_path}/s.yaml:9:3: error E001: x"
    assert format_text(whole_file, tmp_path) == f"{tmp_path}/s.yaml: error E002: y"
    assert format_text(missing, tmp_path) == f"{tmp_path}/gone.yaml:1:1: error E001: z"


def test_the_caret_of_column_zero_stands_under_the_first_character(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_text("abc\n", encoding="utf-8")
    d = YAML_SYNTAX.at(Loc("s.yaml", 1, 0), None, message="x")
    assert format_text(d, tmp_path).split("\n")[1:] == ["    1 | abc", "        ^"]


def test_a_long_source_line_is_cut_and_its_control_characters_replaced(tmp_path: Path) -> None:
    (tmp_path / "s.yaml").write_bytes(b"x\r\n" + b"\x1b[2J" + b"y" * 300 + b"\r\n")
    d = YAML_SYNTAX.at(Loc("s.yaml", 2, 1), None, message="bell \x07")
    head, source, _caret = format_text(d, tmp_path).split("\n")
    assert head.endswith("error E001: bell \ufffd")
    assert source == "    2 | \ufffd[2J" + "y" * 196


def test_json_is_one_object_a_line_with_every_field(tmp_path: Path) -> None:
    root = pack(tmp_path)
    lines = format_json(load_pack(root).diagnostics).split("\n")
    assert [json.loads(line) for line in lines] == [
        {
            "path": "s.yaml",
            "line": 2,
            "col": 6,
            "code": "E001",
            "message": "this [ is never closed with ]",
            "severity": "error",
            "hint": "close it with ] on the same line, or put the whole text in quotes",
            "detail": "while parsing a flow sequence; did not find expected ',' or ']'",
        },
        {
            "path": "w.yaml",
            "line": 3,
            "col": 14,
            "code": "W042",
            "message": "the title ends here: YAML reads ' #' and the rest of the line as a comment",
            "severity": "warning",
            "hint": "put the whole text in quotes to keep it",
            "detail": None,
        },
    ]


def test_json_replaces_the_c1_controls_it_would_keep_raw() -> None:
    d = YAML_SYNTAX.at(Loc("s.yaml", 1, 1), None, message="a\x9bb \x1b")
    (line,) = format_json([d]).split("\n")
    assert json.loads(line)["message"] == "a\ufffdb \x1b"  # ESC travels escaped: \\u001b
    assert "\x9b" not in line
    assert "\x1b" not in line


def test_an_unreadable_file_sorts_before_every_other_problem() -> None:
    late = Diagnostic(Loc("a.yaml", 1, 1), "E010", "x")
    unreadable = Diagnostic(Loc("z.yaml", 9, 9), "E001", "y")
    same_file = [
        Diagnostic(Loc("b.yaml", 2, 5), "E020", "z"),
        Diagnostic(Loc("b.yaml", 2, 1), "E021", "z"),
        Diagnostic(Loc("b.yaml", 1, 9), "E022", "z"),
        Diagnostic(Loc("b.yaml", 1, 9), "E011", "z"),
    ]
    ordered = sorted([late, *same_file, unreadable], key=sort_key)
    assert [(str(d.loc), d.code) for d in ordered] == [
        ("z.yaml:9:9", "E001"),
        ("a.yaml:1:1", "E010"),
        ("b.yaml:1:9", "E011"),
        ("b.yaml:1:9", "E022"),
        ("b.yaml:2:1", "E021"),
        ("b.yaml:2:5", "E020"),
    ]
