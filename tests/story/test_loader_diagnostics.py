"""One test per diagnostic code, each asserting the line and column reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story.diagnostics import CODES, Diagnostic
from game.story.loader import load_pack

GOOD = """\
scenes:
  a:
    title: A
    text: Hello
    choices:
      - text: Go
        goto: b
  b:
    title: B
    text: End
    ending: {kind: good, summary: Done}
"""


def diagnostics(root: Path) -> list[Diagnostic]:
    return list(load_pack(root).diagnostics)


def only(root: Path, code: str) -> Diagnostic:
    found = diagnostics(root)
    matching = [d for d in found if d.code == code]
    assert matching, f"expected {code}, got {[(d.code, d.message) for d in found]}"
    return matching[0]


def at(d: Diagnostic) -> tuple[str, int, int]:
    return (d.loc.path, d.loc.line, d.loc.col)


def test_good_pack_loads(make_pack):
    result = load_pack(make_pack(**{"s.yaml": GOOD}))
    assert result.ok, result.diagnostics
    assert result.diagnostics == ()
    assert set(result.story.scenes) == {"a", "b"}


def test_e001_yaml_syntax(make_pack):
    d = only(make_pack(**{"s.yaml": "scenes:\n  a: [1, 2\n"}), "E001")
    # The line of the mistake (the unclosed [), not where libyaml gave up.
    assert at(d) == ("s.yaml", 2, 6)


def test_e002_not_utf8(make_pack):
    root = make_pack(**{"s.yaml": GOOD})
    (root / "bad.yaml").write_bytes(b"scenes:\n  x:\n    title: caf\xe9\n")
    d = only(root, "E002")
    assert at(d) == ("bad.yaml", 3, 15)


def test_e003_file_too_large(make_pack):
    root = make_pack(**{"s.yaml": GOOD})
    with (root / "big.yaml").open("wb") as handle:
        handle.write(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    d = only(root, "E003")
    assert d.loc.path == "big.yaml"


def test_e004_python_tag(make_pack):
    root = make_pack(
        **{"s.yaml": GOOD + "codex:\n  c:\n    title: !!python/object:os.system x\n    text: y\n"}
    )
    d = only(root, "E004")
    assert at(d) == ("s.yaml", 14, 12)


def alias_bomb(scenes: int = 120) -> str:
    """One file whose anchors and aliases multiply what the loader walks: every
    scene shares a list of nine choices, each sharing a list of nine effects
    (anchors do not cross files, so the bomb must live in one file)."""
    effects = ", ".join(["*ef"] * 9)
    choices = ", ".join(["*ch"] * 9)
    lines = [
        "scenes:",
        "  s0:",
        "    title: S",
        "    text: T",
        "    on_enter: [&ef {add: {courage: 1}}]",
        f"    choices: &c [&ch {{text: go, goto: s0, effects: &e [{effects}]}}, {choices}]",
    ]
    lines += [f"  s{i}: {{title: S, text: T, choices: *c}}" for i in range(1, scenes)]
    return "\n".join(lines) + "\n"


def test_e005_alias_bomb(make_pack):
    root = make_pack(**{"s.yaml": GOOD, "bomb.yaml": alias_bomb()})
    found = diagnostics(root)
    # Only the alias budget speaks: the bomb is otherwise a valid file.
    assert [d.code for d in found] == ["E005"], found
    # reported at the shared node whose visit crossed the budget
    assert at(found[0]) == ("bomb.yaml", 5, 26)
    assert load_pack(root).story is None


def test_alias_bomb_below_the_budget_loads(make_pack):
    """The same shape, small: aliases themselves are allowed."""
    result = load_pack(make_pack(**{"s.yaml": GOOD, "bomb.yaml": alias_bomb(scenes=3)}))
    assert result.ok, result.diagnostics
    assert len(result.story.scenes["s2"].choices) == 10


def test_e005_alias_revisits_budget(make_pack):
    body = [
        "scenes:",
        "  s0:",
        "    title: S",
        "    text: &t T",
        "    choices: &c",
        "      - {text: go, goto: s0}",
    ]
    for i in range(1, 20001):
        body.append(f"  s{i}: {{title: S, text: *t, choices: *c}}")
    root = make_pack(**{"s.yaml": GOOD, "many.yaml": "\n".join(body) + "\n"})
    d = only(root, "E005")
    assert d.loc.path == "many.yaml"


def test_e010_unknown_key_with_suggestion(make_pack):
    text = GOOD.replace("    title: A\n", "    title: A\n    tittle: X\n")
    d = only(make_pack(**{"s.yaml": text}), "E010")
    assert at(d) == ("s.yaml", 4, 5)
    assert d.hint == "did you mean 'title'?"


def test_e011_wrong_type(make_pack):
    text = GOOD.replace("    text: Hello\n", "    text: {a: 1}\n")
    d = only(make_pack(**{"s.yaml": text}), "E011")
    assert at(d) == ("s.yaml", 4, 11)


def test_e012_missing_required_key(make_pack):
    text = GOOD.replace("    title: A\n", "")
    d = only(make_pack(**{"s.yaml": text}), "E012")
    assert at(d) == ("s.yaml", 3, 5)
    assert "title" in d.message


def test_e013_duplicate_id_across_files(make_pack):
    other = "scenes:\n  b:\n    title: B2\n    text: x\n    ending: {kind: bad, summary: s}\n"
    d = only(make_pack(**{"s.yaml": GOOD, "t.yaml": other}), "E013")
    assert at(d) == ("t.yaml", 2, 3)
    assert "s.yaml:8:3" in (d.hint or "")


def test_e014_invalid_id(make_pack):
    text = GOOD.replace("  b:\n", "  Bad-Id:\n").replace("goto: b", "goto: a")
    d = only(make_pack(**{"s.yaml": text}), "E014")
    assert at(d) == ("s.yaml", 8, 3)


def test_e015_duplicate_key(make_pack):
    text = GOOD.replace("    title: A\n", "    title: A\n    title: A2\n")
    d = only(make_pack(**{"s.yaml": text}), "E015")
    assert at(d) == ("s.yaml", 4, 5)


def test_e016_format_version(make_pack):
    from tests.conftest import BASE_STORY

    d = only(
        make_pack(story=BASE_STORY.replace("format: 1", "format: 2"), **{"s.yaml": GOOD}), "E016"
    )
    assert at(d) == ("story.yaml", 1, 9)


def test_e017_out_of_range(make_pack):
    text = GOOD.replace(
        "    text: Hello\n", "    text: Hello\n    on_enter:\n      - body: {threat: 1.5}\n"
    )
    d = only(make_pack(**{"s.yaml": text}), "E017")
    assert at(d) == ("s.yaml", 6, 24)


def test_e020_unknown_scene_with_suggestion(make_pack):
    text = GOOD.replace("goto: b", "goto: bb")
    d = only(make_pack(**{"s.yaml": text}), "E020")
    assert at(d) == ("s.yaml", 7, 15)
    assert d.hint == "did you mean 'b'?"


def test_e021_unknown_variable(make_pack):
    text = GOOD.replace(
        "        goto: b\n", "        goto: b\n        effects:\n          - set: {couarge: 1}\n"
    )
    d = only(make_pack(**{"s.yaml": text}), "E021")
    assert at(d) == ("s.yaml", 9, 19)
    assert d.hint == "did you mean 'courage'?"


def test_e022_unknown_objective(make_pack):
    text = GOOD.replace("    title: A\n", "    title: A\n    teaches: [objx]\n")
    d = only(make_pack(**{"s.yaml": text}), "E022")
    assert at(d) == ("s.yaml", 4, 15)


def test_e023_unknown_codex(make_pack):
    text = GOOD.replace("    title: A\n", "    title: A\n    on_enter:\n      - codex: nope\n")
    d = only(make_pack(**{"s.yaml": text}), "E023")
    assert at(d) == ("s.yaml", 5, 16)


def test_e024_unknown_badge(make_pack):
    text = GOOD.replace("    title: A\n", "    title: A\n    on_enter:\n      - badge: bravee\n")
    d = only(make_pack(**{"s.yaml": text}), "E024")
    assert at(d) == ("s.yaml", 5, 16)
    assert d.hint == "did you mean 'brave'?"


def test_e025_unknown_condition(make_pack):
    text = GOOD.replace(
        "    title: A\n", "    title: A\n    on_enter:\n      - condition: {add: parkinson}\n"
    )
    d = only(make_pack(**{"s.yaml": text}), "E025")
    assert at(d) == ("s.yaml", 5, 26)
    assert d.hint == "did you mean 'parkinsons'?"


def test_e026_unknown_medication(make_pack):
    text = GOOD.replace(
        "    title: A\n", "    title: A\n    on_enter:\n      - medication: {start: snr}\n"
    )
    d = only(make_pack(**{"s.yaml": text}), "E026")
    assert at(d) == ("s.yaml", 5, 29)


def test_e027_missing_asset(make_pack):
    text = GOOD.replace("    title: A\n", "    title: A\n    art: bear.txt\n")
    d = only(make_pack(**{"s.yaml": text}), "E027")
    assert at(d) == ("s.yaml", 4, 10)


def test_e028_unknown_storyline_in_lesson(make_pack):
    lesson = "id: l1\ntitle: L\nstorylines: [lin]\nobjectives: [obj]\n"
    d = only(make_pack(**{"s.yaml": GOOD, "lessons__l.yaml": lesson}), "E028")
    assert at(d) == ("lessons/l.yaml", 3, 14)


def test_e029_unknown_body_input(make_pack):
    text = GOOD.replace("    title: A\n", "    title: A\n    on_enter:\n      - body: {thret: 1}\n")
    d = only(make_pack(**{"s.yaml": text}), "E029")
    assert at(d) == ("s.yaml", 5, 16)
    assert d.hint == "did you mean 'threat'?"


def test_e030_bad_duration(make_pack):
    text = GOOD.replace("    title: A\n", "    title: A\n    time: 5 minutes\n")
    d = only(make_pack(**{"s.yaml": text}), "E030")
    assert at(d) == ("s.yaml", 4, 11)
    bare = GOOD.replace("    title: A\n", "    title: A\n    time: 5\n")
    d = only(make_pack(**{"s.yaml": bare}), "E030")
    assert "5s" in (d.hint or "")


QUIZ = """\
  q:
    title: Q
    text: Question time.
    quiz:
      question: Why?
      objective: obj
      options:
        - {text: one, correct: true}
        - {text: two, correct: true}
    next: b
