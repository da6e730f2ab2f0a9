"""Story pack loader: YAML files -> an immutable ``Story`` or diagnostics.

The loader reads every file of a pack in one pass and reports every problem
it can find, each with file, line and column (``Diagnostic``), because an
author fixing a pack wants the whole list at once, not one error per run.
It works directly on libyaml's positioned nodes (see ``yamlnodes``), parses
each expression and template exactly once, and resolves references and types
only after all files are read, since a scene may jump to a scene defined in a
later file.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game import body as body_model
from game.gcpause import cyclic_gc_paused
from game.story import model as m
from game.story.clock import StartTime, parse_starts_at
from game.story.diagnostics import Diagnostic, Loc, has_errors, sort_key, suggest
from game.story.expr import (
    Expr,
    ExprEvalError,
    ExprSyntaxError,
    Kind,
    TypeEnv,
    Value,
    check,
    check_bounds,
    parse,
)
from game.story.printable import control_name, find_controls
from game.story.safe_read import (
    MAX_ASSET_BYTES,
    PackFileError,
    PackFileTooLarge,
    inside_pack,
    read_pack_file,
)
from game.story.templates import (
    Template,
    TemplateSyntaxError,
    ValueType,
    format_problems,
    parse_template,
    value_type,
)
from game.story.yaml_errors import CURLY_QUOTES
from game.story.yamlnodes import ID_RE, NodeReader, compose_file, names_in_broken_file

FORMAT_VERSION = 1
#: ``{name}`` or ``{name:spec}`` not preceded by ``$``: a template missing its ``$``.
_BRACED_NAME_RE = re.compile(r"(?<!\$)\{([a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)?)(?::[^{}]*)?\}")
_BUILTIN_NAMES = frozenset({"score", "minutes", "day"})
LINT_CODE_RE = re.compile(r"W\d{3}")
RESERVED_NAMES = frozenset(
    {"score", "minutes", "day", "clock", "body", "true", "false", "and", "or", "not"}
    | {"visited", "chose", "has_condition", "on_medication", "has_badge"}
    | {"min", "max", "abs", "round"}
)

STORY_KEYS = ("format", "id", "title", "start", "variables", "objectives", "storylines")
STORY_KEYS_ALL = (*STORY_KEYS, "badges", "body", "age", "starts_at")
STORYLINE_KEYS = ("id", "title", "start", "summary", "chart", "starts_at")
BADGE_KEYS = ("title", "description")
BODY_KEYS = ("conditions", "medications", "inputs")
CONTENT_KEYS = ("scenes", "codex")
SCENE_KEYS = (
    "title",
    "text",
    "time",
    "teaches",
    "art",
    "on_enter",
    "choices",
    "next",
    "quiz",
    "ending",
    "expect",
)
TRENDS = ("rising", "falling")
CHOICE_KEYS = ("text", "goto", "if", "enabled_if", "hint", "once", "effects", "time")
QUIZ_KEYS = ("question", "objective", "points", "options", "kind", "lint")
LINT_KEYS = ("allow", "why")
OPTION_KEYS = ("text", "correct", "feedback")
ENDING_KEYS = ("kind", "summary")
ENDING_KINDS = ("good", "neutral", "bad")
CODEX_KEYS = ("title", "text", "objectives", "sources")
BRANCH_KEYS = ("if", "to")
RANDOM_KEYS = ("to", "weight")
LESSON_KEYS = ("id", "title", "storylines", "objectives", "pass_mark", "min_questions")
TEST_KEYS = ("name", "start", "seed", "setup", "steps")
STEP_KINDS = ("choose", "answer", "wait", "expect")
EXPECT_KEYS = (
    "scene",
    "ending",
    "choices",
    "disabled",
    "vars",
    "body",
    "score",
    "badges",
    "codex",
)
EFFECT_KINDS = (
    "set",
    "add",
    "compute",
    "body",
    "condition",
    "medication",
    "time",
    "codex",
    "score",
    "badge",
)


@dataclass(frozen=True)
class LoadResult:
    story: m.Story | None
    diagnostics: tuple[Diagnostic, ...]

    @property
    def ok(self) -> bool:
        return self.story is not None

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.is_error)


@dataclass
class _Pending:
    """An expression to type-check once every name and id of the pack is known."""

    expr: Expr
    reader: NodeReader
    node: Node
    base: int
    expect: Kind | None


@dataclass
class _Header:
    id: str = "pack"
    title: str = ""
    start: str = ""
    format: int = FORMAT_VERSION
    variables: dict[str, m.Value] = field(default_factory=dict)
    objectives: dict[str, str] = field(default_factory=dict)
    storylines: dict[str, m.Storyline] = field(default_factory=dict)
    badges: dict[str, m.Badge] = field(default_factory=dict)
    body: m.BodySetup = field(default_factory=m.BodySetup)
    age: float = 16.0
    starts_at: StartTime = field(default_factory=StartTime)
    loc: Loc = field(default_factory=lambda: Loc("story.yaml"))
    ok: bool = False


def load_pack(root: str | os.PathLike[str], *, for_play: bool = False) -> LoadResult:
    """Load and check a pack directory. Never raises for bad content.

    ``for_play`` loads what playing needs: walkthrough tests are not read,
    and a lesson with errors is left out (its errors stay in the
    diagnostics) instead of stopping the pack, so a typo in tests/ or
    lessons/ never stops a class from playing; `locus check` and `locus
    test` load everything and report it.

    The cyclic garbage collector is paused while loading (see game.gcpause):
    its collections were more than half of the load time.
    """
    with cyclic_gc_paused():
        return _PackLoader(Path(root), for_play).load()


#: Where lessons live: in play, their errors leave the lesson out.
LESSONS_FOLDER = "lessons/"


def _kind_of(value: m.Value) -> Kind:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    return "str"


def _value_type(value: m.Value) -> ValueType:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "whole number"
    return "decimal number" if isinstance(value, float) else "text"


def _type_name(value: m.Value) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    return "text"


class _NoState:
    """The evaluation context of a constant expression: reading the game's
    state fails, because only play can know a value that depends on it."""

    def lookup(self, name: str) -> Value:
        raise ExprEvalError(f"{name} is known only while playing")

    def call(self, function: str, args: tuple[Value, ...]) -> Value:
        raise ExprEvalError(f"{function}() is known only while playing")


def _check_constant(reader: NodeReader, node: Node, name: str, expr: Expr) -> None:
    """A compute whose value is known before play must be a value a story can
    hold (``check_bounds``); one that reads the state is checked while playing."""
    try:
        value = expr.evaluate(_NoState())
    except ExprEvalError:  # not constant, or an error the type check reports
        return
    try:
        check_bounds(value)
    except ExprEvalError as error:
        reader.error(node, "E041", f"compute {name}: {error.message}")


class _PackLoader:
    def __init__(self, root: Path, for_play: bool = False) -> None:
        self.root = root
        self.for_play = for_play
        self.diagnostics: list[Diagnostic] = []
        self.header = _Header()
        self.scenes: dict[str, m.Scene] = {}
        self.scene_locs: dict[str, Loc] = {}
        self.codex: dict[str, m.CodexEntry] = {}
        self.lessons: dict[str, m.Lesson] = {}
        self.tests: list[m.WalkthroughTest] = []
        self.pending: list[_Pending] = []
        # (expression, spec, reader, node, offset of the spec) of every ${x:spec}
        self.formats: list[tuple[Expr, str, NodeReader, Node, int]] = []
        # (kind, id, reader, node) references checked after all files are read
        self.refs: list[tuple[str, str, NodeReader, Node]] = []
        self.assets: tuple[str, ...] = ()
        self.files: list[str] = []
        # text values of variables (value -> a variable that takes it), for the
        # hint when an expression names one without quotes
        self.words: dict[str, str] = {}
        # ids that files YAML could not read may define: never called unknown
        self.maybe_defined: set[str] = set()

    # --- the pass ----------------------------------------------------------

    def load(self) -> LoadResult:
        story_file = self.root / "story.yaml"
        if not self.root.is_dir() or not story_file.is_file():
            where = str(self.root)
            message = (
                f"'{where}' is not a folder"
                if not self.root.is_dir()
                else f"'{where}' has no story.yaml"
            )
            self.diagnostics.append(
                Diagnostic(Loc(where), "E043", message, hint="a pack is a folder with story.yaml")
            )
            return LoadResult(None, tuple(self.diagnostics))
        content, lessons, tests = self._discover()
        self.assets = self._list_assets()
        self._read_story_yaml(story_file)
        for path in content:
            self._read_content_file(path)
        for path in lessons:
            self._read_lesson(path)
        for path in () if self.for_play else tests:
            self._read_test_file(path)
        self._resolve()
        diagnostics = tuple(sorted(self.diagnostics, key=sort_key))
        if self.for_play:
            broken = {d.loc.path for d in diagnostics if d.is_error}
            self.lessons = {k: v for k, v in self.lessons.items() if v.loc.path not in broken}
            if all(path.startswith(LESSONS_FOLDER) for path in broken):
                return LoadResult(self._build(), diagnostics)
        if has_errors(diagnostics):
            return LoadResult(None, diagnostics)
        return LoadResult(self._build(), diagnostics)

    def _rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def _discover(self) -> tuple[list[Path], list[Path], list[Path]]:
        content: list[Path] = []
        lessons: list[Path] = []
        tests: list[Path] = []
        for folder, dirs, files in os.walk(self.root):
            dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
            here = Path(folder)
            top = here == self.root
            if top:
                dirs[:] = [d for d in dirs if d != "assets"]
            for name in sorted(files):
                if name.startswith(("_", ".")) or not name.endswith((".yaml", ".yml")):
                    continue
                path = here / name
                rel_parts = path.relative_to(self.root).parts
                if top and name == "story.yaml":
                    continue
                if rel_parts[0] == "lessons":
                    lessons.append(path)
                elif rel_parts[0] == "tests":
                    tests.append(path)
                else:
                    content.append(path)
        return content, lessons, tests

    def _list_assets(self) -> tuple[str, ...]:
        assets_dir = self.root / "assets"
        if not assets_dir.is_dir():
            return ()
        try:
            inside_pack(self.root, Path("assets"))
        except PackFileError as error:
            self.diagnostics.append(
                Diagnostic(Loc("assets"), "E008", str(error), hint="copy the art into the pack")
            )
            return ()
        found = []
        for folder, dirs, files in os.walk(assets_dir):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if not name.startswith("."):
                    found.append((Path(folder) / name).relative_to(assets_dir).as_posix())
        return tuple(sorted(found))

    def _check_asset(self, reader: NodeReader, node: Node, name: str) -> None:
        """Art is read when shown; refuse now what could never be shown safely."""
        try:
            data = read_pack_file(self.root, Path("assets", name), MAX_ASSET_BYTES)
        except PackFileTooLarge as error:
            reader.error(node, "E003", str(error), hint="art is text: a few screens at most")
        except PackFileError as error:
            reader.error(node, "E008", str(error), hint="copy the art into the pack's assets/")
        except OSError as error:
            reader.error(node, "E006", f"cannot read '{name}': {error.strerror or error}")
        else:
            text = data.decode("utf-8", errors="replace")
            for offset in find_controls(text):
                line = text.count("\n", 0, offset) + 1
                col = offset - (text.rfind("\n", 0, offset) + 1) + 1
                self.diagnostics.append(
                    Diagnostic(
                        Loc(f"assets/{name}", line, col),
                        "E007",
                        f"{control_name(text[offset])} is a control character; a terminal "
                        "would obey it",
                        hint="art may hold new lines and tabs, but no other control codes",
                    )
                )
                break

    def _open(self, path: Path) -> tuple[NodeReader, Node | None]:
        rel = self._rel(path)
        node, text = compose_file(self.root, rel, self.diagnostics)
        if node is None:
            self.maybe_defined |= names_in_broken_file(text)
        return NodeReader(rel, text, self.diagnostics), node

    # --- story.yaml --------------------------------------------------------

    def _read_story_yaml(self, path: Path) -> None:
        before = len(self.diagnostics)
        reader, node = self._open(path)
        header = self.header
        header.loc = Loc(reader.rel, 1, 1)
        if node is None:
            if len(self.diagnostics) == before:  # it read, and held no document
                reader.error(
                    header.loc,
                    "E012",
                    "story.yaml is empty",
                    hint="it needs at least format: 1, id: and start:",
                )
            return
        entries = reader.mapping(node, "story.yaml", STORY_KEYS_ALL, ("format", "id", "start"))
        if entries is None:
            return
        header.ok = True
        if "format" in entries:
            fmt = reader.integer(entries["format"][1], "format")
            if fmt is not None and fmt != FORMAT_VERSION:
                reader.error(
                    entries["format"][1],
                    "E016",
                    f"format {fmt} is not supported; this engine reads format {FORMAT_VERSION}",
                )
        if "id" in entries:
            header.id = reader.ident(entries["id"][1], "pack id") or header.id
        if "title" in entries:
            header.title = reader.string(entries["title"][1], "title") or ""
        if "start" in entries:
            header.start = reader.ident(entries["start"][1], "start scene") or ""
            if header.start:
                self.refs.append(("scene", header.start, reader, entries["start"][1]))
        if "variables" in entries:
            self._read_variables(reader, entries["variables"][1])
        if "objectives" in entries:
            table = reader.mapping(entries["objectives"][1], "objectives")
            for key, (key_node, value_node) in (table or {}).items():
                if self._check_id(reader, key_node, key, "objective id"):
                    header.objectives[key] = reader.string(value_node, f"objective '{key}'") or ""
        if "storylines" in entries:
            self._read_storylines(reader, entries["storylines"][1])
        if "badges" in entries:
            table = reader.mapping(entries["badges"][1], "badges")
            for key, (key_node, value_node) in (table or {}).items():
                if not self._check_id(reader, key_node, key, "badge id"):
                    continue
                fields = reader.mapping(value_node, f"badge '{key}'", BADGE_KEYS, ("title",))
                if fields is None:
                    continue
                title = reader.string(fields["title"][1], "title") if "title" in fields else key
                description = (
                    reader.string(fields["description"][1], "description")
                    if "description" in fields
                    else ""
                )
                header.badges[key] = m.Badge(
                    key, title or key, description or "", reader.loc(key_node)
                )
        if "body" in entries:
            self._read_body_setup(reader, entries["body"][1])
        if "age" in entries:
            age = reader.number(entries["age"][1], "age")
            if age is not None and not 5 <= age <= 100:
                reader.error(entries["age"][1], "E017", "age must be from 5 to 100 years")
            elif age is not None:
                header.age = float(age)
        if "starts_at" in entries:
            header.starts_at = _starts_at(reader, entries["starts_at"][1]) or StartTime()

    def _check_id(self, reader: NodeReader, node: Node, value: str, what: str) -> bool:
        if ID_RE.match(value):
            return True
        reader.error(
            node,
            "E014",
            f"'{value}' is not a valid {what}",
            hint="ids use lower-case letters, digits and _ and start with a letter",
        )
        return False

    def _ref_list(
        self,
        reader: NodeReader,
        fields: Mapping[str, tuple[Node, Node]],
        key: str,
        kind: str,
        allow_single: bool = False,
    ) -> tuple[str, ...]:
        """A list of ids under ``key`` (or one id, if ``allow_single``), each
        remembered as a reference to check once the whole pack is read."""
        if key not in fields:
            return ()
        ids: list[str] = []
        for item in reader.sequence(fields[key][1], key, allow_single) or ():
            ident = reader.ident(item, f"{kind} id")
            if ident is not None:
                self.refs.append((kind, ident, reader, item))
                ids.append(ident)
        return tuple(ids)

    def _read_variables(self, reader: NodeReader, node: Node) -> None:
        table = reader.mapping(node, "variables")
        for key, (key_node, value_node) in (table or {}).items():
            if not self._check_id(reader, key_node, key, "variable name"):
                continue
            if key in RESERVED_NAMES:
                reader.error(
                    key_node, "E014", f"'{key}' is a reserved name", hint="choose another name"
                )
                continue
            value = reader.scalar(value_node, f"variable '{key}'")
            if value is not None:
                self.header.variables[key] = value
                if isinstance(value, str):
                    self.words.setdefault(value, key)

    def _read_storylines(self, reader: NodeReader, node: Node) -> None:
        items = reader.sequence(node, "storylines")
        for item in items or ():
            fields = reader.mapping(item, "a storyline", STORYLINE_KEYS, ("id", "title", "start"))
            if not fields or "id" not in fields or "start" not in fields:
                continue
            ident = reader.ident(fields["id"][1], "storyline id")
            start = reader.ident(fields["start"][1], "start scene")
            title = reader.string(fields["title"][1], "title") if "title" in fields else None
            summary = reader.string(fields["summary"][1], "summary") if "summary" in fields else ""
            starts_at = (
                _starts_at(reader, fields["starts_at"][1]) if "starts_at" in fields else None
            )
            chart = self._chart(reader, fields["chart"][1]) if "chart" in fields else ()
            if ident is None or start is None:
                continue
            if ident in self.header.storylines:
                reader.error(fields["id"][1], "E013", f"storyline '{ident}' is defined twice")
                continue
            self.refs.append(("scene", start, reader, fields["start"][1]))
            self.header.storylines[ident] = m.Storyline(
                ident,
                title or ident,
                start,
                reader.loc(item),
                summary or "",
                starts_at=starts_at,
                chart=chart,
            )

    def _chart(self, reader: NodeReader, node: Node) -> tuple[str, ...]:
        """A storyline's ``chart: [mood, fatigue]``: numeric body readouts."""
        names: list[str] = []
        for item in reader.sequence(node, "chart", allow_single=True) or ():
            name = reader.ident(item, "body readout")
            if name is None:
                continue
            readout = body_model.READOUTS.get(name)
            if readout is None or readout.kind != "number":
                numbers = [n for n, r in body_model.READOUTS.items() if r.kind == "number"]
                reader.error(
                    item,
                    "E041",
                    f"'{name}' is not a body readout that can be charted (a number)",
                    hint=suggest(name, numbers),
                )
            elif name not in names:
                names.append(name)
        return tuple(names)

    def _read_body_setup(self, reader: NodeReader, node: Node) -> None:
        fields = reader.mapping(node, "body", BODY_KEYS)
        if fields is None:
            return
        conditions = self._ref_list(reader, fields, "conditions", "condition")
        medications = self._ref_list(reader, fields, "medications", "medication")
        inputs = self._body_inputs(reader, fields["inputs"][1]) if "inputs" in fields else ()
        self.header.body = m.BodySetup(conditions, medications, inputs)

    def _body_inputs(self, reader: NodeReader, node: Node) -> tuple[tuple[str, float | bool], ...]:
        table = reader.mapping(node, "body inputs")
        changes: list[tuple[str, float | bool]] = []
        for key, (key_node, value_node) in (table or {}).items():
            kind = body_model.INPUTS.get(key)
            if kind is None:
                reader.error(
                    key_node,
                    "E029",
                    f"'{key}' is not a body input",
                    hint=suggest(key, body_model.INPUTS)
                    or "inputs: " + ", ".join(body_model.INPUTS),
                )
                continue
            if kind == "bool":
                flag = reader.boolean(value_node, f"body input '{key}'")
                if flag is not None:
                    changes.append((key, flag))
                continue
            level = reader.number(value_node, f"body input '{key}'")
            if level is None:
                continue
            if not 0 <= level <= 1:
                reader.error(value_node, "E017", f"body input '{key}' must be between 0 and 1")
                continue
            changes.append((key, float(level)))
        return tuple(changes)

    # --- content files -----------------------------------------------------

    def _read_content_file(self, path: Path) -> None:
        reader, node = self._open(path)
        self.files.append(reader.rel)
        if node is None:
            return
        entries = reader.mapping(node, "a content file", CONTENT_KEYS)
        if entries is None:
            self.maybe_defined |= names_in_broken_file(reader.text)
            return
        if not entries:
            reader.warning(
                node,
                "W002",
                "this file has neither scenes: nor codex:",
                hint="add scenes: or codex:",
            )
        if "scenes" in entries:
            table = reader.mapping(entries["scenes"][1], "scenes")
            if table is None:  # e.g. a list: its ids are still looked for
                self.maybe_defined |= names_in_broken_file(reader.text)
            for key, (key_node, value_node) in (table or {}).items():
                if reader.exhausted:
                    return
                if not self._check_id(reader, key_node, key, "scene id"):
                    self.maybe_defined.add(key.lower())  # `Alarm:`, used as alarm
                    continue
                if key in self.scene_locs:
                    first = self.scene_locs[key]
                    reader.error(
                        key_node,
                        "E013",
                        f"scene '{key}' is defined twice",
                        hint=f"the first is at {first}",
                    )
                    continue
                scene = self._read_scene(reader, key, key_node, value_node)
                self.scene_locs[key] = reader.loc(key_node)
                if scene is not None:
                    self.scenes[key] = scene
        if "codex" in entries:
            table = reader.mapping(entries["codex"][1], "codex")
            if table is None:
                self.maybe_defined |= names_in_broken_file(reader.text)
            for key, (key_node, value_node) in (table or {}).items():
                if not self._check_id(reader, key_node, key, "codex id"):
                    self.maybe_defined.add(key.lower())
                    continue
                if key in self.codex:
                    reader.error(
                        key_node,
                        "E013",
                        f"codex entry '{key}' is defined twice",
                        hint=f"the first is at {self.codex[key].loc}",
                    )
                    continue
                entry = self._read_codex(reader, key, key_node, value_node)
                if entry is not None:
                    self.codex[key] = entry
                else:
                    self.maybe_defined.add(key)  # its own error says what is wrong

    def _read_scene(
        self, reader: NodeReader, ident: str, key_node: Node, node: Node
    ) -> m.Scene | None:
        fields = reader.mapping(node, f"scene '{ident}'", SCENE_KEYS, ("title", "text"))
        if fields is None:
            return None
        loc = reader.loc(key_node)
        title = reader.string(fields["title"][1], "title") if "title" in fields else None
        if title is not None:
            self._cut_by_comment(reader, fields["title"][1], "title")
        text = self._read_text(reader, fields["text"][1]) if "text" in fields else ()
        time = reader.duration(fields["time"][1], "time") if "time" in fields else 0.0
        teaches = self._ref_list(reader, fields, "teaches", "objective", allow_single=True)
        art = None
        if "art" in fields:
            art = reader.string(fields["art"][1], "art")
            if art is not None:
                self.refs.append(("asset", art, reader, fields["art"][1]))
        on_enter = self._read_effects(reader, fields["on_enter"][1]) if "on_enter" in fields else ()

        kinds = [k for k in ("choices", "next", "ending") if k in fields]
        if len(kinds) > 1:
            reader.error(
                fields[kinds[1]][0],
                "E033",
                f"scene '{ident}' has both {kinds[0]} and {kinds[1]}",
                hint="a scene has exactly one of choices, next or ending",
            )
        elif not kinds:
            reader.error(
                key_node,
                "E035" if "quiz" in fields else "E034",
                f"scene '{ident}' needs next: after its quiz"
                if "quiz" in fields
                else f"scene '{ident}' needs choices, next or ending",
            )
        if "quiz" in fields and kinds and kinds[0] != "next":
            reader.error(fields["quiz"][0], "E035", f"a quiz scene needs next:, not {kinds[0]}:")
        choices: tuple[m.Choice, ...] = ()
        if "choices" in fields:
            choices = self._read_choices(reader, ident, fields["choices"][1])
        next_route = (
            self._read_route(reader, fields["next"][1], "next") if "next" in fields else None
        )
        quiz = self._read_quiz(reader, fields["quiz"][1]) if "quiz" in fields else None
        ending = self._read_ending(reader, fields["ending"][1]) if "ending" in fields else None
        expect = self._read_scene_expect(reader, fields["expect"][1]) if "expect" in fields else ()
        if title is None or "text" not in fields:
            return None
        return m.Scene(
            id=ident,
            title=title,
            text=text,
            loc=loc,
            time=time or 0.0,
            teaches=teaches,
            art=art,
            on_enter=on_enter,
            choices=choices,
            next=next_route,
            quiz=quiz,
            ending=ending,
            expect=expect,
        )

    def _read_scene_expect(self, reader: NodeReader, node: Node) -> tuple[m.SceneExpectation, ...]:
        """``expect: {body.fatigue: "> 40", body.anxiety: rising}``."""
        found = []
        for key, (key_node, value_node) in (reader.mapping(node, "expect") or {}).items():
            name = key[5:] if key.startswith("body.") else ""
            if name not in body_model.READOUTS:
                reader.error(
                    key_node,
                    "E052",
                    f"'{key}' is not a body readout",
                    hint=(suggest(name, body_model.READOUTS) if name else None)
                    or "write body.<readout>, e.g. body.fatigue",
                )
                continue
            loc = reader.loc(key_node)
            value = value_node.value if isinstance(value_node, ScalarNode) else None
            if isinstance(value, str) and value.strip() in TRENDS:
                if body_model.READOUTS[name].kind != "number":
                    reader.error(value_node, "E052", f"{key} is text; it cannot be {value}")
                    continue
                found.append(m.SceneExpectation(name, loc, trend=value.strip()))  # type: ignore[arg-type]
                continue
            comparison = _comparison(reader, value_node, key, code="E052")
            numeric = body_model.READOUTS[name].kind == "number"
            if _readable(reader, value_node, comparison, numeric, key, code="E052"):
                found.append(m.SceneExpectation(name, loc, comparison=comparison))
        return tuple(found)

    def _read_text(self, reader: NodeReader, node: Node) -> tuple[m.Paragraph, ...]:
        if isinstance(node, ScalarNode):
            template = self._template(reader, node, "text")
            return (m.Paragraph(template),) if template is not None else ()
        paragraphs: list[m.Paragraph] = []
        for item in reader.sequence(node, "text") or ():
            if isinstance(item, MappingNode) and _text_read_as_a_key(item):
                key, value = item.value[0]
                whole = f"{key.value}: {value.value}".replace('"', '\\"')
                reader.error(
                    item,
                    "E011",
                    "this paragraph reads as a key and a value: YAML takes ': ' in "
                    "unquoted text as the end of a key",
                    hint=f'put the paragraph in quotes: - "{whole}"',
                )
                continue
            if isinstance(item, MappingNode):
                fields = reader.mapping(
                    item, "a conditional paragraph", ("if", "text"), ("if", "text")
                )
                if not fields or "text" not in fields or "if" not in fields:
                    continue
                condition = self._expr(reader, fields["if"][1], "if", "bool")
                template = self._template(reader, fields["text"][1], "text")
                if template is not None:
                    paragraphs.append(m.Paragraph(template, condition))
            else:
                template = self._template(reader, item, "a paragraph")
                if template is not None:
                    paragraphs.append(m.Paragraph(template))
        return tuple(paragraphs)

    def _read_choices(self, reader: NodeReader, scene_id: str, node: Node) -> tuple[m.Choice, ...]:
        items = reader.sequence(node, "choices")
        if items is None:
            return ()
        if not items:
            reader.error(node, "E039", f"scene '{scene_id}' has an empty choices list")
        choices: list[m.Choice] = []
        for number, item in enumerate(items, start=1):
            fields = reader.mapping(item, f"choice {number}", CHOICE_KEYS, ("text", "goto"))
            if not fields or "text" not in fields or "goto" not in fields:
                continue
            text = self._template(reader, fields["text"][1], "choice text")
            route = self._read_route(reader, fields["goto"][1], "goto")
            condition = (
                self._expr(reader, fields["if"][1], "if", "bool") if "if" in fields else None
            )
            enabled_if = (
                self._expr(reader, fields["enabled_if"][1], "enabled_if", "bool")
                if "enabled_if" in fields
                else None
            )
            hint = self._template(reader, fields["hint"][1], "hint") if "hint" in fields else None
            if "enabled_if" in fields and "hint" not in fields:
                reader.warning(
                    fields["enabled_if"][0],
                    "W043",
                    "when enabled_if is false the player sees this choice greyed out, "
                    "with no reason",
                    hint="add hint: to say why (e.g. hint: You are too tired to run.)",
                )
            once = reader.boolean(fields["once"][1], "once") if "once" in fields else False
            effects = (
                self._read_effects(reader, fields["effects"][1]) if "effects" in fields else ()
            )
            time = reader.duration(fields["time"][1], "time") if "time" in fields else 0.0
            if text is None or route is None:
                continue
            choices.append(
                m.Choice(
                    number=number,
                    text=text,
                    goto=route,
                    loc=reader.loc(item),
                    condition=condition,
                    enabled_if=enabled_if,
                    hint=hint,
                    once=bool(once),
                    effects=effects,
                    time=time or 0.0,
                )
            )
        return tuple(choices)

    def _read_route(self, reader: NodeReader, node: Node, what: str) -> m.Route | None:
        loc = reader.loc(node)
        if isinstance(node, ScalarNode):
            target = reader.ident(node, "scene id")
            if target is None:
                return None
            self.refs.append(("scene", target, reader, node))
            return m.Route((m.Branch(target, loc),), loc)
        if isinstance(node, MappingNode):
            fields = reader.mapping(node, f"{what} route", ("random",), ("random",))
            if not fields or "random" not in fields:
                return None
            items = reader.sequence(fields["random"][1], "random") or []
            if not items:
                reader.error(node, "E044", f"{what}: random needs at least one entry")
                return None
            branches = []
            for item in items:
                entry = reader.mapping(item, "a random entry", RANDOM_KEYS, ("to",))
                if not entry or "to" not in entry:
                    continue
                target = reader.ident(entry["to"][1], "scene id")
                weight = reader.number(entry["weight"][1], "weight") if "weight" in entry else 1
                if weight is not None and weight <= 0:
                    reader.error(entry["weight"][1], "E017", "weight must be greater than 0")
                    continue
                if target is None or weight is None:
                    continue
                self.refs.append(("scene", target, reader, entry["to"][1]))
                branches.append(m.Branch(target, reader.loc(item), None, float(weight)))
            return m.Route(tuple(branches), loc, random=True) if branches else None
        listed = reader.sequence(node, what)
        if listed is None:
            return None
        items = listed
        if not items:
            reader.error(node, "E044", f"{what} is an empty list of routes")
            return None
        branches = []
        for index, item in enumerate(items):
            entry = reader.mapping(item, "a route entry", BRANCH_KEYS, ("to",))
            if not entry or "to" not in entry:
                continue
            target = reader.ident(entry["to"][1], "scene id")
            condition = self._expr(reader, entry["if"][1], "if", "bool") if "if" in entry else None
            last = index == len(items) - 1
            if last and "if" in entry:
                reader.error(
                    entry["if"][0],
                    "E032",
                    f"the last entry of {what} has an if; when no condition holds the story "
                    "has nowhere to go",
                    hint="end the list with an entry without if: {to: some_scene}",
                )
            elif not last and "if" not in entry:
                reader.warning(
                    item, "W003", "entries after this one can never be taken (it has no if)"
                )
            if target is None:
                continue
            self.refs.append(("scene", target, reader, entry["to"][1]))
            branches.append(m.Branch(target, reader.loc(item), condition))
        return m.Route(tuple(branches), loc) if branches else None

    # --- effects -------------------------------------------------------------

    def _read_effects(self, reader: NodeReader, node: Node) -> tuple[m.Effect, ...]:
        effects: list[m.Effect] = []
        for item in reader.sequence(node, "effects") or ():
            if not isinstance(item, MappingNode) or len(item.value) != 1:
                reader.error(
                    item,
                    "E037",
                    "an effect is a mapping with exactly one key",
                    hint="e.g. - set: {met_guide: true}",
                )
                continue
            entries = reader.mapping(item, "an effect", EFFECT_KINDS)
            if not entries:
                continue
            ((kind, (key_node, value_node)),) = entries.items()
            effect = self._read_effect(reader, kind, key_node, value_node)
            if effect is not None:
                effects.append(effect)
        return tuple(effects)

    def _read_effect(
        self, reader: NodeReader, kind: str, key_node: Node, node: Node
    ) -> m.Effect | None:
        loc = reader.loc(key_node)
        if kind in ("set", "add", "compute"):
            return self._read_var_effect(reader, kind, node, loc)
        if kind == "body":
            changes = self._body_inputs(reader, node)
            return m.BodyInputs(changes, loc) if changes else None
        if kind in ("condition", "medication"):
            actions = ("add", "remove") if kind == "condition" else ("start", "stop")
            fields = reader.mapping(node, f"{kind} effect", actions)
            if fields is None:
                return None
            if len(fields) != 1:
                reader.error(node, "E037", f"{kind}: needs exactly one of {' or '.join(actions)}")
                return None
            ((action, (_, id_node)),) = fields.items()
            ident = reader.ident(id_node, f"{kind} id")
            if ident is None:
                return None
            self.refs.append((kind, ident, reader, id_node))
            if kind == "condition":
                return m.ConditionChange(action, ident, loc)  # type: ignore[arg-type]
            return m.MedicationChange(action, ident, loc)  # type: ignore[arg-type]
        if kind == "time":
            seconds = reader.duration(node, "time")
            return m.Wait(seconds, loc) if seconds is not None else None
        if kind == "codex":
            ids = self._ref_list(reader, {"codex": (key_node, node)}, "codex", "codex", True)
            return m.UnlockCodex(ids, loc) if ids else None
        if kind == "score":
            points = reader.integer(node, "score")
            return m.AddScore(points, loc) if points is not None else None
        ident = reader.ident(node, "badge id")
        if ident is None:
            return None
        self.refs.append(("badge", ident, reader, node))
        return m.AwardBadge(ident, loc)

    def _read_var_effect(
        self, reader: NodeReader, kind: str, node: Node, loc: Loc
    ) -> m.Effect | None:
        table = reader.mapping(node, f"{kind} effect")
        if table is None:
            return None
        variables = self.header.variables
        values: list[tuple[str, object]] = []
        for name, (key_node, value_node) in table.items():
            if name not in variables:
                if self.header.ok:
                    reader.error(
                        key_node,
                        "E021",
                        f"unknown variable '{name}'",
                        hint=suggest(name, variables)
                        or "declare it under variables: in story.yaml",
                    )
                continue
            default = variables[name]
            if kind == "compute":
                expr = self._expr(reader, value_node, f"compute {name}", _kind_of(default))
                if expr is not None:
                    values.append((name, expr))
                    _check_constant(reader, value_node, name, expr)
                continue
            value = reader.scalar(value_node, f"{kind} {name}")
            if value is None:
                continue
            if isinstance(value, str):
                self.words.setdefault(value, name)
                if any(quote in value for quote in CURLY_QUOTES):
                    reader.warning(
                        value_node,
                        "W044",
                        f"the curly quotes are part of the value: {name} becomes {value}",
                        hint=f"use straight quotes, or none: {name}: {value.strip(CURLY_QUOTES)}",
                    )
            if kind == "add":
                if isinstance(default, bool) or not isinstance(default, int | float):
                    reader.error(
                        key_node, "E038", f"cannot add to '{name}': it holds {_type_name(default)}"
                    )
                    continue
                if isinstance(value, bool) or not isinstance(value, int | float):
                    reader.error(value_node, "E038", f"add needs a number, not {_type_name(value)}")
                    continue
                if isinstance(default, int) and isinstance(value, float):
                    reader.error(
                        value_node,
                        "E038",
                        f"'{name}' holds whole numbers; adding {value} would change its type",
                        hint=f"declare it as {float(default)} in story.yaml to hold fractions",
                    )
                    continue
            elif not _same_type(default, value):
                reader.error(
                    value_node,
                    "E038",
                    f"'{name}' holds {_type_name(default)}, not {_type_name(value)}",
                )
                continue
            if (
                isinstance(default, float)
                and isinstance(value, int)
                and not isinstance(value, bool)
            ):
                value = float(value)
            values.append((name, value))
        if not values:
            return None
        if kind == "set":
            return m.SetVars(tuple(values), loc)  # type: ignore[arg-type]
        if kind == "add":
            return m.AddVars(tuple(values), loc)  # type: ignore[arg-type]
        return m.ComputeVars(tuple(values), loc)  # type: ignore[arg-type]

    # --- quiz, ending, codex -----------------------------------------------------

    def _read_quiz(self, reader: NodeReader, node: Node) -> m.Quiz | None:
        fields = reader.mapping(node, "quiz", QUIZ_KEYS, ("question", "objective", "options"))
        if not fields:
            return None
        question = (
            self._template(reader, fields["question"][1], "question")
            if "question" in fields
            else None
        )
        objective = None
        if "objective" in fields:
            objective = reader.ident(fields["objective"][1], "objective id")
            if objective is not None:
                self.refs.append(("objective", objective, reader, fields["objective"][1]))
        points = reader.integer(fields["points"][1], "points") if "points" in fields else 10
        options: list[m.QuizOption] = []
        option_nodes = (
            reader.sequence(fields["options"][1], "options") if "options" in fields else None
        )
        for item in option_nodes or ():
            entry = reader.mapping(item, "a quiz option", OPTION_KEYS, ("text",))
            if not entry or "text" not in entry:
                continue
            text = self._template(reader, entry["text"][1], "option text")
            correct = (
                reader.boolean(entry["correct"][1], "correct") if "correct" in entry else False
            )
            feedback = (
                self._template(reader, entry["feedback"][1], "feedback")
                if "feedback" in entry
                else None
            )
            if text is not None:
                options.append(m.QuizOption(text, bool(correct), reader.loc(item), feedback))
        if option_nodes is not None:
            if not 2 <= len(option_nodes) <= 6:
                reader.error(
                    fields["options"][1],
                    "E036",
                    f"a quiz has 2 to 6 options, this one has {len(option_nodes)}",
                )
            correct_count = sum(option.correct for option in options)
            if correct_count != 1 and len(options) == len(option_nodes):
                reader.error(
                    fields["options"][1],
                    "E031",
                    "a quiz needs exactly one option with correct: true, "
                    f"this one has {correct_count}",
                )
        kind = self._quiz_kind(reader, fields["kind"][1]) if "kind" in fields else "recall"
        lint = self._read_lint(reader, fields["lint"][1]) if "lint" in fields else None
        if question is None or objective is None or points is None or not options:
            return None
        if kind is None:
            return None
        return m.Quiz(question, objective, tuple(options), reader.loc(node), points, kind, lint)

    def _quiz_kind(self, reader: NodeReader, node: Node) -> m.QuizKind | None:
        kind = reader.string(node, "quiz kind")
        if kind is not None and kind not in m.QUIZ_KINDS:
            reader.error(
                node,
                "E011",
                f"quiz kind must be recall, apply or read_panel, not '{kind}'",
                hint=suggest(kind, m.QUIZ_KINDS),
            )
            return None
        return kind  # type: ignore[return-value]

    def _read_lint(self, reader: NodeReader, node: Node) -> m.LintAllow | None:
        """``lint: {allow: [W060], why: ...}``: the codes are checked by the
        item-writing checks (which own them); here only their shape."""
        fields = reader.mapping(node, "lint", LINT_KEYS, ("allow", "why"))
        if not fields or "allow" not in fields or "why" not in fields:
            return None
        codes: list[str] = []
        for item in reader.sequence(fields["allow"][1], "allow") or ():
            code = reader.string(item, "a warning code")
            if code is not None and not LINT_CODE_RE.fullmatch(code):
                reader.error(item, "E011", f"'{code}' is not a warning code like W060")
            elif code is not None:
                codes.append(code)
        why = reader.string(fields["why"][1], "why")
        if why is not None and not why.strip():
            reader.error(fields["why"][1], "E012", "lint needs a reason in why:")
            return None
        if why is None or not codes:
            return None
        return m.LintAllow(tuple(codes), why, reader.loc(node))

    def _read_ending(self, reader: NodeReader, node: Node) -> m.Ending | None:
        fields = reader.mapping(node, "ending", ENDING_KEYS, ("kind", "summary"))
        if not fields or "kind" not in fields or "summary" not in fields:
            return None
        kind = reader.string(fields["kind"][1], "ending kind")
        if kind is not None and kind not in ENDING_KINDS:
            reader.error(
                fields["kind"][1],
                "E011",
                f"ending kind must be good, neutral or bad, not '{kind}'",
                hint=suggest(kind, ENDING_KINDS),
            )
            return None
        summary = self._template(reader, fields["summary"][1], "summary")
        if kind is None or summary is None:
            return None
        return m.Ending(kind, summary, reader.loc(node))  # type: ignore[arg-type]

    def _read_codex(
        self, reader: NodeReader, ident: str, key_node: Node, node: Node
    ) -> m.CodexEntry | None:
        fields = reader.mapping(node, f"codex entry '{ident}'", CODEX_KEYS, ("title", "text"))
        if not fields or "title" not in fields or "text" not in fields:
            return None
        title = reader.string(fields["title"][1], "title")
        text = reader.string(fields["text"][1], "text")
        for key in ("title", "text"):
            self._cut_by_comment(reader, fields[key][1], key)
        objectives = self._ref_list(reader, fields, "objectives", "objective", allow_single=True)
        sources: list[str] = []
        for item in (
            reader.sequence(fields["sources"][1], "sources", allow_single=True) or ()
            if "sources" in fields
            else ()
        ):
            source = reader.string(item, "a source")
            if source is not None:
                sources.append(source)
        if title is None or text is None:
            return None
        return m.CodexEntry(ident, title, text, reader.loc(key_node), objectives, tuple(sources))

    # --- lessons and walkthrough tests -------------------------------------------

    def _read_lesson(self, path: Path) -> None:
        reader, node = self._open(path)
        if node is None:
            return
        fields = reader.mapping(
            node, "a lesson", LESSON_KEYS, ("id", "title", "storylines", "objectives")
        )
        if not fields or "id" not in fields:
            return
        ident = reader.ident(fields["id"][1], "lesson id")
        title = reader.string(fields["title"][1], "title") if "title" in fields else None
        storylines = self._ref_list(reader, fields, "storylines", "storyline")
        objectives = self._ref_list(reader, fields, "objectives", "objective")
        pass_mark = 70.0
        if "pass_mark" in fields:
            value = reader.number(fields["pass_mark"][1], "pass_mark")
            if value is not None and not 0 <= value <= 100:
                reader.error(
                    fields["pass_mark"][1], "E017", "pass_mark is a percentage from 0 to 100"
                )
            elif value is not None:
                pass_mark = float(value)
        min_questions = 2
        if "min_questions" in fields:
            count = reader.integer(fields["min_questions"][1], "min_questions")
            if count is not None and count < 0:
                reader.error(fields["min_questions"][1], "E017", "min_questions cannot be negative")
            elif count is not None:
                min_questions = count
        objective_node = fields["objectives"][1] if "objectives" in fields else None
        objective_locs = tuple(
            reader.loc(item)
            for item in (objective_node.value if isinstance(objective_node, SequenceNode) else ())
        )
        if ident is None or title is None:
            return
        if ident in self.lessons:
            reader.error(
                fields["id"][1],
                "E013",
                f"lesson '{ident}' is defined twice",
                hint=f"the first is at {self.lessons[ident].loc}",
            )
            return
        if not storylines and "storylines" in fields:
            reader.error(fields["storylines"][1], "E051", "a lesson needs at least one storyline")
        if len(objective_locs) != len(objectives):  # some were refused: point at the list
            objective_locs = (
                (reader.loc(objective_node),) * len(objectives) if objective_node else ()
            )
        self.lessons[ident] = m.Lesson(
            ident,
            title,
            storylines,
            objectives,
            reader.loc(node),
            pass_mark,
            min_questions,
            objective_locs,
        )

    def _read_test_file(self, path: Path) -> None:
        reader, node = self._open(path)
        if node is None:
            return
        items = node.value if node.tag == "tag:yaml.org,2002:seq" else [node]
        for item in items:
            test = self._read_test(reader, item)
            if test is not None:
                self.tests.append(test)

    def _read_test(self, reader: NodeReader, node: Node) -> m.WalkthroughTest | None:
        fields = reader.mapping(node, "a walkthrough test", TEST_KEYS, ("name", "steps"))
        if not fields or "name" not in fields or "steps" not in fields:
            return None
        name = reader.string(fields["name"][1], "name")
        start = None
        if "start" in fields:
            start = reader.ident(fields["start"][1], "start scene")
            if start is not None:
                self.refs.append(("scene", start, reader, fields["start"][1]))
        seed = reader.integer(fields["seed"][1], "seed") if "seed" in fields else 0
        setup = self._read_effects(reader, fields["setup"][1]) if "setup" in fields else ()
        steps: list[m.WalkthroughStep] = []
        for item in reader.sequence(fields["steps"][1], "steps") or ():
            step = self._read_step(reader, item)
            if step is not None:
                steps.append(step)
        if name is None or seed is None:
            return None
        return m.WalkthroughTest(name, tuple(steps), reader.loc(node), start, seed, setup)

    def _read_step(self, reader: NodeReader, node: Node) -> m.WalkthroughStep | None:
        if not isinstance(node, MappingNode) or len(node.value) != 1:
            reader.error(
                node, "E050", "a step is a mapping with one key: choose, answer, wait or expect"
            )
            return None
        entries = reader.mapping(node, "a step", STEP_KINDS)
        if not entries:
            return None
        ((kind, (key_node, value_node)),) = entries.items()
        loc = reader.loc(key_node)
        if kind in ("choose", "answer"):
            value = reader.scalar(value_node, kind)
            if isinstance(value, bool) or value is None:
                if value is not None:
                    reader.error(value_node, "E050", f"{kind} takes a number or some of the text")
                return None
            if isinstance(value, float):
                reader.error(value_node, "E050", f"{kind} takes a whole number or some of the text")
                return None
            if isinstance(value, int) and value < 1:
                reader.error(value_node, "E050", f"{kind} numbers start at 1")
                return None
            return m.WalkthroughStep(kind, loc, target=value)  # type: ignore[arg-type]
        if kind == "wait":
            seconds = reader.duration(value_node, "wait")
            return m.WalkthroughStep("wait", loc, seconds=seconds) if seconds is not None else None
        expect = self._read_expect(reader, value_node)
        return m.WalkthroughStep("expect", loc, expect=expect) if expect is not None else None

    def _read_expect(self, reader: NodeReader, node: Node) -> m.Expect | None:
        fields = reader.mapping(node, "expect", EXPECT_KEYS)
        if fields is None:
            return None
        result: dict[str, object] = {}
        for key in ("scene", "ending"):
            if key in fields:
                ident = reader.ident(fields[key][1], "scene id")
                if ident is not None:
                    self.refs.append(("scene", ident, reader, fields[key][1]))
                    result[key] = ident
        for key in ("choices", "disabled"):
            if key in fields:
                texts = [
                    reader.string(item, "a choice text")
                    for item in reader.sequence(fields[key][1], key) or ()
                ]
                result[key] = tuple(str(text) for text in texts if text is not None)
        if "vars" in fields:
            pairs = []
            for name, (key_node, value_node) in (
                reader.mapping(fields["vars"][1], "vars") or {}
            ).items():
                if name not in self.header.variables and self.header.ok:
                    reader.error(
                        key_node,
                        "E021",
                        f"unknown variable '{name}'",
                        hint=suggest(name, self.header.variables),
                    )
                    continue
                comparison = _comparison(reader, value_node, f"vars.{name}")
                default = self.header.variables.get(name)
                numeric = default is not None and _kind_of(default) == "number"
                if _readable(reader, value_node, comparison, numeric, f"vars.{name}"):
                    pairs.append((name, comparison))
            result["vars"] = tuple(pairs)
        if "body" in fields:
            pairs = []
            for name, (key_node, value_node) in (
                reader.mapping(fields["body"][1], "body") or {}
            ).items():
                if name not in body_model.READOUTS:
                    reader.error(
                        key_node,
                        "E041",
                        f"'{name}' is not a body readout",
                        hint=suggest(name, body_model.READOUTS),
                    )
                    continue
                comparison = _comparison(reader, value_node, f"body.{name}")
                numeric = body_model.READOUTS[name].kind != "text"
                if _readable(reader, value_node, comparison, numeric, f"body.{name}"):
                    pairs.append((name, comparison))
            result["body"] = tuple(pairs)
        if "score" in fields:
            comparison = _comparison(reader, fields["score"][1], "score")
            if _readable(reader, fields["score"][1], comparison, True, "score"):
                result["score"] = comparison
        for key, kind in (("badges", "badge"), ("codex", "codex")):
            if key in fields:
                result[key] = self._ref_list(reader, fields, key, kind, allow_single=True)
        return m.Expect(**result)  # type: ignore[arg-type]

    # --- expressions and templates ---------------------------------------------

    def _expr(self, reader: NodeReader, node: Node, what: str, expect: Kind | None) -> Expr | None:
        source: str | None
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            source = "true" if reader.boolean(node, what) else "false"
        else:
            source = reader.string(node, what)
        if source is None:
            return None
        try:
            expr = parse(source)
        except ExprSyntaxError as error:
            reader.error(reader.loc_in(node, error.offset), "E040", error.message, error.hint)
            return None
        self.pending.append(_Pending(expr, reader, node, 0, expect))
        return expr

    def _template(self, reader: NodeReader, node: Node, what: str) -> Template | None:
        text = reader.string(node, what)
        if text is None:
            return None
        self._cut_by_comment(reader, node, what)
        try:
            template = parse_template(str(text))
        except TemplateSyntaxError as error:
            reader.error(reader.loc_in(node, error.offset), "E042", error.message, error.hint)
            return None
        if "{" in text:
            self._braces_without_dollar(reader, node, str(text))
        if not template.is_constant:
            for expr, offset, spec in template.expressions():
                self.pending.append(_Pending(expr, reader, node, offset, None))
                if spec is not None:
                    self.formats.append((expr, spec, reader, node, offset + len(expr.source) + 1))
        return template

    def _cut_by_comment(self, reader: NodeReader, node: Node, what: str) -> None:
        comment = reader.comment_after(node)
        if comment is not None:
            reader.warning(
                comment,
                "W042",
                f"the {what} ends here: YAML reads ' #' and the rest of the line as a comment",
                hint="put the whole text in quotes to keep it",
            )

    def _braces_without_dollar(self, reader: NodeReader, node: Node, text: str) -> None:
        """``{body.heart_rate}`` shows as written: the ``$`` was forgotten."""
        for match in _BRACED_NAME_RE.finditer(text):
            name = match.group(1)
            if (
                name in self.header.variables
                or name in _BUILTIN_NAMES
                or (name.startswith("body.") and name[5:] in body_model.READOUTS)
            ):
                reader.warning(
                    reader.loc_in(node, match.start()),
                    "W041",
                    f"{match.group()} is shown as written, braces and all",
                    hint=f"to show the value, write ${match.group()}",
                )

    # --- phase two: references and types ---------------------------------------

    def _resolve(self) -> None:
        header = self.header
        known: dict[str, Mapping[str, object] | Iterable[str]] = {
            "scene": self.scene_locs,
            "objective": header.objectives,
            "codex": self.codex,
            "badge": header.badges,
            "condition": body_model.CONDITIONS,
            "medication": body_model.MEDICATIONS,
            "storyline": header.storylines,
            "asset": self.assets,
        }
        codes = {
            "scene": "E020",
            "objective": "E022",
            "codex": "E023",
            "badge": "E024",
            "condition": "E025",
            "medication": "E026",
            "asset": "E027",
            "storyline": "E028",
        }
        asset_set = frozenset(self.assets)
        for kind, ident, reader, node in self.refs:
            if kind == "asset":
                if ident not in asset_set:
                    inside = ident.removeprefix("assets/")
                    hint = (
                        f"art names are relative to assets/: write art: {inside}"
                        if inside in asset_set
                        else suggest(ident, self.assets)
                    )
                    reader.error(
                        node, "E027", f"asset '{ident}' is not in the pack's assets/ folder", hint
                    )
                else:
                    self._check_asset(reader, node, ident)
                continue
            if not header.ok and kind in ("objective", "badge", "storyline"):
                continue
            table = known[kind]
            if ident not in table and ident not in self.maybe_defined:
                reader.error(
                    node,
                    codes[kind],
                    f"unknown {kind} '{ident}'",
                    hint=suggest(ident, table),
                )
        if not header.ok:
            return  # without story.yaml's variables every name would look unknown
        env = TypeEnv(self._name_kinds(), self._id_checker(known))
        for pending in self.pending:
            _kind, problems = check(pending.expr, env, pending.expect)
            for problem in problems:
                pending.reader.error(
                    pending.reader.loc_in(pending.node, pending.base + problem.offset),
                    "E041",
                    problem.message,
                    self._word_hint(problem.message) or problem.hint,
                )
        self._check_formats()

    def _word_hint(self, message: str) -> str | None:
        """``mood == calm``: calm names no variable but is a value of mood."""
        word = message.removeprefix("unknown name ")
        if word == message or word not in self.words:
            return None
        return f"did you mean '{word}' in quotes? (a value of {self.words[word]})"

    def _check_formats(self) -> None:
        """``${x:spec}`` against the type of ``x``: a spec that fails for it is
        an error now, not a traceback in the middle of a class."""
        types: dict[str, ValueType] = {
            "score": "whole number",
            "minutes": "whole number",
            "day": "whole number",
        }
        for name, value in self.header.variables.items():
            types[name] = _value_type(value)
        for name, readout in body_model.READOUTS.items():
            types[f"body.{name}"] = "text" if readout.kind == "text" else "decimal number"
        for expr, spec, reader, node, offset in self.formats:
            kind = value_type(expr.tree, types)
            if kind is None:
                continue
            shown = expr.source.strip()
            # a decimal variable or a ratio may be a fraction, shown well as :.0%
            fraction = "/" in shown or (shown in self.header.variables and kind != "whole number")
            for problem in format_problems(spec, kind, shown, fraction):
                report = reader.error if problem.error else reader.warning
                code = "E045" if problem.error else "W040"
                report(reader.loc_in(node, offset), code, problem.message, problem.hint)

    def _name_kinds(self) -> dict[str, Kind]:
        names: dict[str, Kind] = {
            "score": "number",
            "minutes": "number",
            "day": "number",
            "clock": "str",
        }
        for name, value in self.header.variables.items():
            names[name] = _kind_of(value)
        for name, readout in body_model.READOUTS.items():
            names[f"body.{name}"] = "str" if readout.kind == "text" else "number"
        return names

    def _id_checker(
        self, known: Mapping[str, Mapping[str, object] | Iterable[str]]
    ) -> Callable[[str, str], tuple[str, str | None] | None]:
        def check_id(kind: str, ident: str) -> tuple[str, str | None] | None:
            table = known.get(kind)
            if table is None or ident in table or ident in self.maybe_defined:
                return None
            if not self.header.ok and kind == "badge":
                return None
            return f"unknown {kind} '{ident}'", suggest(ident, table)

        return check_id

    def _build(self) -> m.Story:
        header = self.header
        return m.Story(
            id=header.id,
            title=header.title or header.id,
            start=header.start,
            root=self.root,
            loc=header.loc,
            format=header.format,
            variables=m.frozen_map(header.variables),
            objectives=m.frozen_map(header.objectives),
            storylines=m.frozen_map(header.storylines),
            badges=m.frozen_map(header.badges),
            body=header.body,
            age=header.age,
            starts_at=header.starts_at,
            scenes=m.frozen_map(self.scenes),
            codex=m.frozen_map(self.codex),
            lessons=m.frozen_map(self.lessons),
            tests=tuple(self.tests),
            assets=self.assets,
            files=tuple(self.files),
        )


