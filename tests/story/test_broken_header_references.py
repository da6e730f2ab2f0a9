"""When story.yaml cannot be read, the ids it defines (objectives, badges,
storylines) are unknown, so references to them are not reported: each would
be a false "unknown objective". Every other reference of the pack is still
checked, after those as before them, so one broken file does not hide the
mistakes of the others."""

from __future__ import annotations

from pathlib import Path

from game.story.loader import load_pack

BROKEN_STORY = "format: 1\nid: t\ntitle: [Test\nstart: a\n"

SCENES = """\
scenes:
  a:
    title: A
    text: A
    quiz:
      question: Q?
      objective: obj
      options: [{text: "Yes", correct: true}, {text: "No"}]
    next: b
  b:
    title: B
    text: B
    next: nowhere
"""


def test_scene_references_after_a_header_reference_are_still_checked(tmp_path: Path) -> None:
    (tmp_path / "story.yaml").write_text(BROKEN_STORY, encoding="utf-8")
    (tmp_path / "s.yaml").write_text(SCENES, encoding="utf-8")
    found = [(str(d.loc), d.code, d.message, d.hint) for d in load_pack(tmp_path).diagnostics]
    assert found == [
        (
            "story.yaml:3:8",
            "E001",
            "this [ is never closed with ]",
            "close it with ] on the same line, or put the whole text in quotes",
        ),
        ("s.yaml:13:11", "E020", "unknown scene 'nowhere'", None),
    ]
