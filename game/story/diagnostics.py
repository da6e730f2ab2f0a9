"""Content problems as data.

Authors (often students) write packs by hand, so a mistake must never surface as
a Python traceback: every problem becomes a ``Diagnostic`` with a position and a
stable code that tests, editors and the guide can refer to.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from game.story.printable import printable


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Loc:
    """Where something was written: 1-based line and column, like compilers print."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


@dataclass(frozen=True, slots=True)
class Diagnostic:
    loc: Loc
    code: str
    message: str
    severity: Severity = Severity.ERROR
    hint: str | None = None
    #: The tool's own words (libyaml's message), for whoever wants them.
    detail: str | None = None

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data.pop("loc")
        return {
            "path": self.loc.path,
            "line": self.loc.line,
            "col": self.loc.col,
            **data,
        }


class Unset:
    """The declared hint, as opposed to an explicit None (no hint)."""


DECLARED = Unset()


class Descriptor:
    """One kind of diagnostic: its stable code, severity, a one-line summary
    (the guide's list of codes) and the message template, declared once here
    so a call site names the descriptor instead of repeating a code, a
    severity and a wording (after Yarn Spinner's DiagnosticDescriptor, which
    pairs each code with its template for the same reason). A template with
    ``{message}`` takes its words from the call site: those codes cover many
    shapes of one mistake (E011, wrong type, has dozens)."""

    __slots__ = ("code", "hint", "message", "severity", "summary")

    def __init__(
        self,
        code: str,
        summary: str,
        message: str = "{message}",
        hint: str | None = None,
        severity: Severity | None = None,
    ) -> None:
        self.code = code
        self.summary = summary
        self.message = message
        self.hint = hint
        self.severity = severity or (Severity.WARNING if code[0] == "W" else Severity.ERROR)

    def at(
        self,
        loc: Loc,
        hint: str | Unset | None = DECLARED,
        *,
        detail: str | None = None,
        **args: object,
    ) -> Diagnostic:
        """The diagnostic at ``loc``; ``hint`` replaces the declared one (None: no hint;
        leave it out for the declared one)."""
        text = self.message.format(**args) if args else self.message
        shown = self.hint if isinstance(hint, Unset) else hint
        return Diagnostic(loc, self.code, text, self.severity, shown, detail)

    def __repr__(self) -> str:
        return f"Descriptor({self.code!r}, {self.summary!r})"


REGISTRY: dict[str, Descriptor] = {}


def _declare(
    code: str,
    summary: str,
    message: str = "{message}",
    hint: str | None = None,
) -> Descriptor:
    if code in REGISTRY:
        raise ValueError(f"{code} is declared twice")
    REGISTRY[code] = descriptor = Descriptor(code, summary, message, hint)
    return descriptor


