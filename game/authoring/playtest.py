"""Automatic playtests: seeded random playthroughs and breadth-first exploration.

One module past 500 lines because the random and the exhaustive playtest fill
the same report through one recorder and the same stepping helpers, so both
find and describe a problem the same way.

Walkthrough tests check the paths an author thought of; these find the rest.
``random_playtest`` is ChoiceScript's randomtest: many playthroughs that
prefer the least-used option, so rare branches get played, not only likely
ones. ``explore`` walks every distinct game state (``GameState.key()``)
breadth-first up to a bound, which proves small packs exhaustively. Both
drive ``game.engine.machine`` like a player (and render each scene, so a
template that fails in text is found), and both return the same report:
hit counts for every scene and choice, the endings reached with their share,
and every problem with the path of choices that caused it.
"""

from __future__ import annotations

import random
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

from game.authoring.analysis import entry_points
from game.authoring.assertions import broken
from game.authoring.memory import WALK_BODY_MEMO_MB, MemoryBudget
from game.authoring.state_reads import state_reads
from game.body import remembering
from game.engine.machine import (
    ActionError,
    ChoiceView,
    ContentError,
    act,
    new_game,
    scene_view,
    visible_choices,
)
from game.engine.state import GameState, next_random, seed_state
from game.gcpause import cyclic_gc_paused
from game.story import model as m
from game.story.diagnostics import Loc

#: How many distinct states ``explore`` visits at most by default: enough to
#: prove a small pack, small enough to finish in seconds on a large one.
MAX_STATES = 20_000
#: How many generator states ``explore`` tries on a step that took a random
#: route, to find its other outcomes (a branch with a 10% share is missed
#: with probability 0.9**32, about 3%).
RANDOM_TRIES = 32

#: The memo's default memory budget, and `locus test --memo-budget`'s default.
MEMO_BUDGET_MB = 200.0
#: The memo's share of steps is judged over windows of this many steps, and
#: below this share it is dropped (see ``_Transitions.review``).
MEMO_WINDOW_STEPS = 2_000
MEMO_MIN_HIT_RATE = 0.2
#: The memo's memory is read every this many steps while it grows, from the
#: first window on: on a story of long playthroughs each remembered state
#: carries long visit counts, and one window can hold a lot of them.
MEMO_BUDGET_STEPS = 500
#: The share of the memo budget kept for the body model's memo of advances
#: (``game.body.remembering``), and what one remembered advance costs: a body
#: state of about 1.2 kB (measured with /proc's resident size over 20,000
#: advances; the key is a state the playtest holds anyway).
BODY_MEMO_SHARE = 0.25
BODY_ADVANCE_BYTES = 1_200
#: At most this many distinct problems of each kind are kept, each with the
#: path that first showed it; the rest are only counted (``PlaytestReport.unlisted``),
#: so a story where every playthrough fails differently (a maze without an
#: ending) costs a report of bounded size, not a path per playthrough.
MAX_LISTED = 20

ProblemKind = Literal["error", "dead_end", "max_steps", "loop", "unreached_ending", "assertion"]


@dataclass(frozen=True, slots=True)
class PlayedOption:
    """One thing the player did: option ``number`` as shown in ``scene``."""

    scene: str
    number: int
    text: str

    def __str__(self) -> str:
        return f"{self.scene} {self.number} '{self.text}'"


@dataclass(frozen=True, slots=True)
class Start:
    """Where a playthrough began: the story start or a storyline's start."""

    scene: str
    storyline: str | None = None


@dataclass
class PlaytestProblem:
    """A runtime failure, a dead end, a playthrough that never ended or a
    scene assertion that did not hold (see game/authoring/assertions.py).
    ``path`` is the first playthrough that showed it; ``count`` how often."""

    kind: ProblemKind
    message: str
    loc: Loc | None
    start: Start
    seed: int
    path: tuple[PlayedOption, ...]
    count: int = 1


