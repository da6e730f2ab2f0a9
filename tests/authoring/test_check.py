"""`locus check`: the whole-pack analysis warnings, each at its position, and
the command's exit status and output formats."""

from __future__ import annotations

import argparse
import json

from game.authoring import check
from game.authoring.analysis import DESCRIPTORS, analyze
from game.story.loader import load_pack

STORY = """\
format: 1
id: t
title: Test
start: a
variables:
  courage: 0
  unread: 0
  unwritten: false
objectives:
  taught_only: Taught, never assessed.
  assessed_only: Assessed, never taught.
storylines:
  - {id: line, title: Line, start: loop}
badges:
  brave: {title: Brave, description: Never awarded.}
"""

SCENES = """\
scenes:
  a:
    title: Start
    text: "You have [bold]courage[/bold] ${courage}."
    teaches: [taught_only]
    choices:
      - text: Quiz
        goto: q
        effects:
          - add: {unread: 1}
      - text: Loop
        goto: loop
      - text: Stuck
        goto: stuck
  q:
    title: Quiz
    text: "[sic] A question."
    quiz:
      question: Which?
      objective: assessed_only
      options:
        - {text: Right, correct: true}
        - {text: "Wrong [/i]"}
    next: end
  loop:
    title: Loop
    text: Round and round.
    choices:
      - text: Once more
        goto: loop
        once: true
      - text: Back
        goto: a
        once: true
  stuck:
    title: Stuck
    text:
      - Nothing here.
      - if: "chose(a, 7) or unwritten"
        text: "[italic]Never closed."
    choices:
      - text: Brave way
        goto: end
        if: "courage > 2"
      - text: Tired way
        goto: end
        enabled_if: "courage < 1"
  split:
    title: Split
    text: Either way.
    choices:
      - {text: Agree, goto: end, if: "courage > 2"}
      - {text: Disagree, goto: end, if: "courage <= 2"}
  island:
    title: Island
    text: Nobody comes here.
    next: island_end
  island_end:
    title: Island end
    text: Nobody ends here.
    ending: {kind: neutral, summary: Unreachable.}
  end:
    title: End
    text: The end.
    ending: {kind: good, summary: Done.}
codex:
  hidden:
    title: Hidden
    text: Never unlocked.
"""

TRAP = """\
scenes:
  trap:
    title: Trap
    text: A maze with no exit.
    next: trap_b
  trap_b:
    title: Trap B
    text: Still lost.
    choices:
      - {text: Back, goto: trap}
"""


def _pack(make_pack):
    root = make_pack(STORY, **{"scenes.yaml": SCENES, "assets__unused.txt": "art"})
    return root, load_pack(root)


def _by_code(diagnostics):
    found: dict[str, list[tuple[str, int, int, str]]] = {}
    for d in diagnostics:
        found.setdefault(d.code, []).append((d.loc.path, d.loc.line, d.loc.col, d.message))
    return found


