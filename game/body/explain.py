"""The causal links of one step, in plain words, for the event log and the body diagram.

Each link looks at what moved between two states and, if it moved enough,
says why (the rules are in link_rules.py, the machinery in links.py); the
most important few are shown, the biggest changes first.
"""

from __future__ import annotations

from game.body import link_rules as _registered  # noqa: F401  (the rules register on import)
from game.body.links import MAX_LINKS, RULES, SCORE_CAP, Explanation, Step
from game.body.modifiers import effects_at
from game.body.state import BodyState

__all__ = ["Explanation", "explain"]


def explain(
    before: BodyState, after: BodyState, old: dict[str, float | str], new: dict[str, float | str]
) -> tuple[Explanation, ...]:
    """The links that moved meaningfully from ``before`` to ``after``, most important first."""
    step = Step(
        before,
        after,
        old,
        new,
        effects_at(before.conditions, before.medications, before.clock),
        effects_at(after.conditions, after.medications, after.clock),
    )
    scored = []
    for order, (weight, rule, moves, threshold) in enumerate(RULES):
        if moves is not None and abs(new[moves] - old[moves]) / threshold < 1.0:  # type: ignore[operator]
            continue  # the rule would stay silent (see links.moved); skip the call
        found = rule(step)
        if found is not None:
            size, link = found
            scored.append((-weight * min(size, SCORE_CAP), order, link))
    scored.sort()  # by score, then rule order (unique, so links are never compared)
    return tuple(link for _, _, link in scored[:MAX_LINKS])
