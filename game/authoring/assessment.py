"""Path-aware assessment: what every path through a storyline or lesson asks.

One module past 500 lines because the exact exploration, its sampling fallback
and the figures and warnings drawn from them share one path-class model
(``PathClass``, ``Coverage``) and one set of bounds; how ``locus test`` shows
the results is already apart, in game/authoring/assessment_report.py.

A lesson's score is the share of quiz points a student earned on the quizzes
*their* path asked (``game.classroom.scoring``), so whether it measures the
lesson's objectives depends on every path, not on the pack as a whole. This
module answers, for each storyline and each lesson: on every path, how many
questions (and how many application-level ones, ``kind: apply`` or
``read_panel``) assess each objective; which points are possible; which
endings are reached without a single question; which quizzes some path
misses; and whether a lesson can be passed on points from questions outside
its objectives.

Method. Each storyline is played through ``game.engine.machine`` from its
start, exhaustively: every enabled option of every distinct state
(``GameState.key()`` without the random generator), every destination of a
random route (retrying the generator until each weighted branch was drawn).
Every step enters a scene, so the state graph is acyclic and the set of
*path classes* below each state (which quizzes are first answered, and the
ending) is computed once per state, from its successors. A quiz's answer
changes the state only by its points, so unless some condition reads
``score`` one answer stands for all of them and a path's score can be any
sum of its quizzes' points. When the states or path classes exceed a bound
(a pack with long free-roaming loops), the figures come from random
playthroughs instead, and the report says so.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from game.authoring.memory import WALK_BODY_MEMO_MB, MemoryBudget
from game.authoring.state_reads import state_reads
from game.body import remembering
from game.engine.machine import (
    ActionError,
    ChoiceView,
    ContentError,
    act,
    new_game,
    visible_choices,
)
from game.engine.state import GameState, next_random
from game.gcpause import cyclic_gc_paused
from game.story import model as m
from game.story.diagnostics import Descriptor, Diagnostic, Loc
from game.story.expr import Expr

if TYPE_CHECKING:  # (only a type here: the playtest is not imported for it)
    from game.authoring.playtest import KnownSteps

#: The assessment warnings, each declared once (stable codes, documented in
#: docs/authoring.md; the words come from the finding).
OBJECTIVE_ASKED_TOO_LITTLE = Descriptor(
    "W070", "a path asks a lesson objective fewer than min_questions times"
)
PASSED_FROM_OUTSIDE = Descriptor(
    "W071", "a lesson can be passed on points from questions outside its objectives"
)
PATH_ASKS_NOTHING = Descriptor("W072", "a path through a lesson asks no question")
DESCRIPTORS = (
    OBJECTIVE_ASKED_TOO_LITTLE,
    PASSED_FROM_OUTSIDE,
    PATH_ASKS_NOTHING,
)

#: Distinct states one storyline may have before the analysis falls back to sampling.
MAX_STATES = 60_000
#: The memory one storyline's exact walk may take (its states, their keys and
#: the path classes; read as the process's growth, see
#: game/authoring/memory.py) before it falls back to sampling: a state carries
#: its visit counts, so on a pack of long free-roaming paths 60,000 states
#: took 180 MB. The bundled pack's largest storyline walk takes about 25 MB.
WALK_BUDGET_MB = 100.0
#: States walked (or path classes summed) between two readings of the memory.
WALK_WEIGH_EVERY = 1_000
#: Path classes below one state, and in all states together, before the
#: analysis falls back to sampling (the second bounds its memory).
MAX_CLASSES = 20_000
MAX_CLASS_CELLS = 2_000_000
#: Combinations of storyline path classes a lesson keeps before it samples.
MAX_LESSON_CLASSES = 200_000
#: Random playthroughs per storyline when the exact analysis does not fit.
SAMPLES = 1_000
#: Generator states tried for a random route until every weighted branch was drawn.
RANDOM_TRIES = 512
MAX_STEPS = 500

Asked = tuple[str, bool | None]  # a quiz scene answered first on the path; correct (None: any)


@dataclass(frozen=True, slots=True)
class PathClass:
    """Paths that ask the same quizzes (first tries) and end in the same scene.
    ``ending`` is None for a path that stopped (dead end, error, step limit)."""

    asked: frozenset[Asked]
    ending: str | None


@dataclass(frozen=True, slots=True)
class ObjectiveRange:
    """Questions on one objective over all path classes: fewest and most, in
    all and of the application-level kinds."""

    objective: str
    fewest: int
    most: int
    applied_fewest: int
    applied_most: int


@dataclass
class Coverage:
    """What the paths of one storyline or lesson ask."""

    kind: Literal["storyline", "lesson"]
    id: str
    loc: Loc
    method: Literal["exact", "sampled"]
    states: int  # distinct states explored (exact) or playthroughs (sampled)
    #: The quizzes a path answers first -> the endings of one such path (one
    #: ending for a storyline, one per storyline for a lesson).
    classes: dict[frozenset[Asked], tuple[str | None, ...]] = field(default_factory=dict)
    note: str = ""  # why the analysis was sampled, or a random branch never drawn
    #: Every way to the end without a question: endings (a lesson: "a, then b").
    silent: tuple[str, ...] = ()

    @property
    def paths(self) -> int:
        return len(self.classes)


Policy = Literal["any", "longest"]


def storyline_paths(
    story: m.Story,
    storyline: str,
    policy: Policy = "any",
    within: MemoryBudget | None = None,
    known: KnownSteps | None = None,
) -> Coverage:
    """The path classes of one storyline, exactly when the bounds allow.
    ``policy`` "any" lets every answer stand (one for all, unless answers can
    change the path); "longest" is a test-wise student who always picks the
    longest option as shown, and the classes record whether it was right.
    The walk takes at most ``WALK_BUDGET_MB``, and stops sooner where it would
    spend the budget of the command it runs ``within``. ``known``: the steps a
    random playtest took before it (they lead where the engine would)."""
    line = story.storylines[storyline]
    with remembering(4 * MAX_STATES, max_mb=WALK_BODY_MEMO_MB), cyclic_gc_paused():
        try:
            states, exact, note = _Explorer(story, storyline, policy, within, known).run()
        except _TooLarge as reason:
            note = str(reason)
        else:
            return _coverage("storyline", storyline, line.loc, "exact", states, exact, note)
        classes = frozenset(_sample(story, storyline, SAMPLES, policy))
    return _coverage("storyline", storyline, line.loc, "sampled", SAMPLES, classes, note)


def storyline_views(
    story: m.Story,
    storyline: str,
    within: MemoryBudget | None = None,
    known: KnownSteps | None = None,
) -> tuple[Coverage, Coverage]:
    """The storyline's paths for any student and for a test-wise one. When
    answers cannot change the path, one exploration gives both."""
    wise = storyline_paths(story, storyline, "longest", within, known)
    if answers_matter(story):
        return storyline_paths(story, storyline, within=within, known=known), wise
    plain = Coverage(wise.kind, wise.id, wise.loc, wise.method, wise.states, note=wise.note)
    plain.silent = wise.silent
    for asked, endings in wise.classes.items():
        plain.classes.setdefault(frozenset((scene, None) for scene, _ in asked), endings)
    return plain, wise


def _coverage(
    kind: Literal["storyline", "lesson"],
    ident: str,
    loc: Loc,
    method: Literal["exact", "sampled"],
    states: int,
    classes: Iterable[PathClass],
    note: str,
) -> Coverage:
    coverage = Coverage(kind, ident, loc, method, states, note=note)
    for path in sorted(classes, key=lambda p: p.ending or ""):
        coverage.classes.setdefault(path.asked, (path.ending,))
    coverage.silent = tuple(sorted({p.ending for p in classes if not p.asked and p.ending}))
    return coverage


def lesson_paths(story: m.Story, lesson: m.Lesson, lines: dict[str, Coverage]) -> Coverage:
    """A lesson's paths: one path of each storyline, in order, each started
    afresh (as a lesson session does). A quiz met in two storylines counts
    once, at its first try, as the lesson's score does."""
    combined: dict[frozenset[Asked], tuple[str | None, ...]] = {frozenset(): ()}
    exact, states, notes = True, 0, []
    for ident in lesson.storylines:
        coverage = lines[ident]
        exact = exact and coverage.method == "exact"
        states += coverage.states
        if coverage.note:
            notes.append(f"{ident}: {coverage.note}")
        step: dict[frozenset[Asked], tuple[str | None, ...]] = {}
        for asked, endings in combined.items():
            for more, (ending, *_) in coverage.classes.items():
                step.setdefault(_first_tries(asked, more), (*endings, ending))
        if len(step) > MAX_LESSON_CLASSES:  # keep a fixed part; the figures are a sample
            step = dict(list(step.items())[:MAX_LESSON_CLASSES])
            exact = False
            notes.append(f"more than {MAX_LESSON_CLASSES:,} combinations of storyline paths")
        combined = step
    result = Coverage("lesson", lesson.id, lesson.loc, "exact" if exact else "sampled", states)
    result.classes = combined
    result.note = "; ".join(notes)
    if frozenset() in combined:
        result.silent = (_endings(combined[frozenset()]),)
    return result


