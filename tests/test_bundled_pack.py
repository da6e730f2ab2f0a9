"""The bundled story, guarded like code: its walkthroughs pass, `locus check
--strict` is clean, and seeded random playthroughs reach every scene and
every ending without a runtime error, dead end or endless loop.

Nothing here counts scenes or tests: the pack is read through the same
public functions the `check` and `test` commands use, so content edits need
no test edits; only a broken story fails.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from game.authoring.analysis import entry_points
from game.authoring.playtest import random_playtest
from game.authoring.walkthrough import perform, run_tests
from game.cli import main
from game.engine.machine import act, is_ending, new_game, visible_choices
from game.engine.state import GameState
from game.paths import bundled_pack
from game.story import model as m
from game.story.clock import WEEKDAYS
from game.story.loader import load_pack

#: Enough playthroughs for the rarest ending of the bundled story (about 1
#: in 300 at the time of writing), a couple of seconds; fixed, so a failure
#: replays with `locus test scenes --random 1000 --seed 1`.
PLAYTHROUGHS = 1000
SEED = 1


@pytest.fixture(scope="module")
def story() -> m.Story:
    result = load_pack(bundled_pack())
    assert result.story is not None, "\n".join(str(d) for d in result.diagnostics)
    return result.story


def test_check_strict_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--strict", str(bundled_pack())])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out == ""  # not one warning


def test_every_walkthrough_passes(story: m.Story) -> None:
    files = sorted((bundled_pack() / "tests").glob("*.yaml"))
    assert files, "the bundled pack has walkthroughs in scenes/tests/"
    results = run_tests(story)
    # every file is a test that loaded (a broken one would stop load_pack)
    assert {Path(r.test.loc.path).name for r in results} == {f.name for f in files}
    failed = [f"{r.test.name}: {r.failure.loc}: {r.failure.message}" for r in results if r.failure]
    assert not failed, "\n".join(failed)


def test_random_playthroughs_reach_every_scene_and_ending(story: m.Story) -> None:
    report = random_playtest(story, PLAYTHROUGHS, seed=SEED)
    problems = [
        f"{p.kind}: {p.message} at {p.loc} via {' > '.join(map(str, p.path))}"
        for p in report.problems
    ]
    assert not problems, "\n".join(problems)
    unreached = sorted(set(story.scenes) - set(report.scene_hits))
    assert not unreached, f"scenes never reached: {unreached}"
    endings = {ident for ident, scene in story.scenes.items() if scene.ending is not None}
    assert endings
    missed = sorted(endings - set(report.ending_hits))
    assert not missed, f"endings never reached: {missed}"


# --- the story's clock agrees with the text ------------------------------------

#: Every scene whose title or text says what time it is now, with what it says:
#: the weekday (None: any), the earliest and latest time of day ("HH:MM"), and
#: optionally how many days after an earlier scene of the same game it falls
#: ("Three Days In", "Eight Weeks"). The text is the authority; the clock must
#: agree on every path.
CLOCK: dict[str, tuple[str | None, str, str, tuple[str, int] | None]] = {
    # Fight or Flight: "Late afternoon in a pine forest"
    "ff_trailhead": (None, "15:00", "18:00", None),
    # Inside the Locus Coeruleus
    "lc_evening": (None, "21:00", "21:00", None),  # "Nine o'clock at night"
    "lc_bedtime": (None, "23:00", "23:00", None),  # "Lights Out at Eleven"
    "lc_cram": (None, "03:00", "03:00", ("lc_evening", 1)),  # "Three in the Morning"
    "lc_night_full": (None, "06:59", "06:59", ("lc_evening", 1)),  # "It is 6:59"
    "lc_night_short": (None, "06:59", "06:59", ("lc_evening", 1)),
    "lc_cp_alert": (None, "07:00", "09:00", None),  # "The alarm this morning"
    "lc_bus": (None, "08:00", "08:10", None),  # "The eight o'clock bus"
    "lc_hall": (None, "08:50", "08:50", None),  # "Ten minutes to go" (the exam is at nine)
    "lc_exam": (None, "09:00", "09:15", None),  # "You may begin." (then back after a pause)
    # Running on Empty: Saturday (Mira has no school)
    "roe_morning": ("Sat", "08:30", "08:30", None),  # "It is half past eight"
    "roe_kitchen": ("Sat", "09:00", "09:00", None),  # "It is nine o'clock ... due at ten"
    "roe_leaflet": ("Sat", "10:00", "10:00", None),  # the bell rings at ten
    "roe_afternoon": ("Sat", "11:30", "14:30", None),  # after lunch, "By ${clock}"
    # Getting Back on Track
    "bot_room": ("Thu", "18:30", "18:30", None),  # "It is Thursday, half past six"
    "bot_voicemail": ("Mon", "09:00", "09:00", ("bot_room", 11)),  # "On Monday morning ... at nine"
    "bot_truth": ("Mon", "06:00", "12:00", ("bot_room", 4)),  # "On Monday morning"
    "bot_plan": ("Thu", "06:00", "12:00", None),  # "On Thursday morning"
    "bot_day3": ("Sun", "06:00", "12:00", ("bot_plan", 3)),  # "Three Days In"; Tuesday to come
    "bot_cp_weeks": (None, "06:00", "10:00", None),  # "over breakfast"
    "bot_tuesday": ("Tue", "06:00", "12:00", None),  # "Tuesday Morning"
    "bot_weeks1_2": ("Tue", "06:00", "12:00", ("bot_plan", 5)),  # group again on Thursday
    "bot_visit2": ("Thu", "06:00", "12:00", ("bot_plan", 14)),  # "says two weeks. Today."
    "bot_followup1": ("Thu", "06:00", "12:00", ("bot_plan", 14)),
    "bot_followup2": ("Thu", "06:00", "12:00", ("bot_plan", 28)),  # "Four weeks"
    "bot_followup3": ("Thu", "06:00", "12:00", ("bot_plan", 56)),  # "Eight weeks"
    "bot_end_choir": ("Thu", "19:00", "19:00", ("bot_plan", 56)),  # "Thursday, seven o'clock"
    # Too Much of a Good Thing
    "tm_opening": (None, "06:00", "10:00", None),  # "70 a minute over breakfast"
    "tm_night": (None, "03:00", "03:30", None),  # "You wake just after three"
    "tm_phone": (None, "06:00", "09:00", ("tm_night", 0)),  # "At breakfast"
    "tm_paper": (None, "06:00", "09:00", ("tm_night", 0)),
    "tm_service": (None, "18:00", "22:00", None),  # "Opening night"
    "tm_push": (None, "21:00", "23:59", ("tm_service", 0)),  # "Before midnight you are home"
    "tm_doctor": (None, "00:00", "23:59", ("tm_service", 1)),  # "Last night the paramedics'..."
}

#: Scenes that name a time of day or a weekday which is not the present, so the
#: clock has nothing to agree with (the guard below makes every other one list
#: itself in CLOCK).
NOT_NOW = {
    "bot_weeks3_4": "the support group meets on Wednesdays; breathing in the evenings",
    "bot_followup1": "'between two and four' weeks",
    "bot_followup2": "'six or eight weeks'; 'on Sunday', the day she hummed",
    "bot_cp_fuel_walk": "a question about a walk before breakfast",
    "bot_end_grey": "'will see you on Monday': the next visit",
    "lc_exam": "'your mind drifts to lunch'",
    "lc_all_receptors": "'aimed at one receptor type'",
    "roe_board": "'afternoon light' after lunch, checked with roe_afternoon",
    "roe_end_fall": "'since lunch'",
    "tm_week1": "'a coffee every afternoon'",
    "tm_cp_trigger2": "a question about a lunchtime run",
    "tm_cp_alert2": "a question about a friend's 3 a.m. alert",
    "tm_week3": "'even on a quiet afternoon'",
    "tm_weeks_alone": "six weeks of afternoons and evenings",
    "tm_recheck": "weeks of afternoons",
    "tm_end_balance": "'Mondays are yours'; 'on Saturday' in the weeks since",
    "tm_end_coping": "'evenings are easier'",
    "tm_end_burnout": "'a coffee every afternoon'",
}

_NAMES_A_TIME = re.compile(
    r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|o'clock|half past|"
    r"quarter (past|to)|\d{1,2}:\d\d|a\.m\.|p\.m\.|noon|midnight|morning|evening|afternoon|"
    r"tonight|breakfast|lunch|(at|past) (one|two|three|four|five|six|seven|eight|nine|ten|"
    r"eleven|twelve)\b)",
    re.IGNORECASE,
)

#: Random playthroughs from every start for the clock check; quiz answers are
#: always the first option (no route in the pack reads the score, and answers
#: take no time), so paths that differ only in answers are walked once.
CLOCK_PLAYTHROUGHS = 300


def _minutes(hhmm: str) -> int:
    hours, minutes = hhmm.split(":")
    return int(hours) * 60 + int(minutes)


def _clock_problems(story: m.Story, state: GameState, first_day: dict[str, int]) -> list[str]:
    """What is wrong with the clock at the scene ``state`` shows, by CLOCK."""
    expected = CLOCK.get(state.scene)
    first_day.setdefault(state.scene, state.time.day)
    if expected is None:
        return []
    weekday, earliest, latest, after = expected
    now = state.time
    problems = []
    if weekday is not None and (now.weekday is None or WEEKDAYS[now.weekday] != weekday):
        problems.append(f"the text says {weekday}, the clock {now.label()}")
    if not _minutes(earliest) <= now.minutes <= _minutes(latest):
        problems.append(f"the text says {earliest}..{latest}, the clock {now.label()}")
    if after is not None:
        anchor, days = after
        if anchor not in first_day:
            problems.append(f"shown without {anchor} before it")
        elif now.day - first_day[anchor] != days:
            problems.append(
                f"the text says {days} days after {anchor}, the clock {now.day - first_day[anchor]}"
            )
    return [f"{state.scene} ({story.scenes[state.scene].title}): {p}" for p in problems]


def test_every_scene_that_names_the_time_is_checked(story: m.Story) -> None:
    unlisted = []
    for ident, scene in story.scenes.items():
        texts = [scene.title, *(p.text.source for p in scene.text)]
        listed = ident in CLOCK or ident in NOT_NOW
        if not listed and any(_NAMES_A_TIME.search(text) for text in texts):
            unlisted.append(ident)
    assert not unlisted, f"scenes that name a time, in neither CLOCK nor NOT_NOW: {unlisted}"
    assert not set(CLOCK) - set(story.scenes), "CLOCK names scenes the pack does not have"


def test_the_clock_agrees_with_the_text_on_every_walkthrough(story: m.Story) -> None:
    """The walkthroughs that start where a game starts (the story or a storyline)."""
    starts = set(entry_points(story))
    problems: list[str] = []
    walked = 0
    for test in story.tests:
        if test.start is not None and test.start not in starts:
            continue  # begun mid-story, so its clock starts anywhere
        walked += 1
        state = new_game(story, seed=test.seed, start=test.start, setup=test.setup).state
        first_day: dict[str, int] = {}
        problems += [f"{test.name}: {p}" for p in _clock_problems(story, state, first_day)]
        for step in test.steps:
            before = state.scene
            state = perform(story, state, step)
            if state.scene != before:
                found = _clock_problems(story, state, first_day)
                problems += [f"{test.name}: {p}" for p in found]
    assert walked >= len(story.storylines)
    assert not problems, "\n".join(problems)


def test_the_clock_agrees_with_the_text_on_random_playthroughs(story: m.Story) -> None:
    """Many seeded random paths from every start; each step from the same
    state is worked out once (as `locus test --random` does), so the paths
    cost what their distinct steps cost."""
    starts = entry_points(story)
    storyline_of = {sl.start: sl.id for sl in story.storylines.values()}
    steps: dict[tuple[object, int], GameState] = {}
    problems: dict[str, str] = {}
    checked: set[str] = set()
    for run in range(CLOCK_PLAYTHROUGHS):
        start = starts[run % len(starts)]
        pick = random.Random(run)
        storyline = None if start == story.start else storyline_of[start]
        state = new_game(story, seed=run, storyline=storyline).state
        first_day: dict[str, int] = {}
        path = [start]
        while True:
            checked.add(state.scene)
            for problem in _clock_problems(story, state, first_day):
                problems.setdefault(problem, " > ".join(path))
            if is_ending(story, state):
                break
            options = [o for o in visible_choices(story, state) if o.enabled]
            option = options[0] if options[0].kind == "answer" else pick.choice(options)
            key = (state.key(with_rng=False), option.number)
            after = steps.get(key)
            if after is None:
                after = act(story, state, option.number, quiet=True).state
                assert after.rng == state.rng, "a random route: remember by generator too"
                steps[key] = after
            state = after
            path.append(f"{option.text} > {state.scene}")
    assert not problems, "\n".join(f"{p}\n  via {via}" for p, via in problems.items())
    assert set(CLOCK) <= checked, f"never shown: {sorted(set(CLOCK) - checked)}"
