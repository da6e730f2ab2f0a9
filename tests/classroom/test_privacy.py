"""`locus results forget` removes every row about a student (and the bytes
of their name from the file), and `--pseudonymize` gives stable ids that
hashing a name cannot reproduce."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path

from game.classroom.session import open_lesson
from game.cli import main
from game.engine.machine import Game
from tests.classroom.lesson_helpers import play

TABLES_WITH_SESSIONS = ("events", "first_tries", "storylines")


def _lesson(story, results: str, name: str, *answers: int, class_code: str | None = None):
    with open_lesson(story, "woods_lesson", name, results, class_code=class_code) as session:
        game = Game.start(story, storyline=session.first_storyline())
        session.observe(game, game.last_events)
        play(session, game, *answers)


def _class(results: str, capsys, *names: str) -> str:
    assert main(["class", "create", "7B", "--results", results]) == 0
    code = capsys.readouterr().out.split("join code ")[1].split()[0]
    assert main(["class", "add", code, *names, "--results", results]) == 0
    capsys.readouterr()
    return code


def _rows_about(results: str, key: str) -> dict[str, int]:
    with sqlite3.connect(results) as db:
        ids = [r[0] for r in db.execute("SELECT id FROM sessions WHERE student_key = ?", (key,))]
        counts = {"sessions": len(ids)}
        for table in TABLES_WITH_SESSIONS:
            counts[table] = sum(
                db.execute(f"SELECT count(*) FROM {table} WHERE session_id = ?", (i,)).fetchone()[0]
                for i in ids
            )
        counts["roster"] = db.execute(
            "SELECT count(*) FROM roster WHERE student_key = ?", (key,)
        ).fetchone()[0]
    return counts


def test_forget_removes_every_row_and_the_report_no_longer_shows_the_student(
    story, results, capsys
) -> None:
    code = _class(results, capsys, "Quentin Forgetme", "Ana")
    _lesson(story, results, "Quentin Forgetme", 1, 1, 2, class_code=code)  # finished
    _lesson(story, results, "quentin forgetme", 1, class_code=code)  # a second, unfinished try
    _lesson(story, results, "Ana", 1, 1, 1, class_code=code)
    before = _rows_about(results, "quentin forgetme")
    assert before["sessions"] == 2 and before["events"] > 0 and before["roster"] == 1
    assert main(["results", "forget", "QUENTIN FORGETME", "--results", results]) == 0
    said = capsys.readouterr().out
    assert "Deleted every record of Quentin Forgetme" in said
    assert f"{before['sessions']} lesson session(s), {before['events']} recorded step(s)" in said
    assert all(count == 0 for count in _rows_about(results, "quentin forgetme").values())
    with sqlite3.connect(results) as db:
        orphans = [
            db.execute(
                f"SELECT count(*) FROM {t} WHERE session_id NOT IN (SELECT id FROM sessions)"
            ).fetchone()[0]
            for t in TABLES_WITH_SESSIONS
        ]
    assert orphans == [0, 0, 0]
    for extra in ([], ["--class", code], ["--items"], ["--json"]):
        assert main(["report", "--results", results, *extra]) == 0
        out = capsys.readouterr().out
        assert "Quentin" not in out and "quentin" not in out.lower()
    assert main(["report", "--student", "Quentin Forgetme", "--results", results]) == 1
    capsys.readouterr()
    # Not in the file's bytes either: deleted pages are overwritten, the log emptied.
    raw = b"".join(p.read_bytes() for p in Path(results).parent.glob("results.db*"))
    assert b"Forgetme" not in raw and b"forgetme" not in raw
    assert b"Ana" in raw  # the others stay
    assert main(["results", "forget", "Quentin Forgetme", "--results", results]) == 0
    assert "nothing was deleted" in capsys.readouterr().out


def test_forget_in_one_class_keeps_the_student_elsewhere(story, results, capsys) -> None:
    code = _class(results, capsys, "Ana")
    _lesson(story, results, "Ana", 1, 1, 1, class_code=code)
    _lesson(story, results, "Ana", 1, 1, 1)  # outside any class
    assert main(["results", "forget", "Ana", "--class", code.lower(), "--results", results]) == 0
    assert "in class" in capsys.readouterr().out
    with sqlite3.connect(results) as db:
        assert db.execute("SELECT class_code FROM sessions").fetchall() == [(None,)]
    assert main(["results", "forget", "Ana", "--class", "NOPE99", "--results", results]) == 1
    assert "There is no class 'NOPE99'" in capsys.readouterr().err


def test_pseudonyms_are_stable_opaque_and_keyed(story, results, tmp_path, capsys) -> None:
    _lesson(story, results, "Ana Lima", 1, 1, 1)
    _lesson(story, results, "Ben", 1, 1, 2)
    assert main(["report", "--pseudonymize", "--csv", "-", "--results", results]) == 0
    first = [row["student"] for row in csv.DictReader(io.StringIO(capsys.readouterr().out))]
    assert main(["report", "--pseudonymize", "--json", "--results", results]) == 0
    again = [s["student"] for s in json.loads(capsys.readouterr().out)["students"]]
    assert sorted(first) == sorted(again) and len(set(first)) == 2  # stable, distinct
    assert all(p.startswith("student-") and len(p) == len("student-") + 12 for p in first)
    everything = " ".join(first)
    for guess in ("ana lima", "Ana Lima"):  # an unkeyed hash of the name is not the id
        for digest in (hashlib.sha256, hashlib.md5, hashlib.sha1):
            assert digest(guess.encode()).hexdigest()[:12] not in everything
    assert main(["report", "--pseudonymize", "--results", results]) == 0
    text = capsys.readouterr().out
    assert "Ana" not in text and "Ben" not in text and first[0] in text
    # Another database (another key) gives the same student another id.
    other = str(tmp_path / "other.db")
    _lesson(story, other, "Ana Lima", 1, 1, 1)
    assert main(["report", "--pseudonymize", "--csv", "-", "--results", other]) == 0
    [row] = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert row["student"] not in first
