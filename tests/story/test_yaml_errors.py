"""A beginner's YAML mistakes: one error each, on the line of the mistake,
with a hint that says what to type; and no cascade of false errors from
the files that refer to what the broken file defines."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from game.story.diagnostics import Diagnostic, format_text
from game.story.loader import load_pack
from game.story.yaml_errors import explain_syntax

GOOD_END = """\
  b:
    title: B
    text: End
    ending: {kind: good, summary: Done}
"""


def problems(root: Path) -> list[Diagnostic]:
    return list(load_pack(root).diagnostics)


def single(root: Path) -> Diagnostic:
    found = problems(root)
    assert len(found) == 1, [(str(d.loc), d.code, d.message) for d in found]
    return found[0]


SCENE_HEAD = "scenes:\n  a:\n"
CHOICE = "    choices:\n      - text: Go\n        goto: b\n"

# (name, the content of scenes.yaml, line:col, words in the message, words in the hint)
CASES = [
    (
        "tab",
        SCENE_HEAD + "    title: A\n\ttext: Hello\n" + CHOICE + GOOD_END,
        (4, 1),
        "line 4 starts with a tab",
        "YAML indents with spaces",
    ),
    (
        "missing colon, more keys follow",
        SCENE_HEAD + "    title The Sprint\n    text: Hello\n" + CHOICE + GOOD_END,
        (3, 10),
        "'title The Sprint' has no colon after title",
        "write title: The Sprint",
    ),
    (
        "missing colon, last key",
        SCENE_HEAD + "    text: Hello\n" + CHOICE + GOOD_END.replace("title: B", "title B"),
        (8, 10),
        "'title B' has no colon after title",
        "write title: B",
    ),
    (
        "missing colon, only key",
        SCENE_HEAD + "    title The Sprint\n" + GOOD_END,
        (3, 5),
        "scene 'a' must be a mapping",
        "is a colon missing? write title: The Sprint",
    ),
    (
        "key indented too deep",
        SCENE_HEAD
        + "    title: A\n    text: Hi\n    choices:\n      - text: Go\n          goto: b\n"
        + GOOD_END,
        (7, 11),
        "goto is indented more than text above it",
        "line goto up with text (8 spaces)",
    ),
    (
        "key indented too shallow",
        SCENE_HEAD
        + "    title: A\n    text: Hi\n    choices:\n      - text: Go\n       goto: b\n"
        + GOOD_END,
        (7, 8),
        "goto is indented less than text above it",
        "line it up with line 6 (8 spaces)",
    ),
    (
        "list item indented too shallow",
        SCENE_HEAD
        + "    title: A\n    text: Hi\n"
        + CHOICE
        + "     - text: Stay\n        goto: a\n",
        (8, 6),
        "this - item is indented less than the - on line 6",
        "line it up with line 6 (6 spaces)",
    ),
    (
        "text with ': '",
        SCENE_HEAD + "    title: A\n    text: Warning: the bear\n" + CHOICE + GOOD_END,
        (4, 18),
        "this text contains ': '",
        'put this text in quotes: text: "Warning: the bear"',
    ),
    (
        "value starting with >",
        SCENE_HEAD + "    title: A\n    text: > 100 beats\n" + CHOICE + GOOD_END,
        (4, 11),
        "a value starting with > is read as a folded text block",
        'put this text in quotes: text: "> 100 beats"',
    ),
    (
        "value starting with *",
        SCENE_HEAD + "    title: A\n    text: *Run* now\n" + CHOICE + GOOD_END,
        (4, 11),
        "a value starting with * is read as an alias",
        'put this text in quotes: text: "*Run* now"',
    ),
    (
        "value starting with [",
        SCENE_HEAD + "    title: A\n    text: [bold]Hi[/bold] there\n" + CHOICE + GOOD_END,
        (4, 11),
        "text starting with [ is read as a list",
        'put the whole text in quotes: text: "[bold]Hi[/bold] there"',
    ),
    (
        "curly quotes",
        SCENE_HEAD + "    title: A\n    text: \u201cRun: now\u201d\n" + CHOICE + GOOD_END,
        (4, 11),
        "curly quotes",
        "use straight quotes",
    ),
    (
        "quote never closed",
        SCENE_HEAD + '    title: A\n    text: "Hello\n' + CHOICE + GOOD_END,
        (4, 11),
        'this " is never closed',
        'end the text with a "',
    ),
    (
        "text after the closing quote",
        SCENE_HEAD + '    title: A\n    text: "Hi" she said\n' + CHOICE + GOOD_END,
        (4, 11),
        "quoted text must end at its closing quote",
        "put the whole text in quotes",
    ),
    (
        "bracket never closed",
        SCENE_HEAD + "    title: A\n    text: Hi\n    teaches: [obj\n" + CHOICE + GOOD_END,
        (5, 14),
        "this [ is never closed with ]",
        "close it with ]",
    ),
    (
        "list item among keys",
        SCENE_HEAD + "    title: A\n    text: Hi\n    - text: Go\n      goto: b\n" + GOOD_END,
        (5, 5),
        "a - list item cannot stand among the keys of a mapping (after text)",
        "put the list under its own key",
    ),
]


@pytest.mark.parametrize(
    ("content", "where", "message", "hint"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_beginner_mistake_is_one_error_on_its_line(make_pack, content, where, message, hint):
    d = single(make_pack(**{"scenes.yaml": content}))
    assert (d.loc.path, d.loc.line, d.loc.col) == ("scenes.yaml", *where)
    assert message in d.message
    assert d.hint is not None and hint in d.hint


def test_libyaml_message_is_only_the_detail(make_pack):
    root = make_pack(**{"scenes.yaml": SCENE_HEAD + "    title: A\n\ttext: Hi\n"})
    d = single(root)
    assert d.detail and d.detail.startswith("while scanning")
    shown = format_text(d, root)
    lines = shown.splitlines()
    assert lines[0].endswith("scenes.yaml:4:1: error E001: line 4 starts with a tab")
    assert lines[-1].startswith("      = detail: while scanning")


SCENE_A = (
    "scenes:\n  a:\n    title: Caf\u00e9\n    text: Hi\n    ending: {kind: good, summary: x}\n"
)


@pytest.mark.parametrize(
    ("raw", "where", "words"),
    [
        (SCENE_A.encode("utf-16"), (1, 1), "saved as UTF-16 (it starts with a UTF-16 mark)"),
        (SCENE_A.encode("utf-16-le"), (1, 1), "saved as UTF-16 (every other byte"),
        (SCENE_A.encode("utf-32"), (1, 1), "saved as UTF-32"),
        (
            SCENE_A.replace("Caf\u00e9", "\u201cHi\u201d").encode("cp1252"),
            (3, 12),
            "byte 0x93 is not UTF-8: the file looks saved as Windows-1252 "
            "(where that byte is '\u201c')",
        ),
        (
            SCENE_A.encode("latin-1"),
            (3, 15),
            "byte 0xe9 is not UTF-8: the file looks saved as Latin-1 (where that byte is '\u00e9')",
        ),
    ],
    ids=["utf-16 bom", "utf-16 no bom", "utf-32", "windows-1252", "latin-1"],
)
def test_encoding_is_named(make_pack, raw, where, words):
    root = make_pack()
    (root / "scenes.yaml").write_bytes(raw)
    d = single(root)
    assert (d.code, d.loc.line, d.loc.col) == ("E002", *where)
    assert words in d.message
    assert d.hint and "save the file as UTF-8" in d.hint


# --- no cascades --------------------------------------------------------------------

ALARM = """\
scenes:
  a:
    title: A
    text: Hi
    choices:
      - text: Go
        goto: alarm
      - text: Peek
        goto: b
        if: "visited(alarm) > 0"
