"""The body through the authoring format: what a scene author writes is what
the calibration promises (issue 3's 'done when')."""

from __future__ import annotations

import re

import pytest

from game.engine.machine import Game
from game.story.loader import load_pack

SCENE = """\
scenes:
  a:
    title: A
    text: "HR ${{body.heart_rate:.0f}} SYS ${{body.systolic:.0f}} NE ${{body.ne_plasma:.0f}} \\
      PUPIL ${{body.pupil:.1f}} MODE ${{body.lc_mode}}"
    on_enter:
{effects}
    time: {time}
    ending: {{kind: good, summary: done}}
"""


def shown(make_pack, effects: list[str], time: str) -> dict[str, str]:
    block = "\n".join(f"      - {effect}" for effect in effects)
    root = make_pack(**{"s.yaml": SCENE.format(effects=block, time=time)})
    result = load_pack(root)
    assert result.ok, result.diagnostics
    text = Game.start(result.story).view().paragraphs[0]
    return dict(re.findall(r"([A-Z]+) (\S+)", text))


def test_a_bear_for_one_minute(make_pack):
    values = shown(make_pack, ["body: {threat: 1.0}"], "1min")
    assert 115 <= float(values["HR"]) <= 160
    assert 145 <= float(values["SYS"]) <= 175
    assert 500 <= float(values["NE"]) <= 1200
    assert 5.5 <= float(values["PUPIL"]) <= 7.5


def test_rest(make_pack):
    values = shown(make_pack, ["body: {threat: 0}"], "10min")
    assert values["HR"] == "70" and values["MODE"] == "phasic"


@pytest.mark.parametrize(
    ("effects", "low", "high"),
    [
        (["body: {exercise: 0.65}"], 135, 165),
        (["body: {threat: 0.5}"], 85, 100),
    ],
)
def test_heart_rate_bands(make_pack, effects, low, high):
    minutes = "10min" if "exercise" in effects[0] else "3min"
    assert low <= float(shown(make_pack, effects, minutes)["HR"]) <= high


def test_beta_blocker_blunts_the_bear(make_pack):
    healthy = float(shown(make_pack, ["body: {threat: 1.0}"], "1min")["HR"])
    blocked = float(
        shown(
            make_pack,
            ["medication: {start: beta_blocker}", "time: 1d", "body: {threat: 1.0}"],
            "1min",
        )["HR"]
    )
    assert blocked - 70 <= 0.4 * (healthy - 70) + 2
