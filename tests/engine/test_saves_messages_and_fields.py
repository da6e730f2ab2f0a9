"""Saves, field by field and sentence by sentence: every part of a state
comes back from a file, every adaptation to an edited pack is the one its
warning names, and every refusal says exactly why."""

from __future__ import annotations

import copy
import json
import os
import shutil
from pathlib import Path

import pytest

from game.engine.machine import MAX_TRACE, Game, Transition
from game.engine.saves import (
    MAX_UNDO_STEPS,
    SaveError,
    decode_save,
    find_save,
    game_from_dict,
    game_to_dict,
    list_saves,
    read_save,
    slot_path,
    write_save,
)
from game.story.clock import StartTime
from game.story.loader import load_pack
from tests.conftest import MINI_PACK

STORY = load_pack(MINI_PACK).story
REFUSED = "this save cannot be loaded: "


def quizzed() -> Game:
    """The woods storyline to its checkpoint, answered right: every kind of
    progress (a badge, visits, an answer, score, the clock) is in it."""
    return Game.start(STORY, seed=5, storyline="woods").choose(1).choose(1).answer(1)


def saved(game: Game) -> dict:
    return json.loads(json.dumps(game_to_dict(game, "mine")))


def loaded(data: dict, story=STORY):
    return game_from_dict(story, json.loads(json.dumps(data)))


def refusal(data: object, story=STORY) -> str:
    with pytest.raises(SaveError) as error:
        game_from_dict(story, data)
    return str(error.value)


def test_every_part_of_the_state_comes_back_from_a_file(tmp_path: Path) -> None:
    game = quizzed()
    state = game.state
    assert state.answers and state.badges and state.score == 10 and state.turn == 3
    back = read_save(write_save(tmp_path / "s.json", game, "mine"), STORY).game.state
    assert back.answers == state.answers
    assert back.badges == state.badges == ("brave",)
    assert (back.score, back.rng, back.turn, back.clock) == (
        state.score,
        state.rng,
        state.turn,
        state.clock,
    )
    assert back.body == state.body
    assert dict(back.visits) == dict(state.visits) and back.taken == state.taken
    assert back.trace == state.trace
    assert back.start_time == state.start_time


def test_the_file_names_the_slot_the_scene_and_the_story_time(tmp_path: Path) -> None:
    game = quizzed()
    path = write_save(tmp_path / "s.json", game, "before the bear")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["name"] == "before the bear"
    assert data["scene"] == game.state.scene == "end_safe"
    assert data["story_time"] == game.state.time.label()
    assert read_save(path, STORY).name == "before the bear"