def _text_read_as_a_key(node: MappingNode) -> bool:
    """``- Warning: the bear`` in a paragraph list: text that YAML read as a
    one-entry mapping, not a conditional paragraph gone wrong."""
    if len(node.value) != 1:
        return False
    key, value = node.value[0]
    return (
        isinstance(key, ScalarNode)
        and isinstance(value, ScalarNode)
        and not key.style
        and not ID_RE.match(str(key.value))  # `iff: ...` is a misspelt if
    )


def _same_type(default: m.Value, value: m.Value) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float)
    return type(default) is type(value)


def _starts_at(reader: NodeReader, node: Node) -> StartTime | None:
    parsed = parse_starts_at(reader.scalar(node, "starts_at"))
    if isinstance(parsed, str):
        reader.error(node, "E053", f"starts_at: {parsed}")
        return None
    return parsed


def _readable(
    reader: NodeReader,
    node: Node,
    comparison: m.Comparison | None,
    numeric: bool,
    what: str,
    code: str = "E050",
) -> bool:
    """A number compared with a word (``"more than 100"``) can never hold:
    an error now, not a test that fails for a reason nobody sees."""
    if comparison is None:
        return False
    if numeric and isinstance(comparison.value, str) and comparison.value not in ("true", "false"):
        reader.error(
            node,
            code,
            f"{what}: '{comparison.value}' is not a comparison of numbers",
            hint="write a number, > 100, <= 140, != 0 or a range such as 90..110",
        )
        return False
    return True


def _comparison(
    reader: NodeReader, node: Node, what: str, code: str = "E050"
) -> m.Comparison | None:
    """``> 100``, ``<= 140``, ``90..110``, a number or a word (equality)."""
    value = reader.scalar(node, what)
    if value is None:
        return None
    if isinstance(value, bool):
        return m.Comparison("==", "true" if value else "false")
    if isinstance(value, int | float):
        return m.Comparison("==", float(value))
    text = value.strip()
    for op in ("<=", ">=", "==", "!=", "<", ">"):
        if text.startswith(op):
            rest = text[len(op) :].strip()
            try:
                return m.Comparison(op, float(rest))  # type: ignore[arg-type]
            except ValueError:
                if op in ("==", "!="):
                    return m.Comparison(op, rest)  # type: ignore[arg-type]
                reader.error(
                    node, code, f"{what}: '{rest}' is not a number", hint="write e.g. > 100"
                )
                return None
    if ".." in text:
        low, _, high = text.partition("..")
        try:
            return m.Comparison("range", float(low), float(high))
        except ValueError:
            reader.error(node, code, f"{what}: write a range as 90..110")
            return None
    return m.Comparison("==", text)
