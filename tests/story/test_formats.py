"""Format specs checked against the value's type at load time, and the
runtime template errors no checker can see reported as content errors."""

from __future__ import annotations

import io

import pytest

from game.cli import main
from game.story.loader import load_pack

SCENES = """\
scenes:
  a:
    title: A
    text: "Heart ${{{0}}} now."
    ending: {{kind: good, summary: Done}}
"""


@pytest.mark.parametrize(
    ("placeholder", "col", "code", "message", "hint"),
    [
        ("body.heart_rate:d", 36, "E045", "body.heart_rate is a decimal number: use :.0f", ":d"),
        ("body.lc_mode:.0f", 33, "E045", "body.lc_mode is text: :.0f is for numbers", "leave out"),
        ("courage:s", 28, "E045", "courage is a whole number: :s is for text", "use :.0f"),
        ("flag:d", 25, "E045", "flag is true/false: :d is for numbers", "leave out"),
        ("courage / 2:d", 32, "E045", "courage / 2 is a decimal number: use :.0f", ":d"),
        ("ratio:x", 26, "E045", "ratio is a decimal number: use :.0f", ":x"),
        ("body.heart_rate:.0", 36, "W040", "(97.39 as 1e+02)", "use :.0f"),
        ("body.glucose:.3", 33, "W040", "(123456.7 as 1.23e+05)", "use :.3f"),
        ("body.heart_rate:.0%", 36, "W040", "(97.39 shows as 9739%)", "write % after"),
    ],
)
def test_format_checked_against_type(make_pack, placeholder, col, code, message, hint):
    result = load_pack(make_pack(**{"s.yaml": SCENES.format(placeholder)}))
    (d,) = result.diagnostics
    assert (d.code, str(d.loc)) == (code, f"s.yaml:4:{col}")
    assert message in d.message
    assert d.hint and hint in d.hint


@pytest.mark.parametrize(
    "placeholder",
    ["body.heart_rate:.0f", "courage:d", "courage:.1f", "word:>8", "flag:>6", "round(ratio):d"],
)
def test_formats_that_suit_are_quiet(make_pack, placeholder):
    assert load_pack(make_pack(**{"s.yaml": SCENES.format(placeholder)})).diagnostics == ()


def test_division_by_zero_is_a_content_error_in_plain_mode(make_pack, monkeypatch, capsys):
    root = make_pack(**{"s.yaml": SCENES.format("100 / courage")})
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code = main(["play", "--plain", str(root)])
    err = capsys.readouterr().err
    assert code == 1
    assert "locus: content error at s.yaml:2:3: division by zero (in ${100 / courage})" in err
    assert "Traceback" not in err
