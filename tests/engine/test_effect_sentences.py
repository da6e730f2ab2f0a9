"""What each effect says in the event log and does to the state, at the
edges: whole and fractional numbers, a variable pushed past its bounds,
ends of conditions and medications, lost points, and the sentence of time
passing with the readouts that moved."""

from __future__ import annotations

import re

import pytest

from game import body as bm
from game.engine import events as ev
from game.engine.machine import ContentError, Game, format_duration, new_game, wait
from game.story.loader import load_pack

SCENES = """\
scenes:
  a:
    title: A
    text: x
    choices:
      - text: Do it
        goto: b
        effects:
{effects}
  b:
    title: B
    text: x
    ending: {{kind: good, summary: Done}}
"""


def run(make_pack, *effects: str) -> Game:
    block = "\n".join(f"          - {effect}" for effect in effects)
    loaded = load_pack(make_pack(**{"s.yaml": SCENES.format(effects=block)}))
    assert loaded.ok, [str(d) for d in loaded.diagnostics if d.severity == "error"]
    return Game.start(loaded.story).choose(1)


def said(game: Game, kind: type) -> list[str]:
    return [e.text for e in game.last_events if isinstance(e, kind)]


def test_a_computed_value_takes_its_variables_type(make_pack) -> None:
    game = run(
        make_pack,
        'compute: {courage: "ratio * 5", ratio: "courage * 2", flag: "courage > 1"}',
    )
    assert game.state.vars["courage"] == 2 and type(game.state.vars["courage"]) is int
    assert game.state.vars["ratio"] == 4.0 and type(game.state.vars["ratio"]) is float
    assert game.state.vars["flag"] is True
    assert said(game, ev.VariableChanged) == ["courage = 2", "ratio = 4.0", "flag = True"]


def test_computed_text_is_kept_and_said_as_it_reads(make_pack) -> None:
    game = run(make_pack, "compute: {word: \"word + '!'\"}")
    assert game.state.vars["word"] == "hi!"
    assert said(game, ev.VariableChanged) == ["word = hi!"]


def test_adding_says_the_change_and_the_new_value(make_pack) -> None:
    game = run(make_pack, "add: {courage: -2, ratio: 1.5}", "add: {courage: 1}")
    assert said(game, ev.VariableChanged) == [
        "courage -2 → -2",
        "ratio +1.5 → 2.0",
        "courage +1 → -1",
    ]


def test_a_variable_pushed_past_its_bounds_is_a_content_error(make_pack) -> None:
    with pytest.raises(ContentError) as error:
        run(make_pack, "add: {courage: 999999999999999}", "add: {courage: 999999999999999}")
    assert error.value.message.startswith("courage: the result is too large")
    assert error.value.loc.path == "s.yaml"
    with pytest.raises(ContentError) as error:
        run(make_pack, 'compute: {ratio: "ratio * 1000000000000000 * 10"}')
    assert error.value.message.startswith("ratio: the result is too large")


def test_conditions_and_medications_say_when_they_end(make_pack) -> None:
    game = run(
        make_pack,
        "condition: {add: chronic_stress}",
        "condition: {remove: chronic_stress}",
        "medication: {start: beta_blocker}",
        "medication: {stop: beta_blocker}",
    )
    assert said(game, ev.ConditionChanged) == [
        "Condition: Chronic stress",
        "Condition resolved: Chronic stress",
    ]
    assert said(game, ev.MedicationChanged) == [
        "Medication started: Beta blocker",
        "Medication stopped: Beta blocker",
    ]
    actions = [
        (e.id, e.action)
        for e in game.last_events
        if isinstance(e, ev.ConditionChanged | ev.MedicationChanged)
    ]
    assert actions == [
        ("chronic_stress", "add"),
        ("chronic_stress", "remove"),
        ("beta_blocker", "start"),
        ("beta_blocker", "stop"),
    ]
    assert game.state.body.conditions == () and game.state.body.medications == ()


def test_points_lost_are_said_with_their_sign(make_pack) -> None:
    game = run(make_pack, "score: -4", "score: 6")
    assert said(game, ev.ScoreChanged) == ["-4 points", "+6 points"]
    assert [e.score for e in game.last_events if isinstance(e, ev.ScoreChanged)] == [-4, 2]