def test_a_save_is_written_into_folders_that_do_not_exist_yet(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "s.json"
    assert write_save(target, quizzed()) == target
    assert read_save(target, STORY).game.state == quizzed().state


def test_a_save_from_before_the_story_clock_gets_the_packs_start_time() -> None:
    data = saved(quizzed())
    for step in data["steps"]:
        step["state"].pop("start_time")
    assert loaded(data).game.state.start_time == STORY.start_time("woods")
    data["steps"][-1]["state"]["start_time"] = [3600.0, 2, 4]
    assert loaded(data).game.state.start_time == StartTime(3600.0, 2, 4)


def test_badges_codex_and_storyline_the_pack_no_longer_has_are_dropped() -> None:
    data = saved(quizzed())
    last = data["steps"][-1]["state"]
    last["badges"] = ["gone", "brave"]
    last["codex"] = ["locus_coeruleus", "gone"]
    last["storyline"] = "gone"
    state = loaded(data).game.state
    assert state.badges == ("brave",)
    assert state.codex == ("locus_coeruleus",)
    assert state.storyline is None


@pytest.mark.parametrize(
    ("variable", "value", "kept"),
    [
        ("courage", 3, True),  # a whole number stays a whole number
        ("courage", True, False),  # a bool is not a whole number
        ("courage", 2.5, False),
        ("courage", "3", False),
        ("met_guide", False, True),
        ("met_guide", 1, False),
        ("ratio", 2, True),  # a whole number is a number
        ("ratio", 0.25, True),
        ("ratio", True, False),
        ("ratio", "0.5", False),
        ("mood_word", "calm", True),
        ("mood_word", 1, False),
    ],
)
def test_a_variable_keeps_its_saved_value_only_when_its_type_still_fits(
    variable: str, value: object, kept: bool
) -> None:
    data = saved(Game.start(STORY))
    data["steps"][-1]["state"]["vars"][variable] = value
    result = loaded(data)
    default = STORY.variables[variable]
    if kept:
        assert result.game.state.vars[variable] == value
        assert result.warnings == ()
    else:
        assert result.game.state.vars[variable] == default
        assert result.warnings == (
            f"variable '{variable}' changed type; it is reset to {default!r}",
        )


def test_each_pack_edit_a_save_adapts_to_is_named_in_a_warning() -> None:
    data = saved(Game.start(STORY))
    variables = data["steps"][-1]["state"]["vars"]
    variables.pop("courage")
    variables["old_flag"] = True
    result = loaded(data)
    assert result.warnings == (
        "variable 'courage' is new in the pack; it starts at 0",
        "variable 'old_flag' is no longer in the pack; it was dropped",
    )
    assert result.game.state.vars["courage"] == 0
    assert "old_flag" not in result.game.state.vars


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda d: d.update(magic="other"), "this file is not a Locus save"),
        (
            lambda d: d.update(format=2),
            "this save has format 2; this version of Locus reads 1",
        ),
        (
            lambda d: d.update(pack="elsewhere"),
            "this save belongs to the pack 'elsewhere', not to 'mini'",
        ),
        (
            lambda d: d["steps"][-1]["state"].update(scene="gone"),
            "the save is at scene 'gone', which this pack no longer has",
        ),
    ],
)
def test_a_save_that_is_not_this_packs_says_whose_it_is(edit, reason: str) -> None:
    data = saved(quizzed())
    edit(data)
    assert refusal(data) == REFUSED + reason


def test_data_that_is_not_a_mapping_is_not_a_save() -> None:
    assert refusal([1, 2]) == REFUSED + "this file is not a Locus save"


def test_a_damaged_body_is_refused_with_what_is_wrong() -> None:
    data = saved(quizzed())
    data["steps"][-1]["state"]["body"]["conditions"] = ["no_such_condition"]
    assert refusal(data).startswith(REFUSED + "the body in the save is damaged (")


def test_a_damaged_event_is_refused_with_what_is_wrong() -> None:
    data = saved(quizzed())
    data["steps"][-1]["events"][0]["kind"] = "no_such_kind"
    assert refusal(data) == (
        REFUSED + "an event in the save is damaged (unknown event kind 'no_such_kind')"
    )


def test_a_state_of_the_wrong_shape_is_refused_with_where_it_went_wrong() -> None:
    data = saved(quizzed())
    data["steps"][-1]["state"]["score"] = "ten"
    message = refusal(data)
    assert message.startswith(REFUSED + "the save's game state is damaged (")
    assert "score" in message


def test_bytes_that_are_not_json_name_their_source() -> None:
    with pytest.raises(SaveError) as error:
        decode_save(STORY, b"{oops", "'slot.json'")
    assert str(error.value) == REFUSED + "'slot.json' is damaged or not a Locus save"
    with pytest.raises(SaveError) as error:
        decode_save(STORY, b"{oops")
    assert str(error.value) == REFUSED + "the file is damaged or not a Locus save"


def test_a_damaged_newest_body_history_refuses_the_save() -> None:
    data = saved(quizzed())
    data["steps"][-1]["state"]["trace_delta"]["drop"] = MAX_TRACE  # more than it had
    assert refusal(data) == REFUSED + "the body history in the save is damaged"


def test_a_damaged_older_body_history_drops_only_that_history() -> None:
    game = quizzed()
    data = saved(game)
    data["steps"][1]["state"]["trace_delta"]["drop"] = MAX_TRACE
    # each step's trace builds on the one before, so the newest is lost too
    assert refusal(data) == REFUSED + "the body history in the save is damaged"
    data = saved(game)
    data["steps"][0]["state"]["trace_delta"]["add"][0][2] = [1.0]  # a point of the wrong size
    result = loaded(data)
    assert result.game.steps[0].state.trace == game.steps[0].state.trace[1:]
    assert len(result.game.steps) == len(game.steps)


