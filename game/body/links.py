"""What a causal link is, what a link rule sees, and the helpers every rule uses.

A rule (in link_rules.py) looks at one step of the body, both states and
their readouts, and returns a link with its size, or nothing; ``rule``
registers it with its weight and, when it is silent unless one readout
moved, that readout and its threshold (``explain`` skips it cheaply then).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from game.body.modifiers import Effects
from game.body.state import BodyState

MAX_LINKS = 6
SCORE_CAP = 5.0  # a huge change should not push every other link off the list


@dataclass(frozen=True, slots=True)
class Explanation:
    """One causal link; ``organ`` is the body-diagram part it lights (None for none)."""

    text: str
    readouts: tuple[str, ...]
    organ: str | None


class Step:
    """What a link rule sees: both states, their readouts and modifier effects.

    (A plain slotted class: one is made for every step of the body, so it
    should be cheap to build.)
    """

    __slots__ = ("after", "before", "eff_after", "eff_before", "new", "old")

    def __init__(
        self,
        before: BodyState,
        after: BodyState,
        old: dict[str, float | str],
        new: dict[str, float | str],
        eff_before: Effects,
        eff_after: Effects,
    ) -> None:
        self.before = before
        self.after = after
        self.old = old
        self.new = new
        self.eff_before = eff_before
        self.eff_after = eff_after

    def change(self, name: str) -> float:
        return self.new[name] - self.old[name]  # type: ignore[operator]  # numeric readouts

    def on(self, medication: str) -> bool:
        return any(m == medication for m, _ in self.after.medications)


# A rule returns (size of the change in units of its threshold, link) or None.
Rule = Callable[[Step], tuple[float, Explanation] | None]
RULES: list[tuple[float, Rule, str | None, float]] = []


def rule(weight: float, moves: tuple[str, float] | None = None) -> Callable[[Rule], Rule]:
    """Register a rule; ``moves`` = (readout, threshold) when it is silent unless that moved."""
    name, threshold = moves if moves else (None, 0.0)

    def register(fn: Rule) -> Rule:
        RULES.append((weight, fn, name, threshold))
        return fn

    return register


def moved(step: Step, name: str, threshold: float) -> float:
    """The change of a readout in units of its threshold (0 if below the threshold)."""
    size = abs(step.new[name] - step.old[name]) / threshold  # type: ignore[operator]
    return size if size >= 1.0 else 0.0


# Links are immutable and their wording comes from a small set, so each is made once.
_explanation = lru_cache(maxsize=1024)(Explanation)


def link(
    size: float, text: str, readouts: tuple[str, ...], organ: str | None
) -> tuple[float, Explanation] | None:
    return (size, _explanation(text, readouts, organ)) if size > 0.0 else None


def falls(step: Step, name: str, words: str) -> str:
    """``words`` if readout ``name`` fell over the step, else nothing: never a false arrow."""
    return words if step.change(name) < 0 else ""


def rises(step: Step, name: str, words: str) -> str:
    """``words`` if readout ``name`` rose over the step, else nothing."""
    return words if step.change(name) > 0 else ""