def _first_tries(asked: frozenset[Asked], more: frozenset[Asked]) -> frozenset[Asked]:
    seen = {scene for scene, _ in asked}
    return asked | {item for item in more if item[0] not in seen}


# --- figures -------------------------------------------------------------------------


def objective_ranges(
    story: m.Story, coverage: Coverage, objectives: Iterable[str] | None = None
) -> list[ObjectiveRange]:
    """Per objective (the given ones, else every one some path asks), the
    fewest and most questions a path asks, in all and application-level."""
    counts = [_per_objective(story, asked) for asked in coverage.classes]
    if objectives is None:
        found: dict[str, None] = {}
        for total, _ in counts:
            found.update(dict.fromkeys(total))
        objectives = sorted(found)
    ranges = []
    for objective in objectives:
        totals = [total[objective] for total, _ in counts] or [0]
        applied = [app[objective] for _, app in counts] or [0]
        ranges.append(
            ObjectiveRange(objective, min(totals), max(totals), min(applied), max(applied))
        )
    return ranges


def _per_objective(story: m.Story, asked: frozenset[Asked]) -> tuple[Counter[str], Counter[str]]:
    total: Counter[str] = Counter()
    applied: Counter[str] = Counter()
    for scene, _ in asked:
        quiz = story.scenes[scene].quiz
        assert quiz is not None
        total[quiz.objective] += 1
        if quiz.kind in m.APPLIED_KINDS:
            applied[quiz.objective] += 1
    return total, applied


