"""Every mistake an author can make is reported in its own words, with its
hint, at the line and column where it was written.

Each case is a small broken pack and the exact diagnostics ``locus check``
shows for it: file, line, column, code, message and hint. An author fixes a
pack from these sentences alone, so a lost hint, a wrong column or a message
that names the wrong key is a bug even when the code is right.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from game.story.diagnostics import Diagnostic
from game.story.loader import load_pack
from tests.conftest import BASE_STORY
from tests.story.test_yaml_errors import CASES as YAML_ERROR_CASES
from tests.story.test_yaml_errors import CHOICE, GOOD_END, SCENE_HEAD

#: ``path:line:col``, code, message, hint
Shown = tuple[str, str, str, str | None]

TAB_HINT = (
    "YAML indents with spaces; replace the tab with spaces "
    "(most editors can 'convert tabs to spaces')"
)
CURLY_MESSAGE = "curly quotes (“ ” ‘ ’) do not quote text in YAML"
CURLY_HINT = (
    "use straight quotes: \" or ' (word processors turn them curly; turn off 'smart quotes')"
)

ENDING_B = """\
  b:
    title: B
    text: B
    ending: {kind: good, summary: Done}
"""

SCENE_SHAPES = """\
scenes:
  a:
    title: A
    text: Hello
    choices:
      - text: Go
        goto: b
    next: b
  b:
    title: B
    text: B
  c:
    title: C
    text: C
    quiz:
      question: Q?
      objective: obj
      options:
        - {text: "Yes", correct: true}
        - {text: "No"}
  d:
    title: D
    text: D
    choices: []
  e:
    title: E
    text: E
    ending: {kind: good, summary: Done}
    quiz:
      question: Q?
      objective: obj
      options: [{text: "Yes", correct: true}, {text: "No"}]
"""

VALUE_TYPES = """\
scenes:
  a:
    title: [A]
    text: {x: 1}
    time: 1:30
    teaches: Obj
    choices:
      - text: Go
        goto: b
        once: maybe
        time: 5
      - text:
        goto: [b]
      - text: Run
        goto: {random: []}
      - text: Walk
        goto: []
      - text: Sit
        goto: {random: [{to: b, weight: 0}, {to: b, weight: "x"}]}
""" + ENDING_B.replace("good", "great")

QUIZZES = """\
scenes:
  a:
    title: A
    text: A
    quiz:
      question: Q?
      objective: nope
      points: 2.5
      kind: essay
      options:
        - {text: "Yes", correct: true}
        - {text: "No", correct: true}
        - {text: "Maybe", correct: yes please}
    next: b
  b:
    title: B
    text: B
    quiz:
      question: Q?
      objective: obj
      options: [{text: "Only", correct: true}]
      lint: {allow: [W060], why: "  "}
    next: a
"""

EFFECTS = (
    """\
scenes:
  a:
    title: A
    text: A
    on_enter:
      - set: {courage: "brave", flag: 1, nerve: 2, word: “hi”}
      - add: {word: 1, courage: true, ratio: 2}
      - add: {courage: 0.5}
      - compute: {courage: "1 +", flag: "courage", ratio: "1e300 * 1e300"}
      - body: {threat: 2, exercise: yes, thret: 0.5, asleep: 0.5}
      - condition: {add: x, remove: y}
      - condition: {ad: x}
      - medication: {start: Bad}
      - time: 53w
      - time: soon
      - codex: [nope]
      - score: ten
      - badge: shiny
      - badge: 5
      - jump: a
      - {set: {courage: 1}, add: {courage: 1}}
      - just text
    next: b
"""
    + ENDING_B
)

BROKEN_STORY = """\
format: 2
id: Test-Pack
title: [T]
start: nowhere
age: 200
starts_at: "Funday 25:00"
variables:
  score: 1
  empty:
  Bad: 1
objectives:
  obj: An objective.
  o2: [list]
storylines:
  - {id: line, title: Line, start: elsewhere, chart: [mood, nonsense, asleep, moood]}
  - {id: l2, title: L2}
  - {id: line, title: Again, start: a, age: 3}
badges:
  brave: {title: Brave, descripton: Brave.}
body:
  conditions: [flu]
  medications: [xyz]
  inputs: {threat: -1}
"""

ONE_ENDING = """\
scenes:
  a:
    title: A
    text: A
    ending: {kind: good, summary: Done}
"""

WALKTHROUGHS = """\
- name: walk
  start: nowhere
  seed: 1.5
  steps:
    - choose: 0
    - choose: true
    - answer: 1.5
    - wait: forever
    - expect: {scene: zz, ending: b, choices: [Go], disabled: Go, score: "> lots"}
    - expect: {vars: {courage: "< x", cuorage: 1, word: "1..x", ratio: high}}
    - expect: {body: {heart_rat: 1, heart_rate: "fast"}, badges: nope, codex: [nada]}
    - {choose: 1, answer: 1}
    - jump: 1
- name: [x]
  steps: []
- steps: [{choose: 1}]
"""

LESSON = """\
id: l1
title: Lesson
storylines: []
objectives: [obj, ghost]
pass_mark: 120
min_questions: -1
"""

LESSON_AGAIN = """\
id: l1
title: Again
storylines: [line, nowhere]
objectives: obj
"""

GOOD_SCENES = """\
scenes:
  a:
    title: A
    text: Hello
    choices:
      - text: Go
        goto: b
"""

TEXTS = """\
scenes:
  a:
    title: A # the first
    text:
      - Room #4 is open
      - Warning: the bear
      - {if: "courage >", text: "x"}
      - {if: courage > 0, text: "Pulse {body.heart_rate} and {courage} but {nothing}"}
      - "Bell \\a here"
      - "${courage:q} and ${word:.2f}"
      - |
        Line one
        Line ${courage +} two
    choices:
      - text: Go
        goto: b
        enabled_if: courage > 0
      - text: Go ${nope}
        goto: bb
  b:
    title: B
    text: B
    art: missing.txt
    expect: {body.heart_rat: "> 1", body.mood: rising, fatigue: 1, body.heart_rate: "fast"}
    ending: {kind: good, summary: Done}
"""

MAPPINGS = """\
defaults: &d
  title: D
  text: D
scenes:
  a:
    <<: *d
    title: A
    title: A again
    choices:
      - text: #comment
        goto: b
      - text: Go
        goto: b
        tme: 1s
      - text: Go
        goto: b
        hint: !!binary aGk=
    7: seven
  b:
    <<: [*d, 5]
    ending: {kind: good, summary: Done}
  c:
    title The C
  Dd:
    title: D
    text: D
    next: a
  e:
    title: E
    text: E
    next:
      - {if: courage > 0, to: a}
      - to: b
      - to: a
  f:
    title: F
    text: F
    next:
      - {if: courage > 0, to: a}
      - {if: flag, to: b}
  g:
    title: G
    text: G
    next: {random: [{to: a, weight: 2}], extra: 1}
    time: 1e400
  h: [1]
