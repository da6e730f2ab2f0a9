"""Events: one frozen dataclass per kind, stored as (kind, text, payload).

The payload's keys and their order are what saves and the results database
hold (game/classroom/records.py writes them as JSON), so they are pinned
here: changing one would make saved games and recorded results unreadable.
"""

from __future__ import annotations

import json
import random
import typing

import pytest

from game.engine import events as ev
from game.engine.machine import ActionError, Game
from game.engine.saves import SaveError, game_from_dict, game_to_dict
from game.story.loader import load_pack
from tests.conftest import MINI_PACK

EXAMPLES: list[tuple[ev.Event, str]] = [
    (
        ev.GameStarted("New game", pack="p", storyline=None, seed=3, scene="a"),
        '{"pack":"p","storyline":null,"seed":3,"scene":"a"}',
    ),
    (ev.SceneEntered("A", scene="a", visit=2), '{"scene":"a","visit":2}'),
    (ev.ChoiceTaken("Go", scene="a", number=1), '{"scene":"a","number":1,"text":"Go"}'),
    (
        ev.AnswerGiven("Correct. Yes", "q", "obj", 2, "Two", True, 10, 10, "Yes", 2),
        '{"scene":"q","objective":"obj","option":2,"text":"Two","correct":true,'
        '"points":10,"possible":10,"feedback":"Yes","correct_option":2}',
    ),
    (ev.RouteTaken("Chance", to="b", random=True), '{"to":"b","random":true}'),
    (ev.RouteTaken("Because x", to="b", condition="x > 1"), '{"to":"b","condition":"x > 1"}'),
    (ev.TimePassed("5 min pass", seconds=300.0, clock=360.0), '{"seconds":300.0,"clock":360.0}'),
    (
        ev.BodyExplained("LC fires", readouts=("ne", "heart_rate"), organ="heart"),
        '{"readouts":["ne","heart_rate"],"organ":"heart"}',
    ),
    (ev.VariableChanged("x = 2", name="x", value=2), '{"name":"x","value":2}'),
    (ev.ScoreChanged("+5 points", points=5, score=15), '{"points":5,"score":15}'),
    (ev.BadgeEarned("Badge", id="brave"), '{"id":"brave"}'),
    (ev.CodexUnlocked("Codex", id="lc"), '{"id":"lc"}'),
    (ev.ConditionChanged("Condition", id="pd", action="add"), '{"id":"pd","action":"add"}'),
    (ev.MedicationChanged("Med", id="ld", action="start"), '{"id":"ld","action":"start"}'),
    (
        ev.InputsChanged("Body input", changes=(("threat", 0.8), ("exercise", True))),
        '{"threat":0.8,"exercise":true}',
    ),
    (
        ev.EndingReached("The end", scene="z", ending_kind="good", score=20),
        '{"scene":"z","kind":"good","score":20}',
    ),
]


def _json(value: object) -> str:  # as game/classroom/records.py writes the data column
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def test_every_kind_is_declared_once_and_pinned_here() -> None:
    declared = typing.get_args(ev.Event)
    assert sorted(c.kind for c in declared) == sorted(ev.EVENT_TYPES)
    assert {type(e) for e, _ in EXAMPLES} == set(declared)


@pytest.mark.parametrize(("event", "stored"), EXAMPLES, ids=lambda x: getattr(x, "kind", ""))
def test_the_stored_payload_is_the_recorded_format(event: ev.Event, stored: str) -> None:
    assert _json(event.payload()) == stored


@pytest.mark.parametrize(("event", "stored"), EXAMPLES, ids=lambda x: getattr(x, "kind", ""))
def test_a_stored_event_reads_back_as_itself(event: ev.Event, stored: str) -> None:
    assert ev.event_from_payload(event.kind, event.text, json.loads(stored)) == event


@pytest.mark.parametrize(
    ("kind", "payload", "message"),
    [
        ("teleport", {}, "unknown event kind 'teleport'"),
        ("score", {"points": "many", "score": 1}, "the score event does not fit"),
        ("enter", {"scene": "a"}, "the enter event does not fit"),
    ],
)
def test_a_payload_that_does_not_fit_is_refused(kind: str, payload: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        ev.event_from_payload(kind, "text", payload)


def test_events_of_real_play_survive_a_save() -> None:
    story = load_pack(MINI_PACK).story
    rng = random.Random(5)
    game = Game.start(story, seed=5)
    for _ in range(40):
        options = [o.number for o in game.options() if o.enabled]
        if not options:
            break
        try:
            game = game.act(rng.choice(options))
        except ActionError:
            break
    events = [e for step in game.steps for e in step.events]
    assert len({e.kind for e in events}) >= 5
    loaded = game_from_dict(story, json.loads(json.dumps(game_to_dict(game)))).game
    assert [s.events for s in loaded.steps] == [s.events for s in game.steps]


def test_a_damaged_event_in_a_save_is_a_clear_error() -> None:
    story = load_pack(MINI_PACK).story
    data = game_to_dict(Game.start(story, seed=1).act(1))
    data["steps"][-1]["events"][0]["data"] = {"scene": 7}
    with pytest.raises(SaveError, match="an event in the save is damaged"):
        game_from_dict(story, data)