def possible_points(story: m.Story, coverage: Coverage) -> Counter[int]:
    """Possible points (sum of the quizzes a path asks) -> number of path classes."""
    return Counter(_points(story, asked) for asked in coverage.classes)


def score_range(story: m.Story, coverage: Coverage) -> tuple[int, int]:
    """The lowest and highest score any path can earn from its quizzes."""
    low, high = [], []
    for asked in coverage.classes:
        low.append(sum(_quiz(story, s).points for s, correct in asked if correct))
        high.append(sum(_quiz(story, s).points for s, correct in asked if correct is not False))
    return (min(low, default=0), max(high, default=0))


def silent_endings(coverage: Coverage) -> list[str]:
    """Endings some path reaches without answering any question."""
    return list(coverage.silent)


def quizzes_missed(coverage: Coverage) -> list[tuple[str, int]]:
    """Quizzes some path asks and another path does not, with how many path
    classes miss each."""
    asked_by = Counter(scene for asked in coverage.classes for scene in {s for s, _ in asked})
    total = coverage.paths
    return sorted((scene, total - n) for scene, n in asked_by.items() if n < total)


def _quiz(story: m.Story, scene: str) -> m.Quiz:
    quiz = story.scenes[scene].quiz
    assert quiz is not None
    return quiz


def _points(story: m.Story, asked: frozenset[Asked]) -> int:
    return sum(_quiz(story, scene).points for scene, _ in asked)


def dishonest_pass(
    story: m.Story, lesson: m.Lesson, asked: frozenset[Asked]
) -> tuple[int, int] | None:
    """Whether a student on this path can reach the pass mark while earning
    less than the pass mark of the points of the questions on the lesson's
    own objectives: (points from outside, points possible) when so. An answer
    the path fixes (``correct`` True or False) counts as given; the others
    may be right or wrong, and the outside ones are taken right."""
    own_fixed, own_free, outside, own, possible = 0, [], 0, 0, 0
    for scene, correct in asked:
        quiz = _quiz(story, scene)
        possible += quiz.points
        if quiz.objective not in lesson.objectives:
            outside += quiz.points if correct is not False else 0
            continue
        own += quiz.points
        if correct is None:
            own_free.append(quiz.points)
        elif correct:
            own_fixed += quiz.points
    if not outside:
        return None
    sums = {own_fixed}
    for points in own_free:
        sums |= {s + points for s in sums}
    needed = lesson.pass_mark * possible / 100
    for earned in sums:
        honest = own > 0 and 100 * earned / own >= lesson.pass_mark
        if earned + outside >= needed and not honest:
            return outside, possible
    return None


