"""The save file's shape, declared once as msgspec structs.

``SaveFile`` and what it holds are what a save is: game/engine/saves.py
writes a game by encoding them and reads one by decoding the file's bytes
straight into them, so a file that does not fit (a wrong type, a missing or
unknown field, a number that is not finite, a string or list longer than
play makes) is refused with the place where it went wrong, before any of it
is used. Events keep their stored form here (kind, text, payload) and are
rebuilt through game/engine/events.py, which checks each payload.
"""

from __future__ import annotations

import sys
from typing import Annotated, Any

import msgspec

from game.engine.machine import MAX_TRACE

SAVE_FORMAT = 1
MAGIC = "locus-save"
MAX_ID = 1_000  # scene, variable, badge and storyline ids, and event kinds
MAX_TEXT = 100_000  # event text, variable strings, the save's name
MAX_ITEMS = 100_000  # entries in any one list or mapping of a step

Id = Annotated[str, msgspec.Meta(max_length=MAX_ID)]
Text = Annotated[str, msgspec.Meta(max_length=MAX_TEXT)]
# The bounds reject infinities and NaN, which JSON readers differ on.
Finite = Annotated[float, msgspec.Meta(ge=-sys.float_info.max, le=sys.float_info.max)]
Int = Annotated[int, msgspec.Meta(ge=-(2**63), le=2**63 - 1)]
Count = Annotated[int, msgspec.Meta(ge=0, le=2**63 - 1)]
Weekday = Annotated[int, msgspec.Meta(ge=0, le=6)]


def at_most(limit: int) -> msgspec.Meta:
    return msgspec.Meta(max_length=limit)


class Schema(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """Every struct of the save file refuses fields it does not declare."""


# (clock, scene, readouts in TRACE_READOUTS order, label)
SavedTracePoint = tuple[Finite, Id, Annotated[list[Finite], at_most(64)], Id | None]
# (scene, objective, option, correct, points, possible, clock)
SavedAnswer = tuple[Id, Id, Int, bool, Int, Int, Finite]


class TraceDelta(Schema, frozen=True):
    """A step's body trace as a change from the previous step's: points
    dropped from the front, points added at the end."""

    drop: Annotated[int, msgspec.Meta(ge=0, le=MAX_TRACE)]
    add: Annotated[list[SavedTracePoint], at_most(MAX_TRACE)]


class SavedState(Schema, frozen=True):
    scene: Id
    vars: Annotated[dict[Id, bool | Int | Finite | Text], at_most(MAX_ITEMS)]
    visits: Annotated[dict[Id, Count], at_most(MAX_ITEMS)]
    taken: Annotated[list[tuple[Id, Count]], at_most(MAX_ITEMS)]
    clock: Finite
    body: dict[str, Any]  # checked field by field by game.body's from_dict
    rng: Annotated[int, msgspec.Meta(ge=0)]  # 64 bits: msgspec reads no larger int
    score: Int
    badges: Annotated[list[Id], at_most(MAX_ITEMS)]
    codex: Annotated[list[Id], at_most(MAX_ITEMS)]
    answers: Annotated[list[SavedAnswer], at_most(MAX_ITEMS)]
    trace_delta: TraceDelta
    turn: Count = 0
    storyline: Id | None = None
    # The story clock's anchor (seconds into its day, day, weekday); saves from
    # before it was recorded get the pack's.
    start_time: tuple[Finite, Int, Weekday | None] | None = None


class SavedEvent(Schema, frozen=True):
    kind: Id
    text: Text
    data: Annotated[dict[str, Any], at_most(MAX_ITEMS)] = {}


class SavedStep(Schema, frozen=True):
    state: SavedState
    events: Annotated[list[SavedEvent], at_most(MAX_ITEMS)] = []


class SaveFile(Schema, frozen=True):
    magic: str
    format: int
    pack: Id
    name: Text
    saved_at: Finite
    scene: Id
    steps: Annotated[list[SavedStep], msgspec.Meta(min_length=1)]
    story_time: Text = ""  # the story's clock when saved ("Thu 18:35"), for the list


class SaveHeader(msgspec.Struct, frozen=True):
    """What the Load screen lists, read without decoding the steps."""

    magic: str
    format: int
    pack: Id
    name: Text = ""
    saved_at: Finite = 0.0
    scene: Id = ""
    story_time: Text = ""


class Identity(msgspec.Struct, frozen=True):
    """The three fields that say whose save this is, whatever their type."""

    magic: object = None
    format: object = None
    pack: object = None