def test_a_codex_entry_already_unlocked_says_nothing(make_pack) -> None:
    codex = "codex:\n  c1: {title: Entry One, text: x}\n"
    block = "          - codex: c1\n          - codex: [c1]"
    loaded = load_pack(make_pack(**{"s.yaml": SCENES.format(effects=block) + codex}))
    game = Game.start(loaded.story).choose(1)
    assert said(game, ev.CodexUnlocked) == ["Codex unlocked: Entry One"]
    assert game.state.codex == ("c1",)


def test_body_inputs_are_said_as_written(make_pack) -> None:
    game = run(make_pack, "body: {threat: 0.25, calm: 1, sleep: true, standing: false}")
    assert said(game, ev.InputsChanged) == [
        "Body input: threat → 0.25, calm → 1, sleep → on, standing → off"
    ]


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [
        (0, "0 s"),
        (59, "59 s"),
        (60, "1 min"),
        (61, "1 min"),  # 1.02: within 0.05 of a whole number
        (63, "1.1 min"),
        (3599, "60 min"),  # 59.98 rounds to 60, still counted in minutes
        (3600, "1 h"),
        (5400, "1.5 h"),
        (86399, "24 h"),
        (86400, "1 day"),
        (2 * 86400, "2 days"),
        (1.04 * 86400, "1 day"),
        (1.5 * 86400, "1.5 days"),
        (604800, "1 week"),
        (3 * 604800, "3 weeks"),
    ],
)
def test_durations_are_said_in_the_largest_unit_that_fits(seconds: float, shown: str) -> None:
    assert format_duration(seconds) == shown


SUMMARY = {  # readout: (label, unit, the smallest change the sentence names)
    "heart_rate": ("heart rate", "bpm", 2.0),
    "systolic": ("systolic pressure", "mmHg", 3.0),
    "resp_rate": ("breathing", "/min", 1.5),
    "ne": ("brain NE", "%", 8.0),
    "ne_plasma": ("blood NE", "pg/mL", 30.0),
    "glucose": ("glucose", "mg/dL", 4.0),
    "focus": ("focus", "", 3.0),
    "anxiety": ("anxiety", "", 3.0),
    "fatigue": ("fatigue", "", 3.0),
    "mood": ("mood", "", 2.0),
}


def said_moves(story, state, seconds: float) -> tuple[str, dict[str, tuple[float, float]]]:
    step = wait(story, state, seconds)
    old, new = bm.readouts(state.body), bm.readouts(step.state.body)
    moved = {
        name: (float(old[name]), float(new[name]))
        for name, (_label, _unit, least) in SUMMARY.items()
        if abs(float(new[name]) - float(old[name])) >= least
    }
    return step.events[0].text, moved


@pytest.mark.parametrize(
    ("inputs", "seconds"),
    [
        ({"threat": 1.0}, 60),  # things rise
        ({"threat": 1.0, "exercise": 0.8}, 600),
        ({"sleep": True}, 8 * 3600),  # and fall
    ],
)
def test_time_passing_names_each_readout_that_moved_noticeably(
    make_pack, inputs: dict, seconds: float
) -> None:
    loaded = load_pack(make_pack(**{"s.yaml": SCENES.format(effects="          - score: 1")}))
    story = loaded.story
    state = new_game(story).state
    state = state._replace(body=bm.with_inputs(state.body, inputs))
    text, moved = said_moves(story, state, seconds)
    assert moved, "the case should move something"
    head = f"{format_duration(seconds)} pass: "
    assert text.startswith(head)
    parts = text[len(head) :].split(", ")
    expected = []
    for name, (was, now) in moved.items():
        label, unit, _least = SUMMARY[name]
        arrow = "▲" if now > was else "▼"
        expected.append(f"{label} {was:.0f} → {now:.0f}{' ' + unit if unit else ''} {arrow}")
    assert parts == expected


def test_time_that_moves_nothing_noticeably_is_said_plainly(make_pack) -> None:
    loaded = load_pack(make_pack(**{"s.yaml": SCENES.format(effects="          - score: 1")}))
    step = wait(loaded.story, new_game(loaded.story).state, 5)
    assert step.events[0].text == "5 s pass"
    assert re.fullmatch(r"5 s pass", step.events[0].text)
