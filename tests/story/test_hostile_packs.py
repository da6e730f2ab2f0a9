"""Hostile packs (students write them): each gives a clear diagnostic quickly,
with bounded memory, and never a hang, a crash or code execution."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest

from game.story.loader import load_pack
from tests.story.test_loader_diagnostics import GOOD, alias_bomb


def load_timed(root: Path) -> tuple[list, float, int]:
    tracemalloc.start()
    start = time.perf_counter()
    result = load_pack(root)
    elapsed = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.story is None
    return list(result.diagnostics), elapsed, peak


def codes(diagnostics) -> set[str]:
    return {d.code for d in diagnostics}


def test_billion_laughs(make_pack):
    """Laughs nested where the loader walks them (scene -> choices -> effects),
    anchors and aliases in one file: the alias budget stops the walk early."""
    root = make_pack(**{"s.yaml": GOOD, "bomb.yaml": alias_bomb(scenes=2000)})
    found, elapsed, peak = load_timed(root)
    assert codes(found) == {"E005"}
    assert elapsed < 5  # a second on an idle machine; generous for shared CI
    assert peak < 200 * 1024 * 1024


def test_fifty_megabyte_file(make_pack):
    root = make_pack(**{"s.yaml": GOOD})
    with (root / "huge.yaml").open("wb") as handle:
        chunk = b"# padding padding padding padding padding padding padding padding\n" * 16384
        for _ in range(50 * 1024 * 1024 // len(chunk)):
            handle.write(chunk)
    found, elapsed, peak = load_timed(root)
    assert "E003" in codes(found)
    assert elapsed < 5
    assert peak < 50 * 1024 * 1024  # the file is never read into memory


@pytest.mark.parametrize("opener", ["[", "{a: ", "- "])
def test_ten_thousand_deep_nesting(make_pack, opener):
    closer = {"[": "]", "{a: ": "}", "- ": ""}[opener]
    if opener == "- ":
        deep = "scenes:\n  " + "- " * 10000 + "x\n"
    else:
        deep = "scenes: " + opener * 10000 + "x" + closer * 10000 + "\n"
    root = make_pack(**{"s.yaml": GOOD, "deep.yaml": deep})
    found, elapsed, _ = load_timed(root)
    assert codes(found) & {"E001", "E011"}
    assert elapsed < 5


def test_non_utf8_bytes(make_pack):
    root = make_pack(**{"s.yaml": GOOD})
    (root / "latin.yaml").write_bytes("scenes:\n  x:\n    title: Caf\xe9\n".encode("latin-1"))
    found, _, _ = load_timed(root)
    error = next(d for d in found if d.code == "E002")
    assert (error.loc.line, error.loc.col) == (3, 15)


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!!python/name:os.system",
        "!custom {marker}",
    ],
)
def test_python_tags_never_execute(make_pack, tmp_path, payload):
    marker = tmp_path / "pwned"
    text = GOOD.replace("    text: Hello\n", f"    text: {payload.format(marker=marker)}\n")
    found, _, _ = load_timed(make_pack(**{"s.yaml": text}))
    assert "E004" in codes(found)
    assert not marker.exists()


def test_story_yaml_that_is_a_list(make_pack):
    found, _, _ = load_timed(make_pack(story="- 1\n- 2\n", **{"s.yaml": GOOD}))
    assert "E011" in codes(found)


def test_binary_garbage(make_pack):
    root = make_pack(**{"s.yaml": GOOD})
    (root / "junk.yaml").write_bytes(bytes(range(256)) * 10)
    found, _, _ = load_timed(root)
    assert codes(found) & {"E001", "E002"}