@dataclass
class PlaytestReport:
    """Coverage and problems of one playtest run."""

    mode: Literal["random", "explore"]
    seed: int
    max_steps: int
    playthroughs: int = 0  # random: playthroughs; explore: distinct states
    steps: int = 0
    seconds: float = 0.0
    complete: bool = True  # explore: every reachable state was visited
    scene_hits: Counter[str] = field(default_factory=Counter)
    choice_hits: Counter[tuple[str, int]] = field(default_factory=Counter)
    ending_hits: Counter[str] = field(default_factory=Counter)
    problems: list[PlaytestProblem] = field(default_factory=list)
    #: how many more times each kind of problem occurred, beyond the listed ones
    unlisted: Counter[str] = field(default_factory=Counter)
    memo: str = ""  # random: how much the playthroughs shared, in words
    #: explore: the bound on distinct states, and which bounds cut the search
    max_states: int = 0
    cut_by_states: bool = False
    cut_by_depth: bool = False
    #: explore: distinct paths of choices (and random outcomes) from a start
    #: to each ending, over the explored states: what a class could play
    ending_paths: Counter[str] = field(default_factory=Counter)
    #: random, with ``keep_steps``: the steps taken, for the walks after it
    known: KnownSteps | None = field(default=None, repr=False, compare=False)

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    def problem_count(self) -> int:
        """Every problem found: the listed ones and the rest (``unlisted``)."""
        return len(self.problems) + sum(self.unlisted.values())

    @property
    def rate(self) -> float:
        return self.playthroughs / self.seconds if self.seconds else 0.0


def options_of(scene: m.Scene) -> Iterator[tuple[int, Loc, str]]:
    """Every option a scene can offer, as ``(source, loc, label)``: its choices
    by number, a quiz's answers by number, or the single Continue of ``next``.
    These are the keys of ``PlaytestReport.choice_hits``."""
    if scene.quiz is not None:
        for number, option in enumerate(scene.quiz.options, 1):
            yield number, option.loc, option.text.source
    elif scene.next is not None:
        yield 1, scene.next.loc, "Continue"
    else:
        for choice in scene.choices:
            yield choice.number, choice.loc, choice.text.source


#: a path, or how to make it
_Path = tuple[PlayedOption, ...] | Callable[[], tuple[PlayedOption, ...]]


class _Recorder:
    """Collects problems, one entry per distinct (kind, position, message),
    at most ``MAX_LISTED`` of each kind; a path given as a function is made
    only for a problem that is kept."""

    def __init__(self, report: PlaytestReport) -> None:
        self.report = report
        self.index: dict[tuple[str, Loc | None, str], PlaytestProblem] = {}
        self.listed: Counter[str] = Counter()

    def add(
        self,
        kind: ProblemKind,
        message: str,
        loc: Loc | None,
        start: Start,
        seed: int,
        path: _Path,
    ) -> None:
        key = (kind, loc, message)
        if key in self.index:
            self.index[key].count += 1
            return
        if self.listed[kind] >= MAX_LISTED:
            self.report.unlisted[kind] += 1
            return
        self.listed[kind] += 1
        problem = PlaytestProblem(
            kind, message, loc, start, seed, path() if callable(path) else path
        )
        self.index[key] = problem
        self.report.problems.append(problem)


def _begin(story: m.Story, start: Start, seed: int) -> GameState:
    state = new_game(story, seed=seed, storyline=start.storyline).state
    scene_view(story, state)
    return state


def _act(story: m.Story, state: GameState, option: ChoiceView) -> GameState:
    """Take an option like a player, then render the scene they arrive at.
    Quietly: a playtest follows states, and nobody reads their explanations."""
    state = act(story, state, option.number, quiet=True).state
    scene_view(story, state)
    return state