"""

BROKEN_ALARM = """\
scenes:
  alarm:
    title: Alarm
    text: Warning: the bear
    next: b
  b:
    title: B
    text: End
    ending: {kind: good, summary: Done}
codex:
  bears:
    title: Bears
    text: Big.
"""

TEST_FILE = """\
name: goes to the alarm
steps:
  - choose: Go
  - expect: {scene: alarm, codex: [bears]}
"""


def test_broken_file_gives_one_error_and_no_unknown_ids(make_pack):
    root = make_pack(
        story="format: 1\nid: t\ntitle: T\nstart: alarm\nvariables: {}\n",
        **{"a.yaml": ALARM, "z_alarm.yaml": BROKEN_ALARM, "tests__t.yaml": TEST_FILE},
    )
    d = single(root)
    assert (d.loc.path, d.loc.line, d.code) == ("z_alarm.yaml", 4, "E001")


def test_broken_story_yaml_does_not_make_every_variable_unknown(make_pack):
    story = "format: 1\nid: t\ntitle: T\nstart: a\nvariables:\n  courage: 0\n\tflag: false\n"
    content = ALARM.replace('"visited(alarm) > 0"', '"courage > 0 and flag"') + BROKEN_ALARM[8:]
    content = content.replace("Warning: the bear", "Hi")
    d = single(make_pack(story=story, **{"a.yaml": content}))
    assert (d.loc.path, d.loc.line, d.loc.col) == ("story.yaml", 7, 1)


def test_unreadable_file_is_shown_first(make_pack):
    root = make_pack(
        **{
            "a.yaml": ALARM.replace("goto: alarm", "goto: nowhere"),
            "z.yaml": BROKEN_ALARM,
        }
    )
    found = problems(root)
    assert [(d.loc.path, d.code) for d in found] == [("z.yaml", "E001"), ("a.yaml", "E020")]


# --- never a traceback ----------------------------------------------------------------

YAMLISH = st.text(
    alphabet=st.sampled_from(list("ab: -#'\"[]{}>|*&!%@`,\t\n  \u201c\u2019é")), max_size=80
)


@settings(max_examples=400, deadline=None)
@given(YAMLISH)
def test_every_yaml_error_is_explained_inside_the_file(text):
    try:
        yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.MarkedYAMLError as error:
        explained = explain_syntax(error, text)
        assert 1 <= explained.line <= text.count("\n") + 2
        assert explained.col >= 1 and explained.message
    except yaml.YAMLError:
        pass


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("scenes:\n  - alarm: {title: Alarm}\n  - b: {title: B}\n", ("E011", 2, 3)),  # a list
        ("scenes:\n  Alarm: {title: Alarm, text: x, next: b}\n" + GOOD_END, ("E014", 2, 3)),
        ("- scenes: {alarm: {title: A}, b: {title: B}}\n", ("E011", 1, 1)),
    ],
    ids=["scenes as a list", "capitalised id", "file as a list"],
)
def test_scenes_that_do_not_load_are_not_unknown_elsewhere(make_pack, content, where):
    root = make_pack(
        story="format: 1\nid: t\ntitle: T\nstart: alarm\nvariables: {}\n",
        **{"a.yaml": ALARM.replace("visited(alarm) > 0", "true"), "z.yaml": content},
    )
    found = [d for d in problems(root) if d.is_error]
    assert [(d.code, d.loc.line, d.loc.col) for d in found][:1] == [where]
    assert not [d for d in found if d.code == "E020"], found


def test_codex_entry_with_errors_is_not_unknown_elsewhere(make_pack):
    codex = "codex:\n  bears:\n    title: Bears\n"  # no text
    root = make_pack(
        **{
            "s.yaml": SCENE_HEAD + "    title: A\n    text: x\n    on_enter:\n"
            "      - codex: bears\n    next: b\n" + GOOD_END,
            "c.yaml": codex,
        }
    )
    assert [(d.code, str(d.loc)) for d in problems(root)] == [("E012", "c.yaml:3:5")]


@pytest.mark.parametrize(
    "line",
    ['text: Say: "hi" \\o/', 'text: - a "dash" \\ list', 'text: @"x" \\y', 'text: "a" b "c'],
)
def test_a_suggested_quoting_reads_back_as_the_same_text(line: str) -> None:
    """The hint's quoted line, copied into the file, means the author's text."""

    source = f"scenes:\n  a:\n    {line}\n"
    try:
        yaml.load(source, Loader=yaml.CSafeLoader)  # the loader's parser (libyaml)
    except yaml.MarkedYAMLError as error:
        hint = explain_syntax(error, source).hint or ""
    suggested = hint[hint.rindex(" text: ") + 1 :]
    meant = line.split(": ", 1)[1]
    assert yaml.safe_load(suggested) == {"text": meant}


ALARM_FILE = BROKEN_ALARM.replace("Warning: the bear", "Caf\u00e9")


@pytest.mark.parametrize(
    "raw",
    [
        ALARM_FILE.encode("utf-16"),
        ALARM_FILE.encode("utf-16") + b"\x00",  # an odd last byte: not UTF-16 either
        b"\xfe\xff" + ALARM_FILE.encode("utf-16-be").replace(b"\x00\xe9", b"\xdc\x00"),
        ALARM_FILE.encode("utf-32")[:-2],  # cut short
        ALARM_FILE.encode("utf-16-le") + b"\x00",  # no mark, odd last byte
        ALARM_FILE.encode("cp1252"),
        ALARM_FILE.encode("cp1252").replace(b"\xe9", b"\x81"),  # a byte cp1252 leaves out
    ],
    ids=[
        "utf-16",
        "utf-16 odd byte",
        "utf-16 lone surrogate",
        "utf-32 cut",
        "wide",
        "cp1252",
        "cp1252 undefined byte",
    ],
)
def test_a_mis_saved_file_still_defines_its_ids(make_pack, raw):
    """The ids of a file that is not UTF-8 are found in its text read as what it looks
    like, bytes that cannot be read even so replaced (yaml_errors.best_effort_text): the
    file's one error, and nothing unknown where other files name its scenes."""
    root = make_pack(
        story="format: 1\nid: t\ntitle: T\nstart: alarm\nvariables: {}\n",
        **{"a.yaml": ALARM.replace("visited(alarm) > 0", "true")},
    )
    (root / "z.yaml").write_bytes(raw)
    assert [(d.code, d.loc.path) for d in problems(root)] == [("E002", "z.yaml")]
