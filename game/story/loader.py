"""Story pack loader: YAML files -> an immutable ``Story`` or diagnostics.

The loader reads every file of a pack in one pass and reports every problem
it can find, each with file, line and column (``Diagnostic``), because an
author fixing a pack wants the whole list at once, not one error per run.
It works directly on libyaml's positioned nodes (see ``yamlnodes``), walks
them against the format's one declaration (game/story/format/records.py)
with the behaviour of each record in ``read_story``, ``read_scenes``,
``read_effects`` and ``read_tests``, parses each expression and template
exactly once, and resolves references and types only after all files are
read, since a scene may jump to a scene defined in a later file.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from yaml.nodes import Node

from game import body as body_model
from game.gcpause import cyclic_gc_paused
from game.story import diagnostics as d
from game.story import model as m
from game.story.clock import StartTime
from game.story.diagnostics import Diagnostic, Loc, has_errors, sort_key, suggest
from game.story.expr import Kind, TypeEnv, Value, check, kind_of
from game.story.format import records as f
from game.story.format.fields import read_record
from game.story.pack_state import FORMAT_VERSION, PackState
from game.story.printable import control_name, find_controls
from game.story.read_scenes import LINT_CODE_RE, TRENDS
from game.story.read_story import RESERVED_NAMES
from game.story.read_tests import lesson, test
from game.story.safe_read import (
    MAX_ASSET_BYTES,
    PackFileError,
    PackFileTooLarge,
    inside_pack,
    read_pack_file,
)
from game.story.templates import ValueType, format_problems, value_type
from game.story.yamlnodes import NodeReader, compose_file, names_in_broken_file

# The keys of each record, from the declaration (the guide's tests read them here).
STORY_KEYS_ALL = f.STORY.keys
STORYLINE_KEYS = f.STORYLINE.keys
BADGE_KEYS = f.BADGE.keys
BODY_KEYS = f.BODY.keys
CONTENT_KEYS = f.CONTENT.keys
SCENE_KEYS = f.SCENE.keys
CHOICE_KEYS = f.CHOICE.keys
QUIZ_KEYS = f.QUIZ.keys
LINT_KEYS = f.LINT.keys
OPTION_KEYS = f.OPTION.keys
ENDING_KEYS = f.ENDING.keys
ENDING_KINDS = f.ENDING_KINDS
CODEX_KEYS = f.CODEX.keys
BRANCH_KEYS = f.BRANCH.keys
RANDOM_KEYS = f.RANDOM_ENTRY.keys
LESSON_KEYS = f.LESSON.keys
TEST_KEYS = f.TEST.keys
STEP_KINDS = f.STEP.keys
EXPECT_KEYS = f.EXPECT.keys
EFFECT_KINDS = f.EFFECT.keys
__all__ = [
    "FORMAT_VERSION",
    "LINT_CODE_RE",
    "RESERVED_NAMES",
    "TRENDS",
    "LoadResult",
    "load_pack",
]


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


def _value_type(value: Value) -> ValueType:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "whole number"
    return "decimal number" if isinstance(value, float) else "text"


#: The descriptor of an unknown reference, by the kind of id.
_UNKNOWN = {
    "scene": d.UNKNOWN_SCENE,
    "objective": d.UNKNOWN_OBJECTIVE,
    "codex": d.UNKNOWN_CODEX,
    "badge": d.UNKNOWN_BADGE,
    "condition": d.UNKNOWN_CONDITION,
    "medication": d.UNKNOWN_MEDICATION,
    "storyline": d.UNKNOWN_STORYLINE,
}


class _PackLoader(PackState):
    """One load of one pack: the pass over its files, then the checks
    that need all of them."""

    def __init__(self, root: Path, for_play: bool = False) -> None:
        super().__init__()
        self.root = root
        self.for_play = for_play
        self.diagnostics: list[Diagnostic] = []
        self.assets: tuple[str, ...] = ()
        self.files: list[str] = []

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
            self.diagnostics.append(d.NO_STORY_YAML.at(Loc(where), message=message))
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
                d.FILE_REFUSED.at(Loc("assets"), "copy the art into the pack", message=str(error))
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
            reader.report(
                node, d.TOO_LARGE, "art is text: a few screens at most", message=str(error)
            )
        except PackFileError as error:
            reader.report(
                node, d.FILE_REFUSED, "copy the art into the pack's assets/", message=str(error)
            )
        except OSError as error:
            reader.report(
                node,
                d.UNREADABLE_FILE,
                None,
                message=f"cannot read '{name}': {error.strerror or error}",
            )
        else:
            text = data.decode("utf-8", errors="replace")
            for offset in find_controls(text):
                line = text.count("\n", 0, offset) + 1
                col = offset - (text.rfind("\n", 0, offset) + 1) + 1
                self.diagnostics.append(
                    d.CONTROL_CHARACTER.at(
                        Loc(f"assets/{name}", line, col),
                        "art may hold new lines and tabs, but no other control codes",
                        name=control_name(text[offset]),
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
                reader.report(
                    header.loc,
                    d.MISSING_KEY,
                    "it needs at least format: 1, id: and start:",
                    message="story.yaml is empty",
                )
            return
        values = read_record(self, reader, node, f.STORY)
        if values is None:
            return
        header.ok = True
        header.id = values["id"] or header.id
        header.title = values["title"] or ""
        header.start = values["start"] or ""
        header.body = values["body"] or header.body
        header.age = values["age"] if values["age"] is not None else header.age
        header.starts_at = values["starts_at"] or StartTime()

    # --- content files -----------------------------------------------------

    def _read_content_file(self, path: Path) -> None:
        reader, node = self._open(path)
        self.files.append(reader.rel)
        if node is None:
            return
        values = read_record(self, reader, node, f.CONTENT)
        if values is None:
            self.maybe_defined |= names_in_broken_file(reader.text)
        elif not values.entries:
            reader.report(node, d.NOTHING_TO_LOAD)

    # --- lessons and walkthrough tests -------------------------------------------

    def _read_lesson(self, path: Path) -> None:
        reader, node = self._open(path)
        if node is None:
            return
        values = read_record(self, reader, node, f.LESSON)
        found = None if values is None else lesson(self, reader, node, values)
        if found is not None:
            self.lessons[found.id] = found

    def _read_test_file(self, path: Path) -> None:
        reader, node = self._open(path)
        if node is None:
            return
        items = node.value if node.tag == "tag:yaml.org,2002:seq" else [node]
        for item in items:
            values = read_record(self, reader, item, f.TEST)
            found = None if values is None else test(reader, item, values)
            if found is not None:
                self.tests.append(found)

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
                    reader.report(node, d.MISSING_ASSET, hint, ident=ident)
                else:
                    self._check_asset(reader, node, ident)
                continue
            if not header.ok and kind in ("objective", "badge", "storyline"):
                continue
            table = known[kind]
            if ident not in table and ident not in self.maybe_defined:
                reader.report(node, _UNKNOWN[kind], suggest(ident, table), ident=ident)
        if not header.ok:
            return  # without story.yaml's variables every name would look unknown
        env = TypeEnv(self._name_kinds(), self._id_checker(known))
        for pending in self.pending:
            _kind, problems = check(pending.expr, env, pending.expect)
            for problem in problems:
                pending.reader.report(
                    pending.reader.loc_in(pending.node, pending.base + problem.offset),
                    d.EXPR_ERROR,
                    self._word_hint(problem.message) or problem.hint,
                    message=problem.message,
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
            "clock": "text",
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
                descriptor = d.FORMAT_SPEC if problem.error else d.ODD_FORMAT
                reader.report(
                    reader.loc_in(node, offset), descriptor, problem.hint, message=problem.message
                )

    def _name_kinds(self) -> dict[str, Kind]:
        names: dict[str, Kind] = {
            "score": "number",
            "minutes": "number",
            "day": "number",
            "clock": "str",
        }
        for name, value in self.header.variables.items():
            names[name] = kind_of(value)
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
