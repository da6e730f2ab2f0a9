"""The immutable model of a story pack.

The loader builds it once; the engine, the front ends and the authoring tools
only read it. Every element keeps its ``Loc`` so runtime problems and tool
reports can point at the line an author wrote. Expressions and templates are
already parsed here, so play never parses text again.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal, Never, TypeVar

from game.story.clock import MIDNIGHT, StartTime
from game.story.diagnostics import Loc
from game.story.expr import Expr, Value
from game.story.printable import printable
from game.story.safe_read import MAX_ASSET_BYTES, read_pack_file
from game.story.templates import Template

EndingKind = Literal["good", "neutral", "bad"]
#: What a quiz question asks of the student: to remember a fact, to use an idea on a
#: new case, or to read their own body panel (its text may show live readouts).
QuizKind = Literal["recall", "apply", "read_panel"]
QUIZ_KINDS: tuple[QuizKind, ...] = ("recall", "apply", "read_panel")
#: The kinds that ask more than recall, counted apart by the assessment analysis.
APPLIED_KINDS: frozenset[str] = frozenset({"apply", "read_panel"})

#: The empty read-only map every defaulted mapping field starts from.
EMPTY: Mapping[str, Never] = MappingProxyType({})

V = TypeVar("V")


def frozen_map(data: Mapping[str, V]) -> Mapping[str, V]:
    """A read-only view, so a loaded Story cannot be changed by accident."""
    return MappingProxyType(dict(data))


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: Template
    condition: Expr | None = None


# --- routes -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Branch:
    to: str
    loc: Loc
    condition: Expr | None = None
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class Route:
    """Where a choice or a ``next`` leads: one scene, the first branch whose
    condition holds, or a weighted random pick (``random`` is True)."""

    branches: tuple[Branch, ...]
    loc: Loc
    random: bool = False

    def targets(self) -> tuple[str, ...]:
        return tuple(branch.to for branch in self.branches)


# --- effects ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SetVars:
    values: tuple[tuple[str, Value], ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class AddVars:
    values: tuple[tuple[str, int | float], ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class ComputeVars:
    values: tuple[tuple[str, Expr], ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class BodyInputs:
    changes: tuple[tuple[str, float | bool], ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class ConditionChange:
    action: Literal["add", "remove"]
    id: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class MedicationChange:
    action: Literal["start", "stop"]
    id: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Wait:
    seconds: float
    loc: Loc


@dataclass(frozen=True, slots=True)
class UnlockCodex:
    ids: tuple[str, ...]
    loc: Loc


@dataclass(frozen=True, slots=True)
class AddScore:
    points: int
    loc: Loc


@dataclass(frozen=True, slots=True)
class AwardBadge:
    id: str
    loc: Loc


Effect = (
    SetVars
    | AddVars
    | ComputeVars
    | BodyInputs
    | ConditionChange
    | MedicationChange
    | Wait
    | UnlockCodex
    | AddScore
    | AwardBadge
)


# --- scenes -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Choice:
    number: int  # 1-based position in the scene, as `chose(scene, n)` counts
    text: Template
    goto: Route
    loc: Loc
    condition: Expr | None = None  # `if`: hidden when false
    enabled_if: Expr | None = None  # shown but not selectable when false
    hint: Template | None = None
    once: bool = False
    effects: tuple[Effect, ...] = ()
    time: float = 0.0


@dataclass(frozen=True, slots=True)
class QuizOption:
    text: Template
    correct: bool
    loc: Loc
    feedback: Template | None = None


@dataclass(frozen=True, slots=True)
class LintAllow:
    """Item-writing warnings an author silenced for one quiz, and why."""

    codes: tuple[str, ...]
    why: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class Quiz:
    question: Template
    objective: str
    options: tuple[QuizOption, ...]
    loc: Loc
    points: int = 10
    kind: QuizKind = "recall"
    lint: LintAllow | None = None

    @property
    def correct_number(self) -> int:
        return next(i for i, option in enumerate(self.options, 1) if option.correct)


@dataclass(frozen=True, slots=True)
class Ending:
    kind: EndingKind
    summary: Template
    loc: Loc


@dataclass(frozen=True, slots=True)
class SceneExpectation:
    """What one readout must show when a scene is shown (a scene's ``expect:``):
    a ``comparison`` like a walkthrough test's, or a ``trend`` against the
    previous scene shown."""

    readout: str
    loc: Loc
    comparison: Comparison | None = None
    trend: Literal["rising", "falling"] | None = None


@dataclass(frozen=True, slots=True)
class Scene:
    id: str
    title: str
    text: tuple[Paragraph, ...]
    loc: Loc
    time: float = 0.0
    teaches: tuple[str, ...] = ()
    art: str | None = None
    on_enter: tuple[Effect, ...] = ()
    choices: tuple[Choice, ...] = ()
    next: Route | None = None
    quiz: Quiz | None = None
    ending: Ending | None = None
    expect: tuple[SceneExpectation, ...] = ()

    @property
    def kind(self) -> Literal["choices", "next", "quiz", "ending"]:
        if self.ending is not None:
            return "ending"
        if self.quiz is not None:
            return "quiz"
        if self.next is not None:
            return "next"
        return "choices"

    def routes(self) -> tuple[Route, ...]:
        routes = tuple(choice.goto for choice in self.choices)
        return routes + ((self.next,) if self.next is not None else ())


@dataclass(frozen=True, slots=True)
class CodexEntry:
    id: str
    title: str
    text: str
    loc: Loc
    objectives: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The text's paragraphs (split at blank lines) with the source's
        line breaks undone, so every front end can wrap them to its width."""
        blocks = self.text.strip().replace("\r\n", "\n").split("\n\n")
        return tuple(" ".join(block.split()) for block in blocks if block.strip())


# --- story.yaml -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Storyline:
    id: str
    title: str
    start: str
    loc: Loc
    summary: str = ""
    starts_at: StartTime | None = None  # None: the story's own
    chart: tuple[str, ...] = ()  # body readouts the debrief charts first (``chart: [mood]``)
    age: float | None = None  # None: the story's own (the player of this storyline, in years)


@dataclass(frozen=True, slots=True)
class Badge:
    id: str
    title: str
    description: str
    loc: Loc


@dataclass(frozen=True, slots=True)
class BodySetup:
    conditions: tuple[str, ...] = ()
    medications: tuple[str, ...] = ()
    inputs: tuple[tuple[str, float | bool], ...] = ()


# --- lessons and walkthrough tests -------------------------------------------


@dataclass(frozen=True, slots=True)
class Lesson:
    id: str
    title: str
    storylines: tuple[str, ...]
    objectives: tuple[str, ...]
    loc: Loc
    objective_locs: tuple[Loc, ...]  # where each of ``objectives`` is written
    pass_mark: float = 70.0
    min_questions: int = 2  # questions per objective that every path must ask


_COMPARE: Mapping[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": lambda a, b: abs(a - b) < 1e-9,
    "!=": lambda a, b: abs(a - b) >= 1e-9,
}


@dataclass(frozen=True, slots=True)
class Comparison:
    """A readout expectation such as ``> 100`` or ``90..110``."""

    op: Literal["<", "<=", ">", ">=", "==", "!=", "range"]
    value: float | str
    high: float | None = None

    def holds(self, actual: Value) -> bool:
        if self.op == "range":
            return isinstance(actual, int | float) and self.value <= actual <= self.high  # type: ignore[operator]
        if isinstance(self.value, str) or isinstance(actual, str):
            shown = ("true" if actual else "false") if isinstance(actual, bool) else str(actual)
            equal = shown == str(self.value)
            return equal if self.op == "==" else (not equal if self.op == "!=" else False)
        return _COMPARE[self.op](float(actual), float(self.value))


@dataclass(frozen=True, slots=True)
class Expect:
    scene: str | None = None
    ending: str | None = None
    choices: tuple[str, ...] | None = None
    disabled: tuple[str, ...] | None = None
    vars: tuple[tuple[str, Comparison], ...] = ()
    body: tuple[tuple[str, Comparison], ...] = ()
    score: Comparison | None = None
    badges: tuple[str, ...] = ()
    codex: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class WalkthroughStep:
    kind: Literal["choose", "answer", "wait", "expect"]
    loc: Loc
    target: int | str | None = None  # choose/answer: number or substring
    seconds: float = 0.0  # wait
    expect: Expect | None = None


@dataclass(frozen=True, slots=True)
class WalkthroughTest:
    name: str
    steps: tuple[WalkthroughStep, ...]
    loc: Loc
    start: str | None = None
    seed: int = 0
    setup: tuple[Effect, ...] = ()


# --- the pack ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    title: str
    start: str
    root: Path
    loc: Loc
    format: int = 1
    variables: Mapping[str, Value] = field(default_factory=lambda: EMPTY)
    objectives: Mapping[str, str] = field(default_factory=lambda: EMPTY)
    storylines: Mapping[str, Storyline] = field(default_factory=lambda: EMPTY)
    badges: Mapping[str, Badge] = field(default_factory=lambda: EMPTY)
    body: BodySetup = BodySetup()
    age: float = 16.0  # the player's age (years), for age-predicted limits
    starts_at: StartTime = MIDNIGHT
    scenes: Mapping[str, Scene] = field(default_factory=lambda: EMPTY)
    codex: Mapping[str, CodexEntry] = field(default_factory=lambda: EMPTY)
    lessons: Mapping[str, Lesson] = field(default_factory=lambda: EMPTY)
    tests: tuple[WalkthroughTest, ...] = ()
    assets: tuple[str, ...] = ()  # paths under assets/, relative, with '/'
    files: tuple[str, ...] = ()  # content files read, relative to root
    # Art read so far: scenes show it at every visit, and playtests visit thousands of
    # times. An edited pack is a new Story (watch mode reloads), so nothing goes stale.
    _art: dict[str, str] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def start_time(self, storyline: str | None) -> StartTime:
        """When play that began with ``storyline`` (or the story start) starts."""
        line = self.storylines.get(storyline) if storyline else None
        return line.starts_at if line is not None and line.starts_at else self.starts_at

    def age_in(self, storyline: str | None) -> float:
        """The player's age in years in play begun with ``storyline`` (or the story start)."""
        line = self.storylines.get(storyline) if storyline else None
        return line.age if line is not None and line.age is not None else self.age

    def chapter_age(self, scene: str) -> float | None:
        """The ``age`` of a storyline that starts at ``scene``, if one says so."""
        for line in self.storylines.values():
            if line.start == scene and line.age is not None:
                return line.age
        return None

    def chapter_start(self, scene: str) -> StartTime | None:
        """The ``starts_at`` of a storyline that starts at ``scene``, if one says so."""
        for line in self.storylines.values():
            if line.start == scene and line.starts_at is not None:
                return line.starts_at
        return None

    def read_asset(self, name: str) -> str:
        art = self._art.get(name)
        if art is None:  # PackFileError is an OSError: refused art is missing art
            data = read_pack_file(self.root, Path("assets", name), MAX_ASSET_BYTES)
            art = self._art[name] = printable(data.decode("utf-8", errors="replace"))
        return art

    @property
    def quizzes(self) -> tuple[Scene, ...]:
        return tuple(scene for scene in self.scenes.values() if scene.quiz is not None)

    @property
    def endings(self) -> tuple[Scene, ...]:
        return tuple(scene for scene in self.scenes.values() if scene.ending is not None)