def percent_range(story: m.Story, coverage: Coverage) -> tuple[float, float]:
    """The lowest and highest lesson score (percent of the points asked) over
    the path classes, when the classes record correctness (policy "longest")."""
    shares = []
    for asked in coverage.classes:
        possible = _points(story, asked)
        earned = sum(_quiz(story, s).points for s, correct in asked if correct)
        shares.append(100 * earned / possible if possible else 0.0)
    return (min(shares, default=0.0), max(shares, default=0.0))


# --- diagnostics ---------------------------------------------------------------------


def analyze_lessons(story: m.Story) -> list[Diagnostic]:
    """The assessment warnings of every lesson (``locus check``)."""
    if not story.lessons:
        return []
    lines = {ident: storyline_paths(story, ident) for ident in _lesson_storylines(story)}
    found: list[Diagnostic] = []
    for lesson in story.lessons.values():
        coverage = lesson_paths(story, lesson, lines)
        found.extend(lesson_warnings(story, lesson, coverage))
    return found


def _lesson_storylines(story: m.Story) -> list[str]:
    needed: dict[str, None] = {}
    for lesson in story.lessons.values():
        needed.update(dict.fromkeys(s for s in lesson.storylines if s in story.storylines))
    return list(needed)


def lesson_warnings(story: m.Story, lesson: m.Lesson, coverage: Coverage) -> Iterator[Diagnostic]:
    sampled = "" if coverage.method == "exact" else " (on sampled paths)"
    # each path class's questions per objective, counted once (the full course has
    # 480 classes and 18 objectives)
    asks = {asked: _per_objective(story, asked)[0] for asked in coverage.classes}
    for objective, loc in zip(lesson.objectives, lesson.objective_locs, strict=True):
        worst = min(
            coverage.classes.items(), key=lambda item: asks[item[0]][objective], default=None
        )
        if worst is None:
            continue
        asked, endings = worst
        count = asks[asked][objective]
        if count >= lesson.min_questions:
            continue
        which = [s for s, _ in sorted(asked) if _quiz(story, s).objective == objective]
        yield OBJECTIVE_ASKED_TOO_LITTLE.at(
            loc,
            f"the path ending at {_endings(endings)} asks it in "
            + (", ".join(which) if which else "no quiz"),
            message=f"a path through lesson '{lesson.id}' asks '{objective}' {_times(count)}, "
            f"fewer than min_questions ({lesson.min_questions}){sampled}",
        )
    for asked, endings in coverage.classes.items():
        if not asked:
            yield PATH_ASKS_NOTHING.at(
                lesson.loc,
                message=f"the path through lesson '{lesson.id}' ending at {_endings(endings)} "
                "asks no question, so a student on it cannot pass",
            )
            break
    for asked, endings in coverage.classes.items():
        found = dishonest_pass(story, lesson, asked)
        if found is None:
            continue
        outside, possible = found
        yield PASSED_FROM_OUTSIDE.at(
            lesson.loc,
            "list those objectives in the lesson, or move their questions out of its storylines",
            message=f"lesson '{lesson.id}' can be passed without meeting its pass mark on its "
            f"own objectives: on the path ending at {_endings(endings)}, {outside} of "
            f"{possible} points come from questions outside the lesson's objectives",
        )
        break


def _times(count: int) -> str:
    return {0: "no question", 1: "one question"}.get(count, f"{count} questions")


def _endings(endings: tuple[str | None, ...]) -> str:
    return ", then ".join(e or "(no ending)" for e in endings) or "(no ending)"


# --- exploring the state graph -----------------------------------------------------


def answers_matter(story: m.Story) -> bool:
    """Whether any condition or computed value reads ``score``: only then can
    a quiz's answer change where the story goes."""
    for scene in story.scenes.values():
        for expr in _deciding_exprs(scene):
            if any(ref.kind == "name" and ref.name == "score" for ref in expr.refs()):
                return True
    return False


