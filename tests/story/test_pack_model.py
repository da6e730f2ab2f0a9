"""Every key an author writes reaches the story the engine plays.

A pack that uses each key of the format once is loaded, and its story is
listed value by value (``scenes.a.choices[0].goto.branches[0].to = 'b'``):
a key read into the wrong field, a default that replaces what was written
or a value dropped on the way shows as a changed line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from pathlib import Path

from game.story.clock import StartTime
from game.story.diagnostics import Loc
from game.story.expr import Expr
from game.story.loader import load_pack
from game.story.model import CodexEntry, Story
from game.story.templates import Template

STORY = """\
format: 1
id: full
title: Full Pack
start: a
age: 30
starts_at: "Tue 07:30"
variables:
  courage: 0
  flag: false
  word: "hi"
  ratio: 0.5
objectives:
  obj: An objective.
  other: Another one.
storylines:
  - id: line
    title: Line
    start: b
    summary: A short one.
    chart: [mood, heart_rate, mood]
    starts_at: "day 2 18:00"
    age: 70
  - {id: plain, title: Plain, start: a}
badges:
  brave: {title: Brave, description: Was brave.}
  bare: {title: Bare}
body:
  conditions: [chronic_stress]
  medications: [clonidine]
  inputs: {threat: 0.25, standing: true}
"""

SCENES = """\
scenes:
  a:
    title: A
    text:
      - Hello ${word}.
      - {if: flag, text: Flagged.}
    time: 90s
    teaches: obj
    art: pic.txt
    on_enter:
      - set: {courage: 2, flag: true, word: there, ratio: 1}
      - add: {courage: -1, ratio: 0.5}
      - compute: {courage: "courage * 2"}
      - body: {exercise: 0.75, sleep: false}
      - condition: {add: parkinsons}
      - condition: {remove: chronic_stress}
      - medication: {start: snri}
      - medication: {stop: clonidine}
      - time: 1h 30min
      - codex: [lc, other_entry]
      - codex: lc
      - score: 5
      - badge: brave
    expect: {body.heart_rate: "> 40", body.mood: rising, body.lc_mode: tonic}
    choices:
      - text: Go ${courage}
        goto: b
        if: courage > 0
        enabled_if: flag
        hint: Too shy.
        once: true
        effects: [{score: -2}]
        time: 2min
      - text: Maybe
        goto:
          - {if: flag, to: b}
          - {to: c}
      - text: Dice
        goto: {random: [{to: b, weight: 3}, {to: c}]}
  b:
    title: B
    text: B
    quiz:
      question: What is ${word}?
      objective: obj
      points: 7
      kind: apply
      lint: {allow: [W060, W061], why: a reason}
      options:
        - {text: "Yes", correct: true, feedback: Right.}
        - {text: "No"}
    next: c
  c:
    title: C
    text: C
    ending: {kind: bad, summary: "Over at ${courage}."}
codex:
  lc:
    title: Locus
    text: The blue spot.
    objectives: [obj, other]
    sources: A book.
  other_entry:
    title: Other
    text: More.
    sources: [One, Two]
"""

TESTS = """\
- name: walk
  start: b
  seed: 4
  setup: [{set: {flag: true}}]
  steps:
    - choose: 2
    - answer: "Yes"
    - wait: 10min
    - expect:
        scene: c
        ending: c
        choices: [Go]
        disabled: [Maybe]
        vars: {courage: ">= 1", word: there, flag: true, ratio: "1..2"}
        body: {heart_rate: "< 200", mood: "!= 0", lc_mode: "== tonic"}
        score: 12
        badges: brave
        codex: [lc]
- name: short
  steps: [{choose: Go}]