def _starts(story: m.Story) -> list[Start]:
    by_scene = {sl.start: sl.id for sl in story.storylines.values()}
    return [
        Start(scene, None if scene == story.start else by_scene.get(scene))
        for scene in entry_points(story)
    ]


def _failure(error: Exception) -> tuple[str, Loc | None]:
    if isinstance(error, ContentError):
        return error.message, error.loc
    return f"the engine refused an option it offered: {error}", None


class _Node:
    """A game state met by some playthrough, with what was learnt about it:
    its enabled options, and where each option led.

    The state's generator is that of the first playthrough that got here;
    each playthrough carries its own (see ``_Transitions``)."""

    __slots__ = ("next", "options", "state")

    def __init__(self, state: GameState) -> None:
        self.state = state
        self.options: list[_Option] | None = None
        self.next: dict[int, _Node] = {}


_Option = tuple[ChoiceView, tuple[str, int]]  # an enabled option and its key in choice_hits


class _Transitions:
    """The engine, as a playtest steps through it, remembering when ``shared``.

    The engine is a pure function of the state, and expressions cannot read
    the random generator, which only matters when a random route draws from
    it. So an option that drew no random number leads to the same state (up
    to the generator, which it leaves alone) whichever playthrough takes it,
    and the thousands of playthroughs of a random playtest, which share most
    of their paths, take each such step once: afterwards it is one dict
    lookup. A step that drew is computed again by every playthrough that
    takes it, and its result is shared through the key of what the story
    can read of a state (game/authoring/state_reads.py: ``GameState.key()``
    without the generator, and without the parts no expression can tell
    apart, such as a score nothing reads), which also merges paths that meet
    in a state the story cannot tell from another. Only what a playtest looks
    at is shared: a node's answers, score and turn count are those of the
    first playthrough that got there (and steps are quiet, so states carry no
    debrief trace).
    """

    def __init__(
        self,
        story: m.Story,
        shared: bool,
        budget_mb: float,
        reserved_bytes: float,
        body_as_usual: Callable[[], None],
    ) -> None:
        self.story = story
        self.body_as_usual = body_as_usual  # gives back the body memo's room for playtests
        self.shared = shared
        self.growing = shared  # new states are still remembered
        self.starts: dict[Start, _Node] = {}
        self.by_key: dict[tuple[object, ...], _Node] = {}
        self.key = state_reads(story).key
        self.budget = MemoryBudget(budget_mb, reserved_bytes)
        self.computed = 0  # steps the engine computed (the rest came from the memo)
        self.wanted = shared
        self.full_at = 0  # steps played when the memo reached its budget
        self.window = (0, 0)  # (steps, computed) when the current window began
        self.weighed_at = 0  # steps played when the memory was last read

    def begin(self, start: Start, seed: int) -> _Node:
        """A new game differs between seeds only in its generator (starting
        draws no random number), so the first one is reused."""
        known = self.starts.get(start) if self.shared else None
        if known is None:
            known = _Node(_begin(self.story, start, seed))
            if self.shared:
                self.starts[start] = known
        return known

    def options(self, node: _Node) -> list[_Option]:
        if node.options is None:
            scene = node.state.scene
            node.options = [
                (o, (scene, o.source)) for o in visible_choices(self.story, node.state) if o.enabled
            ]
        return node.options

    def act(self, node: _Node, rng: int, option: ChoiceView) -> tuple[_Node, int]:
        """Where ``option`` leads from ``node`` for a playthrough whose
        generator is ``rng``, and its generator afterwards, for a step not
        remembered in ``node.next`` (the caller looks there first)."""
        state = node.state if node.state.rng == rng else node.state._replace(rng=rng)
        after = _act(self.story, state, option)
        self.computed += 1
        if not self.shared:
            return _Node(after), after.rng
        key = self.key(after)
        found = self.by_key.get(key)
        if found is None:
            found = _Node(after)
            if not self.growing:
                return found, after.rng
            self.by_key[key] = found
        if after.rng == rng:
            node.next[option.number] = found
        return found, after.rng

    def review(self, steps: int) -> None:
        """Between playthroughs: stop remembering when it does not pay.

        The memo wins when playthroughs meet (on the bundled pack the share
        of steps found in it climbs from 25% in the first 2,000 to 75%); on
        a story whose paths rarely meet it stays under 10%, and every miss
        also costs a key, a node and memory. So the share is judged over
        each window of ``MEMO_WINDOW_STEPS`` after the first: a memo that
        served less than ``MEMO_MIN_HIT_RATE`` of a window is dropped and the
        rest of the run plays unshared, with the body's memo of advances back
        at its interactive size (so, after two windows, exactly as a run
        without the memo: its room for shared bodies only cost memory); a
        memo that reaches its memory budget stops growing (what it holds
        still serves); its memory is read every ``MEMO_BUDGET_STEPS``, in the
        first window too."""
        if self.growing and steps - self.weighed_at >= MEMO_BUDGET_STEPS:
            self.weighed_at = steps
            if self.budget.spent():
                self.growing = False
                self.full_at = steps
        if not self.shared or steps - self.window[0] < MEMO_WINDOW_STEPS:
            return
        start_steps, start_computed = self.window
        self.window = (steps, self.computed)
        if start_steps == 0:
            return  # the first window fills an empty memo: nothing can be shared yet
        share = 1 - (self.computed - start_computed) / (steps - start_steps)
        if share < MEMO_MIN_HIT_RATE:
            self.shared = self.growing = False
            self.starts.clear()
            self.by_key.clear()
            self.body_as_usual()  # playthroughs that do not meet do not share bodies either

    def describe(self, steps: int) -> str:
        """What the memo did, for the report: a user who sees a slow run can
        tell whether sharing helped."""
        shared = 1 - self.computed / steps if steps else 0.0
        if not self.wanted:
            return "memo off"
        if not self.shared:
            return (
                f"memo dropped: playthroughs shared too few steps to pay for it "
                f"({shared:.0%} of {steps:,} shared)"
            )
        full = (
            f"; it reached its {self.budget.limit / 2**20:.0f} MB budget after "
            f"{self.full_at:,} steps and stopped growing"
            if self.full_at
            else ""
        )
        return f"memo: {shared:.0%} of steps shared between playthroughs{full}"


