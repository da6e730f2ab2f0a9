"""The plain front end, driven through standard input and output."""

from __future__ import annotations

import io
import subprocess
import sys
from argparse import Namespace

from game.plain import play_plain
from game.story.loader import load_pack
from tests.conftest import MINI_PACK


def args(**overrides) -> Namespace:
    base = dict(pack=str(MINI_PACK), seed=0, start=None, storyline=None, load=None)
    base.update(overrides)
    return Namespace(**base)


def play(commands: str, **overrides) -> tuple[int, str]:
    story = load_pack(MINI_PACK).story
    out = io.StringIO()
    code = play_plain(story, args(**overrides), io.StringIO(commands), out)
    return code, out.getvalue()


def test_scene_vitals_and_numbered_choices():
    code, text = play("")
    assert code == 0  # end of input exits cleanly
    assert "== Welcome ==" in text
    assert "[HR 70 bpm · BP 118/76" in text
    assert "  1. Walk into the woods" in text and "  2. Read about the brain" in text


def test_disabled_choice_is_marked_with_hint():
    _, text = play("", storyline="woods")
    assert "  2. [unavailable] Sprint up the hill (You are too tired to sprint.)" in text


def test_play_to_an_ending_with_a_quiz():
    code, text = play("1\n1\n1\n", storyline="woods")
    assert "Checkpoint: What does norepinephrine do to the heart?" in text
    assert "Correct. Right. Beta-1 receptors raise rate and force." in text
    assert "THE END (good): You escaped and answered well." in text
    assert code == 0


def test_undo_quit_help_and_bad_input():
    code, text = play("2\nu\n?\nhello\n9\nq\n1\n")
    assert "Undone." in text
    assert "u            undo the last step" in text
    assert "Type a number" in text
    assert "there is no choice 9" in text
    assert text.count("== Welcome ==") == 2  # start, then after undo; q stopped the rest
    assert code == 0


def test_save_and_load(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCUS_HOME", str(tmp_path))
    _, text = play("2\ns mine\n")
    saved = next(tmp_path.rglob("*.json"))
    assert f"Saved to {saved}" in text
    _, text = play("", load=str(saved))
    assert "== The Library ==" in text


def test_start_option():
    _, text = play("", start="hill")
    assert "== The Hill ==" in text and "  1. Continue" in text


def test_python_m_game_plain_from_a_pipe():
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", str(MINI_PACK), "--storyline", "woods"],
        input="1\n1\n1\n",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "THE END (good)" in result.stdout


def test_broken_pack_reports_and_exits_1(tmp_path):
    (tmp_path / "story.yaml").write_text("format: 1\nid: x\nstart: nowhere\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", str(tmp_path)],
        input="",
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "story.yaml:3:8: error E020: unknown scene 'nowhere'" in result.stderr
