"""What happened in a transition, and why.

Every transition returns its events. The TUI's event log shows their text
(the body's causal links teach the mechanism), the plain front end prints
them, saves keep them, and the classroom records them. Each kind of event
is one frozen dataclass below, like ``Effect`` in game/story/model.py:
consumers read typed fields, and ``payload()`` is the JSON-safe mapping that
saves and the results database store (its keys and their order are the
stored format, so they stay as they are).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import ClassVar, TypeAlias

import msgspec

from game.story.expr import Value


class _Event:
    """What every event has: a ``kind`` (the name it is stored under), the
    sentence the log shows, and its payload."""

    __slots__ = ()
    kind: ClassVar[str]
    #: (stored key, attribute) in stored order; by default every field but
    #: ``text``, under its own name.
    stored: ClassVar[tuple[tuple[str, str], ...] | None] = None
    text: str

    def payload(self) -> dict[str, object]:
        """The event's data as saves and the results database store it."""
        return {key: _plain(getattr(self, name)) for key, name in _stored(type(self))}


def _stored(cls: type[_Event]) -> tuple[tuple[str, str], ...]:
    if cls.stored is not None:
        return cls.stored
    return tuple((f.name, f.name) for f in fields(cls) if f.name != "text")  # type: ignore[arg-type]


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


@dataclass(frozen=True, slots=True)
class GameStarted(_Event):
    kind = "start"
    text: str
    pack: str
    storyline: str | None
    seed: int
    scene: str


@dataclass(frozen=True, slots=True)
class SceneEntered(_Event):
    kind = "enter"
    text: str
    scene: str
    visit: int


@dataclass(frozen=True, slots=True)
class ChoiceTaken(_Event):
    """``text`` is the choice as shown (also stored as the payload's text);
    ``number`` its position in the scene."""

    kind = "choice"
    stored = (("scene", "scene"), ("number", "number"), ("text", "text"))
    text: str
    scene: str
    number: int


@dataclass(frozen=True, slots=True)
class AnswerGiven(_Event):
    """A quiz answer: ``option`` as numbered, ``option_text`` its text."""

    kind = "answer"
    stored = (
        ("scene", "scene"),
        ("objective", "objective"),
        ("option", "option"),
        ("text", "option_text"),
        ("correct", "correct"),
        ("points", "points"),
        ("possible", "possible"),
        ("feedback", "feedback"),
        ("correct_option", "correct_option"),
    )
    text: str
    scene: str
    objective: str
    option: int
    option_text: str
    correct: bool
    points: int
    possible: int
    feedback: str
    correct_option: int


@dataclass(frozen=True, slots=True)
class RouteTaken(_Event):
    """A route that chance (``random``) or a condition decided; a plain
    ``goto`` says nothing."""

    kind = "route"
    text: str
    to: str
    random: bool = False
    condition: str | None = None

    def payload(self) -> dict[str, object]:
        if self.random:
            return {"to": self.to, "random": True}
        return {"to": self.to, "condition": self.condition}


@dataclass(frozen=True, slots=True)
class TimePassed(_Event):
    kind = "time"
    text: str
    seconds: float
    clock: float


@dataclass(frozen=True, slots=True)
class BodyExplained(_Event):
    """One causal link of the body model, with the readouts it moved."""

    kind = "body"
    text: str
    readouts: tuple[str, ...]
    organ: str | None


@dataclass(frozen=True, slots=True)
class VariableChanged(_Event):
    kind = "variable"
    text: str
    name: str
    value: Value


@dataclass(frozen=True, slots=True)
class ScoreChanged(_Event):
    kind = "score"
    text: str
    points: int
    score: int


@dataclass(frozen=True, slots=True)
class BadgeEarned(_Event):
    kind = "badge"
    text: str
    id: str


@dataclass(frozen=True, slots=True)
class CodexUnlocked(_Event):
    kind = "codex"
    text: str
    id: str


@dataclass(frozen=True, slots=True)
class ConditionChanged(_Event):
    kind = "condition"
    text: str
    id: str
    action: str


@dataclass(frozen=True, slots=True)
class MedicationChanged(_Event):
    kind = "medication"
    text: str
    id: str
    action: str


@dataclass(frozen=True, slots=True)
class InputsChanged(_Event):
    """Body inputs set by an effect, stored as the mapping the pack wrote."""

    kind = "input"
    text: str
    changes: tuple[tuple[str, Value], ...]

    def payload(self) -> dict[str, object]:
        return dict(self.changes)


@dataclass(frozen=True, slots=True)
class EndingReached(_Event):
    kind = "ending"
    stored = (("scene", "scene"), ("kind", "ending_kind"), ("score", "score"))
    text: str
    scene: str
    ending_kind: str
    score: int


Event: TypeAlias = (
    GameStarted
    | SceneEntered
    | ChoiceTaken
    | AnswerGiven
    | RouteTaken
    | TimePassed
    | BodyExplained
    | VariableChanged
    | ScoreChanged
    | BadgeEarned
    | CodexUnlocked
    | ConditionChanged
    | MedicationChanged
    | InputsChanged
    | EndingReached
)

EVENT_TYPES: dict[str, type[Event]] = {
    cls.kind: cls
    for cls in (
        GameStarted,
        SceneEntered,
        ChoiceTaken,
        AnswerGiven,
        RouteTaken,
        TimePassed,
        BodyExplained,
        VariableChanged,
        ScoreChanged,
        BadgeEarned,
        CodexUnlocked,
        ConditionChanged,
        MedicationChanged,
        InputsChanged,
        EndingReached,
    )
}


def event_from_payload(kind: str, text: str, payload: dict[str, object]) -> Event:
    """The event stored as ``(kind, text, payload())``; ValueError when the
    kind is unknown or the payload does not fit it (a damaged save)."""
    cls = EVENT_TYPES.get(kind)
    if cls is None:
        raise ValueError(f"unknown event kind {kind!r}")
    if cls is InputsChanged:
        raw: dict[str, object] = {"changes": list(payload.items())}
    else:
        raw = {name: payload[key] for key, name in _stored(cls) if key in payload}
    raw["text"] = text
    try:
        return msgspec.convert(raw, cls)
    except msgspec.ValidationError as error:
        raise ValueError(f"the {kind} event does not fit: {error}") from None
