"""In an unquoted text, `` #`` starts a YAML comment and the rest of the line
is gone. Every text a player or student reads warns (W042) where the comment
cut it; texts only authors read (a lint's reason, a story test's name) may
carry a comment quietly.

One pack has a comment after every text of the format, so a field that
stops warning, or starts to, shows as a changed line of the list.
"""

from __future__ import annotations

from pathlib import Path

from game.story.loader import load_pack

STORY = """\
format: 1
id: t
title: Test # the pack's title
start: a
variables:
  courage: 0
objectives:
  obj: An objective. # shown in the debrief
storylines:
  - id: line
    title: Line # on the title screen
    start: a
    summary: A walk # on the title screen too
badges:
  brave:
    title: Brave # in the profile
    description: Brave # in the profile too
"""

SCENES = """\
scenes:
  a:
    title: A # scene title
    text: Hello # scene text
    choices:
      - text: Go # choice text
        goto: b
      - text: Wait # second choice
        goto: q
        enabled_if: courage > 0
        hint: Be brave # choice hint
  q:
    title: Q
    text: Q
    quiz:
      question: Why? # quiz question
      objective: obj
      lint:
        allow: [W060]
        why: a reason # authors only
      options:
        - text: Because # option text
          correct: true
          feedback: Right # option feedback
        - {text: "No"}
    next: b
  b:
    title: B
    text: B
    ending:
      kind: good
      summary: Done # ending summary
codex:
  lc:
    title: Locus # codex title
    text: The blue spot. # codex text
"""

LESSON = """\
id: unit
title: Unit # shown to students and in reports
storylines: [line]
objectives: [obj]
"""

STORY_TEST = """\
- name: walk # authors only
  steps: [{choose: Go}]
"""

#: where each cut text is reported, and the words naming it
CUTS = [
    ("lessons/unit.yaml:2:13", "title"),
    ("s.yaml:3:14", "title"),
    ("s.yaml:4:17", "text"),
    ("s.yaml:6:18", "choice text"),
    ("s.yaml:8:20", "choice text"),
    ("s.yaml:11:24", "hint"),
    ("s.yaml:16:22", "question"),
    ("s.yaml:22:25", "option text"),
    ("s.yaml:24:27", "feedback"),
    ("s.yaml:32:21", "summary"),
    ("s.yaml:35:18", "title"),
    ("s.yaml:36:26", "text"),
    ("story.yaml:3:13", "title"),
    ("story.yaml:8:22", "objective 'obj'"),
    ("story.yaml:11:17", "title"),
    ("story.yaml:13:21", "summary"),
    ("story.yaml:16:18", "title"),
    ("story.yaml:17:24", "description"),
]


def test_every_text_players_read_warns_where_a_comment_cut_it(tmp_path: Path) -> None:
    files = {
        "story.yaml": STORY,
        "s.yaml": SCENES,
        "lessons/unit.yaml": LESSON,
        "tests/walk.yaml": STORY_TEST,
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    found = sorted((str(d.loc), d.code, d.message, d.hint) for d in load_pack(tmp_path).diagnostics)
    assert found == sorted(
        (
            where,
            "W042",
            f"the {what} ends here: YAML reads ' #' and the rest of the line as a comment",
            "put the whole text in quotes to keep it",
        )
        for where, what in CUTS
    )


def test_a_comment_after_a_tab_cuts_the_text_too(tmp_path: Path) -> None:
    """A file whose only comment follows a tab (no `` #`` anywhere in it) still warns."""
    (tmp_path / "story.yaml").write_text("format: 1\nid: t\ntitle: T\nstart: a\n")
    (tmp_path / "s.yaml").write_text(
        "scenes:\n  a:\n    title: A\n    text: Hello\t# cut\n"
        "    ending: {kind: good, summary: Done}\n"
    )
    found = [(str(d.loc), d.code) for d in load_pack(tmp_path).diagnostics]
    assert found == [("s.yaml:4:17", "W042")]


class _CountingText(str):
    """A file's text that counts how often it is searched."""

    searches = 0

    def __contains__(self, part: object) -> bool:
        type(self).searches += 1
        return super().__contains__(part)  # type: ignore[operator]  # (str's takes a str)


def test_a_file_is_searched_for_comments_once_not_once_a_text() -> None:
    """The search for a comment looked through the whole file for every text in it:
    quadratic in the file's size (5,000 scenes in one file loaded 5.2x slower than
    libyaml alone, bench/bench_load.py). The file is searched once, however many texts."""
    import yaml

    from game.story.yamlnodes import NodeReader

    lines = "".join(f"s{i}: text number {i}\n" for i in range(500))
    text = _CountingText(lines)
    reader = NodeReader("s.yaml", text, [])
    searched_when_read = _CountingText.searches
    node = yaml.compose(lines, Loader=yaml.CSafeLoader)
    assert all(reader.comment_after(value) is None for _, value in node.value)
    assert _CountingText.searches == searched_when_read
