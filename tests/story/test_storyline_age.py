"""A storyline's ``age:`` (the player of that storyline, in years) overrides
story.yaml's: the body's age-predicted maximum heart rate follows it, whether
play begins with the storyline or reaches its start scene from elsewhere."""

from __future__ import annotations

from game.body.readouts import max_heart_rate
from game.engine.machine import act, new_game
from game.paths import bundled_pack
from game.story.loader import load_pack
from tests.conftest import BASE_STORY

SCENES = """\
scenes:
  a:
    title: A
    text: Hello
    choices:
      - text: Go
        goto: b
  b:
    title: B
    text: End
    ending: {kind: good, summary: Done}
"""
ELDER = BASE_STORY.replace(
    "  - {id: line, title: Line, start: a}\n",
    "  - {id: line, title: Line, start: a}\n  - {id: elder, title: Elder, start: b, age: 64}\n",
)


def test_a_storyline_age_sets_the_body_age(make_pack):
    story = load_pack(make_pack(story=ELDER, **{"s.yaml": SCENES})).story
    assert story.storylines["elder"].age == 64.0
    assert story.storylines["line"].age is None
    assert new_game(story, storyline="elder").state.body.age == 64.0
    assert new_game(story, storyline="line").state.body.age == 16.0
    assert new_game(story).state.body.age == 16.0


def test_reaching_the_storyline_start_makes_the_player_that_age(make_pack):
    story = load_pack(make_pack(story=ELDER, **{"s.yaml": SCENES})).story
    state = act(story, new_game(story).state, 1).state
    assert state.scene == "b" and state.body.age == 64.0
    assert max_heart_rate(state.body.age) < max_heart_rate(16.0)


def test_a_storyline_age_out_of_range_is_e017_at_its_value(make_pack):
    story = ELDER.replace("age: 64", "age: 3")
    result = load_pack(make_pack(story=story, **{"s.yaml": SCENES}))
    found = [(d.code, d.loc.line, d.loc.col, d.message) for d in result.diagnostics]
    assert ("E017", 14, 46, "age must be from 5 to 100 years") in found


def test_running_on_empty_is_played_by_ada_at_64():
    story = load_pack(bundled_pack()).story
    assert story.storylines["running_on_empty"].age == 64.0
    assert new_game(story, storyline="running_on_empty").state.body.age == 64.0
