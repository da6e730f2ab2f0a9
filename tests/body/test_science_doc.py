"""docs/science.md documents every parameter of the model, so the two cannot drift apart."""

from pathlib import Path

import game.body.params as params
from game.body import CONDITIONS, MEDICATIONS

DOC = Path(__file__).resolve().parents[2] / "docs" / "science.md"


def test_every_parameter_and_modifier_is_documented():
    text = DOC.read_text(encoding="utf-8")
    names = [n for n in vars(params) if n.isupper() and n not in ("MINUTE", "HOUR", "DAY")]
    missing = [n for n in names if f"`{n}`" not in text]
    assert not missing, f"document these in docs/science.md: {missing}"
    for ident in (*CONDITIONS, *MEDICATIONS):
        assert f"`{ident}`" in text, ident
    assert "game model, not a clinical one" in text
