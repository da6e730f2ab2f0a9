"""The story's clock: ``starts_at`` in story.yaml and storylines, ``clock`` and ``day``
in templates, the header, saves, and the bundled pack's scenes that name a time."""

from __future__ import annotations

from collections import deque

import msgspec
import pytest

from game.engine.machine import Game, act, choose, new_game, scene_view, visible_choices
from game.engine.saves import game_from_save_file, to_save_file
from game.paths import bundled_pack
from game.story.clock import MIDNIGHT, StartTime, anchored, parse_starts_at, story_time
from game.story.loader import load_pack


@pytest.mark.parametrize(
    ("value", "start"),
    [
        ("21:00", StartTime(21 * 3600.0)),
        ("7:05", StartTime(7 * 3600.0 + 300.0)),
        ("Thu 18:30", StartTime(18.5 * 3600.0, 0, 3)),
        ("thu 18:30", StartTime(18.5 * 3600.0, 0, 3)),
        ("day 3 06:00", StartTime(6 * 3600.0, 3)),
        (21, StartTime(0.0, 21)),
    ],
)
def test_starts_at_forms(value, start):
    assert parse_starts_at(value) == start


@pytest.mark.parametrize("value", ["25:00", "12:60", "Thx 10:00", "noon", "", -1, True, 2.5])
def test_bad_starts_at_says_why(value):
    assert isinstance(parse_starts_at(value), str)


def test_story_time_labels_and_days():
    night = StartTime(21 * 3600.0)
    assert story_time(night, 5 * 60).label() == "21:05"
    assert story_time(night, 4 * 3600).label() == "day 1 · 01:00"
    thursday = parse_starts_at("Thu 18:30")
    assert isinstance(thursday, StartTime)
    assert story_time(thursday, 0).label() == "Thu 18:30"
    assert story_time(thursday, 5 * 86400 + 3600).label() == "Tue 19:30"
    assert story_time(MIDNIGHT, 2 * 86400 + 60).label() == "day 2 · 00:01"
    assert story_time(anchored(night, 600.0), 600.0).clock == "21:00"


STORY = """\
format: 1
id: t
start: hub
starts_at: "08:00"
storylines:
  - {id: evening, title: Evening, start: late, starts_at: "Thu 21:00"}
  - {id: morning, title: Morning, start: hub}
"""
SCENES = """\
scenes:
  hub:
    title: Hub
    text: "It is ${clock} on day ${day}."
    time: 10min
    next: late
  late:
    title: Late
    text: "${clock}, day ${day}"
    time: 5min
    choices:
      - {text: Sleep, goto: late, effects: [{time: 8h}]}
"""


def _story(make_pack, story=STORY):
    result = load_pack(make_pack(story, **{"scenes.yaml": SCENES}))
    assert result.ok, result.diagnostics
    return result.story


def test_templates_show_the_story_clock(make_pack):
    story = _story(make_pack)
    state = new_game(story).state
    assert scene_view(story, state).paragraphs == ("It is 08:10 on day 0.",)
    state = new_game(story, storyline="evening").state
    assert state.time.label() == "Thu 21:05"
    assert scene_view(story, state).paragraphs == ("21:05, day 0",)
    later = choose(story, state, 1).state
    assert scene_view(story, later).paragraphs == ("05:10, day 1",)
    assert later.time.label() == "Fri 05:10"


def test_a_storyline_entered_from_the_hub_starts_when_it_says(make_pack):
    story = _story(make_pack)
    state = choose(story, new_game(story).state, 1).state
    assert state.scene == "late" and state.time.label() == "Thu 21:05"


def test_saves_keep_the_story_clock(make_pack):
    story = _story(make_pack)
    game = Game.start(story).choose(1)  # the evening storyline, entered from the hub
    save = to_save_file(game)
    assert game_from_save_file(story, save).game.state.start_time == game.state.start_time
    # A save from before the clock was saved: the pack's start.
    old = msgspec.structs.replace(
        save,
        steps=[
            msgspec.structs.replace(
                step, state=msgspec.structs.replace(step.state, start_time=None)
            )
            for step in save.steps
        ],
    )
    assert game_from_save_file(story, old).game.state.start_time == story.start_time(None)


def test_bad_starts_at_is_e053(make_pack):
    result = load_pack(make_pack(STORY.replace('"08:00"', '"8 am"'), **{"scenes.yaml": SCENES}))
    (found,) = [d for d in result.diagnostics if d.code == "E053"]
    assert (found.loc.line, found.loc.col) == (4, 12)


# Scenes of the bundled pack that name a time, and the story clock when they are shown.
NAMED_TIMES = {
    ("inside_the_lc", "lc_evening"): "21:00",  # "Nine o'clock at night"
    ("inside_the_lc", "lc_bedtime"): "23:00",  # "sleep at eleven"
    ("inside_the_lc", "lc_cram"): "day 1 · 03:00",  # "Three in the Morning"
    ("inside_the_lc", "lc_night_full"): "day 1 · 06:59",  # "It is 6:59"
    ("inside_the_lc", "lc_night_short"): "day 1 · 06:59",
    ("running_on_empty", "roe_morning"): "Sat 08:30",  # "It is half past eight" (Saturday)
    ("back_on_track", "bot_room"): "Thu 18:30",  # "It is Thursday, half past six"
    ("too_much", "tm_opening"): "09:03",  # "70 a minute over breakfast"
    ("too_much", "tm_night"): "day 8 · 03:23",  # "You wake just after three", 20 minutes on
    ("fight_or_flight", "ff_trailhead"): "16:32",  # "Late afternoon"
}


@pytest.mark.parametrize(("where", "shown"), sorted(NAMED_TIMES.items()))
def test_bundled_scenes_that_name_a_time_agree_with_the_clock(where, shown):
    storyline, scene = where
    story = load_pack(bundled_pack()).story
    state = _first_arrival(story, new_game(story, storyline=storyline).state, scene)
    assert state.time.label() == shown


def _first_arrival(story, state, scene):
    """The state on the shortest path (fewest steps) that shows ``scene``."""
    queue, seen = deque([state]), {state.key()}
    while queue:
        state = queue.popleft()
        if state.scene == scene:
            return state
        for option in visible_choices(story, state):
            if option.enabled:
                after = act(story, state, option.number, quiet=True).state
                if after.key() not in seen:
                    seen.add(after.key())
                    queue.append(after)
    raise AssertionError(f"no path shows {scene}")


def test_the_list_of_saves_and_the_history_show_the_story_time(make_pack, tmp_path):
    from game.engine.saves import list_saves, slot_path, write_save
    from game.tui.widgets.event_log import log_text

    story = _story(make_pack)
    game = Game.start(story, storyline="evening").choose(1)
    write_save(slot_path(tmp_path, story.id, "night"), game, "night")
    (slot,) = list_saves(tmp_path, story.id).slots
    assert slot.story_time == "Fri 05:10"
    history = log_text(game.steps, timed=True).plain
    assert history.startswith("Fri 05:10")
