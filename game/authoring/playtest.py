"""Automatic playtests: seeded random playthroughs and breadth-first exploration.

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from game.authoring.analysis import entry_points
from game.authoring.assertions import broken
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

ProblemKind = Literal["error", "dead_end", "max_steps", "assertion"]


@dataclass(frozen=True, slots=True)
class Action:
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
class Problem:
    """A runtime failure, a dead end, a playthrough that never ended or a
    scene assertion that did not hold (see game/authoring/assertions.py).
    ``path`` is the first playthrough that showed it; ``count`` how often."""

    kind: ProblemKind
    message: str
    loc: Loc | None
    start: Start
    seed: int
    path: tuple[Action, ...]
    count: int = 1


@dataclass
class Report:
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
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return bool(self.problems)

    @property
    def rate(self) -> float:
        return self.playthroughs / self.seconds if self.seconds else 0.0


def options_of(scene: m.Scene) -> Iterator[tuple[int, Loc, str]]:
    """Every option a scene can offer, as ``(source, loc, label)``: its choices
    by number, a quiz's answers by number, or the single Continue of ``next``.
    These are the keys of ``Report.choice_hits``."""
    if scene.quiz is not None:
        for number, option in enumerate(scene.quiz.options, 1):
            yield number, option.loc, option.text.source
    elif scene.next is not None:
        yield 1, scene.next.loc, "Continue"
    else:
        for choice in scene.choices:
            yield choice.number, choice.loc, choice.text.source


class _Recorder:
    """Collects problems, one entry per distinct (kind, position, message)."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.index: dict[tuple[str, Loc | None, str], Problem] = {}

    def add(
        self,
        kind: ProblemKind,
        message: str,
        loc: Loc | None,
        start: Start,
        seed: int,
        path: tuple[Action, ...],
    ) -> None:
        key = (kind, loc, message)
        if key in self.index:
            self.index[key].count += 1
            return
        problem = Problem(kind, message, loc, start, seed, path)
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
    takes it, and its result is shared through ``GameState.key()`` (without
    the generator), which also merges paths that meet in the same state.
    Only what a playtest looks at is shared: a node's answers and turn count
    are those of the first playthrough that got there (and steps are quiet,
    so states carry no debrief trace).
    """

    def __init__(self, story: m.Story, shared: bool) -> None:
        self.story = story
        self.shared = shared
        self.starts: dict[Start, _Node] = {}
        self.by_key: dict[tuple[object, ...], _Node] = {}

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
        if not self.shared:
            return _Node(after), after.rng
        key = after.key(with_rng=False)
        found = self.by_key.get(key)
        if found is None:
            found = self.by_key[key] = _Node(after)
        if after.rng == rng:
            node.next[option.number] = found
        return found, after.rng


def random_playtest(
    story: m.Story, runs: int, *, seed: int = 0, max_steps: int = 500, memo: bool = True
) -> Report:
    """``runs`` seeded random playthroughs, rotating over the story start and
    every storyline start. At each step the player takes the enabled option
    used least so far (ties broken at random), so every branch gets played.
    ``memo`` shares transitions between playthroughs (see ``_Transitions``);
    the report is the same without it, only slower."""
    with remembering(4 * runs), cyclic_gc_paused():  # ~3.3 distinct advances per playthrough
        return _random_playtest(story, runs, seed, max_steps, _Transitions(story, memo))


def _random_playtest(
    story: m.Story, runs: int, seed: int, max_steps: int, engine: _Transitions
) -> Report:
    report = Report("random", seed, max_steps)
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
                recorder.add("error", *_failure(error), start, game_seed, _actions(path))
                break
            if not options:
                recorder.add(
                    "dead_end",
                    f"no option can be taken in scene '{scene.id}'",
                    scene.loc,
                    start,
                    game_seed,
                    _actions(path),
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
                recorder.add("error", *_failure(error), start, game_seed, _actions(path))
                break
            # Checked when a step is first computed: a remembered step (above) reaches
            # the same body from the same one, so its assertions were checked then.
            for message, loc in broken(story, before.state, node.state):
                recorder.add("assertion", message, loc, start, game_seed, _actions(path))
        else:
            _loop(recorder, story, start, game_seed, _actions(path), max_steps)
        report.playthroughs += 1
    report.seconds = time.perf_counter() - began
    report.steps = steps
    return report


def _actions(path: list[tuple[str, ChoiceView]]) -> tuple[Action, ...]:
    return tuple(Action(scene, option.number, option.text) for scene, option in path)


def _least_used(
    options: list[_Option], uses: Counter[tuple[str, int]], draw: Callable[[], float]
) -> _Option:
    """Mostly the option used least so far (ties broken at random), so rare
    branches get played; but one step in ``EXPLORE_SHARE`` is a plain random
    pick, because always taking the least-used option can lock into a pattern
    (an option shown only on one path is always "least used" there) that hides
    combinations of choices."""
    if len(options) == 1:
        return options[0]
    if draw() < EXPLORE_SHARE:
        return options[int(draw() * len(options))]
    counts = [uses[key] for _, key in options]
    fewest = min(counts)
    ties = [o for o, count in zip(options, counts, strict=True) if count == fewest]
    return ties[0] if len(ties) == 1 else ties[int(draw() * len(ties))]


EXPLORE_SHARE = 0.2


def _loop(
    recorder: _Recorder,
    story: m.Story,
    start: Start,
    seed: int,
    path: tuple[Action, ...],
    max_steps: int,
) -> None:
    """Report a playthrough that never ended, naming the scenes it circled
    (those of the second half of its path, where it was stuck)."""
    tail = path[len(path) // 2 :][-50:]
    scenes = sorted({action.scene for action in tail})
    shown = ", ".join(scenes[:8]) + (", ..." if len(scenes) > 8 else "")
    recorder.add(
        "max_steps",
        f"no ending within {max_steps} steps; it kept moving among: {shown}",
        story.scenes[tail[-1].scene].loc if tail else None,
        start,
        seed,
        path,
    )


def explore(
    story: m.Story, *, seed: int = 0, max_steps: int = 500, max_states: int = MAX_STATES
) -> Report:
    """Breadth-first search over distinct game states from every start.

    Each state is expanded once per enabled option; states are told apart by
    ``GameState.key()``. A random route is retried with other generator
    states to find each destination (``RANDOM_TRIES``), since the generator
    is part of the state and one state has a single outcome.
    ``complete`` is False when ``max_states`` or ``max_steps`` (the depth)
    cut the search short."""
    with remembering(4 * max_states), cyclic_gc_paused():
        return _explore(story, seed, max_steps, max_states)


def _explore(story: m.Story, seed: int, max_steps: int, max_states: int) -> Report:
    report = Report("explore", seed, max_steps)
    recorder = _Recorder(report)
    parents: dict[object, tuple[object, Action] | None] = {}
    origin: dict[object, Start] = {}
    queue: deque[tuple[GameState, int]] = deque()
    began = time.perf_counter()

    def path_to(key: object) -> tuple[Action, ...]:
        actions: list[Action] = []
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
            for message, loc in broken(story, None, state):
                recorder.add("assertion", message, loc, start, seed, ())
    while queue:
        state, depth = queue.popleft()
        key = state.key()
        start = origin[key]
        report.playthroughs += 1
        report.scene_hits[state.scene] += 1
        scene = story.scenes[state.scene]
        if scene.ending is not None:
            report.ending_hits[scene.id] += 1
            continue
        if depth >= max_steps:
            report.complete = False
            continue
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
            action = Action(scene.id, option.number, option.text)
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
                if new_key in parents:
                    continue
                if len(parents) >= max_states:
                    report.complete = False
                    continue
                parents[new_key] = (key, action)
                origin[new_key] = start
                queue.append((after, depth + 1))
    report.seconds = time.perf_counter() - began
    return report


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
