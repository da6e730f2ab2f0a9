"""The profile's file, field by field, and its progress rules: what each
game adds, what a damaged or foreign file becomes, and what the player is
told."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.profile import (
    MAX_PROFILE_BYTES,
    WHOLE_STORY,
    PackProgress,
    Profile,
    ProfileError,
    endings_of,
    profile_from_dict,
    profile_path,
    profile_to_dict,
    read_profile,
    write_profile,
)
from game.story.loader import load_pack
from tests.engine.test_profile import STORY, played


def test_the_file_holds_every_pack_its_progress_and_the_settings() -> None:
    profile = (
        Profile()
        .with_game(played(1, 1, 1), 30)
        .with_game(played(2, storyline=None), 5)
        .with_setting("theme", "locus-light")
    )
    assert profile_to_dict(profile) == {
        "magic": "locus-profile",
        "format": 1,
        "settings": {"theme": "locus-light"},
        "packs": {
            "mini": {
                "codex": ["locus_coeruleus"],
                "endings": {"woods": ["end_safe"]},
                "best_xp": {"woods": 30, WHOLE_STORY: 5},
            }
        },
    }
    assert profile_from_dict(json.loads(json.dumps(profile_to_dict(profile)))) == profile


def test_a_minimal_profile_file_reads_as_empty_progress() -> None:
    profile = profile_from_dict({"magic": "locus-profile", "format": 1})
    assert profile == Profile()
    packs = profile_from_dict({"magic": "locus-profile", "format": 1, "packs": {"mini": {}}})
    assert packs.progress("mini") == PackProgress()


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"magic": "locus-save", "format": 1},
        {"magic": "locus-profile", "format": 2},
        {"magic": "locus-profile", "format": 1, "settings": []},
        {"magic": "locus-profile", "format": 1, "packs": []},
        {"magic": "locus-profile", "format": 1, "packs": {"mini": []}},
        {"magic": "locus-profile", "format": 1, "packs": {"mini": {"codex": "c1"}}},
        {"magic": "locus-profile", "format": 1, "packs": {"mini": {"codex": ["c1", 2]}}},
        {"magic": "locus-profile", "format": 1, "packs": {"mini": {"endings": {"w": [3]}}}},
        {"magic": "locus-profile", "format": 1, "packs": {"mini": {"best_xp": {"w": -1}}}},
        {"magic": "locus-profile", "format": 1, "packs": {"mini": {"best_xp": {"w": 1.5}}}},
        {"magic": "locus-profile", "format": 1, "packs": {"mini": {"best_xp": {"w": True}}}},
        {"magic": "locus-profile", "format": 1, "packs": {"mini": {"best_xp": [1]}}},
    ],
)
def test_anything_but_a_profile_of_this_format_is_refused(data: object) -> None:
    with pytest.raises(ValueError):
        profile_from_dict(data)


def test_refusals_say_what_was_expected() -> None:
    top = {"magic": "locus-profile", "format": 1}
    with pytest.raises(ValueError, match=r"^not a Locus profile of this version$"):
        profile_from_dict({**top, "format": 0})
    with pytest.raises(ValueError, match=r"^expected a mapping$"):
        profile_from_dict([])
    with pytest.raises(ValueError, match=r"^expected a list of names$"):
        profile_from_dict({**top, "packs": {"mini": {"codex": [1]}}})
    with pytest.raises(ValueError, match=r"^XP must be whole numbers$"):
        profile_from_dict({**top, "packs": {"mini": {"best_xp": {"w": -3}}}})


def test_zero_xp_is_a_whole_number() -> None:
    top = {"magic": "locus-profile", "format": 1}
    profile = profile_from_dict({**top, "packs": {"mini": {"best_xp": {"w": 0}}}})
    assert dict(profile.progress("mini").best_xp) == {"w": 0}


def test_a_game_adds_only_what_is_new() -> None:
    first = Profile().with_game(played(2, storyline=None), 5)
    assert first.progress("mini").codex == ("locus_coeruleus",)
    assert not first.progress("mini").finished(WHOLE_STORY)
    again = first.with_game(played(2, storyline=None), 4)  # less XP, same codex
    assert again is first
    better = first.with_game(played(2, storyline=None), 9)
    assert dict(better.progress("mini").best_xp) == {WHOLE_STORY: 9}
    assert better.progress("mini").codex == ("locus_coeruleus",)


def test_each_ending_found_is_listed_once_in_the_order_found() -> None:
    lost = played(1, 1, 2)  # the wrong answer: lost
    safe = played(1, 1, 1)
    assert lost.state.scene == "end_lost" and safe.state.scene == "end_safe"
    profile = Profile().with_game(lost, 0).with_game(safe, 0).with_game(lost, 0)
    assert profile.progress("mini").endings == {"woods": ("end_lost", "end_safe")}


def test_a_setting_changes_only_when_its_value_does() -> None:
    profile = Profile().with_setting("theme", "dark")
    assert profile.with_setting("theme", "dark") is profile
    assert dict(profile.with_setting("theme", "light").settings) == {"theme": "light"}
    assert dict(profile.with_setting("motion", "off").settings) == {
        "theme": "dark",
        "motion": "off",
    }


def test_total_xp_counts_a_run_only_when_it_beats_its_storylines_best() -> None:
    progress = PackProgress(best_xp={"woods": 20, WHOLE_STORY: 5})
    assert progress.total_xp() == 25
    assert progress.total_xp("woods", 10) == 25
    assert progress.total_xp("woods", 30) == 35
    assert progress.total_xp("other", 7) == 32


def test_the_endings_counted_are_those_reachable_from_the_start(make_pack) -> None:
    assert endings_of(STORY, "woods") == ("end_safe", "end_lost", "end_brave")
    assert endings_of(STORY, WHOLE_STORY) == ("end_safe", "end_lost", "end_brave")
    scenes = """\
    scenes:
      a:
        title: A
        text: x
        choices:
          - {text: Good, goto: good}
      good: {title: G, text: x, ending: {kind: good, summary: s}}
      b:
        title: B
        text: x
        next: island
      island: {title: I, text: x, ending: {kind: bad, summary: s}}
    """
    story = load_pack(make_pack(**{"s.yaml": scenes})).story
    assert endings_of(story, WHOLE_STORY) == ("good",)
    assert endings_of(story, "line") == ("good",)  # the storyline starts at a too


def test_the_default_profile_file_and_a_students_are_named_apart(tmp_path: Path) -> None:
    assert profile_path(tmp_path) == tmp_path / "profile.json"
    ana = profile_path(tmp_path, "Ana B.")
    assert ana.parent == tmp_path
    assert ana.name.startswith("profile-ana_b_-") and ana.name.endswith(".json")
    assert len(ana.name) == len("profile-ana_b_-") + 10 + len(".json")
    long = profile_path(tmp_path, "x" * 80)
    assert long.name.startswith("profile-" + "x" * 40 + "-")


def test_a_missing_profile_is_a_new_one_without_a_message(tmp_path: Path) -> None:
    assert read_profile(tmp_path / "none.json") == (Profile(), None)


def test_a_damaged_profile_names_where_it_was_kept(tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    path.write_text(json.dumps({"magic": "locus-profile", "format": 9}), encoding="utf-8")
    profile, message = read_profile(path)
    assert profile == Profile()
    assert message == (
        f"Your profile '{path}' was damaged. It is kept as '{path}.bad', and a new"
        " profile starts now."
    )
    assert (tmp_path / "profile.json.bad").exists()


def test_a_profile_larger_than_any_player_makes_is_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "profile.json"
    text = json.dumps(profile_to_dict(Profile()))
    path.write_text(text + " " * (MAX_PROFILE_BYTES - len(text)), encoding="utf-8")
    assert read_profile(path) == (Profile(), None)  # exactly the limit reads
    with path.open("a", encoding="utf-8") as stream:
        stream.write(" ")
    profile, message = read_profile(path)
    assert profile == Profile() and message is not None and "was damaged" in message


def test_a_damaged_profile_that_cannot_be_moved_aside_says_progress_is_not_kept(
    tmp_path: Path,
) -> None:
    path = tmp_path / "profile.json"
    path.write_text("{", encoding="utf-8")
    (tmp_path / "profile.json.bad").mkdir()  # in the way of the move
    (tmp_path / "profile.json.bad" / "x").write_text("", encoding="utf-8")
    profile, message = read_profile(path)
    assert profile == Profile()
    assert message is not None
    assert message.startswith(f"Your profile '{path}' is damaged and could not be moved aside (")
    assert message.endswith("); progress is not being kept.")


def test_a_profile_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    target = tmp_path / "file" / "profile.json"
    with pytest.raises(ProfileError) as error:
        write_profile(target, Profile())
    assert str(error.value) == f"cannot write your profile '{target}': File exists"


def test_a_profile_is_written_into_folders_that_do_not_exist_yet(tmp_path: Path) -> None:
    profile = Profile().with_setting("theme", "dark")
    target = write_profile(tmp_path / "a" / "b" / "profile.json", profile)
    assert read_profile(target) == (profile, None)
    assert [p.name for p in target.parent.iterdir()] == ["profile.json"]