class KnownSteps:
    """The steps a random playtest took, found by the state each starts from,
    for the walks that follow it in one command: the assessment's walks over
    every state of a storyline (game/authoring/assessment.py) meet most of them
    (87% of their steps after 10,000 games of the bundled pack). A state is
    found by what the story can read of it (game/authoring/state_reads.py), as
    the playtest merged them, and only steps that drew no random number were
    remembered: from any state with that key, the option leads to a state the
    story cannot tell from the one given."""

    def __init__(self, engine: _Transitions) -> None:
        self._key = engine.key
        self._nodes = dict(engine.by_key)
        for node in engine.starts.values():
            self._nodes.setdefault(self._key(node.state), node)

    def __len__(self) -> int:
        return sum(len(node.next) for node in self._nodes.values())

    def after(self, state: GameState, number: int) -> GameState | None:
        """Where visible option ``number`` leads from ``state``, if a playthrough took it."""
        node = self._nodes.get(self._key(state))
        known = node.next.get(number) if node is not None else None
        return known.state if known is not None else None


def random_playtest(
    story: m.Story,
    runs: int,
    *,
    seed: int = 0,
    max_steps: int = 500,
    memo: bool = True,
    memo_budget_mb: float = MEMO_BUDGET_MB,
    keep_steps: bool = False,
) -> PlaytestReport:
    """``runs`` seeded random playthroughs, rotating over the story start and
    every storyline start. At each step the player takes the enabled option
    used least so far (ties broken at random), so every branch gets played.
    ``memo`` shares transitions between playthroughs (see ``_Transitions``),
    within ``memo_budget_mb`` of memory and only while it pays (see
    ``_Transitions.review``); the report is the same without it. The budget
    covers the body model's memo of advances too (``BODY_MEMO_SHARE`` of it).
    ``keep_steps`` keeps the memo's steps in the report (``known``), while the
    caller holds it, for a walk that follows (none if the memo was dropped)."""
    advances = body_memo_size(runs, memo_budget_mb if memo else 0.0)
    with remembering(advances) as body_as_usual, cyclic_gc_paused():
        engine = _Transitions(
            story, memo, memo_budget_mb, advances * BODY_ADVANCE_BYTES, body_as_usual
        )
        report = _random_playtest(story, runs, seed, max_steps, engine)
        if keep_steps and engine.shared:
            report.known = KnownSteps(engine)
        return report


