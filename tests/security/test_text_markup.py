"""Text is never markup: hostile titles, names, save names and messages are
drawn exactly as written in the Textual app, crash nothing and run nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList
from textual.widgets._toast import Toast

from game.engine.machine import Game
from game.engine.saves import slot_path, write_save
from game.paths import saves_dir
from game.story.loader import load_pack
from game.tui.app import LocusApp
from game.tui.launch import LaunchOptions
from game.tui.screens.codex import CodexScreen
from game.tui.screens.play import PlayScreen
from game.tui.screens.saves import SavesScreen
from tests.security.screen_probe import copy_mini, drawn_text, live_cells
from tests.tui.tui_helpers import wait_for

HOSTILE = [
    "[@click=app.quit]x[/]",
    "[@click=app.screenshot('x','/tmp/d')]shot[/]",
    "Zoe [/]",
    "my [/] save",
    "ends in [/]",
    "[link='https://example.org']site[/link]",
    "[bold",
    "[$accent]colour[/]",
]


def _app(root: Path, **launch: object) -> LocusApp:
    loaded = load_pack(root)
    assert loaded.story is not None, loaded.diagnostics
    app = LocusApp(root, loaded, LaunchOptions(**launch))  # type: ignore[arg-type]
    app.animation_level = "none"
    return app


def _toasts(app: LocusApp) -> str:
    return "\n".join(str(toast.render()) for toast in app.screen.query(Toast))


async def test_a_lesson_title_with_an_action_is_only_text(tmp_path: Path) -> None:
    """The issue's attack: clicking the welcome notice must not write a file."""
    target = tmp_path / "shots"
    target.mkdir()
    title = f"[@click=app.screenshot('important.txt','{target}')]Click here[/]"
    root = copy_mini(
        tmp_path, {"lessons/woods.yaml": ('"Lesson: Into the Woods"', json.dumps(title))}
    )
    app = _app(
        root, lesson="woods_lesson", student="[@click=app.quit]x[/]", results=str(tmp_path / "r.db")
    )
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen) and bool(_toasts(app)))
        shown = _toasts(app)
        assert title in shown and "[@click=app.quit]x[/]" in shown
        assert live_cells(app) == []
        for toast in app.screen.query(Toast):
            region = toast.region
            for x in range(region.x, region.right):
                await pilot.click(offset=(x, region.y + 2))
        await pilot.pause()
        assert app.is_running
    assert list(target.iterdir()) == []


@pytest.mark.parametrize("student", ["Zoe [/]", "[bold", "[link=x]y[/link]"])
async def test_student_names_are_only_text(tmp_path: Path, student: str) -> None:
    app = _app(MINI_ROOT, lesson="woods_lesson", student=student, results=str(tmp_path / "r.db"))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen) and bool(_toasts(app)))
        assert f"Welcome, {student}:" in _toasts(app)
        assert live_cells(app) == []


MINI_ROOT = Path(__file__).parent.parent / "packs" / "mini"


@pytest.mark.parametrize("name", ["my [/] save", "[@click=app.quit]q[/]", "[bold"])
async def test_save_names_are_only_text(name: str) -> None:
    """Typed into the Save screen, then listed by the Load screen."""
    app = _app(MINI_ROOT)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await pilot.press("n", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("s")
        await wait_for(pilot, lambda: isinstance(app.screen, SavesScreen))
        app.screen.query_one("#slot-name", Input).value = name
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen) and bool(_toasts(app)))
        assert f"Saved as “{name}”." in _toasts(app)
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, SavesScreen))
        assert name in drawn_text(app)
        assert live_cells(app) == []


async def test_a_save_named_by_an_editor_is_only_text() -> None:
    """A save file written elsewhere (a USB stick) with a hostile name."""
    loaded = load_pack(MINI_ROOT)
    assert loaded.story is not None
    game = Game.start(loaded.story)
    for name in HOSTILE:
        write_save(slot_path(saves_dir(), "mini", f"slot{HOSTILE.index(name)}"), game, name)
    app = _app(MINI_ROOT)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("l")
        await wait_for(pilot, lambda: isinstance(app.screen, SavesScreen))
        listing = app.screen.query_one("#slots", OptionList)
        shown = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        for name in HOSTILE:
            assert any(prompt.startswith(name + "\n") for prompt in shown), name
        assert live_cells(app) == []


async def test_a_failing_load_names_its_file_literally(tmp_path: Path) -> None:
    folder = tmp_path / "my [@click=app.quit]x["  # the path reads ...x[/] save.json
    folder.mkdir()
    bad = folder / "] save.json"
    bad.write_text("not json", encoding="utf-8")
    app = _app(MINI_ROOT, load=str(bad))
    async with app.run_test(size=(120, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: bool(_toasts(app)))
        assert "my [@click=app.quit]x[/] save.json" in _toasts(app).replace("\n", "")
        assert live_cells(app) == [] and app.is_running


@pytest.mark.parametrize("text", HOSTILE)
async def test_pack_text_is_drawn_as_written(tmp_path: Path, text: str) -> None:
    """Scene title, scene text, choice text, codex title and codex text."""
    quoted = json.dumps(text)
    root = copy_mini(
        tmp_path,
        {
            "intro.yaml": ("title: Welcome", f"title: {quoted}"),
            "story.yaml": ('"Mini: a test pack"', json.dumps("Mini " + text)),
        },
    )
    for old, new in [
        ("You stand at the edge of a forest.", quoted),
        ("Read about the brain", quoted),
        ("title: Locus coeruleus", f"title: {json.dumps('LC ' + text)}"),
        (
            "A small cluster of neurons in the pons that makes most of the brain's NE.",
            json.dumps("A small " + text),
        ),
    ]:
        path = root / "intro.yaml"
        source = path.read_text(encoding="utf-8")
        assert old in source
        path.write_text(source.replace(old, new, 1), encoding="utf-8")
    app = _app(root)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert "Mini " + text in drawn_text(app)
        await pilot.press("n", "enter")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        screen = drawn_text(app)
        assert screen.count(text) >= 3, screen  # title, paragraph, choice
        assert live_cells(app) == []
        await pilot.press("2")  # the library unlocks the codex entry
        await wait_for(pilot, lambda: "LC " + text in _toasts(app))
        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CodexScreen))
        screen = drawn_text(app)
        assert "LC " + text in screen and "A small " + text in screen
        listing = app.screen.query_one("#codex-list", OptionList)
        assert str(listing.get_option_at_index(0).prompt) == "LC " + text
        assert live_cells(app) == [] and app.is_running
