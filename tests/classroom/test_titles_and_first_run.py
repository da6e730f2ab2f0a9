"""Human titles in every output (text, CSV, JSON with ids alongside), and
the first run on a fresh machine."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

from game.classroom.session import open_lesson
from game.cli import main
from game.engine.machine import Game
from tests.classroom.conftest import MINI
from tests.classroom.lesson_helpers import play


def _passed_lesson(story, results: str) -> None:
    with open_lesson(story, "woods_lesson", "Ana", results) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        play(session, game, 1, 1, 1)


def test_endings_badges_and_storylines_appear_by_their_titles(story, results, capsys) -> None:
    _passed_lesson(story, results)
    assert main(["report", "--results", results]) == 0
    text = capsys.readouterr().out
    assert "Safe (good)" in text and "Brave" in text
    assert "end_safe" not in text and "brave" not in text
    assert main(["report", "--csv", "-", "--results", results]) == 0
    [row] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["endings"] == "Into the Woods: Safe (good)" and row["badges"] == "Brave"
    assert main(["report", "--json", "--results", results]) == 0
    [student] = json.loads(capsys.readouterr().out)["students"]
    assert student["badges"] == [{"id": "brave", "title": "Brave"}]
    assert student["endings"] == [
        {
            "storyline": "woods",
            "storyline_title": "Into the Woods",
            "scene": "end_safe",
            "title": "Safe",
            "kind": "good",
        }
    ]


def _fresh(tmp_path, *argv: str) -> subprocess.CompletedProcess[str]:
    """A `locus` command on a machine where Locus has never run: no data folder."""
    home = tmp_path / "never" / "share" / "locus"
    env = {k: v for k, v in os.environ.items() if k != "LOCUS_RESULTS"}
    env.update(LOCUS_HOME=str(home), PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "game", *argv], capture_output=True, text=True, env=env, timeout=120
    )


def test_a_fresh_machine_reports_no_results_yet_and_creates_the_folder_when_writing(
    tmp_path,
) -> None:
    home = tmp_path / "never" / "share" / "locus"
    report = _fresh(tmp_path, "report")
    assert report.returncode == 0, report.stderr
    assert "No results yet" in report.stdout and "locus play --lesson" in report.stdout
    assert not home.exists()  # reading never creates anything
    listing = _fresh(tmp_path, "class", "list")
    assert listing.returncode == 0 and "No classes yet" in listing.stdout
    created = _fresh(tmp_path, "class", "create", "7B")
    assert created.returncode == 0, created.stderr
    assert (home / "results.db").exists()
    played = subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", str(MINI), "--lesson", "woods_lesson"],
        input="Ana\n1\n1\n1\n",
        capture_output=True,
        text=True,
        env={**os.environ, "LOCUS_HOME": str(tmp_path / "other" / "locus")},
        timeout=120,
    )
    assert played.returncode == 0, played.stderr
    assert (tmp_path / "other" / "locus" / "results.db").exists()


def test_serve_prepares_the_default_folder_on_a_fresh_machine(tmp_path, monkeypatch) -> None:
    from game.classroom.serve import prepare
    from game.cli import build_parser

    home = tmp_path / "never" / "share" / "locus"
    monkeypatch.setenv("LOCUS_HOME", str(home))
    argv, _title = prepare(build_parser().parse_args(["serve", str(MINI)]))
    assert (home / "results.db").exists() and str(home / "results.db") in argv


def test_serve_passes_the_checked_class_to_every_tab(tmp_path, capsys) -> None:
    import pytest

    from game.classroom.errors import ClassroomError
    from game.classroom.serve import prepare
    from game.cli import build_parser

    results = str(tmp_path / "lab.db")
    assert main(["class", "create", "Lab", "--results", results]) == 0
    code = capsys.readouterr().out.split("join code ")[1].split()[0]
    args = build_parser().parse_args(
        ["serve", str(MINI), "--results", results, "--class", code.lower()]
    )
    argv, _title = prepare(args)
    assert argv[-2:] == ["--class", code]
    args.class_code = "NOPE99"
    with pytest.raises(ClassroomError, match="There is no class 'NOPE99'"):
        prepare(args)