def test_an_older_step_that_no_longer_fits_drops_it_and_what_came_before() -> None:
    game = quizzed()
    data = saved(game)
    data["steps"][1]["state"]["scene"] = "gone"
    result = loaded(data)
    assert [s.state for s in result.game.steps] == [s.state for s in game.steps[2:]]
    assert result.warnings == ("older undo history no longer fits the pack and was dropped",)


def test_only_the_newest_steps_are_kept_and_the_player_is_told() -> None:
    game = Game.start(STORY)
    data = saved(game)
    still = copy.deepcopy(data["steps"][0])
    still["state"]["trace_delta"] = {"drop": 0, "add": []}
    data["steps"] += [copy.deepcopy(still) for _ in range(MAX_UNDO_STEPS)]
    result = loaded(data)
    assert len(result.game.steps) == MAX_UNDO_STEPS
    assert result.warnings == (
        f"undo history older than the last {MAX_UNDO_STEPS} steps was dropped",
    )
    assert result.game.state.trace == game.state.trace


def test_a_save_of_exactly_the_kept_history_loads_without_a_warning() -> None:
    data = saved(Game.start(STORY))
    still = copy.deepcopy(data["steps"][0])
    still["state"]["trace_delta"] = {"drop": 0, "add": []}
    data["steps"] += [copy.deepcopy(still) for _ in range(MAX_UNDO_STEPS - 1)]
    result = loaded(data)
    assert len(result.game.steps) == MAX_UNDO_STEPS and result.warnings == ()


def test_a_long_game_writes_its_newest_steps(tmp_path: Path, make_pack) -> None:
    loop = (
        "scenes:\n  a:\n    title: A\n    text: Again.\n    choices:\n      - {text: On, goto: a}\n"
    )
    story = load_pack(make_pack(**{"s.yaml": loop})).story
    game = Game.start(story)
    for _ in range(MAX_UNDO_STEPS + 4):
        game = game.choose(1)
    data = game_to_dict(game)
    assert len(data["steps"]) == MAX_UNDO_STEPS
    back = game_from_dict(story, json.loads(json.dumps(data))).game
    assert back.steps == game.steps[-MAX_UNDO_STEPS:]


# --- files ----------------------------------------------------------------------


def test_a_file_that_is_not_a_save_is_never_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "notes.json"
    target.write_text('{"magic": "locus-save"}', encoding="utf-8")  # spaced: not ours
    with pytest.raises(SaveError) as error:
        write_save(target, quizzed())
    assert str(error.value) == f"'{target}' exists and is not a Locus save; it was not overwritten"
    assert target.read_text(encoding="utf-8") == '{"magic": "locus-save"}'


def test_a_save_of_ours_is_overwritten(tmp_path: Path) -> None:
    target = write_save(tmp_path / "s.json", Game.start(STORY))
    write_save(target, quizzed())
    assert read_save(target, STORY).game.state == quizzed().state


def test_a_save_where_a_file_is_in_the_way_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    target = tmp_path / "file" / "s.json"
    with pytest.raises(SaveError) as error:
        write_save(target, quizzed())
    assert str(error.value) == f"cannot write the save '{target}': File exists"


def test_a_game_that_cannot_be_encoded_is_not_saved(tmp_path: Path) -> None:
    game = Game.start(STORY)
    broken = game.state.with_vars({"ratio": float("inf")})
    bad = Game(STORY, (Transition(broken, ()),))
    with pytest.raises(SaveError) as error:
        write_save(tmp_path / "s.json", bad)
    assert str(error.value).startswith("the game cannot be saved: ")
    assert not (tmp_path / "s.json").exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.mkdir(), "'{p}' is a folder"),
        (lambda p: os.mkfifo(p), "'{p}' is not a regular file"),
        (lambda p: None, "there is no save at '{p}'"),
    ],
)
def test_what_is_not_a_save_file_is_refused_by_name(tmp_path: Path, make, message: str) -> None:
    path = tmp_path / "s.json"
    make(path)
    with pytest.raises(SaveError) as error:
        read_save(path, STORY)
    expected = message.format(p=path)
    assert str(error.value) in (expected, REFUSED + expected)
    assert str(error.value).endswith(expected)