# Stable codes: the guide documents each, tests assert each. Never renumber.
# --- reading files
YAML_SYNTAX = _declare("E001", "YAML syntax error")
NOT_UTF8 = _declare("E002", "file is not valid UTF-8")
TOO_LARGE = _declare("E003", "file too large")
TAG_REFUSED = _declare(
    "E004", "YAML tag not allowed", "YAML tag '{tag}' is not allowed in a story pack"
)
TOO_COMPLEX = _declare("E005", "document too complex (alias expansion)")
UNREADABLE_FILE = _declare("E006", "file cannot be read")
CONTROL_CHARACTER = _declare(
    "E007",
    "control character in text",
    "{name} is a control character; a terminal would obey it",
)
FILE_REFUSED = _declare("E008", "file refused: not a regular file inside the pack")
# --- keys and values
UNKNOWN_KEY = _declare("E010", "unknown key", "unknown key '{key}' in {what}")
WRONG_TYPE = _declare("E011", "wrong type")
MISSING_KEY = _declare("E012", "missing required key")
DUPLICATE_ID = _declare("E013", "duplicate id")
INVALID_ID = _declare("E014", "invalid id")
DUPLICATE_KEY = _declare("E015", "duplicate key in a mapping", "'{key}' appears twice in {what}")
UNSUPPORTED_FORMAT = _declare(
    "E016",
    "unsupported format version",
    "format {found} is not supported; this engine reads format {supported}",
)
OUT_OF_RANGE = _declare("E017", "value out of range")
# --- references
UNKNOWN_SCENE = _declare("E020", "unknown scene", "unknown scene '{ident}'")
UNKNOWN_VARIABLE = _declare("E021", "unknown variable", "unknown variable '{name}'")
UNKNOWN_OBJECTIVE = _declare("E022", "unknown objective", "unknown objective '{ident}'")
UNKNOWN_CODEX = _declare("E023", "unknown codex entry", "unknown codex '{ident}'")
UNKNOWN_BADGE = _declare("E024", "unknown badge", "unknown badge '{ident}'")
UNKNOWN_CONDITION = _declare("E025", "unknown condition", "unknown condition '{ident}'")
UNKNOWN_MEDICATION = _declare("E026", "unknown medication", "unknown medication '{ident}'")
MISSING_ASSET = _declare(
    "E027", "missing asset", "asset '{ident}' is not in the pack's assets/ folder"
)
UNKNOWN_STORYLINE = _declare("E028", "unknown storyline", "unknown storyline '{ident}'")
UNKNOWN_INPUT = _declare("E029", "unknown body input", "'{key}' is not a body input")
BAD_DURATION = _declare("E030", "bad duration")
# --- scenes, routes, quizzes and effects
ONE_CORRECT_OPTION = _declare(
    "E031",
    "quiz needs exactly one correct option",
    "a quiz needs exactly one option with correct: true, this one has {count}",
)
NO_FALLBACK = _declare(
    "E032",
    "route has no fallback",
    "the last entry of {what} has an if; when no condition holds the story has nowhere to go",
    hint="end the list with an entry without if: {to: some_scene}",
)
TWO_SCENE_KINDS = _declare(
    "E033",
    "scene has more than one of choices/next/ending",
    "scene '{ident}' has both {first} and {second}",
    hint="a scene has exactly one of choices, next or ending",
)
NO_SCENE_KIND = _declare(
    "E034", "scene has none of choices/next/ending", "scene '{ident}' needs choices, next or ending"
)
QUIZ_NEEDS_NEXT = _declare("E035", "quiz needs next")
OPTION_COUNT = _declare(
    "E036",
    "wrong number of quiz options",
    "a quiz has 2 to 6 options, this one has {count}",
)
ONE_KEY_EFFECT = _declare("E037", "effect must be a mapping with one key")
TYPE_MISMATCH = _declare("E038", "variable type mismatch")
NO_CHOICES = _declare("E039", "scene has no choices", "scene '{ident}' has an empty choices list")
# --- expressions and templates
EXPR_SYNTAX = _declare("E040", "expression syntax error")
EXPR_ERROR = _declare("E041", "expression error")
TEMPLATE_SYNTAX = _declare("E042", "template syntax error")
NO_STORY_YAML = _declare("E043", "no story.yaml", hint="a pack is a folder with story.yaml")
EMPTY_ROUTE = _declare("E044", "empty route")
FORMAT_SPEC = _declare("E045", "format spec does not suit the value")
# --- tests, lessons, clocks
TEST_ERROR = _declare("E050", "walkthrough test error")
LESSON_ERROR = _declare("E051", "lesson error")
SCENE_ASSERTION = _declare("E052", "scene assertion error")
BAD_STARTS_AT = _declare("E053", "bad starts_at time", "starts_at: {problem}")
# --- warnings
NOTHING_TO_LOAD = _declare(
    "W002",
    "content file has nothing to load",
    "this file has neither scenes: nor codex:",
    hint="add scenes: or codex:",
)
UNREACHABLE_ENTRIES = _declare(
    "W003",
    "route entries after a fallback",
    "entries after this one can never be taken (it has no if)",
)
ODD_FORMAT = _declare("W040", "format spec shows the value oddly")
BRACES_WITHOUT_DOLLAR = _declare(
    "W041",
    "braces without $ are shown as written",
    "{written} is shown as written, braces and all",
)
CUT_BY_COMMENT = _declare(
    "W042",
    "text cut short by a # comment",
    "the {what} ends here: YAML reads ' #' and the rest of the line as a comment",
    hint="put the whole text in quotes to keep it",
)
NO_DISABLED_HINT = _declare(
    "W043",
    "enabled_if without a hint",
    "when enabled_if is false the player sees this choice greyed out, with no reason",
    hint="add hint: to say why (e.g. hint: You are too tired to run.)",
)
CURLY_QUOTES_IN_VALUE = _declare(
    "W044",
    "curly quotes inside a value",
    "the curly quotes are part of the value: {name} becomes {value}",
)

