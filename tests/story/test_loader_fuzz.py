"""Fuzzing the loader: random and mutated YAML gives a Story or diagnostics,
never an exception."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.story.loader import load_pack
from tests.conftest import MINI_PACK

SOURCES = {
    path.relative_to(MINI_PACK).as_posix(): path.read_text(encoding="utf-8")
    for path in MINI_PACK.rglob("*.yaml")
}
FUZZ = settings(
    max_examples=int(__import__("os").environ.get("LOCUS_FUZZ_EXAMPLES", "150")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
YAML_BITS = st.sampled_from(
    [
        ":",
        "-",
        " ",
        "\n",
        "[",
        "]",
        "{",
        "}",
        "&a",
        "*a",
        "!!str",
        "!!python/none",
        "'",
        '"',
        "#",
        "${",
        "}",
        "<<: *a",
        "goto",
        "if",
        "text",
        "true",
        "0",
        "1.5",
        "\t",
        "\x00",
        "é",
        "|",
    ]
)


@st.composite
def mutated(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(SOURCES)))
    text = SOURCES[name]
    for _ in range(draw(st.integers(1, 6))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        bit = draw(YAML_BITS)
        if action == "insert":
            text = text[:position] + bit + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 20)) :]
        else:
            text = text[:position] + bit + text[position + len(bit) :]
    return name, text


def load_with(name: str, content: bytes):
    folder = Path(tempfile.mkdtemp())
    pack = folder / "pack"
    shutil.copytree(MINI_PACK, pack)
    (pack / name).write_bytes(content)
    try:
        return load_pack(pack)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def well_formed(result) -> None:
    assert (result.story is None) == any(d.is_error for d in result.diagnostics)
    for d in result.diagnostics:
        assert d.code and d.message and d.loc.path


@FUZZ
@given(mutated())
def test_mutated_yaml_gives_story_or_diagnostics(case):
    name, text = case
    well_formed(load_with(name, text.encode("utf-8", "surrogatepass")))


@FUZZ
@given(st.sampled_from(sorted(SOURCES)), st.binary(max_size=400))
def test_random_bytes_give_story_or_diagnostics(name, content):
    well_formed(load_with(name, content))


@FUZZ
@given(st.sampled_from(sorted(SOURCES)), st.text(max_size=300))
def test_random_text_gives_story_or_diagnostics(name, text):
    well_formed(load_with(name, text.encode("utf-8", "surrogatepass")))