def test_every_analysis_warning_with_its_position(make_pack):
    _root, result = _pack(make_pack)
    assert result.ok, result.diagnostics
    found = _by_code(analyze(result.story))

    def at(code: str) -> list[tuple[str, int, int]]:
        return [(path, line, col) for path, line, col, _ in found.get(code, [])]

    assert at("W010") == [("scenes.yaml", 48, 3), ("scenes.yaml", 54, 3)]  # split, island
    assert at("W011") == [("scenes.yaml", 58, 3)]  # island_end
    assert at("W013") == [("scenes.yaml", 35, 3)]  # stuck (split is complementary)
    assert at("W014") == [("scenes.yaml", 25, 3)]  # loop
    assert at("W015") == [("story.yaml", 11, 3)]  # assessed_only
    assert at("W016") == [("story.yaml", 10, 3)]  # taught_only
    assert at("W017") == [("story.yaml", 7, 3)]  # unread
    assert at("W018") == [("story.yaml", 6, 3), ("story.yaml", 8, 3)]  # courage, unwritten
    assert at("W019") == [("scenes.yaml", 67, 3)]
    assert at("W020") == [("assets/unused.txt", 0, 0)]
    assert at("W021") == [("scenes.yaml", 17, 12), ("scenes.yaml", 23, 25), ("scenes.yaml", 40, 16)]
    assert at("W022") == [("scenes.yaml", 39, 14)]
    assert at("W023") == [("story.yaml", 15, 3)]
    assert "W012" not in found
    assert all(d.severity.value == "warning" for d in analyze(result.story))
    messages = {code: [m for *_, m in items] for code, items in found.items()}
    assert "chose(a, 7) can never be true: scene 'a' has 3 choices" in messages["W022"][0]
    assert "'[sic]' is not one of Locus's styles, so it is shown as written" in messages["W021"][0]
    assert (
        "'[/i]' is shown as written: styles apply only in scene and codex text"
        in (messages["W021"][1])
    )
    assert "'[italic]' is never closed" in messages["W021"][2]


def test_trap_without_an_ending_is_reported_where_it_is_entered(make_pack):
    scenes = SCENES.replace(
        "      - text: Stuck\n", "      - text: Trap\n        goto: trap\n      - text: Stuck\n"
    )
    root = make_pack(STORY, **{"scenes.yaml": scenes, "trap.yaml": TRAP})
    result = load_pack(root)
    assert result.ok, result.diagnostics
    traps = [d for d in analyze(result.story) if d.code == "W012"]
    assert [(d.loc.path, d.loc.line) for d in traps] == [("trap.yaml", 2)]
    assert "only moves among: trap, trap_b" in traps[0].message


def test_mini_pack_has_only_expected_warnings(mini_pack):
    result = load_pack(mini_pack)
    found = [(d.code, d.loc.line) for d in analyze(result.story)]
    # mood_word and ratio are never used, no scene teaches, lc_location has no quiz
    assert found == [
        ("W017", 8),
        ("W018", 8),
        ("W017", 9),
        ("W018", 9),
        ("W015", 11),
        ("W015", 12),
        ("W016", 12),
    ]


def test_every_code_is_documented_in_the_table():
    assert sorted(kind.code for kind in DESCRIPTORS) == [f"W{n:03d}" for n in range(10, 24)]
    assert {kind.code for kind in DESCRIPTORS} <= set(check.ALL_CODES)


def _args(*packs, fmt="text", strict=False):
    return argparse.Namespace(packs=[str(p) for p in packs], format=fmt, strict=strict)


def test_command_exit_status_and_text(make_pack, capsys):
    root, _ = _pack(make_pack)
    assert check.run(_args(root)) == 0
    captured = capsys.readouterr()
    assert f"{root / 'scenes.yaml'}:54:3: warning W010: scene 'island'" in captured.out
    assert "54 |   island:" in captured.out  # the source line is shown
    assert "0 errors, 21 warnings" in captured.err  # 17 analysis, W043, 3 item-writing (quiz q)
    assert check.run(_args(root, strict=True)) == 1


def test_command_json_is_one_object_per_line(make_pack, capsys):
    root, _ = _pack(make_pack)
    (root / "broken.yaml").write_text("scenes:\n  b: {title: B, text: x, next: nowhere}\n")
    assert check.run(_args(root, fmt="json")) == 1
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    # the loader's warning (W043) stays; analysis runs only on a loaded pack
    assert {r["code"] for r in records} == {"E020", "W043"}
    assert records[0]["path"] == str(root / "broken.yaml")
    assert records[0]["line"] == 2 and records[0]["severity"] == "error"


def test_command_on_several_packs_and_a_missing_one(make_pack, mini_pack, tmp_path, capsys):
    assert check.run(_args(mini_pack, tmp_path / "nope")) == 1
    out = capsys.readouterr().out
    assert "E043" in out and "W017" in out
