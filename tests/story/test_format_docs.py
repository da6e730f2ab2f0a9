"""The guide's reference tables are generated from the format's declaration:
a stale guide fails here (regenerate with python -m game.story.format.docs)."""

from __future__ import annotations

from game.story.format import docs, records


def test_the_guide_tables_are_generated_from_the_declaration():
    text = docs.GUIDE.read_text(encoding="utf-8")
    assert docs.render(text) == text, (
        "docs/authoring.md is stale: run python -m game.story.format.docs"
    )
    assert docs.main(["--check"]) == 0


def test_every_table_marker_is_in_the_guide():
    text = docs.GUIDE.read_text(encoding="utf-8")
    missing = [name for name in docs.TABLES if f"<!-- format: {name} -->" not in text]
    assert not missing, missing


def test_a_declared_key_gets_its_row():
    assert "| `age` | no | the player's age in years in this storyline" in docs.table(
        records.STORYLINE
    )
    stale = docs.render("<!-- format: lesson -->\n| old |\n<!-- /format -->")
    assert "| `pass_mark` | no |" in stale and "| old |" not in stale
