"""Every diagnostic code `locus check` can print is proven by a pack that
triggers it at a stated file, line and column.

The codes come from their single source, ``game.authoring.check.ALL_CODES``
(the descriptor registry of game/story/diagnostics.py and the ``DESCRIPTORS``
of the analysis, item-writing and assessment modules). A new code fails here
until ``TRIGGERS`` has an entry for it; a code emitted in several places
(E017: a body input, a random weight, a pass mark...) lists one trigger for
each.
tests/story/test_loader_diagnostics.py and tests/authoring/test_check.py
check the messages and hints; this file guards that none is forgotten.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from game.authoring.check import ALL_CODES, check_pack
from game.story.safe_read import MAX_ASSET_BYTES
from game.story.yamlnodes import MAX_FILE_BYTES, MAX_TEXT_CHARS
from tests.authoring.test_assessment import LESSON as LESSON_PATHS
from tests.authoring.test_assessment import ONE_OBJECTIVE, OUTSIDE_SCENES
from tests.authoring.test_assessment import SCENES as PATH_SCENES
from tests.authoring.test_assessment import STORY as PATH_STORY
from tests.authoring.test_check import SCENES as ANALYSIS_SCENES
from tests.authoring.test_check import STORY as ANALYSIS_STORY
from tests.authoring.test_check import TRAP
from tests.authoring.test_items import SCENES as ITEM_SCENES
from tests.authoring.test_items import STORY as ITEM_STORY
from tests.authoring.test_items import with_lint
from tests.conftest import BASE_STORY
from tests.story.test_loader_diagnostics import GOOD, QUIZ, alias_bomb

HOW_TO_ADD = """\
{code} ({description}) has no trigger. Add to TRIGGERS in {file}:

    "{code}": (Trigger("<file>:<line>:<col>", {{"<file>": "<YAML that makes it>"}}),),

with the position `locus check` must report (line 0, col 0: the whole file),
for each place in the code that emits {code}. good(old, new) is the GOOD
scenes of tests/story/test_loader_diagnostics.py with one text replaced."""


@dataclass(frozen=True)
class Trigger:
    """A pack that makes `locus check` report a code, and where it must point.
    ``at`` is ``path:line:col`` as reported (``{root}`` stands for the pack
    folder); ``files`` are the pack's files besides story.yaml, text or bytes
    (``../name`` is written beside the pack); ``links`` are symbolic links,
    name -> target; ``sockets`` are Unix sockets, files that cannot be opened."""

    at: str
    files: Mapping[str, str | bytes] = field(default_factory=dict)
    story: str | None = BASE_STORY
    links: Mapping[str, str] = field(default_factory=dict)
    sockets: tuple[str, ...] = ()

    def write(self, root: Path) -> Path:
        root.mkdir()
        files = dict(self.files)
        if self.story is not None:
            files.setdefault("story.yaml", self.story)
        for name, content in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        for name, target in self.links.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            os.symlink(root / target, root / name)
        for name in self.sockets:
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            with socket.socket(socket.AF_UNIX) as listener:
                listener.bind(str(root / name))  # the file stays after close
        return root


def good(old: str = "", new: str = "", extra: str = "") -> dict[str, str]:
    """The valid GOOD scenes with ``old`` replaced by ``new``, as s.yaml."""
    assert old in GOOD
    return {"s.yaml": GOOD.replace(old, new, 1) + extra}


def on_enter(effect: str) -> dict[str, str]:
    """GOOD with one on_enter effect in scene a (the effect is on line 5)."""
    return good("    title: A\n", f"    title: A\n    on_enter:\n      - {effect}\n")


def expect(value: str) -> dict[str, str]:
    """GOOD with scene a's ``expect:`` (on line 4) set to ``value``."""
    return good("    title: A\n", f"    title: A\n    expect: {value}\n")


QUIZ_QUESTION = "      question: What does the heart do in danger?\n"  # line 10 of ITEM_SCENES
#: GOOD whose scene a shows assets/bear.txt (the art: line is s.yaml:4:10);
#: each trigger adds the art file it needs.
ART_REF = good("    title: A\n", "    title: A\n    art: bear.txt\n")


