"""Both alias budgets speak in full: the walk's re-visits (a billion laughs
of mappings and lists) and the text a file expands to (one anchored
megabyte named again and again), each at the node that crossed it."""

from __future__ import annotations

from pathlib import Path

from game.story.loader import load_pack
from tests.conftest import BASE_STORY
from tests.story.test_loader_diagnostics import GOOD, alias_bomb


def diagnostics_of(tmp_path: Path, name: str, text: str) -> list[tuple[str, str, str, str | None]]:
    root = tmp_path / "pack"
    root.mkdir()
    (root / "story.yaml").write_text(BASE_STORY, encoding="utf-8")
    (root / "s.yaml").write_text(GOOD, encoding="utf-8")
    (root / name).write_text(text, encoding="utf-8")
    result = load_pack(root)
    assert result.story is None
    return [(str(d.loc), d.code, d.message, d.hint) for d in result.diagnostics]


def test_too_many_revisits_stop_the_walk_with_a_reason(tmp_path: Path) -> None:
    assert diagnostics_of(tmp_path, "bomb.yaml", alias_bomb()) == [
        (
            "bomb.yaml:5:26",
            "E005",
            "this document repeats aliases too many times to be read",
            "aliases (*name) are expanded; avoid deeply repeated aliases",
        )
    ]


def test_text_repeated_past_the_budget_stops_the_file_with_a_reason(tmp_path: Path) -> None:
    lines = [
        "scenes:",
        "  s0:",
        "    title: S",
        "    text: &t " + "x" * 1024 * 1024,
        "    next: s0",
    ]
    lines += [f"  s{i}: {{title: S, text: *t, next: s0}}" for i in range(1, 10)]
    assert diagnostics_of(tmp_path, "big.yaml", "\n".join(lines) + "\n") == [
        (
            "big.yaml:4:11",
            "E005",
            "this file expands to more than 8 MB of text through aliases",
            "aliases (*name) repeat the anchored text each time; write it once",
        )
    ]
