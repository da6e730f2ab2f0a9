"""Property: random text from a hostile alphabet, put into every string field
of a small pack, is either refused by the check (it holds a control
character) or shown exactly as written, in plain mode and in the TUI; scene
and codex text lose only their Locus styles."""

from __future__ import annotations

import asyncio
import io
import tempfile
from argparse import Namespace
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from game.plain import play_plain
from game.story.loader import load_pack
from game.story.printable import find_controls
from game.story.styles import plain_text
from game.tui.app import LocusApp
from game.tui.launch import LaunchOptions
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.history import HistoryScreen
from game.tui.screens.play import PlayScreen
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.story_text import StoryText
from tests.security.hostile_pack import STORY, quoted, write_pack
from tests.security.screen_probe import drawn_text, live_cells
from tests.tui.tui_helpers import log_text, wait_for

PIECES = [
    *"[]@=/ x",
    "[/]",
    "[bold]",
    "[/bold]",
    "[@click=app.quit]",
    "[link=https://example.org]",
    "\u0301",  # combining acute
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
]
CONTROLS = ["\x1b", "\x07", "\x9b", "\r", "\x00"]
FIELDS = ("scene_title", "text", "choice", "locked", "hint", "end_title", "end_text", "summary")
FIELDS += ("codex_title", "codex_text")


def hostile(controls: bool) -> st.SearchStrategy[str]:
    pieces = PIECES + CONTROLS if controls else PIECES
    return st.lists(st.sampled_from(pieces), max_size=12).map(lambda p: "x" + "".join(p))


def texts(controls: bool) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries({field: hostile(controls) for field in FIELDS})


def _pack(root: Path, t: dict[str, str]) -> Path:
    q = {field: quoted(value) for field, value in t.items()}
    scenes = f"""\
scenes:
  a:
    title: {q["scene_title"]}
    text: {q["text"]}
    choices:
      - {{text: {q["choice"]}, goto: b}}
      - {{text: {q["locked"]}, goto: b, enabled_if: "n > 5", hint: {q["hint"]}}}
  b:
    title: {q["end_title"]}
    text: {q["end_text"]}
    on_enter:
      - codex: e
      - add: {{n: 1}}
    ending: {{kind: good, summary: {q["summary"]}}}
codex:
  e: {{title: {q["codex_title"]}, text: {q["codex_text"]}}}
"""
    return write_pack(root, STORY, **{"a.yaml": scenes})


def _expected(t: dict[str, str]) -> dict[str, str]:
    """What each field shows: styles gone from scene and codex text only."""
    shown = dict(t)
    for field in ("text", "end_text", "codex_text"):
        shown[field] = plain_text(t[field]).strip()
    return shown


@settings(max_examples=25, deadline=None)
@given(texts(controls=True))
def test_control_characters_anywhere_are_refused(t: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        loaded = load_pack(_pack(Path(folder) / "p", t))
    bad = sum(any(True for _ in find_controls(v)) for v in t.values())
    e007 = [d for d in loaded.diagnostics if d.code == "E007"]
    assert len(e007) == bad
    assert (loaded.story is None) == (bad > 0)


@settings(max_examples=40, deadline=None)
@given(texts(controls=False))
def test_plain_mode_shows_every_field_as_written(t: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        loaded = load_pack(_pack(Path(folder) / "p", t))
    assert loaded.story is not None, loaded.diagnostics
    out = io.StringIO()
    args = Namespace(load=None, seed=0, storyline=None, start=None)
    assert play_plain(loaded.story, args, io.StringIO("1\n"), out) == 0
    printed = out.getvalue()
    shown = _expected(t)
    for field in FIELDS:
        if field != "codex_text":  # plain mode has no codex reader
            assert shown[field] in printed, (field, shown[field], printed)


def _flat(text: str) -> str:
    """Text without line breaks and spaces: the TUI wraps to its width."""
    return "".join(text.split())


async def _tui_shows(root: Path, t: dict[str, str]) -> None:
    shown = {field: _flat(value) for field, value in _expected(t).items()}
    app = LocusApp(root, load_pack(root), LaunchOptions(start="a"))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        story = _flat(app.screen.query_one(StoryText).text(110).plain)
        choices = app.screen.query_one(ChoiceList)
        prompts = _flat(
            "".join(str(choices.get_option_at_index(i).prompt) for i in range(choices.option_count))
        )
        assert shown["scene_title"] in story and shown["text"] in story
        assert shown["choice"] in prompts and shown["locked"] in prompts
        assert shown["hint"] in prompts
        assert live_cells(app) == []
        await pilot.press("1")
        await wait_for(pilot, lambda: shown["codex_title"] in _flat(log_text(app)))
        story = _flat(app.screen.query_one(StoryText).text(110).plain)
        assert shown["end_title"] in story and shown["end_text"] in story
        assert shown["summary"] in story
        assert live_cells(app) == [] and app.is_running
        await pilot.press("h")
        await wait_for(pilot, lambda: isinstance(app.screen, HistoryScreen))
        assert shown["choice"] in _flat(drawn_text(app)) and live_cells(app) == []
        await pilot.press("escape")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await pilot.press("d")
        await wait_for(pilot, lambda: isinstance(app.screen, DebriefScreen))
        debrief = _flat(drawn_text(app))
        assert shown["end_title"] in debrief and shown["summary"] in debrief
        assert live_cells(app) == [] and app.is_running


@settings(max_examples=6, deadline=None)
@given(texts(controls=False))
def test_the_tui_shows_every_field_as_written(t: dict[str, str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(_tui_shows(_pack(Path(folder) / "p", t), t))
