"""What a debrief says about a playthrough, as facts both front ends show.

The TUI's debrief screen and the plain front end's text debrief read the
same facts from here: how the body changed from where play started to the
ending, which objectives the run taught and assessed, and where every point
of the score came from (quiz answers, and the story's own bonuses with the
choice or scene that gave each), so "score 70" is never a mystery.
"""

from __future__ import annotations

from dataclasses import dataclass

from game import body as bm
from game.engine import events as ev
from game.engine.machine import Game, Transition

# The readouts a debrief compares, start to end, in the body panel's order.
COMPARED = (
    "heart_rate",
    "systolic",
    "resp_rate",
    "glucose",
    "ne",
    "ne_plasma",
    "focus",
    "alertness",
    "anxiety",
    "fatigue",
    "mood",
)


@dataclass(frozen=True, slots=True)
class Bonus:
    """Points the story gave (or took) outside the quizzes, and why."""

    points: int
    reason: str  # "choosing “Call Noor”", "reaching Safe at the Car"


@dataclass(frozen=True, slots=True)
class ScoreParts:
    right: int  # answers right
    asked: int  # answers given
    earned: int  # quiz points earned
    possible: int  # quiz points possible
    bonuses: tuple[Bonus, ...]
    total: int  # the game's score

    def summary(self) -> str:
        """ "score 70 = 50 of 50 quiz points + 20 from the story" """
        story = self.total - self.earned
        if not self.asked:
            return f"score {self.total}" + (", all from the story" if self.total else "")
        text = f"score {self.total} = {self.earned} of {self.possible} quiz points"
        if story > 0:
            text += f" + {story} from the story"
        elif story < 0:
            text += f" - {-story} taken away by the story"
        return text

    def bonus_lines(self) -> list[str]:
        return [f"{b.points:+d} for {b.reason}" for b in self.bonuses]


def _bonuses(step: Transition) -> list[Bonus]:
    found: list[Bonus] = []
    previous: ev.Event | None = None
    reason = ""
    for item in step.events:
        if isinstance(item, ev.ChoiceTaken):
            reason = f"choosing “{item.text}”"
        elif isinstance(item, ev.AnswerGiven):
            reason = "answering a checkpoint"
        elif isinstance(item, ev.SceneEntered):
            reason = f"reaching {item.text}"
        elif isinstance(item, ev.ScoreChanged) and not isinstance(previous, ev.AnswerGiven):
            found.append(Bonus(item.points, reason or "the start"))
        previous = item
    return found


def score_parts(game: Game) -> ScoreParts:
    """The score taken apart. History older than the save kept is summed
    into one "earlier in the story" bonus, so the parts always add up."""
    answers = game.state.answers
    earned = sum(a.points for a in answers)
    bonuses = [bonus for step in game.steps for bonus in _bonuses(step)]
    missing = game.state.score - earned - sum(b.points for b in bonuses)
    if missing:
        bonuses.insert(0, Bonus(missing, "earlier in the story"))
    return ScoreParts(
        sum(1 for a in answers if a.correct),
        len(answers),
        earned,
        sum(a.possible for a in answers),
        tuple(bonuses),
        game.state.score,
    )


@dataclass(frozen=True, slots=True)
class ObjectiveResult:
    id: str
    sentence: str
    taught: bool
    assessed: bool | None  # None: not asked; else whether the last answer was right


def objective_results(game: Game) -> list[ObjectiveResult]:
    """Objectives taught (scenes visited, codex unlocked) and assessed
    (quizzes answered), taught ones first, in the order play met them."""
    story, state = game.story, game.state
    taught: list[str] = []
    for scene_id in state.visits:
        scene = story.scenes.get(scene_id)
        if scene is not None:
            taught += [o for o in scene.teaches if o not in taught]
    for entry_id in state.codex:
        if entry_id in story.codex:
            taught += [o for o in story.codex[entry_id].objectives if o not in taught]
    assessed = {a.objective: a.correct for a in state.answers}
    shown = taught + [o for o in assessed if o not in taught]
    return [
        ObjectiveResult(o, story.objectives.get(o, o), o in taught, assessed.get(o)) for o in shown
    ]


@dataclass(frozen=True, slots=True)
class Change:
    name: str
    label: str
    unit: str
    start: float
    end: float


def body_changes(game: Game) -> list[Change]:
    """Each compared readout where play started and at the ending."""
    first, last = bm.readouts(game.steps[0].state.body), bm.readouts(game.state.body)
    changes = []
    for name in COMPARED:
        info = bm.READOUTS[name]
        changes.append(Change(name, info.label, info.unit, float(first[name]), float(last[name])))
    return changes
