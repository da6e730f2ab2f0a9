"""A story test that compares a number with a word can never pass, so each
numeric expectation (the score, a number variable, a body readout) refuses
the word when the pack loads, in its own sentence, where it was written."""

from __future__ import annotations

from pathlib import Path

from game.story.loader import load_pack
from tests.conftest import BASE_STORY

SCENES = """\
scenes:
  a:
    title: A
    text: A
    ending: {kind: good, summary: Done}
"""

WORDS = """\
- name: words
  steps:
    - expect:
        score: more than 100
        vars: {courage: lots, ratio: "> half"}
        body: {heart_rate: fast}
"""

COMPARE = "write a number, > 100, <= 140, != 0 or a range such as 90..110"


def test_each_numeric_expectation_refuses_a_word_at_its_place(tmp_path: Path) -> None:
    (tmp_path / "tests").mkdir()
    (tmp_path / "story.yaml").write_text(BASE_STORY, encoding="utf-8")
    (tmp_path / "s.yaml").write_text(SCENES, encoding="utf-8")
    (tmp_path / "tests" / "words.yaml").write_text(WORDS, encoding="utf-8")
    found = [(str(d.loc), d.code, d.message, d.hint) for d in load_pack(tmp_path).diagnostics]
    assert found == [
        (
            "tests/words.yaml:4:16",
            "E050",
            "score: 'more than 100' is not a comparison of numbers",
            COMPARE,
        ),
        (
            "tests/words.yaml:5:25",
            "E050",
            "vars.courage: 'lots' is not a comparison of numbers",
            COMPARE,
        ),
        ("tests/words.yaml:5:38", "E050", "vars.ratio: 'half' is not a number", "write e.g. > 100"),
        (
            "tests/words.yaml:6:28",
            "E050",
            "body.heart_rate: 'fast' is not a comparison of numbers",
            COMPARE,
        ),
    ]
