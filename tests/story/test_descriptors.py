"""Diagnostics are named descriptors declared once (game/story/diagnostics.py):
the pack format's modules name a descriptor, never a code literal, and every
code written anywhere in game/ is one `locus check` declares."""

from __future__ import annotations

import re
from pathlib import Path

from game.authoring import analysis, assessment, items
from game.authoring.check import ALL_CODES
from game.story.diagnostics import CODES, REGISTRY, Loc, Severity

GAME = Path(__file__).resolve().parents[2] / "game"
CODE_RE = re.compile(r"""["']([EW]\d{3})["']""")
#: Where code literals belong: the registry, and the warning declarations of the
#: authoring checks (and the expression language, which reports its own).
DECLARING = {"story/diagnostics.py", "authoring/analysis.py", "authoring/items.py"}
DECLARING |= {"authoring/assessment.py"}


def _sources():
    for path in sorted(GAME.rglob("*.py")):
        yield path.relative_to(GAME).as_posix(), path.read_text(encoding="utf-8")


def test_every_code_written_in_game_is_declared():
    unknown = {
        (rel, code)
        for rel, text in _sources()
        for code in CODE_RE.findall(text)
        if code not in ALL_CODES
    }
    assert not unknown, sorted(unknown)


def test_the_format_modules_name_descriptors_not_codes():
    literal = [
        (rel, code)
        for rel, text in _sources()
        if rel.startswith("story/") and rel not in DECLARING and not rel.startswith("story/expr")
        for code in CODE_RE.findall(text)
    ]
    assert not literal, literal


def test_each_authoring_warning_is_declared_once_and_named_where_it_is_found():
    """The analysis, item-writing and assessment warnings are descriptors too: each
    code is written once, in its declaration, and no code is declared twice."""
    kinds = [*analysis.DESCRIPTORS, *items.DESCRIPTORS, *assessment.DESCRIPTORS]
    codes = [kind.code for kind in kinds]
    assert len(codes) == len(set(codes)) and not set(codes) & set(REGISTRY)
    assert all(kind.severity is Severity.WARNING for kind in kinds)
    for module in (analysis, items, assessment):
        text = Path(module.__file__).read_text(encoding="utf-8")
        for kind in module.DESCRIPTORS:
            assert text.count(f'"{kind.code}"') == 1, (module.__name__, kind.code)


def test_the_registry_is_the_loader_codes():
    assert {code: d.summary for code, d in REGISTRY.items()} == CODES
    assert all(d.code == code for code, d in REGISTRY.items())
    assert all(
        (d.severity is Severity.WARNING) == code.startswith("W") for code, d in REGISTRY.items()
    )
    assert set(CODES) <= set(ALL_CODES)


def test_a_descriptor_fills_its_template_and_keeps_its_hint():
    unknown_key = REGISTRY["E010"]
    made = unknown_key.at(Loc("s.yaml", 4, 5), key="tittle", what="scene 'a'")
    assert (made.code, made.message, made.hint) == (
        "E010",
        "unknown key 'tittle' in scene 'a'",
        None,
    )
    fallback = REGISTRY["E032"].at(Loc("s.yaml", 8, 14), what="goto")
    assert fallback.hint == "end the list with an entry without if: {to: some_scene}"
    assert REGISTRY["E032"].at(Loc("s.yaml"), None, what="goto").hint is None