def _deciding_exprs(scene: m.Scene) -> Iterator[Expr]:
    effects = list(scene.on_enter)
    for choice in scene.choices:
        effects.extend(choice.effects)
        yield from (e for e in (choice.condition, choice.enabled_if) if e is not None)
    for effect in effects:
        if isinstance(effect, m.ComputeVars):
            yield from (expr for _, expr in effect.values)
    for route in scene.routes():
        yield from (b.condition for b in route.branches if b.condition is not None)


class _TooLarge(Exception):
    """The exact analysis does not fit its bounds; the message says which,
    in the words of the report's note."""


class _Explorer:
    """Every distinct state of one storyline and the path classes below each."""

    def __init__(
        self,
        story: m.Story,
        storyline: str,
        policy: Policy,
        within: MemoryBudget | None,
        known: KnownSteps | None = None,
    ) -> None:
        self.story = story
        self.within = within
        self.storyline = storyline
        self.policy = policy
        self.branch_on_answers = answers_matter(story)
        self.reads = state_reads(story)  # (with each quiz's visits: _answers looks at them)
        self.known = known
        self.note = ""

    def run(self) -> tuple[int, frozenset[PathClass], str]:
        """The states walked, the path classes from the start, and a note;
        raises ``_TooLarge`` past a bound."""
        budget = MemoryBudget(WALK_BUDGET_MB, within=self.within)
        start = new_game(self.story, storyline=self.storyline).state
        order: list[tuple[object, ...]] = []
        edges: dict[tuple[object, ...], list[tuple[tuple[object, ...], Asked | None]]] = {}
        ending: dict[tuple[object, ...], str | None] = {}
        first = self._key(start, 0)
        frontier = [(first, start, 0)]
        seen = {first}
        while frontier:
            level = []
            for key, state, depth in frontier:
                order.append(key)
                outs = self._expand(state, depth, ending, key)
                edges[key] = []
                for after, item in outs:
                    after_key = self._key(after, depth + 1)
                    edges[key].append((after_key, item))
                    if after_key not in seen:
                        seen.add(after_key)
                        if len(seen) > MAX_STATES:
                            raise _TooLarge(f"more than {MAX_STATES:,} states")
                        if not len(seen) % WALK_WEIGH_EVERY:
                            _weigh(budget)
                        level.append((after_key, after, depth + 1))
            frontier = level
        below: dict[tuple[object, ...], frozenset[PathClass]] = {}
        cells = 0
        for walked, key in enumerate(reversed(order), 1):  # every edge goes one visit deeper
            if key in ending:
                below[key] = frozenset({PathClass(frozenset(), ending[key])})
                continue
            classes: set[PathClass] = set()
            for after_key, item in edges[key]:
                for path in below[after_key]:
                    asked = path.asked | {item} if item is not None else path.asked
                    classes.add(PathClass(asked, path.ending))
            cells += len(classes)
            if len(classes) > MAX_CLASSES:
                raise _TooLarge(f"more than {MAX_CLASSES:,} path classes under one state")
            if cells > MAX_CLASS_CELLS:
                raise _TooLarge(f"more than {MAX_CLASS_CELLS:,} path classes in all states")
            if not walked % WALK_WEIGH_EVERY:
                _weigh(budget)
            below[key] = frozenset(classes)
        return len(order), below[first], self.note

    def _key(self, state: GameState, depth: int) -> tuple[object, ...]:
        """What the story can tell of the state (game/authoring/state_reads.py), and
        the steps taken to it: so that states merge only at the same depth and every
        edge goes one step deeper, which ``run`` counts on (reversed, its walk order
        puts every state after all the states below it). The depth is counted, not
        read off the state: a step the playtest took (``KnownSteps``) leads to the
        state it remembered, which may have come by a path of another length."""
        return (depth, *self.reads.key(state))

    def _expand(
        self,
        state: GameState,
        depth: int,
        ending: dict[tuple[object, ...], str | None],
        key: tuple[object, ...],
    ) -> list[tuple[GameState, Asked | None]]:
        scene = self.story.scenes[state.scene]
        if scene.ending is not None:
            ending[key] = scene.id
            return []
        if depth >= MAX_STEPS:
            raise _TooLarge(f"paths longer than {MAX_STEPS} steps")
        try:
            options = [o for o in visible_choices(self.story, state) if o.enabled]
        except ContentError:
            options = []
        if scene.quiz is not None:
            return self._answers(state, scene, scene.quiz, options)
        outs: list[tuple[GameState, Asked | None]] = []
        for option in options:
            outs.extend((after, None) for after in self._outcomes(state, scene, option))
        if not outs:
            ending[key] = None
        return outs

    def _answers(
        self, state: GameState, scene: m.Scene, quiz: m.Quiz, options: list[ChoiceView]
    ) -> list[tuple[GameState, Asked | None]]:
        """The answers to follow. When answers cannot change the path, the
        right one stands for all, and a test-wise student's answer is only
        recorded (so both policies walk the same states)."""
        first_try = state.visits.get(scene.id, 0) == 1
        right = quiz.correct_number
        wise = longest_option(options) == right
        if self.branch_on_answers and self.policy == "longest":
            picks = [longest_option(options)]
        else:
            picks = [right]
            if self.branch_on_answers:
                picks += [n for n in range(1, len(quiz.options) + 1) if n != right][:1]
        outs: list[tuple[GameState, Asked | None]] = []
        for number in picks:
            option = next(o for o in options if o.number == number)
            correct: bool | None = None
            if self.branch_on_answers:
                correct = number == right
            elif self.policy == "longest":
                correct = wise
            item = (scene.id, correct) if first_try else None
            outs.extend((after, item) for after in self._outcomes(state, scene, option))
        return outs

    def _outcomes(self, state: GameState, scene: m.Scene, option: ChoiceView) -> list[GameState]:
        """Each state the option can lead to: one, or one per branch of a random route.
        A step a random playtest of the same command took is not taken again."""
        known = self.known.after(state, option.number) if self.known is not None else None
        if known is not None:
            return [known]
        try:
            after = act(self.story, state, option.number, quiet=True).state
        except (ContentError, ActionError):
            return []
        if after.rng == state.rng:
            return [after]
        route = _route_of(scene, option)
        wanted = {b.to for b in route.branches if b.weight > 0} if route else {after.scene}
        found = {after.scene: after}
        rng = state.rng
        for _ in range(RANDOM_TRIES):
            if wanted <= found.keys():
                break
            rng, _draw = next_random(rng)
            try:
                other = act(self.story, state._replace(rng=rng), option.number, quiet=True).state
            except (ContentError, ActionError):
                continue
            found.setdefault(other.scene, other)
        else:
            missing = ", ".join(sorted(wanted - found.keys()))
            self.note = f"a random branch to {missing} was never drawn"
        return list(found.values())