"""

EXPRESSIONS = """\
scenes:
  a:
    title: A
    text: A
    choices:
      - {text: a, goto: b, if: "1 < courage < 3"}
      - {text: b, goto: b, if: "max()"}
      - {text: c, goto: b, if: "round(ratio, 2.5) > 1"}
      - {text: d, goto: b, if: "round(ratio, 99) > 1"}
      - {text: e, goto: b, if: "word + 1 == word"}
      - {text: f, goto: b, if: "flag + 1 > 0"}
      - {text: g, goto: b, if: "body.heart_rat > 0"}
      - {text: h, goto: b, if: "visited(nowhere)"}
      - {text: i, goto: b, if: "frobnicate(1)"}
      - {text: j, goto: b, if: "not courage"}
      - {text: k, goto: b, if: "courage == word"}
      - {text: l, goto: b, if: "abs(flag) > 1"}
      - {text: m, goto: b, if: "(courage > 1"}
      - {text: n, goto: b, if: "min(1, 2, 3, courage) > 0 and word.x"}
      - {text: o, goto: b, if: "99999999999999999 > courage"}
      - {text: p, goto: b, if: "clamp(courage) > 0"}
      - {text: q, goto: b, if: yes}
  b:
    title: B
    text: "${courage + flag} ${word / 2} ${ratio:>5}"
    ending: {kind: good, summary: Done}
"""

FORMAT_SPECS = """\
scenes:
  a:
    title: A
    text:
      - "${ratio:d}"
      - "${word:.1f}"
      - "${flag:.2f}"
      - "${courage:s}"
      - "${ratio:s}"
      - "${courage:c}"
      - "${courage:>999}"
      - "${courage:.2q}"
      - "${ratio:.2}"
      - "${courage:.1%}"
      - "${(courage / 2):d}"
      - "${round(ratio):d} ${round(ratio, 1):d}"
      - "${chose(a, 1):.1f} ${visited(a):.1f}"
      - "${-ratio:x} ${not flag:.1f}"
      - "${min(courage, 2):.1f} ${max(ratio, 1):d} ${max(courage, ratio):o}"
      - "${courage + word:d}"
      - "${body.heart_rate:d} ${body.lc_mode:.1f}"
      - "${score:.1f} ${minutes:s} ${day:e} ${clock:d}"
      - "${has_badge(brave):.1f} ${courage * 2:b}"
      - "${ratio:=}"
      - "${word:,}"
      - "${body.heart_rate:.2} ${body.heart_rate:.3g}"
      - "${(ratio * 2):.2} ${body.mood:.0%}"
    next: b
  b:
    title: B
    text: B
    ending: {kind: good, summary: Done}
"""

MORE_EXPRESSIONS = """\
scenes:
  a:
    title: A
    text: A
    choices:
      - {text: a, goto: b, if: "mx(1, 2) > 0"}
      - {text: b, goto: b, if: "courage(1) > 0"}
      - {text: c, goto: b, if: "score"}
      - {text: d, goto: b, if: "minutes"}
      - {text: e, goto: b, if: "day"}
      - {text: f, goto: b, if: "clock"}
      - {text: g, goto: b, if: "0000000000000000005 > courage"}
      - {text: h, goto: b, if: "word == 'a\\\\q'"}
      - {text: i, goto: b, if: "visited(1) > 0"}
      - {text: j, goto: b, if: "visted(a) > 0"}
      - {text: k, goto: b, if: "chose(a) "}
      - {text: l, goto: b, if: "round(ratio, 1, 2) > 0"}
      - {text: m, goto: b, if: "abs(1, 2) > 0"}
      - {text: n, goto: b, if: "courage > 1 >"}
      - {text: o, goto: b, if: "courage ) > 1"}
      - {text: p, goto: b, if: "has_condition(Flu)"}
      - {text: q, goto: b, if: "has_badge(shiny)"}
      - {text: r, goto: b, if: "on_medication(xyz)"}
      - {text: s, goto: b, if: "chose(zz, 1)"}
      - {text: t, goto: b, if: "courage = 1"}
      - {text: u, goto: b, if: "flag && flag"}
      - {text: v, goto: b, if: "'open"}
      - {text: w, goto: b, if: "not not flag and -courage < 0 or flag"}
      - {text: x, goto: b, if: "courage > -flag"}
      - {text: y, goto: b, if: "flag < 1"}
      - {text: z, goto: b, if: "word < 1"}
  b:
    title: B
    text: B
    ending: {kind: good, summary: Done}
"""

CONTROLS = (
    """\
scenes:
  a:
    title: A
    text:
      - "Line\\rback"
      - "Back\\bspace"
      - "Start\\x01here"
    next: b
"""
    + ENDING_B
    + """\
codex:
  lc:
    title: L
    text: T
"""
)

CODEX_AGAIN = """\
codex:
  lc:
    title: Again
    text: T
