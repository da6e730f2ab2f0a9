"""Every YAML example in docs/authoring.md is real.

Blocks that start with ``# file: PATH`` are the tutorial: together they form a
pack that must pass ``locus check --strict``, its walkthrough tests and a
random playtest. Every other block carries an invisible marker line before
it, ``<!-- example: KIND [expect=CODE] -->``, and is loaded inside a pack
built around the guide's reference story.yaml (scenes and codex entries it
merely mentions are stubbed): it must load without errors, or, with
``expect=``, ``locus check`` must report that code. The guide must also
mention every key, effect, function, readout, input, condition, medication,
duration unit and diagnostic code the engine knows.
"""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from game import body as body_model
from game.authoring.check import ALL_CODES, check_pack
from game.authoring.playtest import random_playtest
from game.authoring.walkthrough import run_tests
from game.story import loader
from game.story.loader import load_pack
from game.story.yamlnodes import UNIT_SECONDS

DOC = Path(__file__).resolve().parents[2] / "docs" / "authoring.md"
TEXT = DOC.read_text(encoding="utf-8")
BLOCK_RE = re.compile(
    r"(?:<!-- example: (?P<kind>[a-z]+)(?: expect=(?P<expect>[EW]\d{3}))? -->\n)?"
    r"```yaml\n(?P<body>.*?)```",
    re.S,
)
KINDS = {"reference", "story", "content", "scenes", "choices", "effects", "test", "lesson"}


def _blocks() -> list[tuple[int, str | None, str | None, str]]:
    found = []
    for match in BLOCK_RE.finditer(TEXT):
        line = TEXT.count("\n", 0, match.start("body")) + 1
        found.append((line, match.group("kind"), match.group("expect"), match.group("body")))
    return found


BLOCKS = _blocks()
TUTORIAL = {
    body.splitlines()[0].removeprefix("# file: ").strip(): body
    for _, _, _, body in BLOCKS
    if body.startswith("# file: ")
}
EXAMPLES = [b for b in BLOCKS if not b[3].startswith("# file: ")]
REFERENCE = next(body for _, kind, _, body in BLOCKS if kind == "reference")


def test_every_yaml_block_is_marked_and_parses():
    assert len(TUTORIAL) >= 5 and len(EXAMPLES) >= 40
    for line, kind, expect, body in EXAMPLES:
        assert kind in KINDS, f"docs/authoring.md:{line}: mark the block with <!-- example: ... -->"
        if expect not in ("E001", "E004"):
            list(yaml.safe_load_all(body))


def test_tutorial_pack_is_clean_and_its_tests_pass(tmp_path):
    for rel, body in TUTORIAL.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    assert set(TUTORIAL) >= {"story.yaml", "tests/the_talk.yaml", "lessons/stage_fright.yaml"}
    assert check_pack(tmp_path) == []  # no errors, no warnings: passes --strict
    story = load_pack(tmp_path).story
    assert story is not None and story.quizzes and story.endings
    results = run_tests(story)
    assert len(results) == 2 and all(r.passed for r in results), [r.failure for r in results]
    report = random_playtest(story, 50, seed=1)
    assert not report.problems and len(report.ending_hits) == 2


def _indent(text: str, spaces: int) -> str:
    return textwrap.indent(text, " " * spaces)


def _files(kind: str, body: str) -> dict[str, str]:
    scene = "scenes:\n  example:\n    title: Example\n    text: An example.\n"
    if kind == "story":
        return {"story.yaml": body}
    if kind == "content":
        return {"example.yaml": body}
    if kind == "scenes":
        return {"example.yaml": "scenes:\n" + _indent(body, 2)}
    if kind == "choices":
        return {"example.yaml": scene + "    choices:\n" + _indent(body, 6)}
    if kind == "effects":
        return {"example.yaml": scene + "    next: example\n    on_enter:\n" + _indent(body, 6)}
    if kind == "test":
        return {"tests/example.yaml": body}
    return {"lessons/example.yaml": body}


_UNKNOWN = {
    "E020": re.compile(r"unknown scene '(\w+)'"),
    "E023": re.compile(r"unknown codex entry '(\w+)'|unknown codex '(\w+)'"),
}