def _weigh(budget: MemoryBudget) -> None:
    if budget.spent():
        raise _TooLarge(f"more than {WALK_BUDGET_MB:.0f} MB of memory")


def longest_option(options: list[ChoiceView]) -> int:
    """The number of the longest option as the student sees it (the first of equals)."""
    return max(options, key=lambda o: (len(o.text), -o.number)).number


def _route_of(scene: m.Scene, option: ChoiceView) -> m.Route | None:
    if scene.next is not None:
        return scene.next
    choice = next((c for c in scene.choices if c.number == option.source), None)
    return choice.goto if choice is not None else None


def _sample(story: m.Story, storyline: str, runs: int, policy: Policy) -> set[PathClass]:
    """Path classes of ``runs`` seeded random playthroughs, every answer correct
    unless answers can change the path (then a fair coin), or the longest."""
    draw = random.Random(0)
    branch = answers_matter(story) or policy == "longest"
    classes: set[PathClass] = set()
    for run in range(runs):
        state = new_game(story, seed=run, storyline=storyline).state
        asked: set[Asked] = set()
        ending: str | None = None
        for _ in range(MAX_STEPS):
            scene = story.scenes[state.scene]
            if scene.ending is not None:
                ending = scene.id
                break
            try:
                options = [o for o in visible_choices(story, state) if o.enabled]
            except ContentError:
                break
            if not options:
                break
            option = options[draw.randrange(len(options))]
            if scene.quiz is not None:
                right = scene.quiz.correct_number
                number = right if not branch or draw.random() < 0.5 else (right % len(options)) + 1
                if policy == "longest":
                    number = longest_option(options)
                option = options[number - 1]
                if state.visits.get(scene.id, 0) == 1:
                    asked.add((scene.id, (number == right) if branch else None))
            try:
                state = act(story, state, option.number, quiet=True).state
            except (ContentError, ActionError):
                break
        classes.add(PathClass(frozenset(asked), ending))
    return classes
