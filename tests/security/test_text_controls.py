"""No control character reaches a terminal: pack text holding one is a check
error at the escape that makes it, and every front end filters its output
again (template values, results databases, error messages, the TUI)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from game.classroom.session import open_lesson
from game.engine.saves import SaveSlot
from game.story.loader import load_pack
from game.story.printable import REPLACEMENT, find_controls, printable
from game.story.templates import parse_template
from game.tui.app import LocusApp
from game.tui.launch import LaunchOptions
from game.tui.screens.saves import slot_prompt
from tests.security.hostile_pack import SCENE, STORY, locus, quoted, write_pack
from tests.security.screen_probe import drawn_text
from tests.tui.tui_helpers import wait_for

FAKE = "\x1b[1A\x1b[2KFake line: 'Correct! You passed.'"


@pytest.mark.parametrize(
    ("where", "text"),
    [
        ("scene text", FAKE),
        ("a bell", "ding\x07"),
        ("a C1 control", "csi \x9b2J"),
        ("carriage return", "over\rwrite"),
        ("delete", "rub\x7fout"),
    ],
)
def test_control_characters_in_pack_text_are_a_check_error(
    tmp_path: Path, where: str, text: str
) -> None:
    scene = SCENE.replace("text: Hello.", f"text: {quoted('ok ' + text)}")
    root = write_pack(tmp_path / "p", **{"a.yaml": scene})
    column = 11 + len(quoted("ok " + text[: next(find_controls(text))])) - 1
    for args in (("check", str(root)), ("play", "--plain", str(root))):
        run = locus(*args)
        assert run.code == 1
        assert f"a.yaml:4:{column}: error E007:" in run.both, (where, run.both)
        assert "== A ==" not in run.out  # the game did not start


def test_every_text_field_is_checked(tmp_path: Path) -> None:
    """Titles, choices, hints, quizzes, codex, story.yaml, lessons."""
    bad = quoted("x\x1b[2J")
    story = STORY.replace("title: Test", f"title: {bad}") + f"objectives:\n  o: {bad}\n"
    scene = f"""\
scenes:
  a:
    title: {bad}
    text: Fine.
    quiz:
      question: {bad}
      objective: o
      options:
        - {{text: {bad}, correct: true, feedback: {bad}}}
        - {{text: No}}
    next: b
  b:
    title: B
    text: Fine.
    choices:
      - {{text: {bad}, goto: c, enabled_if: "n > 5", hint: {bad}}}
      - {{text: Go, goto: c}}
  c:
    title: C
    text: Fine.
    ending: {{kind: good, summary: {bad}}}
codex:
  e: {{title: {bad}, text: {bad}}}
"""
    lesson = f"id: l\ntitle: {bad}\nstorylines: []\nobjectives: [o]\npass_mark: 50\n"
    root = write_pack(tmp_path / "p", story, **{"a.yaml": scene, "lessons__l.yaml": lesson})
    run = locus("check", str(root))
    assert run.code == 1
    places = [line.split(": error")[0] for line in run.out.splitlines() if "E007" in line]
    assert len(places) == 12, run.out
    assert any("lessons/l.yaml:2:" in place for place in places)


def test_diagnostics_quoting_a_control_character_print_none(tmp_path: Path) -> None:
    """An id is quoted in its error message: as text and as JSON, safely."""
    scene = SCENE.replace("  a:\n", '  "a\\x9b\\x1b":\n')
    root = write_pack(tmp_path / "p", **{"a.yaml": scene})
    for args in (("check", str(root)), ("check", "--format", "json", str(root))):
        run = locus(*args)
        assert run.code == 1 and "E014" in run.out
        assert "\x9b" not in run.out


def test_control_characters_in_art_are_a_check_error(tmp_path: Path) -> None:
    scene = SCENE.replace("text: Hello.", "text: Hello.\n    art: a.txt")
    root = write_pack(tmp_path / "p", **{"a.yaml": scene, "assets__a.txt": "tree\n  \x1b[2J\n"})
    run = locus("check", str(root))
    assert run.code == 1 and "assets/a.txt:2:3: error E007" in run.out


class Context:
    """What a template can see: here, a value holding an escape sequence
    (as a save edited by hand could make a string variable hold)."""

    def lookup(self, name: str) -> object:
        return {"word": FAKE, "code": 27}[name]

    def call(self, function: str, args: tuple[object, ...]) -> object:
        raise AssertionError(function)


def test_template_output_is_filtered() -> None:
    rendered = parse_template("Say ${word}!").render(Context())  # type: ignore[arg-type]
    assert "\x1b" not in rendered and rendered == f"Say {printable(FAKE)}!"
    assert rendered.count(REPLACEMENT) == 2


def test_printable_keeps_layout_and_replaces_the_rest() -> None:
    assert printable("a\tb\nc") == "a\tb\nc"
    assert printable("é 🙂 \u200b ش") == "é 🙂 \u200b ش"
    assert printable("\x00\x1b\x7f\x85\x9f\ud800") == REPLACEMENT * 6


def _results_with_a_tampered_row(tmp_path: Path) -> Path:
    pack = Path(__file__).parent.parent / "packs" / "mini"
    loaded = load_pack(pack)
    assert loaded.story is not None
    results = tmp_path / "results.db"
    open_lesson(loaded.story, "woods_lesson", "Eve", str(results)).close()
    with sqlite3.connect(results) as db:
        db.execute("UPDATE sessions SET student = ?", (FAKE,))
        db.execute("UPDATE lessons SET title = ?", ("Title \x1b]0;owned\x07",))
    return results


def test_the_report_filters_what_the_database_holds(tmp_path: Path) -> None:
    results = _results_with_a_tampered_row(tmp_path)
    table = locus("report", "--results", str(results))
    assert table.code == 0 and "Fake line" in table.out
    csv = locus("report", "--results", str(results), "--csv", "-")
    assert csv.code == 0 and "Fake line" in csv.out
    target = tmp_path / "out.csv"
    assert locus("report", "--results", str(results), "--csv", str(target)).code == 0
    written = target.read_text(encoding="utf-8-sig")
    assert "Fake line" in written and "\x1b" not in written and "\x07" not in written


def test_a_save_edited_to_hold_control_characters_is_listed_safely() -> None:
    pack = Path(__file__).parent.parent / "packs" / "mini"
    loaded = load_pack(pack)
    assert loaded.story is not None
    slot = SaveSlot(FAKE, Path("x.json"), "no\x1b[2Jwhere", 0.0)
    prompt = slot_prompt(slot, loaded.story).plain
    assert "Fake line" in prompt and "where" in prompt
    assert not any(True for _ in find_controls(prompt.replace("\n", "")))


async def test_the_tui_never_draws_a_control_character(tmp_path: Path) -> None:
    """A pack that fails with E007 (the diagnostics quote the source line),
    then a notification carrying one."""
    scene = SCENE.replace("text: Hello.", f"text: {quoted(FAKE)}")
    root = write_pack(tmp_path / "p", **{"a.yaml": scene})
    loaded = load_pack(root)
    assert loaded.story is None
    app = LocusApp(root, loaded, LaunchOptions(watch=True))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: "E007" in drawn_text(app))
        app.notify(FAKE, title="\x1b[31mred")
        await wait_for(pilot, lambda: bool(app.screen.query(Toast)))
        shown = drawn_text(app)
        assert "Fake line" in shown
        assert not any(True for _ in find_controls(shown))
