"""The plain front end, played through standard input and output as a
screen-reader user would: whole sessions, piped, end to end."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from argparse import Namespace
from pathlib import Path

import pytest

from game import body as bm
from game.classroom.scoring import xp_of
from game.engine.machine import Game
from game.paths import bundled_pack
from game.plain import play_plain, stable_number
from game.story.loader import load_pack
from tests.conftest import MINI_PACK

GLYPHS = re.compile("[→↑↓▲▼◷§★✔✘✗·βα]")


def args(**overrides) -> Namespace:
    base = dict(
        pack=str(MINI_PACK), seed=0, start=None, storyline=None, load=None, art=False, verbose=False
    )
    base.update(overrides)
    return Namespace(**base)


def play(commands: str, pack: Path = MINI_PACK, **overrides) -> tuple[int, str]:
    story = load_pack(pack).story
    assert story is not None
    out = io.StringIO()
    code = play_plain(story, args(**overrides), io.StringIO(commands), out, xp=xp_of)
    return code, out.getvalue()


def locus(*argv: str, typed: str = "", home: Path | None = None) -> subprocess.CompletedProcess:
    env = None
    if home is not None:
        import os

        env = {**os.environ, "LOCUS_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", *argv],
        input=typed,
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def test_scene_body_in_words_and_numbered_choices() -> None:
    code, text = play("")
    assert code == 0  # end of input exits cleanly
    assert "Scene: Welcome." in text
    assert "Body: heart rate 70 beats a minute, blood pressure 118 over 76," in text
    for word in ("mood 65", "anxiety 15", "fatigue 20", "alertness 60", "LC phasic"):
        assert word in text
    assert "\n1. Walk into the woods\n2. Read about the brain\n" in text


def test_a_whole_run_has_no_glyphs_art_or_variables_unless_asked() -> None:
    _, text = play("2\n1\n1\n1\n1\n1\n", storyline=None)
    assert not GLYPHS.findall(text), GLYPHS.findall(text)
    assert "Effort lifts the vagal brake, and sympathetic nerves, so NE on beta-1 receptors" in text
    assert "(  LC  )" not in text  # the library's art
    assert "met_guide" not in text and "courage" not in text
    _, loud = play("2\n1\n1\n1\n", art=True, verbose=True)
    assert "(  LC  )" in loud
    assert "Variable met_guide is now True." in loud and "Variable courage is now 1." in loud


def test_time_and_the_body_changes_are_said_in_words() -> None:
    _, text = play("1\n", storyline="woods")
    assert "1 min passes. Heart rate up from 94 to 173 beats a minute;" in text
    assert "; brain NE up from 107 to 335 percent;" in text


def test_disabled_choice_keeps_its_number_and_says_why() -> None:
    _, text = play("2\n", storyline="woods")
    assert "2. Not available: Sprint up the hill. Why: You are too tired to sprint." in text
    assert "2 is not available: You are too tired to sprint." in text


def test_b_reads_every_body_value_with_its_meaning() -> None:
    _, text = play("b\n")
    report = text[text.index("Every body value:") :]
    for info in bm.READOUTS.values():
        assert re.search(rf"\n  {re.escape(info.label)} [^\n]+: [a-z][^\n]+\.\n", report), info


def test_right_and_wrong_answers_give_the_points_and_the_right_answer() -> None:
    _, text = play("1\n1\n1\n", storyline="woods")
    assert "Correct, 10 of 10 points. Right. Beta-1 receptors raise rate and force." in text
    _, text = play("1\n1\n2\n", storyline="woods")
    assert (
        "Not quite, 0 of 10 points. The right answer was 1: Speeds it up."
        " Slowing is the parasympathetic side's job." in text
    )


def test_every_ending_reads_its_summary_once_and_the_debrief() -> None:
    _, text = play("1\n1\n2\n", storyline="woods")
    assert text.count("You did not make it this time.") == 1 or text.count("THE END") == 1
    assert text.count("THE END") == 1
    debrief = text[text.index("Debrief.") :]
    assert "Score: score 0 = 0 of 10 quiz points." in debrief
    assert "  Wrong, 0 of 10 points: What does norepinephrine do to the heart?" in debrief
    assert "Your body, from where play started to the end:" in debrief
    assert "  Heart rate: 94 to " in debrief
    assert "Assessed, answered wrong: Norepinephrine speeds the heart" in debrief
    assert "Endings found in Into the Woods: 1 of 3." in debrief


def test_a_free_play_ending_has_the_debrief_and_bonuses_are_explained() -> None:
    # the whole story; the bear stays (chance, seed 13) and takes 5 points
    _, text = play("1\n1\n2\n1\n1\n", storyline=None, seed=13)
    assert "THE END" in text
    debrief = text[text.index("Debrief.") :]
    assert "Score: score 5 = 10 of 10 quiz points - 5 taken away by the story." in debrief
    assert "  -5 for reaching The Bear Stays." in debrief
    assert "Endings found in the whole story: 1 of " in debrief


def test_numbers_stay_put_when_a_choice_is_used_up(make_pack) -> None:  # type: ignore[no-untyped-def]
    root = make_pack(
        **{
            "a.yaml": """\
            scenes:
              a:
                title: A
                text: A room.
                choices:
                  - text: Look around
                    goto: a
                    once: true
                  - text: Leave
                    goto: b
              b:
                title: B
                text: Out.
                choices:
                  - text: Wait for something
                    goto: b
                    if: "courage > 5"
            """
        }
    )
    _, text = play("1\n1\n2\n", pack=root)
    after = text[text.index("Scene: A.", text.index("Scene: A.") + 1) :]
    assert "\n2. Leave\n" in after and "1. Look" not in after
    assert "There is no 1 here. Type 2." in after
    assert "This is a dead end: the story offers no way on from here." in after


def test_undo_quit_help_and_bad_input() -> None:
    code, text = play("2\nu\n?\nhello\n9\nq\n1\n")
    assert "Undone." in text
    assert "u          undo the last step" in text
    assert "Type a number to choose, or ? for help." in text
    assert "There is no 9 here. Type 1 or 2." in text
    assert text.count("Scene: Welcome.") == 2  # start, then after undo; q stopped the rest
    assert code == 0


def test_save_by_name_then_load_by_name_in_and_out_of_the_game(tmp_path: Path) -> None:
    first = locus(str(MINI_PACK), typed="2\ns bear\n", home=tmp_path)
    assert "Saved as bear" in first.stdout and "--load bear" in first.stdout
    again = locus(str(MINI_PACK), "--load", "bear", home=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "Scene: The Library." in again.stdout
    inside = locus(str(MINI_PACK), typed="l\nl bear\nl nope\n", home=tmp_path)
    assert "Your saves, newest first: " in inside.stdout and "bear" in inside.stdout
    assert "Loaded bear." in inside.stdout
    assert "there is no save file or slot named 'nope'" in inside.stdout
    missing = locus(str(MINI_PACK), "--load", "nope", home=tmp_path)
    assert missing.returncode == 1 and "your saves: " in missing.stderr
    assert "Traceback" not in missing.stderr


def test_every_step_is_autosaved(tmp_path: Path) -> None:
    locus(str(MINI_PACK), "--storyline", "woods", typed="1\n", home=tmp_path)
    resumed = locus(str(MINI_PACK), "--load", "autosave", home=tmp_path)
    assert "Scene: The Bear." in resumed.stdout


def test_progress_lasts_between_games(tmp_path: Path) -> None:
    locus(str(MINI_PACK), typed="2\n", home=tmp_path)  # unlock the codex entry, then quit
    later = locus(str(MINI_PACK), "--storyline", "woods", typed="c\n1\n1\n1\n", home=tmp_path)
    assert "Codex, 1 of 1 entries unlocked:" in later.stdout
    assert "Storylines finished: 1 of 1." in later.stdout
    xp = re.search(r"XP over all your games: (\d+)\.", later.stdout)
    assert xp and int(xp.group(1)) > 0


def test_start_option() -> None:
    _, text = play("", start="hill")
    assert "Scene: The Hill." in text and "\n1. Continue\n" in text


@pytest.mark.parametrize(
    "storyline",
    ["fight_or_flight", "inside_the_lc", "running_on_empty", "back_on_track", "too_much"],
)
def test_every_bundled_storyline_plays_to_its_debrief_from_a_pipe(
    storyline: str, tmp_path: Path
) -> None:
    story = load_pack(bundled_pack()).story
    assert story is not None
    game, typed = Game.start(story, storyline=storyline), []
    while not game.ended:  # the first open option each time, by the number plain shows
        option = next(o for o in game.options() if o.enabled)
        typed.append(f"{stable_number(option)}\n")
        game = game.act(option.number)
    result = locus("--storyline", storyline, typed="".join(typed), home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "THE END" in result.stdout and "Debrief." in result.stdout
    assert result.stdout.count("THE END") == 1
    assert not GLYPHS.findall(result.stdout.split("Debrief.")[0]), storyline


def test_broken_pack_reports_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text("format: 1\nid: x\nstart: nowhere\n", encoding="utf-8")
    result = locus(str(tmp_path))
    assert result.returncode == 1
    assert "story.yaml:3:8: error E020: unknown scene 'nowhere'" in result.stderr


def test_the_story_clock_is_said_with_every_scene() -> None:
    _, mini = play("")
    assert "Scene: Welcome.\nTime: 00:00.\n" in mini  # a pack without a clock counts from midnight
    _, text = play("", pack=bundled_pack(), storyline="back_on_track")
    assert "Scene: Thursday Evening.\nTime: Thursday 18:30.\n" in text  # "Thu" spelled out
    assert not GLYPHS.findall(text)


def test_weeks_of_nights_say_each_body_link_once_with_how_often() -> None:
    """Back on Track opens three weeks in: the body's sleep and waking links
    happen every night and morning, and a screen reader hears each once."""
    _, text = play("", pack=bundled_pack(), storyline="back_on_track")
    opening = text[: text.index("\nScene: ")].splitlines()
    assert opening[1] == "3.1 weeks pass."
    links = opening[2:]
    assert len(links) == len(set(links)) < 20
    nightly = "Asleep, so breathing slows, 21 times."
    assert nightly in links
    assert "Mood falls slowly." in links  # a link that happened once has no count