def long_text_by_aliases() -> str:
    """Scenes sharing one anchored text, more text in all than MAX_TEXT_CHARS."""
    size = 100_000
    count = MAX_TEXT_CHARS // size + 2
    lines = ["scenes:", f"  t0: {{title: T, text: &t {'x' * size}, next: t0}}"]
    lines += [f"  t{i}: {{title: T, text: *t, next: t0}}" for i in range(1, count)]
    return "\n".join(lines) + "\n"


ANALYSIS = {"scenes.yaml": ANALYSIS_SCENES, "assets/unused.txt": "art"}


def analysis(at: str) -> Trigger:
    """The pack of tests/authoring/test_check.py, which has every analysis warning."""
    return Trigger(at, ANALYSIS, story=ANALYSIS_STORY)


TRIGGERS: dict[str, tuple[Trigger, ...]] = {
    "E001": (Trigger("bad.yaml:2:6", {**good(), "bad.yaml": "scenes:\n  a: [1, 2\n"}),),
    "E002": (Trigger("bad.yaml:3:11", {**good(), "bad.yaml": b"scenes:\n  x:\n    t: caf\xe9\n"}),),
    "E003": (
        Trigger("big.yaml:0:0", {**good(), "big.yaml": b"#" * (MAX_FILE_BYTES + 1)}),
        Trigger("s.yaml:4:10", {**ART_REF, "assets/bear.txt": "x" * (MAX_ASSET_BYTES + 1)}),
    ),
    "E004": (
        Trigger("s.yaml:3:12", good("    title: A\n", "    title: !!python/name:os.system\n")),
    ),
    "E005": (
        Trigger("bomb.yaml:5:26", {**good(), "bomb.yaml": alias_bomb()}),
        Trigger("long.yaml:2:24", {**good(), "long.yaml": long_text_by_aliases()}),
    ),
    "E006": (
        Trigger("sock.yaml:0:0", good(), sockets=("sock.yaml",)),
        Trigger("s.yaml:4:10", ART_REF, sockets=("assets/bear.txt",)),
    ),
    "E007": (
        Trigger("s.yaml:4:18", good("    text: Hello\n", '    text: "Hello \\e[31m red"\n')),
        Trigger("assets/bear.txt:2:3", {**ART_REF, "assets/bear.txt": "ok\nno\x1b[2J\n"}),
    ),
    "E008": (
        Trigger(
            "out.yaml:0:0",
            {**good(), "../outside.yaml": "scenes: {}\n"},
            links={"out.yaml": "../outside.yaml"},
        ),
        Trigger(
            "s.yaml:4:10",
            {**ART_REF, "../bear.txt": "art"},
            links={"assets/bear.txt": "../bear.txt"},
        ),
    ),
    "E010": (Trigger("s.yaml:4:5", good("    title: A\n", "    title: A\n    tittle: X\n")),),
    "E011": (
        Trigger("s.yaml:4:11", good("    text: Hello\n", "    text: {a: 1}\n")),
        Trigger(  # a paragraph with ': ' that YAML read as a key and a value
            "s.yaml:5:9", good("    text: Hello\n", "    text:\n      - Warning: the bear.\n")
        ),
        Trigger(  # a quiz kind that does not exist
            "scenes.yaml:11:13",
            {
                "scenes.yaml": ITEM_SCENES.replace(
                    QUIZ_QUESTION, QUIZ_QUESTION + "      kind: essay\n"
                )
            },
            story=ITEM_STORY,
        ),
        Trigger(  # a lint code that is not a warning code
            "scenes.yaml:11:22",
            {"scenes.yaml": with_lint("{allow: [longest], why: because}")},
            story=ITEM_STORY,
        ),
    ),
    "E012": (
        Trigger("s.yaml:3:5", good("    title: A\n", "")),
        Trigger("story.yaml:1:1", good(), story="# nothing but a comment\n"),
        Trigger(  # lint without why
            "scenes.yaml:11:13", {"scenes.yaml": with_lint("{allow: [W060]}")}, story=ITEM_STORY
        ),
    ),
    "E013": (
        Trigger(
            "t.yaml:2:3",
            {**good(), "t.yaml": "scenes:\n  b: {title: B, text: x, ending: {kind: bad}}\n"},
        ),
    ),
    "E014": (Trigger("s.yaml:8:3", good("  b:\n", "  Bad-Id:\n")),),
    "E015": (Trigger("s.yaml:4:5", good("    title: A\n", "    title: A\n    title: A2\n")),),
    "E016": (
        Trigger("story.yaml:1:9", good(), story=BASE_STORY.replace("format: 1", "format: 2")),
    ),
    "E017": (
        Trigger("s.yaml:5:24", on_enter("body: {threat: 1.5}")),
        Trigger(
            "s.yaml:7:41",
            good("        goto: b\n", "        goto: {random: [{to: b, weight: 0}]}\n"),
        ),
        Trigger("s.yaml:5:24", on_enter("body: {threat: .inf}")),  # not finite
        Trigger("s.yaml:5:24", on_enter("add: {courage: 0x" + "f" * 5000 + "}")),  # too large
        Trigger("story.yaml:16:6", good(), story=BASE_STORY + "age: 3\n"),
        Trigger(
            "lessons/l.yaml:5:12",
            {
                **good(),
                "lessons/l.yaml": "id: l\ntitle: L\nstorylines: [line]\nobjectives: [obj]\n"
                "pass_mark: 120\n",
            },
        ),
        Trigger(
            "lessons/l.yaml:6:16",
            {"scenes.yaml": PATH_SCENES, "lessons/l.yaml": LESSON_PATHS + "min_questions: -1\n"},
            story=PATH_STORY,
        ),
    ),
    "E020": (Trigger("s.yaml:7:15", good("goto: b", "goto: bb")),),
    "E021": (Trigger("s.yaml:5:15", on_enter("set: {couarge: 1}")),),
    "E022": (
        Trigger("s.yaml:4:15", good("    title: A\n", "    title: A\n    teaches: [objx]\n")),
    ),
    "E023": (Trigger("s.yaml:5:16", on_enter("codex: nope")),),
    "E024": (Trigger("s.yaml:5:16", on_enter("badge: bravee")),),
    "E025": (Trigger("s.yaml:5:26", on_enter("condition: {add: parkinson}")),),
    "E026": (Trigger("s.yaml:5:29", on_enter("medication: {start: snr}")),),
    "E027": (Trigger("s.yaml:4:10", good("    title: A\n", "    title: A\n    art: bear.txt\n")),),
    "E028": (
        Trigger(
            "lessons/l.yaml:3:14",
            {**good(), "lessons/l.yaml": "id: l\ntitle: L\nstorylines: [lin]\nobjectives: [obj]\n"},
        ),
    ),
    "E029": (Trigger("s.yaml:5:16", on_enter("body: {thret: 1}")),),
    "E030": (
        Trigger("s.yaml:4:11", good("    title: A\n", "    title: A\n    time: 5 minutes\n")),
        Trigger("s.yaml:4:11", good("    title: A\n", "    title: A\n    time: 53w\n")),
    ),
    "E031": (Trigger("s.yaml:19:9", good(extra=QUIZ)),),
    "E032": (
        Trigger(
            "s.yaml:8:14",
            good("        goto: b\n", "        goto:\n          - {if: flag, to: b}\n"),
        ),
    ),
    "E033": (Trigger("s.yaml:12:5", good("    ending:", "    next: a\n    ending:")),),
    "E034": (Trigger("s.yaml:8:3", good("    ending: {kind: good, summary: Done}\n", "")),),
    "E035": (Trigger("s.yaml:12:3", good(extra=QUIZ.replace("    next: b\n", ""))),),
    "E036": (
        Trigger(
            "s.yaml:19:9", good(extra=QUIZ.replace("        - {text: two, correct: true}\n", ""))
        ),
    ),
    "E037": (Trigger("s.yaml:5:9", on_enter("{score: 1, badge: brave}")),),
    "E038": (Trigger("s.yaml:5:21", on_enter("set: {flag: 3}")),),
    "E039": (
        Trigger(
            "s.yaml:5:14",
            good("    choices:\n      - text: Go\n        goto: b\n", "    choices: []\n"),
        ),
    ),
    "E040": (
        Trigger(
            "s.yaml:8:23", good("        goto: b\n", '        goto: b\n        if: "courage >"\n')
        ),
        Trigger(  # a number too large
            "s.yaml:8:24",
            good(
                "        goto: b\n", '        goto: b\n        if: "courage > 10000000000000001"\n'
            ),
        ),
    ),
    "E041": (
        Trigger(
            "s.yaml:8:14", good("        goto: b\n", '        goto: b\n        if: "courag > 1"\n')
        ),
        Trigger("s.yaml:5:28", on_enter('compute: {courage: "1000000000000000 * 10"}')),
        Trigger(  # a storyline's chart names a readout that is not one
            "story.yaml:13:47",
            good(),
            story=BASE_STORY.replace("start: a}", "start: a, chart: [moood]}"),
        ),
    ),
    "E042": (
        Trigger("s.yaml:4:18", good("    text: Hello\n", '    text: "Hello ${courage"\n')),
        Trigger("s.yaml:4:28", good("    text: Hello\n", '    text: "Hello ${courage:c}"\n')),
    ),
    "E043": (Trigger("{root}:0:0", good(), story=None),),
    "E044": (
        Trigger("s.yaml:7:15", good("        goto: b\n", "        goto: []\n")),
        Trigger("s.yaml:7:15", good("        goto: b\n", "        goto: {random: []}\n")),
    ),
    "E045": (
        Trigger(
            "s.yaml:4:36", good("    text: Hello\n", '    text: "Pulse ${body.heart_rate:d}"\n')
        ),
    ),
    "E050": (
        Trigger(
            "tests/t.yaml:3:13", {**good(), "tests/t.yaml": "name: t\nsteps:\n  - choose: 0\n"}
        ),
        Trigger(  # a number compared with words
            "tests/t.yaml:3:33",
            {
                **good(),
                "tests/t.yaml": "name: t\nsteps:\n"
                '  - expect: {body: {heart_rate: "more than 100"}}\n',
            },
        ),
    ),
    "E051": (
        Trigger(
            "lessons/l.yaml:3:13",
            {**good(), "lessons/l.yaml": "id: l\ntitle: L\nstorylines: []\nobjectives: [obj]\n"},
        ),
    ),
    "E052": (
        Trigger("s.yaml:4:14", expect("{fatigue: '> 1'}")),  # not body.<readout>
        Trigger("s.yaml:4:28", expect("{body.lc_mode: rising}")),  # a text readout
        Trigger("s.yaml:4:28", expect("{body.fatigue: '> lots'}")),  # not a number
        Trigger("s.yaml:4:28", expect("{body.fatigue: '1..x'}")),  # not a range
        Trigger("s.yaml:4:28", expect("{body.fatigue: very}")),  # a word for a number
    ),
    "E053": (
        Trigger("story.yaml:16:12", good(), story=BASE_STORY + 'starts_at: "25:00"\n'),
        Trigger(
            "story.yaml:13:50",
            good(),
            story=BASE_STORY.replace("start: a}", "start: a, starts_at: noon}"),
        ),
    ),
    "W002": (Trigger("empty.yaml:1:1", {**good(), "empty.yaml": "{}\n"}),),
    "W003": (
        Trigger(
            "s.yaml:8:13",
            good(
                "        goto: b\n",
                "        goto:\n          - {to: b}\n          - {if: flag, to: a}\n",
            ),
        ),
    ),
    "W040": (
        Trigger(
            "s.yaml:4:36", good("    text: Hello\n", '    text: "Pulse ${body.heart_rate:.0}"\n')
        ),
    ),
    "W041": (
        Trigger(
            "s.yaml:4:28",
            good("    text: Hello\n", "    text: Your heart beats {body.heart_rate} times.\n"),
        ),
    ),
    "W042": (
        Trigger(
            "s.yaml:4:16",
            good("    text: Hello\n", "    text: Room #4 is open. You are number #1 fan\n"),
        ),
    ),
    "W043": (
        Trigger(
            "s.yaml:8:9",
            good("        goto: b\n", '        goto: b\n        enabled_if: "courage > 1"\n'),
        ),
    ),
    "W044": (Trigger("s.yaml:5:21", on_enter("set: {word: \u201ccalm\u201d}")),),
    "W010": (analysis("scenes.yaml:48:3"),),
    "W011": (analysis("scenes.yaml:58:3"),),
    "W012": (
        Trigger(
            "trap.yaml:2:3",
            {
                "scenes.yaml": ANALYSIS_SCENES.replace(
                    "      - text: Stuck\n",
                    "      - text: Trap\n        goto: trap\n      - text: Stuck\n",
                ),
                "trap.yaml": TRAP,
            },
            story=ANALYSIS_STORY,
        ),
    ),
    "W013": (analysis("scenes.yaml:35:3"),),
    "W014": (analysis("scenes.yaml:25:3"),),
    "W015": (analysis("story.yaml:11:3"),),
    "W016": (analysis("story.yaml:10:3"),),
    "W017": (analysis("story.yaml:7:3"),),
    "W018": (analysis("story.yaml:6:3"),),
    "W019": (analysis("scenes.yaml:67:3"),),
    "W020": (analysis("assets/unused.txt:0:0"),),
    "W021": (analysis("scenes.yaml:17:12"),),
    "W022": (analysis("scenes.yaml:39:14"),),
    "W023": (analysis("story.yaml:15:3"),),
    **{
        code: (Trigger(at, {"scenes.yaml": ITEM_SCENES}, story=ITEM_STORY),)
        for code, at in (
            ("W060", "scenes.yaml:13:11"),
            ("W061", "scenes.yaml:25:7"),
            ("W062", "scenes.yaml:43:11"),
            ("W063", "scenes.yaml:82:7"),
            ("W064", "scenes.yaml:55:7"),
            ("W065", "scenes.yaml:74:11"),
            ("W066", "scenes.yaml:71:11"),
        )
    },
    "W067": (
        Trigger(
            "scenes.yaml:11:13",
            {"scenes.yaml": with_lint('{allow: [W099], why: "no such check"}')},
            story=ITEM_STORY,
        ),
    ),
    "W068": (
        Trigger(
            "scenes.yaml:11:13",
            {"scenes.yaml": with_lint('{allow: [W064], why: "was a true/false question"}')},
            story=ITEM_STORY,
        ),
    ),
    "W070": (
        Trigger(
            "lessons/l.yaml:4:14",
            {"scenes.yaml": PATH_SCENES, "lessons/l.yaml": LESSON_PATHS},
            story=PATH_STORY,
        ),
    ),
    "W071": (
        Trigger(
            "lessons/l.yaml:1:1",
            {"scenes.yaml": OUTSIDE_SCENES, "lessons/l.yaml": ONE_OBJECTIVE},
            story=PATH_STORY,
        ),
    ),
    "W072": (
        Trigger(
            "lessons/l.yaml:1:1",
            {"scenes.yaml": PATH_SCENES, "lessons/l.yaml": LESSON_PATHS},
            story=PATH_STORY,
        ),
    ),
}


@pytest.mark.parametrize("code", sorted(ALL_CODES))
def test_every_code_is_triggered_at_its_position(code: str, tmp_path: Path) -> None:
    triggers = TRIGGERS.get(code)
    assert triggers, HOW_TO_ADD.format(
        code=code, description=ALL_CODES[code], file=f"tests/authoring/{Path(__file__).name}"
    )
    for index, trigger in enumerate(triggers):
        root = trigger.write(tmp_path / f"pack{index}")
        found = [
            f"{d.loc.path}:{d.loc.line}:{d.loc.col}" for d in check_pack(root) if d.code == code
        ]
        expected = trigger.at.format(root=root)
        assert expected in found, f"{code} expected at {expected}, reported at {found}"


def test_every_trigger_names_a_code_that_exists() -> None:
    assert set(TRIGGERS) <= set(ALL_CODES), set(TRIGGERS) - set(ALL_CODES)