def body_memo_size(runs: int, budget_mb: float) -> int:
    """How many body advances a playtest remembers: about 3.3 distinct ones a
    playthrough meet on the bundled pack, so 4 each, within the body's share
    of the budget (without a memo, the body keeps its interactive size)."""
    return min(4 * runs, int(budget_mb * 2**20 * BODY_MEMO_SHARE / BODY_ADVANCE_BYTES))


def _random_playtest(
    story: m.Story, runs: int, seed: int, max_steps: int, engine: _Transitions
) -> PlaytestReport:
    report = PlaytestReport("random", seed, max_steps)
    recorder = _Recorder(report)
    starts = _starts(story)
    draw = random.Random(seed).random
    uses = report.choice_hits
    steps = 0
    scene_hits = report.scene_hits
    scenes = story.scenes
    began = time.perf_counter()
    for run in range(runs):
        start = starts[run % len(starts)]
        game_seed = seed * 1_000_003 + run
        rng = seed_state(game_seed)
        path: list[tuple[str, ChoiceView]] = []  # made into Actions if a problem needs it
        try:
            node = engine.begin(start, game_seed)
        except (ContentError, ActionError) as error:
            recorder.add("error", *_failure(error), start, game_seed, ())
            continue
        for message, loc in broken(story, None, node.state):
            recorder.add("assertion", message, loc, start, game_seed, ())
        for _ in range(max_steps):
            scene = scenes[node.state.scene]
            scene_hits[scene.id] += 1
            if scene.ending is not None:
                report.ending_hits[scene.id] += 1
                break
            try:
                options = node.options or engine.options(node)
            except ContentError as error:
                recorder.add("error", *_failure(error), start, game_seed, _lazy(path))
                break
            if not options:
                recorder.add(
                    "dead_end",
                    f"no option can be taken in scene '{scene.id}'",
                    scene.loc,
                    start,
                    game_seed,
                    _lazy(path),
                )
                break
            option, hits_key = _least_used(options, uses, draw)
            uses[hits_key] += 1
            path.append((scene.id, option))
            steps += 1
            known = node.next.get(option.number)  # the usual case, without a call
            if known is not None:
                node = known
                continue
            try:
                before = node
                node, rng = engine.act(node, rng, option)
            except (ContentError, ActionError) as error:
                recorder.add("error", *_failure(error), start, game_seed, _lazy(path))
                break
            # Checked when a step is first computed: a remembered step (above) reaches
            # the same body from the same one, so its assertions were checked then.
            for message, loc in broken(story, before.state, node.state):
                recorder.add("assertion", message, loc, start, game_seed, _lazy(path))
        else:
            _loop(recorder, story, start, game_seed, path, max_steps)
        report.playthroughs += 1
        engine.review(steps)
    report.seconds = time.perf_counter() - began
    report.steps = steps
    report.memo = engine.describe(steps)
    return report


def _actions(path: Sequence[tuple[str, ChoiceView]]) -> tuple[PlayedOption, ...]:
    return tuple(PlayedOption(scene, option.number, option.text) for scene, option in path)


