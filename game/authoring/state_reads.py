"""What a story can read of a game state, and a key made of only that.

A random playtest shares the steps of playthroughs that meet in the same
state (``_Transitions`` in game/authoring/playtest.py), and the assessment
walks each state of a storyline once (game/authoring/assessment.py). ``GameState.key``
tells states apart by everything they hold, but play depends on less: the
story's expressions and texts read variables, body readouts, the clock and
perhaps the score; ``visited``, ``chose`` and ``has_badge`` name the scenes,
the scene's choices and the badges they ask about; and the engine itself
looks only at the visits of storyline starts (a storyline's clock and age
begin on the first one) and at which ``once`` choices were taken; the
assessment also looks at each quiz's first visit. Two states
that agree on all of that offer the same options, render the same texts and
fail in the same places from then on, whatever else differs. On the bundled
pack the difference is the score: every quiz answered gives a path its own,
no scene reads it, and keying by what is read lets 10,000 playthroughs
share 92% of their steps instead of 77%, and the full course's assessment
walk 7,472 states instead of 12,328.

What is kept whole, because play can depend on it without an expression
naming it: every variable (adding to one can overflow its bounds, an error,
whether or not anything reads it), the body, the clock and the story's start
time. Codex entries and the answers given are never read during play.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.authoring.scene_parts import calls, scene_exprs
from game.engine.state import GameState
from game.story import model as m
from game.story.expr.tree import IdArg


@dataclass(frozen=True, slots=True)
class StateReads:
    """The parts of a state a story can tell apart (see the module doc)."""

    score: bool  # some expression or text reads ``score``
    visits: frozenset[str]  # scenes whose visit count can change play
    taken: frozenset[tuple[str, int]]  # the (scene, choice number) pairs that can
    badges: frozenset[str]  # badges ``has_badge`` asks about

    def key(self, state: GameState) -> tuple[object, ...]:
        """Equal for two states exactly when the story cannot tell them apart
        (the random generator aside, as ``GameState.key(with_rng=False)``).
        Its size follows the path, never the pack: the visits and badges kept
        are those the state has (a pack may ask about thousands of scenes)."""
        visits = self.visits
        return (
            state.scene,
            tuple(state.vars.items()),
            tuple(sorted(item for item in state.visits.items() if item[0] in visits)),
            state.taken & self.taken,
            round(state.clock, 3),
            state.start_time,
            state.body,
            state.score if self.score else None,
            self.badges.intersection(state.badges),
        )


def state_reads(story: m.Story) -> StateReads:
    """What ``story`` can read of a state, found once from its expressions;
    and the visits of its quizzes, since the assessment counts a question at a
    quiz's first visit (so the playtest and the assessment key states alike,
    and the assessment can follow the playtest's steps). Remembered for the
    last story asked about: `locus test` asks once for its playtest and once
    for every walk, and on a 5,000-scene pack the answer takes 0.24 s."""
    if _LAST and _LAST[0][0] is story:
        return _LAST[0][1]
    reads = _find_reads(story)
    _LAST[:] = [(story, reads)]
    return reads


_LAST: list[tuple[m.Story, StateReads]] = []  # (a story is not hashable: recognised by identity)


def _find_reads(story: m.Story) -> StateReads:
    score = False
    visits = {line.start for line in story.storylines.values()}
    visits.update(scene.id for scene in story.quizzes)
    chosen: set[str] = set()
    badges: set[str] = set()
    everything = False  # a state function whose id is not a constant: keep all of its kind
    for scene in story.scenes.values():
        for expr, _loc in scene_exprs(scene):
            score = score or any(r.kind == "name" and r.name == "score" for r in expr.refs())
            for call in calls(expr.tree):
                if call.function not in ("visited", "chose", "has_badge"):
                    continue
                ident = call.args[0] if call.args else None
                if not isinstance(ident, IdArg):
                    everything = True
                elif call.function == "visited":
                    visits.add(ident.ident)
                elif call.function == "chose":
                    chosen.add(ident.ident)
                else:
                    badges.add(ident.ident)
    if everything:
        visits, chosen, badges = set(story.scenes), set(story.scenes), set(story.badges)
    taken = frozenset(
        (scene.id, choice.number)
        for scene in story.scenes.values()
        for choice in scene.choices
        if choice.once or scene.id in chosen
    )
    return StateReads(score, frozenset(visits), taken, frozenset(badges))