def test_a_save_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    path = tmp_path / "file" / "s.json"
    with pytest.raises(SaveError) as error:
        read_save(path, STORY)
    assert str(error.value) == REFUSED + f"cannot read '{path}': Not a directory"


def test_the_save_list_names_each_slot_and_what_it_could_not_read(tmp_path: Path) -> None:
    game = quizzed()
    named = write_save(slot_path(tmp_path, "mini", "one"), game, "One")
    unnamed = write_save(tmp_path / "plain.json", game.undo(), "")
    other_pack = dict(game_to_dict(game), pack="other")
    (tmp_path / "other.json").write_text(json.dumps(other_pack), encoding="utf-8")
    (tmp_path / "foreign.json").write_text('{"magic": "x", "format": 1, "pack": "mini"}')
    (tmp_path / "junk.json").write_text("{", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a save", encoding="utf-8")
    folder = list_saves(tmp_path, "mini")
    assert {slot.name: slot.path for slot in folder.slots} == {"One": named, "plain": unnamed}
    one = next(slot for slot in folder.slots if slot.name == "One")
    assert one.scene == "end_safe"
    assert one.story_time == game.state.time.label()
    assert sorted(p.name for p in folder.unreadable) == ["foreign.json", "junk.json"]
    assert list_saves(tmp_path / "nowhere", "mini").slots == ()
    assert list_saves(tmp_path / "nowhere", "mini").unreadable == ()


def test_the_save_list_is_newest_first(tmp_path: Path) -> None:
    for name, when in (("old", 100.0), ("new", 300.0), ("middle", 200.0)):
        data = game_to_dict(Game.start(STORY), name)
        data["saved_at"] = when
        slot_path(tmp_path, "mini", name).write_text(json.dumps(data), encoding="utf-8")
    assert [slot.name for slot in list_saves(tmp_path, "mini").slots] == ["new", "middle", "old"]


def test_a_slot_name_becomes_a_safe_short_file_name(tmp_path: Path) -> None:
    assert slot_path(tmp_path, "mini", " my-save_1 ") == tmp_path / "mini-my-save_1.json"
    assert slot_path(tmp_path, "mini", "a/b c.d") == tmp_path / "mini-a_b_c_d.json"
    assert slot_path(tmp_path, "mini", "   ") == tmp_path / "mini-save.json"
    assert slot_path(tmp_path, "mini", "x" * 80) == tmp_path / f"mini-{'x' * 60}.json"


def test_load_finds_a_file_by_path_or_a_slot_by_name(tmp_path: Path) -> None:
    path = write_save(tmp_path / "anywhere.json", quizzed())
    assert find_save(tmp_path / "saves", "mini", str(path)) == path
    slot = write_save(slot_path(tmp_path, "mini", "Before"), quizzed(), "Before")
    assert find_save(tmp_path, "mini", "Before") == slot


def test_load_of_an_unknown_name_lists_the_saves_there_are(tmp_path: Path) -> None:
    with pytest.raises(SaveError) as error:
        find_save(tmp_path, "mini", "nothing")
    assert str(error.value) == (
        "there is no save file or slot named 'nothing'; there are no saves yet"
    )
    write_save(slot_path(tmp_path, "mini", "one"), quizzed(), "one")
    write_save(slot_path(tmp_path, "mini", "two"), quizzed(), "two")
    with pytest.raises(SaveError) as error:
        find_save(tmp_path, "mini", "nothing")
    message = str(error.value)
    assert message.startswith("there is no save file or slot named 'nothing'; your saves: ")
    assert sorted(message.split(": ", 1)[1].split(", ")) == ["one", "two"]


def test_a_dangling_link_is_found_so_loading_it_can_say_why(tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "missing.json")
    assert find_save(tmp_path, "mini", str(link)) == link


def test_an_edited_pack_copy_still_loads_the_save(tmp_path: Path) -> None:
    """The same save read against a copy of the pack (a new Story object)."""
    copy_root = tmp_path / "pack"
    shutil.copytree(MINI_PACK, copy_root)
    path = write_save(tmp_path / "s.json", quizzed())
    assert read_save(path, load_pack(copy_root).story).game.state == quizzed().state
