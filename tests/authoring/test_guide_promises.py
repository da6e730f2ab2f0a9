"""What docs/authoring.md promises about durations, the clock, art, inputs,
sleep, suggestions and `locus --version`, checked against the tool."""

from __future__ import annotations

import pytest

from game import body as bm
from game.cli import main
from game.engine.machine import Game
from game.story.loader import load_pack

H = 3600
END = "  z:\n    title: Z\n    text: End\n    ending: {kind: good, summary: Done}\n"


def first(root, code: str):
    found = [d for d in load_pack(root).diagnostics if d.code == code]
    assert found, load_pack(root).diagnostics
    return found[0]


@pytest.mark.parametrize(
    ("written", "seconds"), [("30sec", 30), ("5h20min", 19200), ("1h 30min", 5400), ("90s", 90)]
)
def test_documented_durations_are_accepted(make_pack, written, seconds):
    scenes = f"scenes:\n  a:\n    title: A\n    text: x\n    time: {written}\n    next: z\n" + END
    story = load_pack(make_pack(**{"s.yaml": scenes})).story
    assert story is not None and story.scenes["a"].time == seconds


def test_a_clock_time_gets_forms_that_exist(make_pack):
    scenes = "scenes:\n  a:\n    title: A\n    text: x\n    time: 1:30\n    next: z\n" + END
    d = first(make_pack(**{"s.yaml": scenes}), "E030")
    assert (d.loc.line, d.loc.col) == (5, 11)
    assert d.hint == "a clock time is not a duration: write 1min 30s, or 1h 30min"
    for form in ("1min 30s", "1h 30min"):
        ok = scenes.replace("1:30", form)
        assert load_pack(make_pack(**{"s.yaml": ok})).story is not None


STORY = """\
format: 1
id: t
title: T
start: a
variables: {}
storylines:
  - {id: later, title: Later, start: b}
"""
CLOCK = (
    """\
scenes:
  a:
    title: A
    text: "Minute ${minutes}."
    time: 1h
    next: b
  b:
    title: B
    text: "Minute ${minutes}."
    time: 2min
    next: z
"""
    + END
)


def test_the_clock_starts_at_the_storylines_start(make_pack):
    story = load_pack(make_pack(story=STORY, **{"s.yaml": CLOCK})).story
    from_start = Game.start(story).act(1)
    assert from_start.state.scene == "b" and from_start.state.minutes == 62
    storyline = Game.start(story, storyline="later")
    assert storyline.state.minutes == 2  # its own clock, its start scene's time passed
    assert storyline.view().paragraphs == ("Minute 2.",)


def test_art_names_are_relative_to_assets(make_pack):
    scenes = (
        "scenes:\n  a:\n    title: A\n    text: x\n    art: assets/owl.txt\n    next: z\n" + END
    )
    root = make_pack(**{"s.yaml": scenes, "assets__owl.txt": "(o,o)\n"})
    d = first(root, "E027")
    assert (d.loc.line, d.loc.col) == (5, 10)
    assert d.hint == "art names are relative to assets/: write art: owl.txt"
    fixed = make_pack(**{"s.yaml": scenes.replace("assets/owl.txt", "owl.txt")})
    assert load_pack(fixed).story is not None


INPUTS = (
    """\
scenes:
  a:
    title: Breathe
    text: In, out.
    on_enter:
      - body: {calm: 0.8}
    next: b
  b:
    title: Still calm
    text: The calm stays.
    next: c
  c:
    title: Back to it
    text: Bell.
    on_enter:
      - body: {calm: 0}
    next: z
"""
    + END
)


def test_inputs_stay_until_changed(make_pack):
    story = load_pack(
        make_pack(story=STORY.replace("start: b}", "start: a}"), **{"s.yaml": INPUTS})
    ).story
    game = Game.start(story)
    assert game.state.body.calm == 0.8
    game = game.act(1)
    assert game.state.scene == "b" and game.state.body.calm == 0.8
    game = game.act(1)
    assert game.state.scene == "c" and game.state.body.calm == 0.0


def test_sleep_is_modelled_as_the_guide_says():
    awake = bm.initial_state()
    asleep, _ = bm.advance(bm.with_inputs(awake, {"sleep": True}), 8 * H)
    r = bm.readout
    assert r(asleep, "lc_rate") < 0.3  # nearly silent
    assert r(asleep, "heart_rate") < r(awake, "heart_rate")
    assert r(asleep, "anxiety") < r(awake, "anxiety")
    assert r(asleep, "fatigue") <= r(awake, "fatigue") / 2
    ten, _ = bm.advance(awake, 10 * H)  # up 12 h: no debt yet
    twenty, _ = bm.advance(awake, 20 * H)  # up 22 h: 6 h past 16
    assert r(ten, "fatigue") == pytest.approx(r(awake, "fatigue"), abs=1)
    assert r(twenty, "fatigue") > r(ten, "fatigue") + 10


def test_suggestions_ignore_case(make_pack):
    scenes = "scenes:\n  exam_panic:\n    title: A\n    text: x\n    Next: z\n" + END
    d = first(make_pack(**{"s.yaml": scenes.replace("Next: z", "next: Exam_Panic")}), "E014")
    assert d.hint and d.hint.startswith("did you mean 'exam_panic'?")
    d = first(make_pack(**{"s.yaml": scenes}), "E010")
    assert d.hint == "did you mean 'next'?"


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("locus ")
    # The tests run the sources (the editable install): the body is not compiled here.
    assert out.rstrip().endswith("(body model in pure Python)")
