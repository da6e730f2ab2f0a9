"""What happened in a transition, and why.

Every transition returns its events. The TUI's event log shows their text
(the body's causal links teach the mechanism), the plain front end prints
them, and the classroom records them; ``data`` is JSON-safe for that.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

START = "start"
ENTER = "enter"
CHOICE = "choice"
ANSWER = "answer"
ROUTE = "route"
TIME = "time"
BODY = "body"
VARIABLE = "variable"
SCORE = "score"
BADGE = "badge"
CODEX = "codex"
CONDITION = "condition"
MEDICATION = "medication"
INPUT = "input"
ENDING = "ending"


@dataclass(frozen=True, slots=True)
class Event:
    kind: str
    text: str
    data: Mapping[str, object] = field(default_factory=lambda: MappingProxyType({}))

    def to_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "text": self.text, "data": dict(self.data)}

    @classmethod
    def from_dict(cls, raw: Mapping[str, object]) -> Event:
        data = raw.get("data") or {}
        if not isinstance(data, Mapping):
            raise ValueError("event data must be a mapping")
        return cls(str(raw["kind"]), str(raw["text"]), MappingProxyType(dict(data)))


def event(kind: str, text: str, /, **data: object) -> Event:
    return Event(kind, text, MappingProxyType(data))
