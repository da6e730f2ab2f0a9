"""The reference tables of docs/authoring.md, generated from the format's declaration.

Each table sits between ``<!-- format: NAME -->`` and ``<!-- /format -->``
in the guide; ``python -m game.story.format.docs`` rewrites them from the
records of game/story/format/records.py, and ``--check`` exits 1 when the
guide is stale (tests/story/test_format_docs.py runs it), so the guide
says what the loader reads.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from game.story.format import records as r
from game.story.format.fields import Record, Variant

GUIDE = Path(__file__).resolve().parents[3] / "docs" / "authoring.md"
#: The tables the guide holds, by marker name.
TABLES: dict[str, Record | Variant] = {
    "story": r.STORY,
    "storyline": r.STORYLINE,
    "scene": r.SCENE,
    "choice": r.CHOICE,
    "effect": r.EFFECT,
    "quiz": r.QUIZ,
    "codex": r.CODEX,
    "test": r.TEST,
    "step": r.STEP,
    "expect": r.EXPECT,
    "lesson": r.LESSON,
}
_BLOCK_RE = re.compile(r"(<!-- format: (\w+) -->\n)(.*?)(<!-- /format -->)", re.DOTALL)


def table(item: Record | Variant) -> str:
    """A record as ``| key | required | meaning |`` (or ``| key | meaning |``
    when it names its keys by example, as the test expectations do); a variant
    as ``| effect | meaning |``."""
    if isinstance(item, Variant):
        rows = [f"| {case.shown} | {case.doc} |" for case in item.cases]
        return "\n".join([f"| {item.name} | meaning |", "|---|---|", *rows]) + "\n"
    if all(each.shown for each in item.fields):
        rows = [f"| {each.shown} | {each.doc} |" for each in item.fields]
        return "\n".join([f"| `{item.name}` key | holds when |", "|---|---|", *rows]) + "\n"
    rows = [
        f"| `{each.key}` | {each.need or ('yes' if each.required else 'no')} | {each.doc} |"
        for each in item.fields
    ]
    return "\n".join(["| key | required | meaning |", "|---|---|---|", *rows]) + "\n"


def render(text: str) -> str:
    """``text`` with every marked table regenerated."""

    def replace(match: re.Match[str]) -> str:
        return match.group(1) + table(TABLES[match.group(2)]) + match.group(4)

    return _BLOCK_RE.sub(replace, text)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = GUIDE.read_text(encoding="utf-8")
    fresh = render(text)
    if "--check" in args:
        if fresh != text:
            print(f"{GUIDE}: stale; run python -m game.story.format.docs", file=sys.stderr)
            return 1
        return 0
    GUIDE.write_text(fresh, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
