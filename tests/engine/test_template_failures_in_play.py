"""A template that fails while playing (here a division by a variable that is
0) is a content error at the place the author wrote it, file, line and
column, wherever the text is shown: a scene's paragraph, a quiz's question,
an option, an ending's summary, whether play told its events or played
quietly (as a playtest does) and the screen renders the scene afterwards."""

from __future__ import annotations

import pytest

from game.engine.machine import ContentError, choose, new_game, scene_view, visible_choices
from game.story.loader import load_pack

SCENES = """\
scenes:
  a:
    title: A
    text: x
    choices:
      - {text: To the text, goto: t}
      - {text: To the quiz, goto: q}
      - {text: To the end, goto: end}
  t:
    title: T
    text: "T ${10 / courage}"
    choices:
      - {text: Back, goto: a}
  q:
    title: Q
    text: x
    quiz:
      question: "Q ${10 / courage}"
      objective: obj
      options:
        - {text: "Yes ${10 / courage}", correct: true, feedback: "ok"}
        - {text: "No"}
    next:
      - {to: end}
  end:
    title: End
    text: x
    ending: {kind: good, summary: "S ${10 / courage}"}
"""

FAILS = "division by zero (in ${10 / courage})"


@pytest.fixture
def story(make_pack):
    return load_pack(make_pack(**{"s.yaml": SCENES})).story


def _failure(call) -> str:
    with pytest.raises(ContentError) as error:
        call()
    assert error.value.message == FAILS
    return str(error.value)


@pytest.mark.parametrize("quiet", [False, True])
def test_a_failing_paragraph_names_its_scene(story, quiet) -> None:
    state = choose(story, new_game(story).state, 1, quiet=quiet).state
    assert _failure(lambda: scene_view(story, state)) == f"s.yaml:9:3: {FAILS}"


@pytest.mark.parametrize("quiet", [False, True])
def test_a_failing_question_and_option_name_the_quiz_and_the_option(story, quiet) -> None:
    state = choose(story, new_game(story).state, 2, quiet=quiet).state
    assert _failure(lambda: scene_view(story, state)) == f"s.yaml:18:7: {FAILS}"
    assert _failure(lambda: visible_choices(story, state)) == f"s.yaml:21:11: {FAILS}"


def test_a_failing_ending_summary_names_the_ending_when_play_tells_it(story) -> None:
    start = new_game(story).state
    assert _failure(lambda: choose(story, start, 3)) == f"s.yaml:28:13: {FAILS}"


def test_a_failing_ending_summary_names_the_ending_when_the_screen_shows_it(story) -> None:
    ended = choose(story, new_game(story).state, 3, quiet=True).state  # quiet: not rendered yet
    assert ended.scene == "end"
    assert _failure(lambda: scene_view(story, ended)) == f"s.yaml:28:13: {FAILS}"