def _lazy(path: list[tuple[str, ChoiceView]]) -> Callable[[], tuple[PlayedOption, ...]]:
    """The path as Actions, made only if the problem is kept: copied now,
    since the playthrough goes on appending to it."""
    steps = tuple(path)
    return lambda: _actions(steps)


def _least_used(
    options: list[_Option], uses: Counter[tuple[str, int]], draw: Callable[[], float]
) -> _Option:
    """Mostly the option used least so far (ties broken at random), so rare
    branches get played; but one step in ``EXPLORE_SHARE`` is a plain random
    pick, because always taking the least-used option can lock into a pattern
    (an option shown only on one path is always "least used" there) that hides
    combinations of choices. (One pass over the options: this runs at every
    step of every playthrough, remembered or not.)"""
    if len(options) == 1:
        return options[0]
    if draw() < EXPLORE_SHARE:
        return options[int(draw() * len(options))]
    ties = [options[0]]
    fewest = uses[options[0][1]]
    for option in options[1:]:
        count = uses[option[1]]
        if count < fewest:
            fewest, ties = count, [option]
        elif count == fewest:
            ties.append(option)
    return ties[0] if len(ties) == 1 else ties[int(draw() * len(ties))]


EXPLORE_SHARE = 0.2


def _loop(
    recorder: _Recorder,
    story: m.Story,
    start: Start,
    seed: int,
    path: list[tuple[str, ChoiceView]],
    max_steps: int,
) -> None:
    """Report a playthrough that never ended, naming the scenes it circled
    (those of the second half of its path, where it was stuck)."""
    tail = [scene for scene, _option in path[len(path) // 2 :][-50:]]
    scenes = sorted(set(tail))
    shown = ", ".join(scenes[:8]) + (", ..." if len(scenes) > 8 else "")
    recorder.add(
        "max_steps",
        f"no ending within {max_steps} steps; it kept moving among: {shown}",
        story.scenes[tail[-1]].loc if tail else None,
        start,
        seed,
        lambda: _actions(path),
    )


def explore(
    story: m.Story, *, seed: int = 0, max_steps: int = 500, max_states: int = MAX_STATES
) -> PlaytestReport:
    """Breadth-first search over distinct game states from every start.

    Each state is expanded once per enabled option; states are told apart by
    ``GameState.key()``. A random route is retried with other generator
    states to find each destination (``RANDOM_TRIES``), since the generator
    is part of the state and one state has a single outcome.
    ``complete`` is False when ``max_states`` or ``max_steps`` (the depth)
    cut the search short."""
    with remembering(4 * max_states, max_mb=WALK_BODY_MEMO_MB), cyclic_gc_paused():
        return _explore(story, seed, max_steps, max_states)


def _explore(story: m.Story, seed: int, max_steps: int, max_states: int) -> PlaytestReport:
    report = PlaytestReport("explore", seed, max_steps, max_states=max_states)
    recorder = _Recorder(report)
    parents: dict[object, tuple[object, PlayedOption] | None] = {}
    origin: dict[object, Start] = {}
    queue: deque[tuple[GameState, int]] = deque()
    graph = _StateGraph()
    began = time.perf_counter()

    def path_to(key: object) -> tuple[PlayedOption, ...]:
        actions: list[PlayedOption] = []
        link = parents[key]
        while link is not None:
            key, action = link
            actions.append(action)
            link = parents[key]
        return tuple(reversed(actions))

    for start in _starts(story):
        try:
            state = _begin(story, start, seed)
        except (ContentError, ActionError) as error:
            recorder.add("error", *_failure(error), start, seed, ())
            continue
        key = state.key()
        if key not in parents:
            parents[key] = None
            origin[key] = start
            queue.append((state, 0))
            graph.roots.append(key)
            for message, loc in broken(story, None, state):
                recorder.add("assertion", message, loc, start, seed, ())
    while queue:
        state, depth = queue.popleft()
        key = state.key()
        start = origin[key]
        report.playthroughs += 1
        report.scene_hits[state.scene] += 1
        graph.scene_of[key] = state.scene
        scene = story.scenes[state.scene]
        if scene.ending is not None:
            report.ending_hits[scene.id] += 1
            continue
        if depth >= max_steps:
            report.complete = False
            report.cut_by_depth = True
            continue
        graph.expanded.add(state.scene)
        graph.edges[key] = []
        try:
            options = [o for o in visible_choices(story, state) if o.enabled]
        except ContentError as error:
            recorder.add("error", *_failure(error), start, seed, path_to(key))
            continue
        if not options:
            recorder.add(
                "dead_end",
                f"no option can be taken in scene '{scene.id}'",
                scene.loc,
                start,
                seed,
                path_to(key),
            )
            continue
        for option in options:
            action = PlayedOption(scene.id, option.number, option.text)
            report.choice_hits[scene.id, option.source] += 1
            report.steps += 1
            try:
                outcomes = _outcomes(story, state, option)
            except (ContentError, ActionError) as error:
                recorder.add("error", *_failure(error), start, seed, (*path_to(key), action))
                continue
            for after in outcomes:
                for message, loc in broken(story, state, after):
                    recorder.add("assertion", message, loc, start, seed, (*path_to(key), action))
                new_key = after.key()
                graph.scene_edges.add((state.scene, after.scene))
                if new_key in parents:
                    graph.edges[key].append(new_key)
                    continue
                if len(parents) >= max_states:
                    report.complete = False
                    report.cut_by_states = True
                    graph.unexplored.add(after.scene)
                    continue
                graph.edges[key].append(new_key)
                parents[new_key] = (key, action)
                origin[new_key] = start
                queue.append((after, depth + 1))
    report.ending_paths = graph.ending_paths(story)
    for scenes, entry in graph.trapped_loops(story):
        around = " → ".join((*scenes, scenes[0]))
        recorder.add(
            "loop",
            f"no ending can be reached from here: the story goes round {around}",
            story.scenes[scenes[0]].loc,
            origin[entry],
            seed,
            path_to(entry),
        )
    _unreached_endings(story, report, recorder)
    report.seconds = time.perf_counter() - began
    return report


def describe_bound(report: PlaytestReport) -> str:
    """The explore bound, and whether the search met it, in a teacher's words."""
    bound = f"at most {report.max_states:,} states, {report.max_steps} steps deep"
    if report.complete:
        return f"{bound}: every reachable state was explored"
    cut = [
        reason
        for reason, hit in (
            ("the state bound (--max-states)", report.cut_by_states),
            ("the depth bound (--max-steps)", report.cut_by_depth),
        )
        if hit
    ]
    return f"{bound}: stopped at " + " and ".join(cut)


def _unreached_endings(story: m.Story, report: PlaytestReport, recorder: _Recorder) -> None:
    start = Start(story.start)
    for scene in story.endings:
        if report.ending_hits[scene.id]:
            continue
        if report.complete:
            message = (
                f"ending '{scene.id}' can never be reached: every reachable state was explored"
            )
        else:
            message = f"ending '{scene.id}' was not reached ({describe_bound(report)})"
        recorder.add("unreached_ending", message, scene.loc, start, report.seed, ())


@dataclass
class _StateGraph:
    """What ``explore`` saw: every transition between distinct states, and
    the same projected onto scenes (which scene led to which). Game states
    rarely repeat, since visit counts grow at every step, so a story that
    goes round in circles shows as a cycle of scenes, not of states."""

    roots: list[object] = field(default_factory=list)
    edges: dict[object, list[object]] = field(default_factory=dict)  # expanded states only
    scene_of: dict[object, str] = field(default_factory=dict)
    scene_edges: set[tuple[str, str]] = field(default_factory=set)
    expanded: set[str] = field(default_factory=set)  # scenes whose options were tried
    unexplored: set[str] = field(default_factory=set)  # scenes of states cut by the bound

    def ending_paths(self, story: m.Story) -> Counter[str]:
        """Distinct paths from a start to each ending, counted over the
        state graph (a DAG: visit counts only grow) in topological order."""
        incoming: Counter[object] = Counter()
        for targets in self.edges.values():
            incoming.update(targets)
        paths: Counter[object] = Counter({root: 1 for root in self.roots})
        ready = deque(root for root in self.roots if not incoming[root])
        result: Counter[str] = Counter()
        while ready:
            key = ready.popleft()
            scene = self.scene_of.get(key)
            if scene is not None and story.scenes[scene].ending is not None:
                result[scene] += paths[key]
            for target in self.edges.get(key, ()):
                paths[target] += paths[key]
                incoming[target] -= 1
                if not incoming[target]:
                    ready.append(target)
        return result

    def trapped_loops(self, story: m.Story) -> list[tuple[tuple[str, ...], object]]:
        """Cycles of scenes from which no ending was reached, each as the
        scenes in the order the story goes round them, with the first
        explored state that entered the cycle."""
        forward: dict[str, set[str]] = {}
        backward: dict[str, set[str]] = {}
        for source, target in self.scene_edges:
            forward.setdefault(source, set()).add(target)
            backward.setdefault(target, set()).add(source)
        # Scenes that lead to an ending, or to a scene the bound kept unexplored.
        reached = set(self.scene_of.values()) | self.unexplored
        hopeful = {s.id for s in story.endings} | (reached - self.expanded)
        todo = list(hopeful)
        while todo:
            for before in backward.get(todo.pop(), ()):
                if before not in hopeful:
                    hopeful.add(before)
                    todo.append(before)
        trapped = self.expanded - hopeful
        loops = []
        for component in _cycles(trapped, forward):
            entry = next(k for k in self.scene_of if self.scene_of[k] in component)
            loops.append((_round_trip(self.scene_of[entry], component, forward), entry))
        return loops


def _cycles(scenes: set[str], forward: dict[str, set[str]]) -> list[set[str]]:
    """The strongly connected parts of ``scenes`` that contain a cycle
    (Tarjan's algorithm, iteratively: a loop may be long)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []
    for root in sorted(scenes):
        if root in index:
            continue
        work = [(root, iter(sorted(forward.get(root, set()) & scenes)))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, targets = work[-1]
            target = next(targets, None)
            if target is not None:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(sorted(forward.get(target, set()) & scenes))))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1 or node in forward.get(node, set()):
                    found.append(component)
    return found


def _round_trip(first: str, component: set[str], forward: dict[str, set[str]]) -> tuple[str, ...]:
    """One way round the cycle from ``first`` back to it (breadth-first, so
    the shortest), as the scenes passed."""
    came_from: dict[str, str] = {}
    queue = deque([first])
    while queue:
        scene = queue.popleft()
        for target in sorted(forward.get(scene, set()) & component):
            if target == first:
                trip = [scene]
                while trip[-1] != first:
                    trip.append(came_from[trip[-1]])
                return tuple(reversed(trip))
            if target not in came_from:
                came_from[target] = scene
                queue.append(target)
    return (first,)


def _outcomes(story: m.Story, state: GameState, option: ChoiceView) -> list[GameState]:
    """The states an option can lead to: one, or for a random route one per
    destination scene found by retrying with other generator states."""
    after = _act(story, state, option)
    if after.rng == state.rng:
        return [after]
    found = {after.scene: after}
    rng = state.rng
    for _ in range(RANDOM_TRIES - 1):
        rng, _draw = next_random(rng)
        other = _act(story, state._replace(rng=rng), option)
        found.setdefault(other.scene, other)
    return list(found.values())