"""

#: case -> (story.yaml, the pack's other files)
PACKS: dict[str, tuple[str, dict[str, str]]] = {
    "scene shapes": (BASE_STORY, {"s.yaml": SCENE_SHAPES}),
    "value types": (BASE_STORY, {"s.yaml": VALUE_TYPES}),
    "quizzes": (BASE_STORY, {"s.yaml": QUIZZES}),
    "effects": (BASE_STORY, {"s.yaml": EFFECTS}),
    "story.yaml": (BROKEN_STORY, {"s.yaml": ONE_ENDING}),
    "tests and lessons": (
        BASE_STORY,
        {
            "s.yaml": GOOD_SCENES + ENDING_B,
            "tests/t.yaml": WALKTHROUGHS,
            "lessons/a.yaml": LESSON,
            "lessons/b.yaml": LESSON_AGAIN,
        },
    ),
    "texts": (BASE_STORY, {"s.yaml": TEXTS}),
    "mappings": (BASE_STORY, {"s.yaml": MAPPINGS}),
    "expressions": (BASE_STORY, {"s.yaml": EXPRESSIONS}),
    "more expressions": (BASE_STORY, {"s.yaml": MORE_EXPRESSIONS}),
    "format specs": (BASE_STORY, {"s.yaml": FORMAT_SPECS}),
    "controls and an id twice": (BASE_STORY, {"s.yaml": CONTROLS, "t.yaml": CODEX_AGAIN}),
}


def shown(d: Diagnostic) -> Shown:
    return (str(d.loc), d.code, d.message, d.hint)


def reported(root: Path, story: str, files: dict[str, str]) -> list[Shown]:
    root.mkdir()
    (root / "story.yaml").write_text(story, encoding="utf-8")
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return [shown(d) for d in load_pack(root).diagnostics]


EXPECTED: dict[str, list[Shown]] = {
    "scene shapes": [
        (
            "s.yaml:8:5",
            "E033",
            "scene 'a' has both choices and next",
            "a scene has exactly one of choices, next or ending",
        ),
        ("s.yaml:9:3", "E034", "scene 'b' needs choices, next or ending", None),
        ("s.yaml:12:3", "E035", "scene 'c' needs next: after its quiz", None),
        ("s.yaml:24:14", "E039", "scene 'd' has an empty choices list", None),
        ("s.yaml:29:5", "E035", "a quiz scene needs next:, not ending:", None),
    ],
    "value types": [
        ("s.yaml:3:12", "E011", "title must be text, not a list", None),
        ("s.yaml:4:11", "E011", "text must be a list, not a mapping", None),
        (
            "s.yaml:5:11",
            "E030",
            "'1:30' is not a duration (time)",
            "a clock time is not a duration: write 1min 30s, or 1h 30min",
        ),
        (
            "s.yaml:6:14",
            "E014",
            "'Obj' is not a valid objective id",
            (
                "did you mean 'obj'? ids use lower-case letters, digits and _"
                " and start with a letter"
            ),
        ),
        ("s.yaml:10:15", "E011", "once must be true or false, not text ('maybe')", None),
        ("s.yaml:11:15", "E030", "'5' is not a duration (time)", "add a unit, e.g. 5s or 5min"),
        ("s.yaml:12:14", "E011", "choice text is empty", None),
        ("s.yaml:13:16", "E011", "a route entry must be a mapping, not text ('b')", None),
        ("s.yaml:15:15", "E044", "goto: random needs at least one entry", None),
        ("s.yaml:17:15", "E044", "goto is an empty list of routes", None),
        ("s.yaml:19:41", "E017", "weight must be greater than 0", None),
        ("s.yaml:19:61", "E011", "weight must be a number, not text ('x')", None),
        ("s.yaml:23:20", "E011", "ending kind must be good, neutral or bad, not 'great'", None),
    ],
    "quizzes": [
        ("s.yaml:7:18", "E022", "unknown objective 'nope'", None),
        ("s.yaml:8:15", "E011", "points must be a whole number, not a number (2.5)", None),
        ("s.yaml:9:13", "E011", "quiz kind must be recall, apply or read_panel, not 'essay'", None),
        (
            "s.yaml:11:9",
            "E031",
            "a quiz needs exactly one option with correct: true, this one has 2",
            None,
        ),
        ("s.yaml:13:36", "E011", "correct must be true or false, not text ('yes please')", None),
        ("s.yaml:21:16", "E036", "a quiz has 2 to 6 options, this one has 1", None),
        ("s.yaml:22:34", "E012", "lint needs a reason in why:", None),
    ],
    "effects": [
        ("s.yaml:6:24", "E038", "'courage' holds a whole number, not text", None),
        ("s.yaml:6:39", "E038", "'flag' holds true/false, not a whole number", None),
        (
            "s.yaml:6:42",
            "E021",
            "unknown variable 'nerve'",
            "declare it under variables: in story.yaml",
        ),
        (
            "s.yaml:6:58",
            "W044",
            "the curly quotes are part of the value: word becomes “hi”",
            "use straight quotes, or none: word: hi",
        ),
        ("s.yaml:7:15", "E038", "cannot add to 'word': it holds text", None),
        ("s.yaml:7:33", "E038", "add needs a number, not true/false", None),
        (
            "s.yaml:8:24",
            "E038",
            "'courage' holds whole numbers; adding 0.5 would change its type",
            "declare it as 0.0 in story.yaml to hold fractions",
        ),
        (
            "s.yaml:9:32",
            "E040",
            "the expression ends where a value was expected",
            "finish it with a number, a name or a function call",
        ),
        (
            "s.yaml:9:42",
            "E041",
            "expected true/false, but this expression is a number",
            "compare it, e.g. courage > 0",
        ),
        (
            "s.yaml:9:60",
            "E040",
            "'1e300' is not a number",
            "numbers look like 3 or 2.5; durations like 2min are not numbers here",
        ),
        ("s.yaml:10:24", "E017", "body input 'threat' must be between 0 and 1", None),
        (
            "s.yaml:10:37",
            "E011",
            "body input 'exercise' must be a number, not true/false (yes)",
            None,
        ),
        ("s.yaml:10:42", "E029", "'thret' is not a body input", "did you mean 'threat'?"),
        ("s.yaml:10:54", "E029", "'asleep' is not a body input", "did you mean 'sleep'?"),
        ("s.yaml:11:20", "E037", "condition: needs exactly one of add or remove", None),
        ("s.yaml:12:20", "E037", "condition: needs exactly one of add or remove", None),
        ("s.yaml:12:21", "E010", "unknown key 'ad' in condition effect", "did you mean 'add'?"),
        (
            "s.yaml:13:29",
            "E014",
            "'Bad' is not a valid medication id",
            (
                "did you mean 'bad'? ids use lower-case letters, digits and _"
                " and start with a letter"
            ),
        ),
        (
            "s.yaml:14:15",
            "E030",
            "'53w' is too long a time (time)",
            "one step of time goes up to 52w (a year); split longer gaps",
        ),
        (
            "s.yaml:15:15",
            "E030",
            "'soon' is not a duration (time)",
            "write a number and a unit: 30s, 90sec, 2min, 1h, 3d, 2w, or several: 5h20min",
        ),
        ("s.yaml:16:17", "E023", "unknown codex 'nope'", None),
        ("s.yaml:17:16", "E011", "score must be a whole number, not text ('ten')", None),
        ("s.yaml:18:16", "E024", "unknown badge 'shiny'", None),
        (
            "s.yaml:19:16",
            "E014",
            "'5' is not a valid badge id",
            "ids use lower-case letters, digits and _ and start with a letter",
        ),
        (
            "s.yaml:20:9",
            "E010",
            "unknown key 'jump' in an effect",
            "allowed: add, badge, body, codex, compute, condition, medication, score, set, time",
        ),
        (
            "s.yaml:21:9",
            "E037",
            "an effect is a mapping with exactly one key",
            "e.g. - set: {met_guide: true}",
        ),
        (
            "s.yaml:22:9",
            "E037",
            "an effect is a mapping with exactly one key",
            "e.g. - set: {met_guide: true}",
        ),
    ],
    "story.yaml": [
        ("story.yaml:1:9", "E016", "format 2 is not supported; this engine reads format 1", None),
        (
            "story.yaml:2:5",
            "E014",
            "'Test-Pack' is not a valid pack id",
            "ids use lower-case letters, digits and _ and start with a letter",
        ),
        ("story.yaml:3:8", "E011", "title must be text, not a list", None),
        ("story.yaml:4:8", "E020", "unknown scene 'nowhere'", None),
        ("story.yaml:5:6", "E017", "age must be from 5 to 100 years", None),
        (
            "story.yaml:6:12",
            "E053",
            (
                'starts_at: \'Funday 25:00\' is not a time; write "21:00", "Thu'
                ' 18:30" or "day 3 06:00"'
            ),
            None,
        ),
        ("story.yaml:8:3", "E014", "'score' is a reserved name", "choose another name"),
        ("story.yaml:9:9", "E011", "variable 'empty' is empty", None),
        (
            "story.yaml:10:3",
            "E014",
            "'Bad' is not a valid variable name",
            "ids use lower-case letters, digits and _ and start with a letter",
        ),
        ("story.yaml:13:7", "E011", "objective 'o2' must be text, not a list", None),
        ("story.yaml:15:36", "E020", "unknown scene 'elsewhere'", None),
        (
            "story.yaml:15:61",
            "E041",
            "'nonsense' is not a body readout that can be charted (a number)",
            None,
        ),
        (
            "story.yaml:15:71",
            "E041",
            "'asleep' is not a body readout that can be charted (a number)",
            None,
        ),
        (
            "story.yaml:15:79",
            "E041",
            "'moood' is not a body readout that can be charted (a number)",
            "did you mean 'mood'?",
        ),
        ("story.yaml:16:5", "E012", "a storyline needs 'start'", None),
        (
            "story.yaml:17:10",
            "E013",
            "storyline 'line' is defined twice",
            "the first is at story.yaml:15:5",
        ),
        ("story.yaml:17:45", "E017", "age must be from 5 to 100 years", None),
        (
            "story.yaml:19:25",
            "E010",
            "unknown key 'descripton' in badge 'brave'",
            "did you mean 'description'?",
        ),
        ("story.yaml:21:16", "E025", "unknown condition 'flu'", None),
        ("story.yaml:22:17", "E026", "unknown medication 'xyz'", None),
        ("story.yaml:23:20", "E017", "body input 'threat' must be between 0 and 1", None),
    ],
    "tests and lessons": [
        ("lessons/a.yaml:3:13", "E051", "a lesson needs at least one storyline", None),
        ("lessons/a.yaml:4:19", "E022", "unknown objective 'ghost'", None),
        ("lessons/a.yaml:5:12", "E017", "pass_mark is a percentage from 0 to 100", None),
        ("lessons/a.yaml:6:16", "E017", "min_questions cannot be negative", None),
        (
            "lessons/b.yaml:1:5",
            "E013",
            "lesson 'l1' is defined twice",
            "the first is at lessons/a.yaml:1:1",
        ),
        ("lessons/b.yaml:3:20", "E028", "unknown storyline 'nowhere'", None),
        ("lessons/b.yaml:4:13", "E011", "objectives must be a list, not text ('obj')", None),
        ("tests/t.yaml:2:10", "E020", "unknown scene 'nowhere'", None),
        ("tests/t.yaml:3:9", "E011", "seed must be a whole number, not a number (1.5)", None),
        ("tests/t.yaml:5:15", "E050", "choose numbers start at 1", None),
        ("tests/t.yaml:6:15", "E050", "choose takes a number or some of the text", None),
        ("tests/t.yaml:7:15", "E050", "answer takes a whole number or some of the text", None),
        (
            "tests/t.yaml:8:13",
            "E030",
            "'forever' is not a duration (wait)",
            "write a number and a unit: 30s, 90sec, 2min, 1h, 3d, 2w, or several: 5h20min",
        ),
        ("tests/t.yaml:9:23", "E020", "unknown scene 'zz'", None),
        ("tests/t.yaml:9:63", "E011", "disabled must be a list, not text ('Go')", None),
        ("tests/t.yaml:9:74", "E050", "score: 'lots' is not a number", "write e.g. > 100"),
        ("tests/t.yaml:10:32", "E050", "vars.courage: 'x' is not a number", "write e.g. > 100"),
        ("tests/t.yaml:10:39", "E021", "unknown variable 'cuorage'", "did you mean 'courage'?"),
        ("tests/t.yaml:10:57", "E050", "vars.word: write a range as 90..110", None),
        (
            "tests/t.yaml:10:72",
            "E050",
            "vars.ratio: 'high' is not a comparison of numbers",
            "write a number, > 100, <= 140, != 0 or a range such as 90..110",
        ),
        (
            "tests/t.yaml:11:23",
            "E041",
            "'heart_rat' is not a body readout",
            "did you mean 'heart_rate'?",
        ),
        (
            "tests/t.yaml:11:49",
            "E050",
            "body.heart_rate: 'fast' is not a comparison of numbers",
            "write a number, > 100, <= 140, != 0 or a range such as 90..110",
        ),
        ("tests/t.yaml:11:66", "E024", "unknown badge 'nope'", None),
        ("tests/t.yaml:11:80", "E023", "unknown codex 'nada'", None),
        (
            "tests/t.yaml:12:7",
            "E050",
            "a step is a mapping with one key: choose, answer, wait or expect",
            None,
        ),
        (
            "tests/t.yaml:13:7",
            "E010",
            "unknown key 'jump' in a step",
            "allowed: answer, choose, expect, wait",
        ),
        ("tests/t.yaml:14:9", "E011", "name must be text, not a list", None),
        ("tests/t.yaml:16:3", "E012", "a walkthrough test needs 'name'", None),
    ],
    "texts": [
        (
            "s.yaml:3:14",
            "W042",
            "the title ends here: YAML reads ' #' and the rest of the line as a comment",
            "put the whole text in quotes to keep it",
        ),
        (
            "s.yaml:5:14",
            "W042",
            "the paragraph ends here: YAML reads ' #' and the rest of the line as a comment",
            "put the whole text in quotes to keep it",
        ),
        (
            "s.yaml:6:9",
            "E011",
            (
                "this paragraph reads as a key and a value: YAML takes ': ' "
                "in unquoted text as the end of a key"
            ),
            'put the paragraph in quotes: - "Warning: the bear"',
        ),
        (
            "s.yaml:7:24",
            "E040",
            "the expression ends where a value was expected",
            "finish it with a number, a name or a function call",
        ),
        (
            "s.yaml:8:40",
            "W041",
            "{body.heart_rate} is shown as written, braces and all",
            "to show the value, write ${body.heart_rate}",
        ),
        (
            "s.yaml:8:62",
            "W041",
            "{courage} is shown as written, braces and all",
            "to show the value, write ${courage}",
        ),
        (
            "s.yaml:9:15",
            "E007",
            "U+0007 (bell) is a control character; a terminal would obey it",
            "remove it: text may hold new lines and tabs, but no other control codes",
        ),
        (
            "s.yaml:10:20",
            "E042",
            "'q' is not a format spec",
            "e.g. .0f (no decimals), .1f (one decimal), >5 (right-align in 5 columns)",
        ),
        (
            "s.yaml:13:25",
            "E042",
            "the expression ends where a value was expected",
            "finish it with a number, a name or a function call",
        ),
        (
            "s.yaml:17:9",
            "W043",
            "when enabled_if is false the player sees this choice greyed out, with no reason",
            "add hint: to say why (e.g. hint: You are too tired to run.)",
        ),
        ("s.yaml:18:20", "E041", "unknown name nope", "declare it under variables: in story.yaml"),
        ("s.yaml:19:15", "E020", "unknown scene 'bb'", "did you mean 'b'?"),
        ("s.yaml:23:10", "E027", "asset 'missing.txt' is not in the pack's assets/ folder", None),
        (
            "s.yaml:24:14",
            "E052",
            "'body.heart_rat' is not a body readout",
            "did you mean 'heart_rate'?",
        ),
        (
            "s.yaml:24:56",
            "E052",
            "'fatigue' is not a body readout",
            "write body.<readout>, e.g. body.fatigue",
        ),
        (
            "s.yaml:24:85",
            "E052",
            "body.heart_rate: 'fast' is not a comparison of numbers",
            "write a number, > 100, <= 140, != 0 or a range such as 90..110",
        ),
    ],
    "mappings": [
        (
            "s.yaml:17:15",
            "E004",
            "YAML tag 'tag:yaml.org,2002:binary' is not allowed in a story pack",
            None,
        ),
        (
            "s.yaml:1:1",
            "E010",
            "unknown key 'defaults' in a content file",
            "allowed: codex, scenes",
        ),
        ("s.yaml:8:5", "E015", "'title' appears twice in scene 'a'", "the first is at line 7"),
        (
            "s.yaml:10:14",
            "E011",
            "choice text is empty",
            "YAML reads # and what follows as a comment: put the text in quotes",
        ),
        ("s.yaml:14:9", "E010", "unknown key 'tme' in choice 2", "did you mean 'time'?"),
        (
            "s.yaml:18:5",
            "E010",
            "unknown key '7' in scene 'a'",
            (
                "allowed: art, choices, ending, expect, next, on_enter, quiz,"
                " teaches, text, time, title"
            ),
        ),
        ("s.yaml:20:14", "E011", "a merge ('<<') must be a mapping, not a number (5)", None),
        (
            "s.yaml:23:5",
            "E011",
            "scene 'c' must be a mapping, not text ('title The C')",
            "is a colon missing? write title: The C",
        ),
        (
            "s.yaml:24:3",
            "E014",
            "'Dd' is not a valid scene id",
            "ids use lower-case letters, digits and _ and start with a letter",
        ),
        ("s.yaml:33:9", "W003", "entries after this one can never be taken (it has no if)", None),
        (
            "s.yaml:40:10",
            "E032",
            (
                "the last entry of next has an if; when no condition holds "
                "the story has nowhere to go"
            ),
            "end the list with an entry without if: {to: some_scene}",
        ),
        ("s.yaml:44:42", "E010", "unknown key 'extra' in next route", "allowed: random"),
        (
            "s.yaml:45:11",
            "E030",
            "'1e400' is not a duration (time)",
            "write a number and a unit: 30s, 90sec, 2min, 1h, 3d, 2w, or several: 5h20min",
        ),
        ("s.yaml:46:6", "E011", "scene 'h' must be a mapping, not a list", None),
    ],
    "expressions": [
        (
            "s.yaml:6:45",
            "E040",
            "comparisons can't be chained",
            "write two comparisons joined with and, e.g. 0 < x and x < 10",
        ),
        ("s.yaml:7:33", "E041", "max() takes at least 2 arguments, got 0", "write max(a, b, ...)"),
        (
            "s.yaml:7:33",
            "E041",
            "expected true/false, but this expression is a number",
            "compare it, e.g. courage > 0",
        ),
        ("s.yaml:8:46", "E041", "round()'s digits must be a whole number from -15 to 15", None),
        ("s.yaml:9:46", "E041", "round()'s digits must be a whole number from -15 to 15", None),
        (
            "s.yaml:10:38",
            "E041",
            "`+` adds two numbers or joins two strings, not a string and a number",
            "to show a number in text, use a template: ${...}",
        ),
        (
            "s.yaml:11:33",
            "E041",
            "`+` needs a number; this is true/false",
            "true/false is not a number",
        ),
        (
            "s.yaml:12:33",
            "E041",
            "unknown body readout body.heart_rat",
            "did you mean 'body.heart_rate'?",
        ),
        (
            "s.yaml:13:33",
            "E041",
            "expected true/false, but this expression is a number",
            "compare it, e.g. courage > 0",
        ),
        ("s.yaml:13:41", "E041", "unknown scene 'nowhere'", None),
        ("s.yaml:14:33", "E041", "unknown function frobnicate()", None),
        (
            "s.yaml:15:37",
            "E041",
            "`not` needs true/false; this is a number",
            "compare it, e.g. courage > 0",
        ),
        (
            "s.yaml:16:41",
            "E041",
            "`==` compares a number with a string; values of different kinds are never equal",
            "compare values of the same kind",
        ),
        (
            "s.yaml:17:37",
            "E041",
            "abs() needs a number; this is true/false",
            "true/false is not a number",
        ),
        ("s.yaml:18:33", "E040", "this '(' is never closed", "add a ')'"),
        (
            "s.yaml:19:63",
            "E041",
            "only body.<readout> names can contain a dot: word.x",
            "did you mean 'word'?",
        ),
        (
            "s.yaml:20:33",
            "E040",
            "this number is too large",
            "numbers go up to 1,000,000,000,000,000",
        ),
        ("s.yaml:21:33", "E041", "unknown function clamp()", None),
        (
            "s.yaml:25:24",
            "E041",
            "`+` needs a number; this is true/false",
            "true/false is not a number",
        ),
        ("s.yaml:25:32", "E041", "`/` needs a number; this is a string", None),
    ],
    "more expressions": [
        ("s.yaml:6:33", "E041", "unknown function mx()", "did you mean 'max'?"),
        ("s.yaml:7:33", "E041", "unknown function courage()", "courage is a name, not a function"),
        (
            "s.yaml:8:33",
            "E041",
            "expected true/false, but this expression is a number",
            "compare it, e.g. courage > 0",
        ),
        (
            "s.yaml:9:33",
            "E041",
            "expected true/false, but this expression is a number",
            "compare it, e.g. courage > 0",
        ),
        (
            "s.yaml:10:33",
            "E041",
            "expected true/false, but this expression is a number",
            "compare it, e.g. courage > 0",
        ),
        (
            "s.yaml:11:33",
            "E041",
            "expected true/false, but this expression is a string",
            "compare it, e.g. mood == 'calm'",
        ),
        (
            "s.yaml:13:43",
            "E040",
            "unknown escape \\q in a string",
            "only \\' \\\" and \\\\ are escapes",
        ),
        (
            "s.yaml:14:41",
            "E040",
            "visited() needs a scene id here",
            "write the id itself, bare or quoted: visited(my_scene) or visited('my_scene')",
        ),
        ("s.yaml:15:33", "E041", "unknown function visted()", "did you mean 'visited'?"),
        ("s.yaml:16:33", "E041", "chose() takes 2 arguments, got 1", "write chose(scene_id, n)"),
        (
            "s.yaml:17:33",
            "E041",
            "round() takes 1 or 2 arguments, got 3",
            "write round(x) or round(x, digits)",
        ),
        ("s.yaml:18:33", "E041", "abs() takes 1 argument, got 2", "write abs(x)"),
        (
            "s.yaml:19:45",
            "E040",
            "comparisons can't be chained",
            "write two comparisons joined with and, e.g. 0 < x and x < 10",
        ),
        ("s.yaml:20:41", "E040", "this ')' has no matching '('", None),
        ("s.yaml:21:47", "E040", "names are lower case: 'Flu'", "did you mean 'flu'?"),
        ("s.yaml:22:43", "E041", "unknown badge 'shiny'", None),
        ("s.yaml:23:47", "E041", "unknown medication 'xyz'", None),
        ("s.yaml:24:39", "E041", "unknown scene 'zz'", None),
        (
            "s.yaml:25:41",
            "E040",
            "'=' is not an operator of the expression language",
            "to compare, use == (a single = is not part of expressions)",
        ),
        ("s.yaml:26:38", "E040", "'&&' is not an operator of the expression language", "use and"),
        ("s.yaml:27:33", "E040", "this string is never closed", "end it with a matching '"),
        (
            "s.yaml:29:44",
            "E041",
            "`-` needs a number; this is true/false",
            "true/false is not a number",
        ),
        (
            "s.yaml:30:33",
            "E041",
            "`<` compares numbers; this is true/false",
            "true/false can only be compared with == or !=",
        ),
        ("s.yaml:31:33", "E041", "`<` compares numbers; this is a string", None),
    ],
    "format specs": [
        (
            "s.yaml:5:18",
            "E045",
            "ratio is a decimal number: use :.0f",
            ":d shows whole numbers only",
        ),
        (
            "s.yaml:6:17",
            "E045",
            "word is text: :.1f is for numbers",
            "leave out the format, or use :>8",
        ),
        (
            "s.yaml:7:17",
            "E045",
            "flag is true/false: :.2f is for numbers",
            "leave out the format, or use :>8",
        ),
        (
            "s.yaml:8:20",
            "E045",
            "courage is a whole number: :s is for text",
            "use :.0f, or leave out the format",
        ),
        (
            "s.yaml:9:18",
            "E045",
            "ratio is a decimal number: :s is for text",
            "use :.0f, or leave out the format",
        ),
        (
            "s.yaml:10:20",
            "E042",
            (
                "the format spec 'c' turns a number into a character, which "
                "may be a terminal control code"
            ),
            "show the number itself (d) or write the character in the text",
        ),
        (
            "s.yaml:11:21",
            "E042",
            "the number 999 in the format spec is too large",
            "widths and precisions go up to 200",
        ),
        (
            "s.yaml:12:20",
            "E042",
            "'.2q' is not a format spec",
            "e.g. .0f (no decimals), .1f (one decimal), >5 (right-align in 5 columns)",
        ),
        (
            "s.yaml:14:20",
            "W040",
            ":.1% multiplies courage by 100 and adds % (72 shows as 7200.0%)",
            "use :.1f and write % after the placeholder",
        ),
        (
            "s.yaml:15:26",
            "E045",
            "(courage / 2) is a decimal number: use :.0f",
            ":d shows whole numbers only",
        ),
        (
            "s.yaml:16:46",
            "E045",
            "round(ratio, 1) is a decimal number: use :.0f",
            ":d shows whole numbers only",
        ),
        (
            "s.yaml:17:24",
            "E045",
            "chose(a, 1) is true/false: :.1f is for numbers",
            "leave out the format, or use :>8",
        ),
        (
            "s.yaml:18:19",
            "E045",
            "-ratio is a decimal number: use :.0f",
            ":x shows whole numbers only",
        ),
        (
            "s.yaml:18:33",
            "E045",
            "not flag is true/false: :.1f is for numbers",
            "leave out the format, or use :>8",
        ),
        (
            "s.yaml:19:49",
            "E045",
            "max(ratio, 1) is a decimal number: use :.0f",
            ":d shows whole numbers only",
        ),
        (
            "s.yaml:19:74",
            "E045",
            "max(courage, ratio) is a decimal number: use :.0f",
            ":o shows whole numbers only",
        ),
        (
            "s.yaml:20:20",
            "E041",
            "`+` adds two numbers or joins two strings, not a number and a string",
            "to show a number in text, use a template: ${...}",
        ),
        (
            "s.yaml:20:27",
            "E045",
            "courage + word is text: :d is for numbers",
            "leave out the format, or use :>8",
        ),
        (
            "s.yaml:21:28",
            "E045",
            "body.heart_rate is a decimal number: use :.0f",
            ":d shows whole numbers only",
        ),
        (
            "s.yaml:21:46",
            "E045",
            "body.lc_mode is text: :.1f is for numbers",
            "leave out the format, or use :>8",
        ),
        (
            "s.yaml:22:33",
            "E045",
            "minutes is a whole number: :s is for text",
            "use :.0f, or leave out the format",
        ),
        (
            "s.yaml:22:53",
            "E045",
            "clock is text: :d is for numbers",
            "leave out the format, or use :>8",
        ),
        (
            "s.yaml:23:29",
            "E045",
            "has_badge(brave) is true/false: :.1f is for numbers",
            "leave out the format, or use :>8",
        ),
        (
            "s.yaml:25:17",
            "E045",
            ":, cannot show word (text)",
            "e.g. .0f (no decimals), .1f (one decimal), >5 (right-align in 5 columns)",
        ),
        (
            "s.yaml:26:28",
            "W040",
            ":.2 can show body.heart_rate in scientific notation (97.39 as 9.7e+01)",
            "use :.2f for a fixed number of decimals",
        ),
        (
            "s.yaml:26:50",
            "W040",
            ":.3g can show body.heart_rate in scientific notation (123456.7 as 1.23e+05)",
            "use :.3f for a fixed number of decimals",
        ),
        (
            "s.yaml:27:24",
            "W040",
            ":.2 can show (ratio * 2) in scientific notation (97.39 as 9.7e+01)",
            "use :.2f for a fixed number of decimals",
        ),
        (
            "s.yaml:27:40",
            "W040",
            ":.0% multiplies body.mood by 100 and adds % (97.39 shows as 9739%)",
            "use :.0f and write % after the placeholder",
        ),
    ],
    "controls and an id twice": [
        (
            "s.yaml:5:14",
            "E007",
            "U+000D (carriage return) is a control character; a terminal would obey it",
            "remove it: text may hold new lines and tabs, but no other control codes",
        ),
        (
            "s.yaml:6:14",
            "E007",
            "U+0008 (backspace) is a control character; a terminal would obey it",
            "remove it: text may hold new lines and tabs, but no other control codes",
        ),
        (
            "s.yaml:7:15",
            "E007",
            "U+0001 is a control character; a terminal would obey it",
            "remove it: text may hold new lines and tabs, but no other control codes",
        ),
        ("t.yaml:2:3", "E013", "codex entry 'lc' is defined twice", "the first is at s.yaml:14:3"),
    ],
}


@pytest.mark.parametrize("case", list(PACKS))
def test_each_mistake_is_reported_in_its_words_at_its_place(tmp_path: Path, case: str) -> None:
    story, files = PACKS[case]
    assert reported(tmp_path / "pack", story, files) == EXPECTED[case]


# --- YAML that does not parse, and files that are not UTF-8 -----------------------

#: The beginner's YAML mistakes of tests/story/test_yaml_errors.py and more,
#: each with the one diagnostic it gives, word for word.
YAML_MISTAKES: Mapping[str, tuple[str, Shown]] = {
    name: (content, explained)
    for (name, content, *_), explained in zip(
        YAML_ERROR_CASES,
        [
            ("scenes.yaml:4:1", "E001", "line 4 starts with a tab", TAB_HINT),
            (
                "scenes.yaml:3:10",
                "E001",
                "'title The Sprint' has no colon after title",
                "write title: The Sprint",
            ),
            ("scenes.yaml:8:10", "E001", "'title B' has no colon after title", "write title: B"),
            (
                "scenes.yaml:3:5",
                "E011",
                "scene 'a' must be a mapping, not text ('title The Sprint')",
                "is a colon missing? write title: The Sprint",
            ),
            (
                "scenes.yaml:7:11",
                "E001",
                "goto is indented more than text above it",
                "line goto up with text (8 spaces)",
            ),
            (
                "scenes.yaml:7:8",
                "E001",
                "goto is indented less than text above it",
                "line it up with line 6 (8 spaces)",
            ),
            (
                "scenes.yaml:8:6",
                "E001",
                "this - item is indented less than the - on line 6",
                "line it up with line 6 (6 spaces)",
            ),
            (
                "scenes.yaml:4:18",
                "E001",
                "this text contains ': ', which YAML reads as a new key",
                'put this text in quotes: text: "Warning: the bear"',
            ),
            (
                "scenes.yaml:4:11",
                "E001",
                "a value starting with > is read as a folded text block",
                'put this text in quotes: text: "> 100 beats"',
            ),
            (
                "scenes.yaml:4:11",
                "E001",
                "a value starting with * is read as an alias (a reference to an anchor)",
                'put this text in quotes: text: "*Run* now"',
            ),
            (
                "scenes.yaml:4:11",
                "E001",
                "text starting with [ is read as a list",
                'put the whole text in quotes: text: "[bold]Hi[/bold] there"',
            ),
            ("scenes.yaml:4:11", "E001", CURLY_MESSAGE, CURLY_HINT),
            (
                "scenes.yaml:4:11",
                "E001",
                'this " is never closed',
                'end the text with a " on the same line, or remove this one',
            ),
            (
                "scenes.yaml:4:11",
                "E001",
                "quoted text must end at its closing quote",
                'put the whole text in quotes: text: "\\"Hi\\" she said"',
            ),
            (
                "scenes.yaml:5:14",
                "E001",
                "this [ is never closed with ]",
                "close it with ] on the same line, or put the whole text in quotes",
            ),
            (
                "scenes.yaml:5:5",
                "E001",
                "a - list item cannot stand among the keys of a mapping (after text)",
                "put the list under its own key, indented more (e.g. choices:)",
            ),
        ],
        strict=True,
    )
} | {
    "brace never closed": (
        SCENE_HEAD + "    title: A\n    text: Hi\n    ending: {kind: good, summary: Done\n",
        (
            "scenes.yaml:5:13",
            "E001",
            "this { is never closed with }",
            "close it with } on the same line, or put the whole text in quotes",
        ),
    ),
    "value starting with @": (
        SCENE_HEAD + "    title: A\n    text: @home now\n" + CHOICE + GOOD_END,
        (
            "scenes.yaml:4:11",
            "E001",
            "a value starting with @ is read as a reserved character",
            'put this text in quotes: text: "@home now"',
        ),
    ),
    "value starting with `": (
        SCENE_HEAD + "    title: A\n    text: `code` now\n" + CHOICE + GOOD_END,
        (
            "scenes.yaml:4:11",
            "E001",
            "a value starting with ` is read as a reserved character",
            'put this text in quotes: text: "`code` now"',
        ),
    ),
    "value starting with %": (
        SCENE_HEAD + "    title: A\n    text: %50 now\n" + CHOICE + GOOD_END,
        (
            "scenes.yaml:4:11",
            "E001",
            "a value starting with % is read as a directive",
            'put this text in quotes: text: "%50 now"',
        ),
    ),
    "a paragraph starting with |": (
        SCENE_HEAD + "    title: A\n    text:\n      - |x bad\n" + CHOICE + GOOD_END,
        (
            "scenes.yaml:5:9",
            "E001",
            "a value starting with | is read as a literal text block",
            'put this text in quotes: "|x bad"',
        ),
    ),
    "an alias of no anchor": (
        SCENE_HEAD + "    title: A\n    text: *nothing\n" + CHOICE + GOOD_END,
        (
            "scenes.yaml:4:11",
            "E001",
            "a value starting with * is read as an alias (a reference to an anchor)",
            'put this text in quotes: text: "*nothing"',
        ),
    ),
    "key indented deeper than the one above": (
        "scenes:\n  a:\n    title: A\n      text: Hi\n" + CHOICE + GOOD_END,
        (
            "scenes.yaml:4:7",
            "E001",
            "text is indented more than title above it",
            "line text up with title (4 spaces)",
        ),
    ),
    "list item indented too deep": (
        SCENE_HEAD
        + "    title: A\n    text: Hi\n"
        + CHOICE
        + "       - text: Stay\n         goto: a\n",
        (
            "scenes.yaml:8:8",
            "E001",
            "this - item is indented more than the - on line 6",
            "line it up with line 6 (6 spaces)",
        ),
    ),
    "single quote never closed": (
        SCENE_HEAD + "    title: A\n    text: 'Hello\n" + CHOICE + GOOD_END,
        (
            "scenes.yaml:4:11",
            "E001",
            "this ' is never closed",
            "end the text with a ' on the same line, or remove this one",
        ),
    ),
    "braced text goes on": (
        SCENE_HEAD + "    title: A\n    text: {x} and more\n" + CHOICE + GOOD_END,
        (
            "scenes.yaml:4:11",
            "E001",
            "text starting with { is read as a mapping",
            'put the whole text in quotes: text: "{x} and more"',
        ),
    ),
    "tab further down": (
        SCENE_HEAD + "    title: A\n    text: Hi\n    choices:\n      - text: Go\n\t\tgoto: b\n",
        ("scenes.yaml:7:1", "E001", "line 7 starts with a tab", TAB_HINT),
    ),
    "curly single quotes": (
        SCENE_HEAD + "    title: A\n    text: \u2018Run: now\u2019\n" + CHOICE + GOOD_END,
        ("scenes.yaml:4:11", "E001", CURLY_MESSAGE, CURLY_HINT),
    ),
    "an item too shallow below a comment and a blank line": (
        SCENE_HEAD
        + "    title: A\n    text: Hi\n"
        + CHOICE
        + "        # another way\n\n     - text: Stay\n        goto: a\n",
        (
            "scenes.yaml:10:6",
            "E001",
            "this - item is indented less than the - on line 6",
            "line it up with line 6 (6 spaces)",
        ),
    ),
    "a list item among keys below a comment": (
        SCENE_HEAD
        + "    title: A\n    text: Hi\n    # the way on\n    - text: Go\n      goto: b\n",
        (
            "scenes.yaml:6:5",
            "E001",
            "a - list item cannot stand among the keys of a mapping (after text)",
            "put the list under its own key, indented more (e.g. choices:)",
        ),
    ),
    "a key too deep below a comment": (
        "scenes:\n  a:\n    title: A\n    text: Hi\n    # note\n      next: b\n",
        (
            "scenes.yaml:6:7",
            "E001",
            "next is indented more than text above it",
            "line it up with line 4 (4 spaces)",
        ),
    ),
    "a key without its colon at the top": (
        "scenes\n  a: 1\n",
        ("scenes.yaml:1:7", "E001", "'scenes' has no colon after scenes", "write scenes:"),
    ),
    "a list item on its key's line": (
        "scenes:\n  a:\n    title: A\n    text: - item\n",
        (
            "scenes.yaml:4:11",
            "E001",
            "a - list cannot start on the same line as text:",
            "put - item on the next line, indented under text:, or, if the text itself"
            ' begins with a dash, quote it: text: "- item"',
        ),
    ),
    "a list of choices on its key's line": (
        "scenes:\n  a:\n    title: A\n    choices: - text: Go\n",
        (
            "scenes.yaml:4:14",
            "E001",
            "a - list cannot start on the same line as choices:",
            "put - text: Go on the next line, indented under choices:",
        ),
    ),
}


@pytest.mark.parametrize("case", list(YAML_MISTAKES))
def test_each_yaml_mistake_is_explained_in_full(tmp_path: Path, case: str) -> None:
    content, explained = YAML_MISTAKES[case]
    assert reported(tmp_path / "pack", BASE_STORY, {"scenes.yaml": content}) == [explained]


ENCODED = "scenes:\n  a:\n    title: \u201cHi\u201d Caf\u00e9\n    text: Hi\n" + GOOD_END
SAVE_AS = "save the file as UTF-8 (in your editor: Save As, Encoding: UTF-8)"
#: Bytes of a file saved in another encoding -> what the author is told.
#: Scene ``a``, which story.yaml starts at, is still found in each.
ENCODINGS: dict[str, tuple[bytes, str, str]] = {
    "UTF-16 with its mark": (
        ENCODED.encode("utf-16"),
        "scenes.yaml:1:1",
        "this file is saved as UTF-16 (it starts with a UTF-16 mark)",
    ),
    "UTF-32 with its mark": (
        ENCODED.encode("utf-32"),
        "scenes.yaml:1:1",
        "this file is saved as UTF-32 (it starts with a UTF-32 mark)",
    ),
    "UTF-16, little end first, without a mark": (
        ENCODED.encode("utf-16-le"),
        "scenes.yaml:1:1",
        "this file is saved as UTF-16 (every other byte is zero)",
    ),
    "UTF-16, big end first, without a mark": (
        ENCODED.encode("utf-16-be"),
        "scenes.yaml:1:1",
        "this file is saved as UTF-16 (every other byte is zero)",
    ),
    "Windows-1252": (
        ENCODED.encode("cp1252"),
        "scenes.yaml:3:12",
        "byte 0x93 is not UTF-8: the file looks saved as Windows-1252 (where that byte is '“')",
    ),
    "Latin-1": (
        ENCODED.replace("\u201c", '"').replace("\u201d", '"').encode("latin-1"),
        "scenes.yaml:3:20",
        "byte 0xe9 is not UTF-8: the file looks saved as Latin-1 (where that byte is 'é')",
    ),
    "Latin-1 with a byte Windows-1252 leaves out": (
        b"scenes:\n  a:\n    title: x\x81y\n",
        "scenes.yaml:3:13",
        "byte 0x81 is not UTF-8: the file looks saved as Latin-1 (where that byte is '\\x81')",
    ),
}


@pytest.mark.parametrize("case", list(ENCODINGS))
def test_a_file_in_another_encoding_is_named_and_its_scenes_still_found(
    tmp_path: Path, case: str
) -> None:
    raw, where, message = ENCODINGS[case]
    root = tmp_path / "pack"
    root.mkdir()
    (root / "story.yaml").write_text(BASE_STORY, encoding="utf-8")
    (root / "scenes.yaml").write_bytes(raw)
    assert [shown(d) for d in load_pack(root).diagnostics] == [(where, "E002", message, SAVE_AS)]
