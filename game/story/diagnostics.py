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


# Stable codes: the guide documents each, tests assert each. Never renumber.
CODES: dict[str, str] = {
    "E001": "YAML syntax error",
    "E002": "file is not valid UTF-8",
    "E003": "file too large",
    "E004": "YAML tag not allowed",
    "E005": "document too complex (alias expansion)",
    "E006": "file cannot be read",
    "E007": "control character in text",
    "E008": "file refused: not a regular file inside the pack",
    "E010": "unknown key",
    "E011": "wrong type",
    "E012": "missing required key",
    "E013": "duplicate id",
    "E014": "invalid id",
    "E015": "duplicate key in a mapping",
    "E016": "unsupported format version",
    "E017": "value out of range",
    "E020": "unknown scene",
    "E021": "unknown variable",
    "E022": "unknown objective",
    "E023": "unknown codex entry",
    "E024": "unknown badge",
    "E025": "unknown condition",
    "E026": "unknown medication",
    "E027": "missing asset",
    "E028": "unknown storyline",
    "E029": "unknown body input",
    "E030": "bad duration",
    "E031": "quiz needs exactly one correct option",
    "E032": "route has no fallback",
    "E033": "scene has more than one of choices/next/ending",
    "E034": "scene has none of choices/next/ending",
    "E035": "quiz needs next",
    "E036": "wrong number of quiz options",
    "E037": "effect must be a mapping with one key",
    "E038": "variable type mismatch",
    "E039": "scene has no choices",
    "E040": "expression syntax error",
    "E041": "expression error",
    "E042": "template syntax error",
    "E043": "no story.yaml",
    "E044": "empty route",
    "E050": "walkthrough test error",
    "E051": "lesson error",
    "E052": "scene assertion error",
    "E053": "bad starts_at time",
    "E045": "format spec does not suit the value",
    "W002": "content file has nothing to load",
    "W003": "route entries after a fallback",
    "W040": "format spec shows the value oddly",
    "W041": "braces without $ are shown as written",
    "W042": "text cut short by a # comment",
    "W043": "enabled_if without a hint",
    "W044": "curly quotes inside a value",
}


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
