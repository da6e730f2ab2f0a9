"""Whole-pack analysis: what the loader cannot see one file at a time.

The loader proves that every reference resolves and every expression is
well typed. This module looks at the pack as a story: can every scene be
reached, can every path still end, is a teaching objective taught and
tested, does every variable matter, will the text render. Its findings are
warnings (the pack still plays), each with a stable code ``W010``.. that the
authoring guide documents, and a position an editor can jump to.

Everything here is static and ignores conditions (an edge exists when some
route names the scene), so "unreachable" is certain and "possible dead end"
says "possible". It runs in time linear in the pack, because ``locus check``
on a 5,000-scene pack must stay close to the cost of parsing the YAML.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping

import yaml
from yaml.nodes import MappingNode

from game.authoring.scene_parts import calls, scene_exprs, scene_texts
from game.story import model as m
from game.story.diagnostics import Descriptor, Diagnostic, Loc, sort_key
from game.story.expr import Binary, Const, Expr, IdArg, Unary
from game.story.styles import StyleProblem, parse_styles, unknown_tags

#: The analysis warnings, each declared once (its code and summary; the words come
#: from the finding). Stable: the guide documents each, tests assert each; never
#: renumber. (The loader's own codes live in game.story.diagnostics.)
UNREACHABLE_SCENE = Descriptor("W010", "scene cannot be reached")
UNREACHABLE_ENDING = Descriptor("W011", "ending cannot be reached")
NO_WAY_TO_AN_ENDING = Descriptor("W012", "no ending can be reached from here")
EVERY_CHOICE_CONDITIONAL = Descriptor("W013", "possible dead end: every choice is conditional")
ONCE_CHOICES_RUN_OUT = Descriptor("W014", "once choices can run out")
OBJECTIVE_NOT_TAUGHT = Descriptor("W015", "objective never taught")
OBJECTIVE_NOT_ASSESSED = Descriptor("W016", "objective never assessed")
VARIABLE_NOT_READ = Descriptor("W017", "variable never read")
VARIABLE_NOT_WRITTEN = Descriptor("W018", "variable never written")
CODEX_NOT_UNLOCKED = Descriptor("W019", "codex entry never unlocked")
ASSET_NOT_USED = Descriptor("W020", "asset never used")
STYLE_MISTAKE = Descriptor("W021", "style mistake in text")
CHOSE_NO_SUCH_CHOICE = Descriptor("W022", "chose() names a choice the scene does not have")
BADGE_NOT_AWARDED = Descriptor("W023", "badge never awarded")
DESCRIPTORS = (
    UNREACHABLE_SCENE,
    UNREACHABLE_ENDING,
    NO_WAY_TO_AN_ENDING,
    EVERY_CHOICE_CONDITIONAL,
    ONCE_CHOICES_RUN_OUT,
    OBJECTIVE_NOT_TAUGHT,
    OBJECTIVE_NOT_ASSESSED,
    VARIABLE_NOT_READ,
    VARIABLE_NOT_WRITTEN,
    CODEX_NOT_UNLOCKED,
    ASSET_NOT_USED,
    STYLE_MISTAKE,
    CHOSE_NO_SUCH_CHOICE,
    BADGE_NOT_AWARDED,
)


def analyze(story: m.Story) -> list[Diagnostic]:
    """All analysis warnings of a loaded pack, sorted by position."""
    found = _Analysis(story).run()
    return sorted(found, key=sort_key)


def successors(scene: m.Scene) -> Iterator[str]:
    """Every scene a route of ``scene`` names, conditions ignored."""
    for route in scene.routes():
        for branch in route.branches:
            yield branch.to


def entry_points(story: m.Story) -> list[str]:
    """Where play can begin: the story start, then each storyline's start."""
    starts = [story.start]
    for storyline in story.storylines.values():
        if storyline.start not in starts:
            starts.append(storyline.start)
    return starts


def story_graph(story: m.Story) -> dict[str, tuple[str, ...]]:
    """Each scene's successors, computed once for all the graph analyses."""
    return {sid: tuple(successors(scene)) for sid, scene in story.scenes.items()}