def _load_with_stubs(root: Path, expect: str | None) -> None:
    """Add an ending for every scene and an entry for every codex id the
    example mentions but does not define, until nothing is unknown (except
    the kind of id the example shows to be unknown)."""
    scenes: set[str] = set()
    codex: set[str] = set()
    for _ in range(4):
        before = (len(scenes), len(codex))
        for d in load_pack(root).diagnostics:
            pattern = _UNKNOWN.get(d.code) if d.code != expect else None
            match = pattern.search(d.message) if pattern else None
            if match:
                (scenes if d.code == "E020" else codex).add(next(g for g in match.groups() if g))
        if (len(scenes), len(codex)) == before:
            return
        stub = "scenes:\n" + "".join(
            f"  {s}: {{title: {s}, text: stub, ending: {{kind: neutral, summary: stub}}}}\n"
            for s in sorted(scenes)
        )
        if codex:
            stub += "codex:\n" + "".join(f"  {c}: {{title: {c}, text: stub}}\n" for c in codex)
        (root / "zz_stubs.yaml").write_text(stub, encoding="utf-8")


@pytest.mark.parametrize(
    ("line", "kind", "expect", "body"),
    [b for b in EXAMPLES if b[1] != "reference"],
    ids=[f"line{b[0]}-{b[1]}-{b[2] or 'ok'}" for b in EXAMPLES if b[1] != "reference"],
)
def test_example_loads(tmp_path, line, kind, expect, body):
    files = {"story.yaml": REFERENCE, **_files(kind, body)}
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    _load_with_stubs(tmp_path, expect)
    diagnostics = check_pack(tmp_path)
    where = f"docs/authoring.md:{line}"
    if expect is None:
        errors = [(d.code, d.message) for d in diagnostics if d.is_error]
        assert not errors, f"{where}: {errors}"
    else:
        # reported in the example's own file, not caused by the stubs around it
        own = set(files) if kind == "story" else set(files) - {"story.yaml"}
        codes = {d.code for d in diagnostics if d.loc.path in own}
        assert expect in codes, f"{where}: expected {expect}, got {sorted(codes)}"


def _mentioned(name: str) -> bool:
    return f"`{name}" in TEXT or f"{name}:" in TEXT


@pytest.mark.parametrize(
    "table",
    [
        "STORY_KEYS_ALL",
        "STORYLINE_KEYS",
        "BADGE_KEYS",
        "BODY_KEYS",
        "CONTENT_KEYS",
        "SCENE_KEYS",
        "CHOICE_KEYS",
        "QUIZ_KEYS",
        "OPTION_KEYS",
        "ENDING_KEYS",
        "ENDING_KINDS",
        "CODEX_KEYS",
        "BRANCH_KEYS",
        "RANDOM_KEYS",
        "LESSON_KEYS",
        "TEST_KEYS",
        "STEP_KINDS",
        "EXPECT_KEYS",
        "EFFECT_KINDS",
    ],
)
def test_guide_mentions_every_key(table):
    missing = [k for k in getattr(loader, table) if not _mentioned(k)]
    assert not missing, f"{table}: {missing}"


def test_guide_mentions_every_name_of_the_engine():
    functions = sorted(
        loader.RESERVED_NAMES
        - {"score", "minutes", "day", "body", "true", "false", "and", "or", "not"}
    )
    names = [
        *functions,
        "score",
        "minutes",
        "day",
        *body_model.READOUTS,
        *body_model.INPUTS,
        *body_model.CONDITIONS,
        *body_model.MEDICATIONS,
    ]
    missing = [n for n in names if f"`{n}" not in TEXT]
    assert not missing, missing
    # Every unit the loader accepts (`sec` too: tests/engine/test_effects.py plays it).
    units = [u for u in UNIT_SECONDS if not re.search(rf"`[\d.]*{u}`|`{u}`", TEXT)]
    assert not units, units
    codes = [c for c in ALL_CODES if f"**{c} " not in TEXT and f"{c} " not in TEXT]
    assert not codes, codes
