"""A typo in tests/ or lessons/ never stops a class from playing: play loads
the scenes, and the typo is reported by `locus check` and `locus test`."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from game.cli import main
from game.story.loader import load_pack
from tests.conftest import MINI_PACK

TEST_TYPO = """\
name: a test with a typo
steps:
  - choose: 1
  - expect: {scene: bera}
"""
LESSON_TYPO = """\
id: broken_lesson
title: Broken
storylines: [wods]
objectives: [ne_heart]
"""


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI_PACK, root)
    (root / "tests" / "typo.yaml").write_text(TEST_TYPO, encoding="utf-8")
    (root / "lessons" / "broken.yaml").write_text(LESSON_TYPO, encoding="utf-8")
    return root


def run(argv: list[str], monkeypatch, capsys, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_play_loads_the_scenes_and_leaves_the_broken_lesson_out(pack):
    result = load_pack(pack, for_play=True)
    assert result.story is not None
    assert result.story.tests == ()
    assert set(result.story.lessons) == {"woods_lesson"}
    assert [(d.loc.path, d.loc.line, d.code) for d in result.errors] == [
        ("lessons/broken.yaml", 3, "E028")
    ]


def test_plain_play_starts_despite_typos(pack, monkeypatch, capsys):
    code, out, err = run(["play", "--plain", str(pack)], monkeypatch, capsys, "q\n")
    assert code == 0
    assert "Scene: " in out  # the first scene is shown
    assert "left out, with errors: lessons/broken.yaml" in err


def test_the_good_lesson_still_plays(pack, monkeypatch, capsys, tmp_path):
    argv = ["play", "--plain", str(pack), "--lesson", "woods_lesson", "--student", "ada"]
    code, out, _err = run([*argv, "--results", str(tmp_path / "r.db")], monkeypatch, capsys)
    assert code == 0
    assert "Lesson: Into the Woods" in out


def test_the_broken_lesson_reports_its_error(pack, monkeypatch, capsys):
    code, _out, err = run(
        ["play", "--plain", str(pack), "--lesson", "broken_lesson"], monkeypatch, capsys
    )
    assert code == 1
    assert "lessons/broken.yaml:3:14: error E028: unknown storyline 'wods'" in err
    assert "lesson 'broken_lesson' cannot be played" in err


def test_check_and_test_report_the_typos(pack, monkeypatch, capsys):
    code, _out, err = run(["test", str(pack)], monkeypatch, capsys)
    assert code == 1
    assert "tests/typo.yaml:4:21: error E020: unknown scene 'bera'" in err
    code, out, _err = run(["check", str(pack)], monkeypatch, capsys)
    assert code == 1
    assert "tests/typo.yaml:4:21: error E020" in out
    assert "lessons/broken.yaml:3:14: error E028" in out
