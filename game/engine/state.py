"""The game state: one immutable value per moment of play.

A transition returns a new ``GameState``; nothing is mutated, so undo is a
stack of earlier values, saves are a serialisation, and a random playtest can
branch from any state. The random generator lives in the state as a plain
integer (splitmix64) so that a seed and the same choices always give the same
story, and a save resumes the same random sequence.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from game.body import READOUTS, BodyState
from game.story.clock import MIDNIGHT, StartTime, StoryTime, story_time
from game.story.expr import Value

_MASK = (1 << 64) - 1
# Every numeric readout is sampled, so a storyline can chart any (``chart: [mood]``).
TRACE_READOUTS = tuple(name for name, r in READOUTS.items() if r.kind == "number")


def seed_state(seed: int) -> int:
    return seed & _MASK


def next_random(rng: int) -> tuple[int, float]:
    """One splitmix64 step: the new generator state and a float in [0, 1)."""
    rng = (rng + 0x9E3779B97F4A7C15) & _MASK
    z = rng
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    z ^= z >> 31
    return rng, (z >> 11) / float(1 << 53)


@dataclass(frozen=True, slots=True)
class QuizRecord:
    scene: str
    objective: str
    option: int
    correct: bool
    points: int  # points earned (0 when wrong)
    possible: int
    clock: float


@dataclass(frozen=True, slots=True)
class TracePoint:
    """A sample of the body for the debrief chart; ``label`` names the choice
    that led here, so the chart can mark what caused each rise."""

    clock: float
    scene: str
    values: tuple[float, ...]  # in TRACE_READOUTS order
    label: str | None = None

    def value(self, name: str) -> float:
        return self.values[TRACE_READOUTS.index(name)]


class GameState(NamedTuple):
    """One moment of play. A named tuple: the engine makes a few changed
    copies per step (``_replace``), and tools that explore play make
    hundreds of thousands of steps, so building one must be cheap."""

    scene: str
    vars: Mapping[str, Value]
    visits: Mapping[str, int]
    taken: frozenset[tuple[str, int]]  # (scene id, choice number) chosen at least once
    clock: float  # game seconds since the start
    body: BodyState
    rng: int
    score: int = 0
    badges: tuple[str, ...] = ()
    codex: tuple[str, ...] = ()
    answers: tuple[QuizRecord, ...] = ()
    trace: tuple[TracePoint, ...] = ()
    turn: int = 0
    storyline: str | None = None
    start_time: StartTime = MIDNIGHT  # the story's clock when play began

    @property
    def minutes(self) -> int:
        return int(self.clock // 60)

    @property
    def time(self) -> StoryTime:
        """The story's time of day (and day) now."""
        return story_time(self.start_time, self.clock)

    @property
    def day(self) -> int:
        """The story's day: its start's day number plus the whole days since."""
        return self.time.day

    def with_vars(self, changes: Mapping[str, Value]) -> GameState:
        merged = dict(self.vars)
        merged.update(changes)
        return self._replace(vars=MappingProxyType(merged))

    def key(self, with_rng: bool = True) -> tuple[object, ...]:
        """A hashable identity of the state, for exhaustive exploration.
        Without the random generator, states that differ only in future
        random draws compare equal (what a transition that draws nothing sees).
        Variables keep the story's declaration order (effects only change
        values), so they need no sorting; visits are ordered by first visit,
        which differs between paths that meet."""
        return (
            self.rng if with_rng else None,
            self.scene,
            tuple(self.vars.items()),
            tuple(sorted(self.visits.items())),
            self.taken,
            round(self.clock, 3),
            self.body,
            self.score,
            self.badges,
            self.codex,
        )
