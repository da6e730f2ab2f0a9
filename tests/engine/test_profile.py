"""The player profile: what lasts between games, and its file."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.classroom.scoring import xp_of
from game.engine.machine import Game
from game.engine.profile import (
    WHOLE_STORY,
    Profile,
    endings_of,
    profile_from_dict,
    profile_path,
    profile_to_dict,
    read_profile,
    write_profile,
)
from game.story.loader import load_pack
from tests.conftest import MINI_PACK

STORY = load_pack(MINI_PACK).story


def played(*numbers: int, storyline: str | None = "woods") -> Game:
    game = Game.start(STORY, storyline=storyline)
    for number in numbers:
        game = game.act(number)
    return game


def recorded(profile: Profile, game: Game) -> Profile:
    return profile.with_game(game, xp_of(game.state))


def test_an_ending_finishes_the_storyline_and_counts_among_its_endings() -> None:
    profile = recorded(Profile(), played(1, 1, 1))
    progress = profile.progress("mini")
    assert progress.finished("woods") and not progress.finished(WHOLE_STORY)
    assert progress.endings["woods"] == ("end_safe",)
    assert set(endings_of(STORY, "woods")) >= {"end_safe", "end_lost"}
    again = recorded(profile, played(1, 1, 1))
    assert again is profile  # nothing new: no write needed


def test_xp_counts_each_storyline_once_at_its_best() -> None:
    first = recorded(Profile(), played(1, 1, 2))  # the wrong answer
    best = recorded(first, played(1, 1, 1))
    worse = recorded(best, played(1, 1, 2))
    progress = worse.progress("mini")
    assert progress.best_xp["woods"] == xp_of(played(1, 1, 1).state)
    assert progress.total_xp() == progress.best_xp["woods"]
    assert progress.total_xp(WHOLE_STORY, 7) == progress.best_xp["woods"] + 7


def test_codex_entries_last_across_games() -> None:
    profile = recorded(Profile(), played(2, storyline=None))  # the library unlocks one
    assert profile.progress("mini").codex
    assert (
        recorded(profile, played(storyline=None)).progress("mini").codex
        == profile.progress("mini").codex
    )


def test_file_round_trip_and_settings(tmp_path) -> None:
    profile = recorded(Profile(), played(1, 1, 1)).with_setting("theme", "locus-light")
    path = write_profile(profile_path(tmp_path), profile)
    assert read_profile(path) == (profile, None)


def test_a_damaged_profile_is_kept_as_bad_and_the_player_told(tmp_path) -> None:
    path = profile_path(tmp_path, "Ana B.")
    path.write_text('{"magic": "locus-profile", "format": 1, "packs": [', encoding="utf-8")
    profile, message = read_profile(path)
    assert profile == Profile()
    assert message is not None and "damaged" in message and ".bad" in message
    kept = path.with_name(path.name + ".bad")
    assert kept.read_text(encoding="utf-8").endswith('"packs": [')
    assert not path.exists()


def test_students_get_their_own_files(tmp_path) -> None:
    assert profile_path(tmp_path, "Ana") == profile_path(tmp_path, "ana")
    assert profile_path(tmp_path, "Ana B") != profile_path(tmp_path, "Ana_B")
    assert profile_path(tmp_path, "../../x").parent == tmp_path


names = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=8)


@given(
    st.dictionaries(
        names,
        st.tuples(
            st.lists(names, max_size=3),
            st.dictionaries(names, st.lists(names, max_size=3), max_size=3),
            st.dictionaries(names, st.integers(0, 10**6), max_size=3),
        ),
        max_size=3,
    ),
    st.dictionaries(names, names, max_size=3),
)
def test_any_profile_survives_its_json(packs, settings) -> None:
    from game.engine.profile import PackProgress

    profile = Profile(
        {
            pack: PackProgress(tuple(codex), {k: tuple(v) for k, v in endings.items()}, best)
            for pack, (codex, endings, best) in packs.items()
        },
        settings,
    )
    assert profile_from_dict(profile_to_dict(profile)) == profile
