"""``python -m game.story.format.docs``: ``--check`` fails on a guide whose
tables are stale and says how to fix it; without it the tables are
rewritten, and nothing else in the guide changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.story.format import docs


@pytest.fixture
def guide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the guide whose lesson table is stale, as the command's guide."""
    text = docs.GUIDE.read_text(encoding="utf-8")
    start = text.index("<!-- format: lesson -->\n") + len("<!-- format: lesson -->\n")
    end = text.index("<!-- /format -->", start)
    copy = tmp_path / "authoring.md"
    copy.write_text(text[:start] + "| old | table |\n" + text[end:], encoding="utf-8")
    monkeypatch.setattr(docs, "GUIDE", copy)
    return copy


def test_check_fails_on_stale_tables_and_names_the_fix(
    guide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = guide.read_bytes()
    assert docs.main(["--check"]) == 1
    assert capsys.readouterr().err == f"{guide}: stale; run python -m game.story.format.docs\n"
    assert guide.read_bytes() == before


def test_the_command_rewrites_the_tables_to_the_shipped_guide(
    guide: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = Path(docs.__file__).resolve().parents[3] / "docs" / "authoring.md"
    assert docs.main([]) == 0
    assert guide.read_bytes() == real.read_bytes()
    assert docs.main(["--check"]) == 0
    assert capsys.readouterr().err == ""
