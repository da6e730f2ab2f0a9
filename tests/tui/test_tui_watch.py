"""`locus play PACK --watch`: edits reload the pack and replay the choices;
a broken pack shows its diagnostics in the app; fixing it resumes play."""

from __future__ import annotations

import os
from pathlib import Path

from game.story.loader import load_pack
from game.tui.playthrough import Playthrough, StartOptions, actions_of
from game.tui.screens.diagnostics import DiagnosticsScreen
from game.tui.screens.play import PlayScreen
from game.tui.watch import PackWatcher
from tests.tui.tui_helpers import MINI, build_app, scene_text, start_whole_story, text_of, wait_for


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


async def test_edit_reloads_and_replays_then_diagnostics_then_resume(pack_copy: Path) -> None:
    app = build_app(pack_copy, watch=True)
    app.WATCH_INTERVAL = 0.05
    trail = pack_copy / "woods" / "trail.yaml"
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await start_whole_story(pilot)
        await pilot.press("1", "1")  # intro → trail → bear
        await pilot.pause()
        assert app.playthrough is not None

        edit(trail, "A bear rises on its hind legs.", "A huge bear rises on its hind legs.")
        await wait_for(pilot, lambda: "A huge bear" in scene_text(app))
        assert app.playthrough.game.state.scene == "bear"
        assert len(app.playthrough.game.steps) == 3  # both choices were replayed
        assert any("Replayed 2 of 2" in n.message for n in app._notifications)

        edit(trail, "title: The Bear", "title: [The Bear")  # broken YAML
        await wait_for(pilot, lambda: isinstance(app.screen, DiagnosticsScreen))
        shown = text_of(app, "#diagnostics-text")
        assert "does not load" in shown and "trail.yaml:" in shown

        edit(trail, "title: [The Bear", "title: The Big Bear")
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        await wait_for(pilot, lambda: "The Big Bear" in scene_text(app))
        assert app.playthrough.game.state.scene == "bear"
        await pilot.press("1")  # play goes on
        await pilot.pause()
        assert app.playthrough.game.state.scene == "check"


async def test_a_pack_broken_at_launch_opens_on_its_diagnostics(pack_copy: Path) -> None:
    story = pack_copy / "story.yaml"
    good = story.read_text(encoding="utf-8")
    story.write_text(good.replace("start: intro", "start: nowhere"), encoding="utf-8")
    app = build_app(pack_copy, watch=True)
    app.WATCH_INTERVAL = 0.05
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, DiagnosticsScreen))
        assert "nowhere" in text_of(app, "#diagnostics-text")
        story.write_text(good, encoding="utf-8")
        await wait_for(pilot, lambda: not isinstance(app.screen, DiagnosticsScreen))
        assert app.story is not None
        await start_whole_story(pilot)


def test_replay_stops_where_the_edited_pack_no_longer_fits(pack_copy: Path) -> None:
    story = load_pack(pack_copy).story
    assert story is not None
    run = Playthrough.begin(story, StartOptions())
    run.act(1)  # trail
    run.act(1)  # bear
    run.act(1)  # back away → check
    assert [a.text for a in actions_of(run.game)] == [
        "Walk into the woods",
        "Take the shortcut",
        "Back away slowly",
    ]
    edit(pack_copy / "woods" / "trail.yaml", "Back away slowly", "Retreat")
    edit(pack_copy / "woods" / "trail.yaml", "goto: check\n", "goto: hill\n")
    report = run.reload(load_pack(pack_copy).story)  # type: ignore[arg-type]
    # "Retreat" is found by its position, and now leads to the hill.
    assert report.complete and run.game.state.scene == "hill"
    edit(pack_copy / "intro.yaml", "Walk into the woods", "Go for a walk")
    edit(pack_copy / "intro.yaml", "goto: trail", "goto: library")
    report = run.reload(load_pack(pack_copy).story)  # type: ignore[arg-type]
    assert report.replayed == 1 and not report.complete
    assert report.stopped_at is not None and "Take the shortcut" in report.stopped_at


def test_reload_keeps_the_storyline_it_was_started_with() -> None:
    story = load_pack(MINI).story
    assert story is not None
    run = Playthrough.begin(story, StartOptions(seed=3, storyline="woods"))
    run.act(1)
    report = run.reload(story)
    assert report.complete
    assert run.game.state.storyline == "woods" and run.game.state.scene == "bear"


def test_watcher_sees_added_changed_and_removed_files(pack_copy: Path) -> None:
    watcher = PackWatcher(pack_copy)
    assert not watcher.changed()
    extra = pack_copy / "extra.yaml"
    extra.write_text("scenes: {}\n", encoding="utf-8")
    assert watcher.changed()
    assert not watcher.changed()
    # An edit that keeps the size, as fixing a typo often does: only the
    # modification time tells (set a second later, for coarse file systems).
    trail = pack_copy / "woods" / "trail.yaml"
    before = trail.stat()
    edit(trail, "The Bear", "The Boar")
    os.utime(trail, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    assert trail.stat().st_size == before.st_size
    assert watcher.changed()
    assert not watcher.changed()
    extra.unlink()
    assert watcher.changed()
