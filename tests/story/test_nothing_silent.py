"""Mistakes that used to pass without a word: each is now a warning (or an
error) at the file, line and column where it was written."""

from __future__ import annotations

import pytest

from game.story.diagnostics import Diagnostic
from game.story.loader import load_pack

END = "  b:\n    title: B\n    text: End\n    ending: {kind: good, summary: Done}\n"


def scene(body: str) -> str:
    return "scenes:\n  a:\n    title: A\n" + body + END


def only(root) -> Diagnostic:
    found = list(load_pack(root).diagnostics)
    assert len(found) == 1, [(str(d.loc), d.code, d.message) for d in found]
    return found[0]


CASES = [
    (
        "braces without $",
        scene("    text: Your heart beats {body.heart_rate} times.\n    next: b\n"),
        ("W041", 4, 28),
        "{body.heart_rate} is shown as written",
        "write ${body.heart_rate}",
    ),
    (
        "braces without $, a variable with a spec",
        scene("    text: 'Courage {courage:.0f}.'\n    next: b\n"),
        ("W041", 4, 20),
        "{courage:.0f} is shown as written",
        "write ${courage:.0f}",
    ),
    (
        "text cut by #",
        scene("    text: Room #4 is open. You are number #1 fan\n    next: b\n"),
        ("W042", 4, 16),
        "the text ends here",
        "put the whole text in quotes",
    ),
    (
        "whole text taken as a comment",
        scene("    text: #1 fan\n    next: b\n"),
        ("E011", 4, 10),
        "text is empty",
        "YAML reads # and what follows as a comment",
    ),
    (
        "enabled_if without hint",
        scene(
            "    text: Hi\n    choices:\n      - text: Run\n        goto: b\n"
            '        enabled_if: "courage > 1"\n'
        ),
        ("W043", 8, 9),
        "greyed out, with no reason",
        "add hint:",
    ),
    (
        "curly quotes in a set value",
        scene("    text: Hi\n    on_enter:\n      - set: {word: \u201ccalm\u201d}\n    next: b\n"),
        ("W044", 6, 21),
        "the curly quotes are part of the value: word becomes \u201ccalm\u201d",
        "word: calm",
    ),
    (
        "curly quotes in an expression",
        scene(
            "    text: Hi\n    choices:\n      - text: Go\n        goto: b\n"
            '        if: "word == \u2018hi\u2019"\n'
        ),
        ("E040", 8, 22),
        "curly quote",
        "use ' or \"",
    ),
    (
        "a value without quotes in an expression",
        scene(
            "    text: Hi\n    on_enter:\n      - set: {word: exercise}\n    choices:\n"
            '      - text: Go\n        goto: b\n        if: "word == exercise"\n'
        ),
        ("E041", 10, 22),
        "unknown name exercise",
        "did you mean 'exercise' in quotes? (a value of word)",
    ),
]


@pytest.mark.parametrize(
    ("content", "where", "message", "hint"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_mistake_is_reported_where_it_was_written(make_pack, content, where, message, hint):
    d = only(make_pack(**{"s.yaml": content}))
    assert (d.code, d.loc.path, d.loc.line, d.loc.col) == (where[0], "s.yaml", *where[1:])
    assert message in d.message
    assert d.hint and hint in d.hint


def test_comment_after_other_values_is_quiet(make_pack):
    content = scene("    text: 'Quoted # stays'\n    time: 2min  # two minutes\n    next: b\n")
    assert load_pack(make_pack(**{"s.yaml": content})).diagnostics == ()


TEST = """\
name: reads
steps:
  - expect:
      body: {{heart_rate: {0}}}
"""


@pytest.mark.parametrize(
    ("value", "col"), [('"more than 100"', 26), ("lots", 26), ('"> high"', 26)]
)
def test_unreadable_comparison_is_an_error_at_load(make_pack, value, col):
    root = make_pack(
        **{"s.yaml": scene("    text: Hi\n    next: b\n"), "tests__t.yaml": TEST.format(value)}
    )
    d = only(root)
    assert (d.code, str(d.loc)) == ("E050", f"tests/t.yaml:4:{col}")
    assert "is not a" in d.message
    assert d.hint and "> 100" in d.hint


def test_text_comparisons_stay_allowed(make_pack):
    test = "name: t\nsteps:\n  - expect: {body: {lc_mode: phasic}, vars: {word: hi}}\n"
    root = make_pack(**{"s.yaml": scene("    text: Hi\n    next: b\n"), "tests__t.yaml": test})
    assert load_pack(root).diagnostics == ()