"""

LESSON = """\
id: unit
title: Unit
storylines: [line, plain]
objectives: [obj, other]
pass_mark: 55
min_questions: 0
"""

EXPECTED = """\
id = 'full'
title = 'Full Pack'
start = 'a'
loc = story.yaml:1:1
format = 1
variables.courage = 0
variables.flag = False
variables.word = 'hi'
variables.ratio = 0.5
objectives.obj = 'An objective.'
objectives.other = 'Another one.'
storylines.line.id = 'line'
storylines.line.title = 'Line'
storylines.line.start = 'b'
storylines.line.loc = story.yaml:16:5
storylines.line.summary = 'A short one.'
storylines.line.starts_at = day 2 64800.0s (weekday None)
storylines.line.chart[0] = 'mood'
storylines.line.chart[1] = 'heart_rate'
storylines.line.age = 70.0
storylines.plain.id = 'plain'
storylines.plain.title = 'Plain'
storylines.plain.start = 'a'
storylines.plain.loc = story.yaml:23:5
storylines.plain.summary = ''
badges.brave.id = 'brave'
badges.brave.title = 'Brave'
badges.brave.description = 'Was brave.'
badges.brave.loc = story.yaml:25:3
badges.bare.id = 'bare'
badges.bare.title = 'Bare'
badges.bare.description = ''
badges.bare.loc = story.yaml:26:3
body.conditions[0] = 'chronic_stress'
body.medications[0] = 'clonidine'
body.inputs[0][0] = 'threat'
body.inputs[0][1] = 0.25
body.inputs[1][0] = 'standing'
body.inputs[1][1] = True
age = 30.0
starts_at = day 0 27000.0s (weekday 1)
scenes.a.id = 'a'
scenes.a.title = 'A'
scenes.a.text[0].text = text 'Hello ${word}.'
scenes.a.text[1].text = text 'Flagged.'
scenes.a.text[1].condition = expr flag
scenes.a.loc = scenes.yaml:2:3
scenes.a.time = 90.0
scenes.a.teaches[0] = 'obj'
scenes.a.art = 'pic.txt'
scenes.a.on_enter[0].values[0][0] = 'courage'
scenes.a.on_enter[0].values[0][1] = 2
scenes.a.on_enter[0].values[1][0] = 'flag'
scenes.a.on_enter[0].values[1][1] = True
scenes.a.on_enter[0].values[2][0] = 'word'
scenes.a.on_enter[0].values[2][1] = 'there'
scenes.a.on_enter[0].values[3][0] = 'ratio'
scenes.a.on_enter[0].values[3][1] = 1.0
scenes.a.on_enter[0].loc = scenes.yaml:11:9
scenes.a.on_enter[1].values[0][0] = 'courage'
scenes.a.on_enter[1].values[0][1] = -1
scenes.a.on_enter[1].values[1][0] = 'ratio'
scenes.a.on_enter[1].values[1][1] = 0.5
scenes.a.on_enter[1].loc = scenes.yaml:12:9
scenes.a.on_enter[2].values[0][0] = 'courage'
scenes.a.on_enter[2].values[0][1] = expr courage * 2
scenes.a.on_enter[2].loc = scenes.yaml:13:9
scenes.a.on_enter[3].changes[0][0] = 'exercise'
scenes.a.on_enter[3].changes[0][1] = 0.75
scenes.a.on_enter[3].changes[1][0] = 'sleep'
scenes.a.on_enter[3].changes[1][1] = False
scenes.a.on_enter[3].loc = scenes.yaml:14:9
scenes.a.on_enter[4].action = 'add'
scenes.a.on_enter[4].id = 'parkinsons'
scenes.a.on_enter[4].loc = scenes.yaml:15:9
scenes.a.on_enter[5].action = 'remove'
scenes.a.on_enter[5].id = 'chronic_stress'
scenes.a.on_enter[5].loc = scenes.yaml:16:9
scenes.a.on_enter[6].action = 'start'
scenes.a.on_enter[6].id = 'snri'
scenes.a.on_enter[6].loc = scenes.yaml:17:9
scenes.a.on_enter[7].action = 'stop'
scenes.a.on_enter[7].id = 'clonidine'
scenes.a.on_enter[7].loc = scenes.yaml:18:9
scenes.a.on_enter[8].seconds = 5400.0
scenes.a.on_enter[8].loc = scenes.yaml:19:9
scenes.a.on_enter[9].ids[0] = 'lc'
scenes.a.on_enter[9].ids[1] = 'other_entry'
scenes.a.on_enter[9].loc = scenes.yaml:20:9
scenes.a.on_enter[10].ids[0] = 'lc'
scenes.a.on_enter[10].loc = scenes.yaml:21:9
scenes.a.on_enter[11].points = 5
scenes.a.on_enter[11].loc = scenes.yaml:22:9
scenes.a.on_enter[12].id = 'brave'
scenes.a.on_enter[12].loc = scenes.yaml:23:9
scenes.a.choices[0].number = 1
scenes.a.choices[0].text = text 'Go ${courage}'
scenes.a.choices[0].goto.branches[0].to = 'b'
scenes.a.choices[0].goto.branches[0].loc = scenes.yaml:27:15
scenes.a.choices[0].goto.branches[0].weight = 1.0
scenes.a.choices[0].goto.loc = scenes.yaml:27:15
scenes.a.choices[0].goto.random = False
scenes.a.choices[0].loc = scenes.yaml:26:9
scenes.a.choices[0].condition = expr courage > 0
scenes.a.choices[0].enabled_if = expr flag
scenes.a.choices[0].hint = text 'Too shy.'
scenes.a.choices[0].once = True
scenes.a.choices[0].effects[0].points = -2
scenes.a.choices[0].effects[0].loc = scenes.yaml:32:20
scenes.a.choices[0].time = 120.0
scenes.a.choices[1].number = 2
scenes.a.choices[1].text = text 'Maybe'
scenes.a.choices[1].goto.branches[0].to = 'b'
scenes.a.choices[1].goto.branches[0].loc = scenes.yaml:36:13
scenes.a.choices[1].goto.branches[0].condition = expr flag
scenes.a.choices[1].goto.branches[0].weight = 1.0
scenes.a.choices[1].goto.branches[1].to = 'c'
scenes.a.choices[1].goto.branches[1].loc = scenes.yaml:37:13
scenes.a.choices[1].goto.branches[1].weight = 1.0
scenes.a.choices[1].goto.loc = scenes.yaml:36:11
scenes.a.choices[1].goto.random = False
scenes.a.choices[1].loc = scenes.yaml:34:9
scenes.a.choices[1].once = False
scenes.a.choices[1].time = 0.0
scenes.a.choices[2].number = 3
scenes.a.choices[2].text = text 'Dice'
scenes.a.choices[2].goto.branches[0].to = 'b'
scenes.a.choices[2].goto.branches[0].loc = scenes.yaml:39:25
scenes.a.choices[2].goto.branches[0].weight = 3.0
scenes.a.choices[2].goto.branches[1].to = 'c'
scenes.a.choices[2].goto.branches[1].loc = scenes.yaml:39:45
scenes.a.choices[2].goto.branches[1].weight = 1.0
scenes.a.choices[2].goto.loc = scenes.yaml:39:15
scenes.a.choices[2].goto.random = True
scenes.a.choices[2].loc = scenes.yaml:38:9
scenes.a.choices[2].once = False
scenes.a.choices[2].time = 0.0
scenes.a.expect[0].readout = 'heart_rate'
scenes.a.expect[0].loc = scenes.yaml:24:14
scenes.a.expect[0].comparison.op = '>'
scenes.a.expect[0].comparison.value = 40.0
scenes.a.expect[1].readout = 'mood'
scenes.a.expect[1].loc = scenes.yaml:24:39
scenes.a.expect[1].trend = 'rising'
scenes.a.expect[2].readout = 'lc_mode'
scenes.a.expect[2].loc = scenes.yaml:24:58
scenes.a.expect[2].comparison.op = '=='
scenes.a.expect[2].comparison.value = 'tonic'
scenes.b.id = 'b'
scenes.b.title = 'B'
scenes.b.text[0].text = text 'B'
scenes.b.loc = scenes.yaml:40:3
scenes.b.time = 0.0
scenes.b.next.branches[0].to = 'c'
scenes.b.next.branches[0].loc = scenes.yaml:52:11
scenes.b.next.branches[0].weight = 1.0
scenes.b.next.loc = scenes.yaml:52:11
scenes.b.next.random = False
scenes.b.quiz.question = text 'What is ${word}?'
scenes.b.quiz.objective = 'obj'
scenes.b.quiz.options[0].text = text 'Yes'
scenes.b.quiz.options[0].correct = True
scenes.b.quiz.options[0].loc = scenes.yaml:50:11
scenes.b.quiz.options[0].feedback = text 'Right.'
scenes.b.quiz.options[1].text = text 'No'
scenes.b.quiz.options[1].correct = False
scenes.b.quiz.options[1].loc = scenes.yaml:51:11
scenes.b.quiz.loc = scenes.yaml:44:7
scenes.b.quiz.points = 7
scenes.b.quiz.kind = 'apply'
scenes.b.quiz.lint.codes[0] = 'W060'
scenes.b.quiz.lint.codes[1] = 'W061'
scenes.b.quiz.lint.why = 'a reason'
scenes.b.quiz.lint.loc = scenes.yaml:48:13
scenes.c.id = 'c'
scenes.c.title = 'C'
scenes.c.text[0].text = text 'C'
scenes.c.loc = scenes.yaml:53:3
scenes.c.time = 0.0
scenes.c.ending.kind = 'bad'
scenes.c.ending.summary = text 'Over at ${courage}.'
scenes.c.ending.loc = scenes.yaml:56:13
codex.lc.id = 'lc'
codex.lc.title = 'Locus'
codex.lc.text = 'The blue spot.'
codex.lc.loc = scenes.yaml:58:3
codex.lc.objectives[0] = 'obj'
codex.lc.objectives[1] = 'other'
codex.lc.sources[0] = 'A book.'
codex.other_entry.id = 'other_entry'
codex.other_entry.title = 'Other'
codex.other_entry.text = 'More.'
codex.other_entry.loc = scenes.yaml:63:3
codex.other_entry.sources[0] = 'One'
codex.other_entry.sources[1] = 'Two'
lessons.unit.id = 'unit'
lessons.unit.title = 'Unit'
lessons.unit.storylines[0] = 'line'
lessons.unit.storylines[1] = 'plain'
lessons.unit.objectives[0] = 'obj'
lessons.unit.objectives[1] = 'other'
lessons.unit.loc = lessons/unit.yaml:1:1
lessons.unit.objective_locs[0] = lessons/unit.yaml:4:14
lessons.unit.objective_locs[1] = lessons/unit.yaml:4:19
lessons.unit.pass_mark = 55.0
lessons.unit.min_questions = 0
tests[0].name = 'walk'
tests[0].steps[0].kind = 'choose'
tests[0].steps[0].loc = tests/walk.yaml:6:7
tests[0].steps[0].target = 2
tests[0].steps[0].seconds = 0.0
tests[0].steps[1].kind = 'answer'
tests[0].steps[1].loc = tests/walk.yaml:7:7
tests[0].steps[1].target = 'Yes'
tests[0].steps[1].seconds = 0.0
tests[0].steps[2].kind = 'wait'
tests[0].steps[2].loc = tests/walk.yaml:8:7
tests[0].steps[2].seconds = 600.0
tests[0].steps[3].kind = 'expect'
tests[0].steps[3].loc = tests/walk.yaml:9:7
tests[0].steps[3].seconds = 0.0
tests[0].steps[3].expect.scene = 'c'
tests[0].steps[3].expect.ending = 'c'
tests[0].steps[3].expect.choices[0] = 'Go'
tests[0].steps[3].expect.disabled[0] = 'Maybe'
tests[0].steps[3].expect.vars[0][0] = 'courage'
tests[0].steps[3].expect.vars[0][1].op = '>='
tests[0].steps[3].expect.vars[0][1].value = 1.0
tests[0].steps[3].expect.vars[1][0] = 'word'
tests[0].steps[3].expect.vars[1][1].op = '=='
tests[0].steps[3].expect.vars[1][1].value = 'there'
tests[0].steps[3].expect.vars[2][0] = 'flag'
tests[0].steps[3].expect.vars[2][1].op = '=='
tests[0].steps[3].expect.vars[2][1].value = 'true'
tests[0].steps[3].expect.vars[3][0] = 'ratio'
tests[0].steps[3].expect.vars[3][1].op = 'range'
tests[0].steps[3].expect.vars[3][1].value = 1.0
tests[0].steps[3].expect.vars[3][1].high = 2.0
tests[0].steps[3].expect.body[0][0] = 'heart_rate'
tests[0].steps[3].expect.body[0][1].op = '<'
tests[0].steps[3].expect.body[0][1].value = 200.0
tests[0].steps[3].expect.body[1][0] = 'mood'
tests[0].steps[3].expect.body[1][1].op = '!='
tests[0].steps[3].expect.body[1][1].value = 0.0
tests[0].steps[3].expect.body[2][0] = 'lc_mode'
tests[0].steps[3].expect.body[2][1].op = '=='
tests[0].steps[3].expect.body[2][1].value = 'tonic'
tests[0].steps[3].expect.score.op = '=='
tests[0].steps[3].expect.score.value = 12.0
tests[0].steps[3].expect.badges[0] = 'brave'
tests[0].steps[3].expect.codex[0] = 'lc'
tests[0].loc = tests/walk.yaml:1:3
tests[0].start = 'b'
tests[0].seed = 4
tests[0].setup[0].values[0][0] = 'flag'
tests[0].setup[0].values[0][1] = True
tests[0].setup[0].loc = tests/walk.yaml:4:12
tests[1].name = 'short'
tests[1].steps[0].kind = 'choose'
tests[1].steps[0].loc = tests/walk.yaml:20:12
tests[1].steps[0].target = 'Go'
tests[1].steps[0].seconds = 0.0
tests[1].loc = tests/walk.yaml:19:3
tests[1].seed = 0
assets[0] = 'pic.txt'
files[0] = 'scenes.yaml'
"""


def listed(value: object, path: str, out: list[str]) -> None:
    """``value`` as ``path = value`` lines; empty values (None, ()) are left out."""
    if value is None or value == () or isinstance(value, Path):
        return
    if isinstance(value, Expr):
        out.append(f"{path} = expr {value.source}")
    elif isinstance(value, Template):
        out.append(f"{path} = text {value.source!r}")
    elif isinstance(value, Loc):
        out.append(f"{path} = {value}")
    elif isinstance(value, StartTime):
        out.append(f"{path} = day {value.day} {value.seconds}s (weekday {value.weekday})")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for each in dataclasses.fields(value):
            if not each.name.startswith("_"):
                listed(getattr(value, each.name), f"{path}.{each.name}".lstrip("."), out)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            listed(item, f"{path}.{key}", out)
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            listed(item, f"{path}[{index}]", out)
    else:
        out.append(f"{path} = {value!r}")


def load_full(tmp_path: Path) -> Story:
    root = tmp_path / "full"
    for name, text in {
        "story.yaml": STORY,
        "scenes.yaml": SCENES,
        "tests/walk.yaml": TESTS,
        "lessons/unit.yaml": LESSON,
        "assets/pic.txt": "art\n",
    }.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    result = load_pack(root)
    assert result.diagnostics == ()
    assert result.story is not None
    return result.story


def test_every_key_written_reaches_the_story(tmp_path: Path) -> None:
    lines: list[str] = []
    listed(load_full(tmp_path), "", lines)
    assert "\n".join(lines) + "\n" == EXPECTED


def test_a_storyline_brings_its_own_clock_and_age_and_falls_back_to_the_story(
    tmp_path: Path,
) -> None:
    story = load_full(tmp_path)
    tuesday = StartTime(7.5 * 3600, 0, 1)
    evening = StartTime(18 * 3600, 2)
    assert [story.start_time(line) for line in (None, "line", "plain", "nope")] == [
        tuesday,
        evening,
        tuesday,
        tuesday,
    ]
    assert [story.age_in(line) for line in (None, "line", "plain", "nope")] == [30, 70, 30, 30]
    assert (story.chapter_start("b"), story.chapter_start("a")) == (evening, None)
    assert (story.chapter_age("b"), story.chapter_age("a")) == (70, None)


def test_scenes_say_their_kind_routes_and_targets(tmp_path: Path) -> None:
    story = load_full(tmp_path)
    assert [scene.kind for scene in story.scenes.values()] == ["choices", "quiz", "ending"]
    assert [route.targets() for route in story.scenes["a"].routes()] == [
        ("b",),
        ("b", "c"),
        ("b", "c"),
    ]
    assert [route.targets() for route in story.scenes["b"].routes()] == [("c",)]
    assert story.scenes["c"].routes() == ()
    assert [scene.id for scene in story.quizzes] == ["b"]
    assert [scene.id for scene in story.endings] == ["c"]


def test_art_is_read_once_and_shown_without_control_characters(tmp_path: Path) -> None:
    story = load_full(tmp_path)
    art = tmp_path / "full" / "assets" / "pic.txt"
    art.write_bytes(b"a\x1b[2Jb\n")
    assert story.read_asset("pic.txt") == "a\ufffd[2Jb\n"
    art.write_text("changed\n", encoding="utf-8")
    assert story.read_asset("pic.txt") == "a\ufffd[2Jb\n"  # kept: a reloaded pack reads it anew


def test_codex_text_is_split_into_paragraphs_without_the_source_line_breaks() -> None:
    entry = CodexEntry("c", "C", "  One\nline.\r\n\r\nTwo  words.\n\n\n\nThree\n", Loc("s.yaml"))
    assert entry.paragraphs == ("One line.", "Two words.", "Three")


LEAST = """\
id = 'least'
title = 'least'
start = 'only'
loc = story.yaml:1:1
format = 1
age = 16.0
starts_at = day 0 0.0s (weekday None)
scenes.only.id = 'only'
scenes.only.title = 'Only'
scenes.only.text[0].text = text 'The end.'
scenes.only.loc = only.yaml:2:3
scenes.only.time = 0.0
scenes.only.ending.kind = 'neutral'
scenes.only.ending.summary = text 'Over.'
scenes.only.ending.loc = only.yaml:5:13
files[0] = 'only.yaml'
"""


def test_a_pack_of_only_the_required_keys_gets_the_documented_defaults(tmp_path: Path) -> None:
    """The title is the id, the player 16, the clock day 0 at 00:00, nothing else set."""
    root = tmp_path / "least"
    root.mkdir()
    (root / "story.yaml").write_text("format: 1\nid: least\nstart: only\n", encoding="utf-8")
    (root / "only.yaml").write_text(
        "scenes:\n  only:\n    title: Only\n    text: The end.\n"
        "    ending: {kind: neutral, summary: Over.}\n",
        encoding="utf-8",
    )
    result = load_pack(root)
    assert result.diagnostics == ()
    lines: list[str] = []
    listed(result.story, "", lines)
    assert "\n".join(lines) + "\n" == LEAST
