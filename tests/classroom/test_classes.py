"""Classes and rosters: create from a roster file, join by code and pick a
name (plain mode, a real piped subprocess), report one class."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from game.classroom.classes import CODE_ALPHABET, CODE_LENGTH, read_roster
from game.classroom.errors import ClassroomError
from game.cli import main
from tests.classroom.conftest import MINI


def _create(tmp_path: Path, results: str, roster_text: str, capsys) -> str:
    roster = tmp_path / "roster.csv"
    roster.write_text(roster_text, encoding="utf-8")
    assert (
        main(["class", "create", "Biology 7B", "--roster", str(roster), "--results", results]) == 0
    )
    out = capsys.readouterr().out
    code = out.split("join code ")[1].split()[0]
    assert len(code) == CODE_LENGTH and set(code) <= set(CODE_ALPHABET)
    return code


def _play(results: str, *args: str, typed: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "game", "play", "--plain", str(MINI), "--results", results, *args],
        input=typed,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_a_roster_file_makes_a_class_and_drops_near_duplicates(tmp_path, results, capsys) -> None:
    code = _create(
        tmp_path,
        results,
        "Name,Email\nAna Lima,ana@school\nBen Okafor,ben@school\n"
        "ana  LIMA,dup@school\n\nChloé Dubois,\n",
        capsys,
    )
    assert main(["class", "show", code.lower(), "--results", results]) == 0  # any case
    out = capsys.readouterr().out
    assert "1. Ana Lima" in out and "2. Ben Okafor" in out and "3. Chloé Dubois" in out
    assert "ana  LIMA" not in out
    with sqlite3.connect(results) as db:
        ids = dict(db.execute("SELECT student, lms_id FROM roster"))
    assert ids == {"Ana Lima": "ana@school", "Ben Okafor": "ben@school", "Chloé Dubois": None}
    assert main(["class", "add", code, "ben okafor", "Dan Wu", "--results", results]) == 0
    out = capsys.readouterr().out
    assert "Added 1" in out and "'Ben Okafor' is already on the roster" in out
    assert main(["class", "list", "--results", results]) == 0
    assert f"{code}  Biology 7B  (4 on the roster" in capsys.readouterr().out


def test_a_canvas_gradebook_export_works_as_a_roster(tmp_path) -> None:
    export = tmp_path / "canvas.csv"
    export.write_text(
        "Student,ID,SIS User ID,SIS Login ID,Section,Quiz 1\n"
        "    Points Possible,,,,,10\n"
        '"Lima, Ana",1234,S001,alima,7B,9\n',
        encoding="utf-8",
    )
    [entry] = read_roster(export)
    assert (entry.name, entry.lms_id) == ("Lima, Ana", "S001")  # the school's id, not Canvas's


def test_one_name_a_line_and_bad_rosters(tmp_path) -> None:
    plain = tmp_path / "names.txt"
    plain.write_text("Ana\n\nBen\n", encoding="utf-8")
    assert [e.name for e in read_roster(plain)] == ["Ana", "Ben"]
    bad = tmp_path / "bad.txt"
    bad.write_text("Ana\nBe\x07n\n", encoding="utf-8")
    with pytest.raises(ClassroomError, match=r"bad\.txt, line 2"):
        read_roster(bad)
    with pytest.raises(ClassroomError, match="no roster file"):
        read_roster(tmp_path / "missing.csv")


def test_students_join_by_code_and_pick_their_name_in_plain_mode(tmp_path, results, capsys) -> None:
    code = _create(tmp_path, results, "name\nAna Lima\nBen Okafor\n", capsys)
    first = _play(results, "--class", code, "--lesson", "woods_lesson", typed="2\n1\n1\n1\n")
    assert first.returncode == 0, first.stderr
    assert "1. Ana Lima" in first.stdout and "2. Ben Okafor" in first.stdout
    assert "for Ben Okafor" in first.stdout and "PASSED" in first.stdout
    # A typed name in another case is the roster's student; a typo is refused and asked again.
    second = _play(results, "--class", code.lower(), typed="1\nAna Lma\nana lima\n1\n2\n1\n")
    assert second.returncode == 0, second.stderr
    assert "'Ana Lma' is not on the roster" in second.stdout
    assert "for Ana Lima" in second.stdout
    # --student must be on the roster too, and a wrong code says so.
    refused = _play(
        results, "--class", code, "--lesson", "woods_lesson", "--student", "Zed", typed=""
    )
    assert refused.returncode == 1 and "not on the roster" in refused.stderr
    wrong = _play(results, "--class", "ZZZZZZ", "--lesson", "woods_lesson", typed="")
    assert wrong.returncode == 1 and "There is no class 'ZZZZZZ'" in wrong.stderr
    # Outside the class, a typed name is another session, and the class report leaves it out.
    other = _play(results, "--lesson", "woods_lesson", "--student", "Outsider", typed="1\n1\n1\n")
    assert other.returncode == 0, other.stderr
    assert main(["report", "--class", code, "--results", results]) == 0
    report = capsys.readouterr().out
    assert "2 students" in report and f"class {code}" in report
    assert "Ben Okafor" in report and "Ana Lima" in report and "Outsider" not in report
    assert main(["report", "--results", results]) == 0
    assert "3 students" in capsys.readouterr().out


def test_a_class_without_a_roster_takes_typed_names(tmp_path, results, capsys) -> None:
    assert main(["class", "create", "Open day", "--results", results]) == 0
    code = capsys.readouterr().out.split("join code ")[1].split()[0]
    played = _play(results, "--class", code, "--lesson", "woods_lesson", typed="Zoë\n1\n1\n1\n")
    assert played.returncode == 0, played.stderr
    assert "type your name" in played.stdout and "for Zoë" in played.stdout
    with sqlite3.connect(results) as db:
        assert db.execute("SELECT student, class_code FROM sessions").fetchall() == [("Zoë", code)]


def test_class_commands_fail_clearly(tmp_path, results, capsys) -> None:
    assert main(["class", "show", "NOPE", "--results", results]) == 1
    assert "There is no results database" in capsys.readouterr().err
    assert main(["class", "create", "   ", "--results", results]) == 1
    assert "Give the class a name" in capsys.readouterr().err
    assert (
        main(["class", "create", "X", "--roster", str(tmp_path / "no.csv"), "--results", results])
        == 1
    )
    assert "no roster file" in capsys.readouterr().err
