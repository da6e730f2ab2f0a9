"""The controller (game/tui/controller.py) without a terminal: it owns the
story, the playthrough and the lesson, tells the app what changed through
``publish`` and what to say through ``report``."""

from __future__ import annotations

from pathlib import Path

from game.playthrough import Playthrough, StartOptions
from game.story.loader import load_pack
from game.tui.controller import Controller
from game.tui.launch import LaunchOptions
from game.tui.notice import Notice
from game.tui.profile_keeper import ProfileKeeper
from tests.tui.tui_helpers import MINI


class Seen:
    """What the controller published and reported, in order."""

    def __init__(self) -> None:
        self.published: list[Playthrough | None] = []
        self.notices: list[Notice] = []


def controller(root: Path = MINI, **launch: object) -> tuple[Controller, Seen]:
    story = load_pack(root, for_play=True).story
    assert story is not None
    seen = Seen()
    made = Controller(
        story,
        LaunchOptions(**launch),  # type: ignore[arg-type]
        ProfileKeeper(),
        seen.published.append,
        seen.notices.append,
    )
    return made, seen


def test_a_new_game_is_published_and_recorded_in_the_profile() -> None:
    made, seen = controller()
    assert made.start(StartOptions())
    run = made.playthrough
    assert run is not None and seen.published == [run]
    best = made.keeper.profile.progress("mini").best_xp  # what the start is worth, recorded
    assert best and made.lasting_xp() == made.run_xp() == max(best.values())
    assert not made.start(StartOptions(storyline="nowhere"))
    assert seen.notices[-1].title == "Cannot start" and made.playthrough is run


def test_save_load_and_undo() -> None:
    made, seen = controller()
    made.start(StartOptions())
    run = made.playthrough
    assert run is not None
    run.act(1)
    assert made.save("before the bear")
    assert seen.notices[-1].message == "Saved as “before the bear”."
    run.act(1)
    assert made.undo() and seen.published[-1] is run
    assert made.load(run.slot("before the bear"))
    loaded = made.playthrough
    assert loaded is not run and loaded is not None and loaded.game.state.scene == "trail"
    assert not made.load(run.slot("no such save"))
    assert seen.notices[-1].title == "Cannot load"


def test_an_edited_pack_is_replayed_and_said(pack_copy: Path) -> None:
    made, seen = controller(pack_copy)
    made.start(StartOptions())
    assert made.playthrough is not None
    made.playthrough.act(1)
    trail = pack_copy / "woods" / "trail.yaml"
    trail.write_text(trail.read_text(encoding="utf-8").replace("The Bear", "The Boar"))
    edited = load_pack(pack_copy, for_play=True).story
    assert edited is not None
    made.reload(edited)
    assert made.story is edited and seen.published[-1] is made.playthrough
    assert seen.notices[-1] == Notice("Replayed 1 of 1 steps.", "Pack reloaded", "information")


def test_the_codex_and_the_autosave_path_come_from_the_profile_and_the_disk() -> None:
    made, _ = controller()
    assert made.autosave_path() is None and made.codex_ids() == ()
    made.start(StartOptions())
    assert made.playthrough is not None
    assert made.write_autosave(made.playthrough) == ()
    assert made.autosave_path() is not None
