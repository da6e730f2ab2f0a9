"""Saves: atomic, versioned, round-trip exactly, survive pack edits, refuse junk."""

from __future__ import annotations

import json
import shutil

import pytest

from game.engine.machine import Game
from game.engine.saves import (
    SaveError,
    game_from_dict,
    game_to_dict,
    list_saves,
    read_save,
    slot_path,
    write_save,
)
from game.story.loader import load_pack
from tests.conftest import MINI_PACK


@pytest.fixture(scope="module")
def story():
    return load_pack(MINI_PACK).story


def played(story) -> Game:
    return Game.start(story, seed=3).choose(2).choose(1).choose(1).choose(1)


def test_round_trip_exact(story, tmp_path):
    game = played(story)
    path = write_save(tmp_path / "s.json", game, "slot one")
    loaded = read_save(path, story)
    assert loaded.warnings == ()
    assert loaded.name == "slot one"
    assert loaded.game.steps == game.steps
    assert loaded.game.undo(2).state == game.undo(2).state


def test_through_json_text(story):
    game = played(story)
    data = json.loads(json.dumps(game_to_dict(game)))
    assert game_from_dict(story, data).game.state == game.state


def test_atomic_write_leaves_no_temp_files(story, tmp_path):
    write_save(tmp_path / "a.json", played(story))
    write_save(tmp_path / "a.json", played(story))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json"]


def test_corrupt_save_is_a_clear_error_and_not_overwritten(story, tmp_path):
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SaveError, match="damaged or not a Locus save"):
        read_save(path, story)
    with pytest.raises(SaveError, match="not overwritten"):
        write_save(path, played(story))
    assert path.read_text(encoding="utf-8") == "{not json"


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: d.update(magic="other"), "not a Locus save"),
        (lambda d: d.update(format=99), "format 99"),
        (lambda d: d.update(pack="elsewhere"), "belongs to the pack 'elsewhere'"),
        (lambda d: d.update(steps=[]), "damaged"),
        (lambda d: d["steps"][-1]["state"].update(scene="gone"), "no longer has"),
        (lambda d: d["steps"][-1]["state"].update(clock="soon"), "damaged"),
        (lambda d: d["steps"][-1]["state"].pop("body"), "damaged"),
    ],
)
def test_foreign_or_damaged_saves(story, mutate, message):
    data = game_to_dict(played(story))
    mutate(data)
    with pytest.raises(SaveError, match=message):
        game_from_dict(story, json.loads(json.dumps(data)))


def test_missing_file(story, tmp_path):
    with pytest.raises(SaveError, match="no save"):
        read_save(tmp_path / "nope.json", story)


def test_save_survives_pack_edits(story, tmp_path):
    game = played(story)
    path = write_save(tmp_path / "s.json", game)
    edited = tmp_path / "pack"
    shutil.copytree(MINI_PACK, edited)
    text = (edited / "story.yaml").read_text(encoding="utf-8")
    text = text.replace('  mood_word: "steady"\n', "  fresh: 7\n").replace(
        "ratio: 0.5", "ratio: true"
    )
    (edited / "story.yaml").write_text(text, encoding="utf-8")
    edited_story = load_pack(edited).story
    assert edited_story is not None
    loaded = read_save(path, edited_story)
    state = loaded.game.state
    assert "mood_word" not in state.vars
    assert state.vars["fresh"] == 7
    assert state.vars["ratio"] is True
    assert any("mood_word" in w for w in loaded.warnings)
    assert any("fresh" in w for w in loaded.warnings)
    assert any("ratio" in w for w in loaded.warnings)
    assert state.scene == game.state.scene


def test_the_storyline_survives_save_and_load(story, tmp_path):
    game = Game.start(story, seed=3, storyline="woods").choose(1)
    assert game.state.storyline == "woods"
    loaded = read_save(write_save(tmp_path / "s.json", game), story)
    assert [s.state.storyline for s in loaded.game.steps] == ["woods", "woods"]
    assert loaded.game.state == game.state


def test_undo_history_that_no_longer_fits_is_dropped_with_a_warning(story, tmp_path):
    """The library was visited early in the game and then cut from the pack:
    the game loads at its newest state, and only the history from before
    the cut scene's last appearance is lost."""
    game = played(story)
    assert [s.state.scene for s in game.steps] == ["intro", "library", "intro", "trail", "bear"]
    path = write_save(tmp_path / "s.json", game)
    edited = tmp_path / "pack"
    shutil.copytree(MINI_PACK, edited)
    intro = (edited / "intro.yaml").read_text(encoding="utf-8")
    cut = intro[: intro.index("      - text: Read about the brain")]
    cut += intro[intro.index("\ncodex:") + 1 :]
    (edited / "intro.yaml").write_text(cut, encoding="utf-8")
    edited_story = load_pack(edited).story
    assert edited_story is not None and "library" not in edited_story.scenes
    loaded = read_save(path, edited_story)
    assert [s.state.scene for s in loaded.game.steps] == ["intro", "trail", "bear"]
    assert loaded.game.state.scene == "bear"
    assert any("undo history" in w and "dropped" in w for w in loaded.warnings)


def test_list_saves_newest_first(story, tmp_path):
    game = played(story)
    write_save(slot_path(tmp_path, story.id, "first"), game, "first")
    write_save(slot_path(tmp_path, story.id, "second"), game.undo(), "second")
    (tmp_path / "junk.json").write_text("[]", encoding="utf-8")
    names = [slot.name for slot in list_saves(tmp_path, story.id).slots]
    assert names == ["second", "first"]
    assert list_saves(tmp_path, "other").slots == ()


def test_slot_path_is_safe():
    path = slot_path("/tmp/x", "mini", "../../etc/passwd")
    assert path.parent.as_posix() == "/tmp/x"
    assert "/" not in path.name


def test_save_size_grows_linearly_with_play(make_pack, tmp_path):
    loop = (
        "scenes:\n  a:\n    title: A\n    text: Round and round.\n    time: 1min\n"
        "    on_enter:\n      - add: {courage: 1}\n"
        "    choices:\n      - {text: Again, goto: a}\n"
    )
    story = load_pack(make_pack(**{"s.yaml": loop})).story
    game = Game.start(story)
    sizes = {}
    for count in (100, 200):
        while len(game.steps) < count:
            game = game.choose(1)
        sizes[count] = write_save(tmp_path / f"{count}.json", game).stat().st_size
        assert read_save(tmp_path / f"{count}.json", story).game.steps == game.steps
    assert sizes[200] < 2.3 * sizes[100]