def reachable(
    story: m.Story, starts: Iterable[str], graph: Mapping[str, tuple[str, ...]] | None = None
) -> set[str]:
    """Scenes some route leads to from ``starts`` (breadth-first)."""
    graph = story_graph(story) if graph is None else graph
    seen = {start for start in starts if start in graph}
    queue = deque(seen)
    while queue:
        for target in graph[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


class _Analysis:
    def __init__(self, story: m.Story) -> None:
        self.story = story
        self.found: list[Diagnostic] = []
        self.graph = story_graph(story)
        self._lines: dict[str, list[str]] = {}
        self._names: dict[str, frozenset[str]] = {}

    def warn(self, loc: Loc, kind: Descriptor, message: str, hint: str | None = None) -> None:
        self.found.append(kind.at(loc, hint, message=message))

    def run(self) -> list[Diagnostic]:
        self._reachability()
        self._ways_out()
        self._objectives()
        self._usage()
        self._markup()
        return self.found

    # --- the story graph ---------------------------------------------------------

    def _reachability(self) -> None:
        story = self.story
        starts = entry_points(story)
        seen = reachable(story, starts, self.graph)
        for scene in story.scenes.values():
            if scene.id in seen:
                continue
            if scene.ending is not None:
                self.warn(
                    scene.loc,
                    UNREACHABLE_ENDING,
                    f"ending '{scene.id}' cannot be reached from the start or any storyline start",
                    "add a choice or route that leads here",
                )
            else:
                self.warn(
                    scene.loc,
                    UNREACHABLE_SCENE,
                    f"scene '{scene.id}' cannot be reached from the start or any storyline start",
                    "add a choice or route that leads here, or delete the scene",
                )
        self._traps(seen, starts)

    def _traps(self, seen: set[str], starts: list[str]) -> None:
        """Reachable scenes from which no path leads to any ending. Only the
        scenes where a player walks into such a region are reported."""
        story = self.story
        predecessors: dict[str, list[str]] = {}
        for source, targets in self.graph.items():
            for target in targets:
                predecessors.setdefault(target, []).append(source)
        can_end = {scene.id for scene in story.endings}
        queue = deque(can_end)
        while queue:
            for source in predecessors.get(queue.popleft(), ()):
                if source not in can_end:
                    can_end.add(source)
                    queue.append(source)
        trapped = seen - can_end
        for scene_id in sorted(trapped):
            entered_from_outside = scene_id in starts or any(
                source not in trapped for source in predecessors.get(scene_id, ()) if source in seen
            )
            if not entered_from_outside:
                continue
            region = sorted(reachable(story, [scene_id], self.graph))
            shown = ", ".join(region[:8]) + (", ..." if len(region) > 8 else "")
            self.warn(
                story.scenes[scene_id].loc,
                NO_WAY_TO_AN_ENDING,
                f"no ending can be reached from scene '{scene_id}'; from here the story "
                f"only moves among: {shown}",
                "add a way out that leads towards an ending",
            )

    def _ways_out(self) -> None:
        revisitable = _on_a_cycle(self.graph)
        for scene in self.story.scenes.values():
            if not scene.choices:
                continue
            first_visit = [c for c in scene.choices if c.condition is None and c.enabled_if is None]
            if not first_visit:
                if not _complementary(scene.choices):
                    self.warn(
                        scene.loc,
                        EVERY_CHOICE_CONDITIONAL,
                        f"every choice of scene '{scene.id}' has if or enabled_if; when "
                        "none holds the player is stuck",
                        "add a choice without conditions as a fallback",
                    )
                continue
            if scene.id in revisitable and all(c.once for c in first_visit):
                self.warn(
                    scene.loc,
                    ONCE_CHOICES_RUN_OUT,
                    f"scene '{scene.id}' can be visited again, and its choices without "
                    "conditions are all once: true; after they are used the player may "
                    "be stuck",
                    "add a choice that is not once and has no condition",
                )

    # --- teaching ------------------------------------------------------------------

    def _objectives(self) -> None:
        story = self.story
        taught = {o for scene in story.scenes.values() for o in scene.teaches}
        assessed = {scene.quiz.objective for scene in story.quizzes if scene.quiz}
        locs = self._story_keys("objectives")
        for objective in story.objectives:
            loc = locs.get(objective, story.loc)
            if objective not in taught:
                self.warn(
                    loc,
                    OBJECTIVE_NOT_TAUGHT,
                    f"objective '{objective}' is never taught",
                    f"add it to a scene's teaches: [{objective}]",
                )
            if objective not in assessed:
                self.warn(
                    loc,
                    OBJECTIVE_NOT_ASSESSED,
                    f"objective '{objective}' is never assessed by a quiz",
                    f"add a quiz with objective: {objective}",
                )

    # --- variables, codex, badges, assets, chose() -----------------------------------

    def _usage(self) -> None:
        story = self.story
        read: set[str] = set()
        written: set[str] = set()
        unlocked: set[str] = set()
        awarded: set[str] = set()
        used_assets: set[str] = set()
        for scene in story.scenes.values():
            if scene.art:
                used_assets.add(scene.art)
            effects = list(scene.on_enter)
            for choice in scene.choices:
                effects.extend(choice.effects)
            for effect in effects:
                if isinstance(effect, m.SetVars | m.AddVars | m.ComputeVars):
                    written.update(name for name, _ in effect.values)
                elif isinstance(effect, m.UnlockCodex):
                    unlocked.update(effect.ids)
                elif isinstance(effect, m.AwardBadge):
                    awarded.add(effect.id)
            for expr, loc in scene_exprs(scene):
                names = self._names.get(expr.source)
                if names is None:
                    names = frozenset(r.name for r in expr.refs() if r.kind == "name")
                    self._names[expr.source] = names
                read.update(names)
                if "chose" in expr.source:
                    self._check_chose(expr, loc)
        locs = self._story_keys("variables")
        for name in story.variables:
            loc = locs.get(name, story.loc)
            if name not in read:
                self.warn(
                    loc,
                    VARIABLE_NOT_READ,
                    f"variable '{name}' is never read by a condition, compute or text",
                    "use it in an if:, or remove it",
                )
            if name not in written:
                self.warn(
                    loc,
                    VARIABLE_NOT_WRITTEN,
                    f"variable '{name}' is never changed by a set, add or "
                    "compute effect, so it always keeps its starting value",
                    "change it somewhere, or remove it",
                )
        for entry in story.codex.values():
            if entry.id not in unlocked:
                self.warn(
                    entry.loc,
                    CODEX_NOT_UNLOCKED,
                    f"codex entry '{entry.id}' is never unlocked",
                    f"add the effect - codex: {entry.id} to a scene or choice",
                )
        for badge in story.badges.values():
            if badge.id not in awarded:
                self.warn(
                    badge.loc,
                    BADGE_NOT_AWARDED,
                    f"badge '{badge.id}' is never awarded",
                    f"add the effect - badge: {badge.id} to a scene or choice",
                )
        for asset in story.assets:
            if asset not in used_assets:
                self.warn(
                    Loc(f"assets/{asset}"),
                    ASSET_NOT_USED,
                    f"asset '{asset}' is not used by any scene's art:",
                    "use it with art: " + asset + ", or delete the file",
                )

    def _check_chose(self, expr: Expr, loc: Loc) -> None:
        for call in calls(expr.tree):
            if call.function != "chose" or len(call.args) != 2:
                continue
            scene_arg, number_arg = call.args
            if not isinstance(scene_arg, IdArg) or not isinstance(number_arg, Const):
                continue
            scene = self.story.scenes.get(scene_arg.ident)
            number = number_arg.value
            if scene is None or isinstance(number, bool) or not isinstance(number, int):
                continue
            if not 1 <= number <= len(scene.choices):
                count = len(scene.choices)
                has = f"has {count} choice{'s' * (count != 1)}" if count else "has no choices"
                self.warn(
                    self._find(loc, "chose"),
                    CHOSE_NO_SUCH_CHOICE,
                    f"chose({scene.id}, {number}) can never be true: scene '{scene.id}' {has}",
                    "choices are numbered from 1 in the order they are written",
                )

    # --- text ------------------------------------------------------------------------

    def _markup(self) -> None:
        """Scene and codex text may use Locus's styles (game.story.styles); in
        every other text a tag is shown as written, which is worth a word."""
        story = self.story
        for scene in story.scenes.values():
            for text, loc, styled in scene_texts(scene):
                if styled:  # a ${...} is a value, escaped when shown: only its place counts
                    blanked = _TEMPLATE_RE.sub(lambda match: " " * len(match.group()), text)
                    self._report(parse_styles(blanked).problems, loc, text)
                else:
                    self._report(unknown_tags(text), loc, text)
        for entry in story.codex.values():
            self._report(unknown_tags(entry.title), entry.loc, entry.title)
            self._report(parse_styles(entry.text).problems, entry.loc, entry.text)
        for storyline in story.storylines.values():
            self._report(unknown_tags(storyline.title), storyline.loc, storyline.title)
            self._report(unknown_tags(storyline.summary), storyline.loc, storyline.summary)
        for badge in story.badges.values():
            self._report(unknown_tags(badge.title), badge.loc, badge.title)
            self._report(unknown_tags(badge.description), badge.loc, badge.description)

    def _report(self, problems: Iterable[StyleProblem], loc: Loc, text: str) -> None:
        """Each problem at its tag: found from where the text itself begins,
        past the same tag's earlier occurrences in that text."""
        if not problems:
            return
        # the text's opening words as the file spells them (before any escape)
        first_line = re.split(r"[\\\\\"']", text.lstrip().split("\n", 1)[0])[0][:24]
        start = self._find(loc, first_line) if first_line else loc
        for problem in problems:
            where = self._find(start, problem.tag, text.count(problem.tag, 0, problem.offset))
            self.warn(where, STYLE_MISTAKE, problem.message, problem.hint)

    # --- positions -----------------------------------------------------------------

    def _file_lines(self, path: str) -> list[str]:
        if path not in self._lines:
            try:
                text = (self.story.root / path).read_text(encoding="utf-8", errors="replace")
            except OSError:
                text = ""
            self._lines[path] = text.splitlines()
        return self._lines[path]

    def _find(self, loc: Loc, needle: str, skip: int = 0) -> Loc:
        """The first place at or after ``loc`` where ``needle`` is written, so a
        warning about a word in a paragraph points at that word, not at the
        scene's first line (the model keeps positions only per element);
        ``skip`` passes over that many earlier occurrences first."""
        lines = self._file_lines(loc.path)
        for index in range(max(loc.line - 1, 0), min(len(lines), loc.line + 400)):
            column = lines[index].find(needle)
            while column >= 0 and skip:
                skip -= 1
                column = lines[index].find(needle, column + 1)
            if column >= 0:
                return Loc(loc.path, index + 1, column + 1)
        return loc

    def _story_keys(self, section: str) -> dict[str, Loc]:
        """Positions of the keys under a section of story.yaml (the model keeps
        variables and objectives as plain mappings, without positions)."""
        path = self.story.loc.path
        try:
            text = (self.story.root / path).read_text(encoding="utf-8")
            root = yaml.compose(text, Loader=yaml.CSafeLoader)
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            return {}
        if not isinstance(root, MappingNode):
            return {}
        for key, value in root.value:
            if key.value == section and isinstance(value, MappingNode):
                return {
                    str(k.value): Loc(path, k.start_mark.line + 1, k.start_mark.column + 1)
                    for k, _ in value.value
                }
        return {}


def _on_a_cycle(successors_of: Mapping[str, tuple[str, ...]]) -> set[str]:
    """Scenes that can be entered again after leaving them: members of a
    strongly connected component with a cycle (iterative Tarjan, so a long
    chain of scenes cannot hit the recursion limit)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: set[str] = set()
    counter = 0
    graph = {sid: [t for t in out if t in successors_of] for sid, out in successors_of.items()}
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, child = work.pop()
            if child == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = graph[node]
            if child < len(targets):
                work.append((node, child + 1))
                target = targets[child]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in graph[node]:
                    result.update(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


_TEMPLATE_RE = re.compile(r"\$\{[^}]*\}")
_NEGATED = {"<": ">=", ">=": "<", ">": "<=", "<=": ">", "==": "!=", "!=": "=="}


def _complementary(choices: Iterable[m.Choice]) -> bool:
    """Whether two of the choices have conditions that cover every case, like
    ``if: courage > 2`` and ``if: courage <= 2``, or ``met_guide`` and
    ``not met_guide``. Only single conditions are compared, by their text."""
    seen: set[str] = set()
    negations: set[str] = set()
    for choice in choices:
        conditions = [c for c in (choice.condition, choice.enabled_if) if c is not None]
        if len(conditions) != 1:
            continue
        canonical, negated = _canonical(conditions[0])
        seen.add(canonical)
        negations.add(negated)
    return bool(seen & negations)


def _canonical(expr: Expr) -> tuple[str, str]:
    """The condition's text with spaces normalised, and the text of its negation."""
    tree = expr.tree
    source = expr.source
    if isinstance(tree, Unary) and tree.op == "not":
        inner = _squash(source[tree.operand.start :])
        inner = inner[1:-1] if inner.startswith("(") and inner.endswith(")") else inner
        return "not " + inner, inner
    if isinstance(tree, Binary) and tree.op in _NEGATED:
        left = _squash(source[: tree.offset])
        right = _squash(source[tree.offset + len(tree.op) :])
        return f"{left} {tree.op} {right}", f"{left} {_NEGATED[tree.op]} {right}"
    plain = _squash(source)
    return plain, "not " + plain


def _squash(text: str) -> str:
    return " ".join(text.split())