"""


def test_e031_quiz_needs_one_correct(make_pack):
    d = only(make_pack(**{"s.yaml": GOOD + QUIZ}), "E031")
    assert at(d) == ("s.yaml", 19, 9)


def test_e032_route_without_fallback(make_pack):
    text = GOOD.replace("        goto: b\n", "        goto:\n          - {if: flag, to: b}\n")
    d = only(make_pack(**{"s.yaml": text}), "E032")
    assert at(d) == ("s.yaml", 8, 14)


def test_e033_two_of_choices_next_ending(make_pack):
    text = GOOD.replace(
        "    ending: {kind: good, summary: Done}\n",
        "    next: a\n    ending: {kind: good, summary: Done}\n",
    )
    d = only(make_pack(**{"s.yaml": text}), "E033")
    assert at(d) == ("s.yaml", 12, 5)


def test_e034_no_choices_next_or_ending(make_pack):
    text = GOOD.replace("    ending: {kind: good, summary: Done}\n", "")
    d = only(make_pack(**{"s.yaml": text}), "E034")
    assert at(d) == ("s.yaml", 8, 3)


def test_e035_quiz_without_next(make_pack):
    d = only(make_pack(**{"s.yaml": GOOD + QUIZ.replace("    next: b\n", "")}), "E035")
    assert at(d) == ("s.yaml", 12, 3)


def test_e036_wrong_number_of_options(make_pack):
    quiz = QUIZ.replace("        - {text: two, correct: true}\n", "")
    d = only(make_pack(**{"s.yaml": GOOD + quiz}), "E036")
    assert at(d) == ("s.yaml", 19, 9)


def test_e037_effect_shape(make_pack):
    text = GOOD.replace(
        "    title: A\n", "    title: A\n    on_enter:\n      - {score: 1, badge: brave}\n"
    )
    d = only(make_pack(**{"s.yaml": text}), "E037")
    assert at(d) == ("s.yaml", 5, 9)


def test_e038_variable_type(make_pack):
    text = GOOD.replace("    title: A\n", "    title: A\n    on_enter:\n      - set: {flag: 3}\n")
    d = only(make_pack(**{"s.yaml": text}), "E038")
    assert at(d) == ("s.yaml", 5, 21)
    text = GOOD.replace(
        "    title: A\n", "    title: A\n    on_enter:\n      - add: {courage: 0.5}\n"
    )
    assert only(make_pack(**{"s.yaml": text}), "E038").hint


def test_e039_empty_choices(make_pack):
    text = GOOD.replace("    choices:\n      - text: Go\n        goto: b\n", "    choices: []\n")
    d = only(make_pack(**{"s.yaml": text}), "E039")
    assert at(d) == ("s.yaml", 5, 14)


def test_e040_expression_syntax(make_pack):
    text = GOOD.replace("        goto: b\n", '        goto: b\n        if: "courage >"\n')
    d = only(make_pack(**{"s.yaml": text}), "E040")
    assert d.loc.path == "s.yaml" and d.loc.line == 8
    assert d.loc.col >= 13


def test_e041_expression_unknown_name_and_type(make_pack):
    text = GOOD.replace("        goto: b\n", '        goto: b\n        if: "courag > 1"\n')
    d = only(make_pack(**{"s.yaml": text}), "E041")
    assert at(d) == ("s.yaml", 8, 14)
    assert "courage" in (d.hint or "")
    typed = GOOD.replace(
        "        goto: b\n", '        goto: b\n        enabled_if: "courage + 1"\n'
    )
    assert only(make_pack(**{"s.yaml": typed}), "E041")
    body = GOOD.replace("    text: Hello\n", '    text: "Pulse ${body.hart_rate}"\n')
    d = only(make_pack(**{"s.yaml": body}), "E041")
    assert at(d) == ("s.yaml", 4, 20)


def test_e041_unknown_scene_in_visited(make_pack):
    text = GOOD.replace("        goto: b\n", '        goto: b\n        if: "visited(bb) > 0"\n')
    d = only(make_pack(**{"s.yaml": text}), "E041")
    assert "bb" in d.message


def test_e042_template_syntax(make_pack):
    text = GOOD.replace("    text: Hello\n", '    text: "Hello ${courage"\n')
    d = only(make_pack(**{"s.yaml": text}), "E042")
    assert d.loc.line == 4


def test_e043_no_story_yaml(tmp_path):
    d = only(tmp_path, "E043")
    assert d.loc.line == 0


def test_e044_empty_route(make_pack):
    text = GOOD.replace("        goto: b\n", "        goto: []\n")
    d = only(make_pack(**{"s.yaml": text}), "E044")
    assert at(d) == ("s.yaml", 7, 15)


def test_e050_bad_walkthrough_step(make_pack):
    test = "name: t\nsteps:\n  - choose: 0\n  - {expect: {body: {heart_rate: '> x'}}}\n"
    root = make_pack(**{"s.yaml": GOOD, "tests__t.yaml": test})
    found = [d for d in diagnostics(root) if d.code == "E050"]
    assert [at(d) for d in found] == [("tests/t.yaml", 3, 13), ("tests/t.yaml", 4, 34)]


def test_e051_lesson_without_storylines(make_pack):
    lesson = "id: l1\ntitle: L\nstorylines: []\nobjectives: [obj]\n"
    d = only(make_pack(**{"s.yaml": GOOD, "lessons__l.yaml": lesson}), "E051")
    assert at(d) == ("lessons/l.yaml", 3, 13)


def test_w002_empty_content_file(make_pack):
    d = only(make_pack(**{"s.yaml": GOOD, "empty.yaml": "{}\n"}), "W002")
    assert d.loc.path == "empty.yaml"
    assert load_pack(make_pack(**{"s.yaml": GOOD, "empty.yaml": "{}\n"})).ok


def test_every_code_is_documented():
    assert all(code[0] in "EW" and len(code) == 4 for code in CODES)


def test_collects_many_errors_in_one_pass(make_pack):
    text = GOOD.replace("goto: b", "goto: nowhere").replace(
        "    title: A\n", "    title: A\n    tittle: B\n"
    )
    other = "scenes:\n  c:\n    title: C\n    text: x\n    ending: {kind: grand, summary: s}\n"
    codes = {d.code for d in diagnostics(make_pack(**{"s.yaml": text, "c.yaml": other}))}
    assert {"E020", "E010", "E011"} <= codes


def test_ignored_files(make_pack):
    root = make_pack(
        **{
            "s.yaml": GOOD,
            "_draft.yaml": "garbage: [",
            ".hidden.yaml": "x: [",
            "_wip__z.yaml": "y: [",
        }
    )
    assert load_pack(root).ok


@pytest.mark.parametrize("code", ["E020", "E010"])
def test_format_text_shows_source_line_and_caret(make_pack, code):
    from game.story.diagnostics import format_text

    text = GOOD.replace("goto: b", "goto: bb").replace(
        "    title: A\n", "    title: A\n    tittle: X\n"
    )
    root = make_pack(**{"s.yaml": text})
    d = only(root, code)
    shown = format_text(d, root)
    first, source, caret = shown.splitlines()[:3]
    assert first.startswith(f"{root / 's.yaml'}:{d.loc.line}:{d.loc.col}: error {code}:")
    assert caret.index("^") == source.index("|") + 2 + d.loc.col - 1
