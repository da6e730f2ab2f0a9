"""Numbers stay bounded: what can be known before play is a check error with
file and line; what only play can show is a content error, in every front
end, never a traceback, a hang or memory without end."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from game.story.loader import load_pack
from game.tui.app import LocusApp
from game.tui.launch import LaunchOptions
from game.tui.screens.play import PlayScreen
from tests.security.hostile_pack import STORY, locus, write_pack
from tests.tui.tui_helpers import wait_for

NINES = "9" * 400


def _scene(on_enter: str = "", time: str = "0s") -> str:
    return f"""\
scenes:
  a:
    title: A
    text: "n=${{n}} f=${{f}} s=${{s}}"
    time: {time}
    on_enter:
      - {on_enter or "score: 1"}
    choices:
      - text: Again
        goto: a
      - text: Stop
        goto: end
  end:
    title: End
    text: Over.
    ending: {{kind: good, summary: Done.}}
"""


def _check_refuses(root: Path, where: str, code: str) -> str:
    for args in (("check", str(root)), ("play", "--plain", str(root))):
        run = locus(*args, stdin="1\n")
        assert run.code == 1, run.both
        assert f"{where}: error {code}" in run.both, run.both
    return run.both


@pytest.mark.parametrize(
    ("time", "message"),
    [(f"{NINES}w", "is too long a time"), ("520000w", "is too long a time"), ("53w", "too long")],
    ids=["400-nines", "520000w", "53w"],
)
def test_durations_beyond_a_year_are_a_check_error(tmp_path: Path, time: str, message: str) -> None:
    root = write_pack(tmp_path / "p", **{"a.yaml": _scene(time=time)})
    assert message in _check_refuses(root, "a.yaml:5:11", "E030")


def test_a_year_is_still_a_duration(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p", **{"a.yaml": _scene(time="52w")})
    assert locus("check", str(root)).code == 0


@pytest.mark.parametrize(
    "literal",
    ["9" * 5000, "0x" + "f" * 5000, "1" + "0" * 16, "-1" + "0" * 16, ".inf", ".nan", "1.0e+400"],
    ids=["5000-digits", "hex", "1e16", "-1e16", "inf", "nan", "1e400"],
)
def test_huge_yaml_numbers_are_a_check_error(tmp_path: Path, literal: str) -> None:
    story = STORY.replace("  n: 1\n", f"  n: {literal}\n")
    root = write_pack(tmp_path / "p", story, **{"a.yaml": _scene()})
    assert "out of range" in _check_refuses(root, "story.yaml:6:6", "E017")


@pytest.mark.parametrize(
    "literal", ["9" * 1500, "1" + "0" * 16, "99999999999999999.5"], ids=["1500", "1e16", "1e17"]
)
def test_huge_expression_literals_are_a_check_error(tmp_path: Path, literal: str) -> None:
    root = write_pack(tmp_path / "p", **{"a.yaml": _scene(f'compute: {{n: "{literal} + n"}}')})
    assert "this number is too large" in _check_refuses(root, "a.yaml:7:23", "E040")


def test_hex_in_an_expression_is_a_check_error(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p", **{"a.yaml": _scene('compute: {n: "0x1F + n"}')})
    assert "'0x1F' is not a number" in _check_refuses(root, "a.yaml:7:23", "E040")


def test_a_constant_compute_out_of_range_is_a_check_error(tmp_path: Path) -> None:
    effect = "compute: {n: \"1000000000000000 * 1000\", s: \"'ab' + 'cd'\"}"
    root = write_pack(tmp_path / "p", **{"a.yaml": _scene(effect)})
    found = _check_refuses(root, "a.yaml:7:22", "E041")
    assert "compute n: the result is too large" in found and "compute s" not in found


def test_the_c_format_is_a_check_error(tmp_path: Path) -> None:
    scene = _scene().replace("n=${n}", "n=${n:c}")
    root = write_pack(tmp_path / "p", **{"a.yaml": scene})
    assert "turns a number into a character" in _check_refuses(root, "a.yaml:4:18", "E042")


@pytest.mark.parametrize(
    ("effect", "message"),
    [
        ('compute: {n: "n * 1000"}', "n: the result is too large"),
        ('compute: {f: "f * 1000000"}', "f: the result is too large"),
        ("add: {n: 999999999999999}", "n: the result is too large"),
        ('compute: {s: "s + s"}', "s: the text grew to 16,384 characters"),
        (
            'compute: {f: "' + " * ".join(["f", *["1000000000000000.0"] * 22]) + " - "
            "" + " * ".join(["f", *["1000000000000000.0"] * 22]) + '"}',  # inf - inf
            "f: the result is not a number",
        ),
    ],
    ids=["int-times", "float-times", "add", "doubling", "nan"],
)
def test_runaway_values_stop_play_with_a_content_error(
    tmp_path: Path, effect: str, message: str
) -> None:
    """A loop that multiplies, adds or doubles: the check cannot know how
    often it runs, so play stops with the effect's position."""
    root = write_pack(tmp_path / "p", **{"a.yaml": _scene(effect)})
    assert locus("check", str(root)).code == 0
    run = locus("play", "--plain", str(root), stdin="1\n" * 50, home=tmp_path / "home")
    assert run.code == 1
    assert f"a.yaml:7:9: {message}" in run.err, run.both
    assert run.peak_mb < 400


@pytest.mark.parametrize("story", ["", "# only a comment\n", "42\n", "just words\n", "[1, 2]\n"])
def test_an_empty_or_scalar_story_yaml_is_a_check_error(tmp_path: Path, story: str) -> None:
    root = write_pack(tmp_path / "p", story, **{"a.yaml": _scene()})
    _check_refuses(root, "story.yaml:1:1", "E01")


async def test_the_tui_shows_a_runaway_value_as_a_content_error(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "p", **{"a.yaml": _scene('compute: {s: "s + s"}')})
    loaded = load_pack(root)
    assert loaded.story is not None
    app = LocusApp(root, loaded, LaunchOptions(start="a"))
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PlayScreen))
        for _ in range(15):
            await pilot.press("1")
        await wait_for(pilot, lambda: bool(app.screen.query(Toast)))
        shown = "\n".join(str(toast.render()) for toast in app.screen.query(Toast))
        assert "Content error" in shown and "a.yaml:7:9: s: the text grew to" in shown
        assert app.is_running