#: code -> summary, for the guide and `locus check` (derived from the registry).
CODES: dict[str, str] = {code: d.summary for code, d in REGISTRY.items()}


def suggest(name: str, known: Iterable[str]) -> str | None:
    """A 'did you mean' hint, because most unknown names are typos. Case
    is ignored: ``Exam_Panic`` finds ``exam_panic``."""
    by_folded: dict[str, str] = {}
    for candidate in known:
        by_folded.setdefault(candidate.casefold(), candidate)
    matches = difflib.get_close_matches(name.casefold(), list(by_folded), n=1, cutoff=0.6)
    return f"did you mean '{by_folded[matches[0]]}'?" if matches else None


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.is_error for d in diagnostics)


#: A file that cannot be read at all: its error comes before every other,
#: since what follows may be its consequence (one mistake, shown first).
UNREADABLE = frozenset({"E001", "E002", "E003", "E004", "E005", "E006"})


def sort_key(d: Diagnostic) -> tuple[bool, str, int, int, str]:
    return (d.code not in UNREADABLE, d.loc.path, d.loc.line, d.loc.col, d.code)


def format_text(diagnostic: Diagnostic, root: Path | None = None) -> str:
    """Compiler-style output: ``path:line:col: error E123: message``, the source
    line and a caret, so an author sees the mistake where they wrote it.
    With ``root`` (the pack folder) the path is shown under it."""
    d = diagnostic
    where = str(d.loc)
    if root is not None and not Path(d.loc.path).is_absolute():
        # Shown from where the command ran, so terminals and editors can open it.
        where = str(Loc(str(root / d.loc.path), d.loc.line, d.loc.col))
    head = f"{where}: {d.severity.value} {d.code}: {d.message}"
    lines = [head]
    source_line = _source_line(d.loc, root)
    if source_line is not None:
        gutter = f"{d.loc.line:>5} | "
        lines.append(gutter + source_line)
        lines.append(" " * (len(gutter) + max(d.loc.col - 1, 0)) + "^")
    if d.hint:
        lines.append(f"      = hint: {d.hint}")
    if d.detail:
        lines.append(f"      = detail: {d.detail}")
    return printable("\n".join(lines))  # the source line may hold what the check refuses


def format_json(diagnostics: Iterable[Diagnostic]) -> str:
    """One JSON object a line, for editors and CI."""
    lines = (json.dumps(d.to_json(), ensure_ascii=False) for d in diagnostics)
    return printable("\n".join(lines))  # JSON escapes C0 controls, not C1 ones


_MAX_SHOWN_LINE = 200


def _source_line(loc: Loc, root: Path | None) -> str | None:
    if loc.line <= 0:
        return None
    path = Path(loc.path)
    if root is not None and not path.is_absolute():
        path = root / path
    try:
        stat = path.stat()
    except OSError:
        return None
    if stat.st_size > 8 * 1024 * 1024:
        return None
    lines = _lines(str(path), stat.st_mtime_ns, stat.st_size)
    if loc.line > len(lines):
        return None
    return lines[loc.line - 1][:_MAX_SHOWN_LINE]


@lru_cache(maxsize=16)
def _lines(path: str, _mtime_ns: int, _size: int) -> tuple[str, ...]:
    """A file's lines, read once for all the diagnostics that point into it;
    the modification time and size in the key drop the copy after an edit."""
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return ()
    return tuple(line.rstrip("\r") for line in raw.decode("utf-8", "replace").split("\n"))
