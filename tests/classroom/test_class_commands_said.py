"""`locus class` and joining a class, in this process: what each command
says, word for word (a teacher copies the join code and the command from
it), the roster's numbering a student picks from, and each refusal.
(tests/classroom/test_classes.py runs the same through `python -m game`.)"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.classroom.classes import read_roster
from game.classroom.errors import ClassroomError
from game.classroom.join import JoinedClass, join_class, pick_plain, roster_name
from game.classroom.plain_lesson import play_lesson_plain
from game.cli import main
from tests.classroom.lesson_helpers import query
from tests.classroom.test_plain_lesson import _args


def _create(tmp_path: Path, results: str, capsys, roster: str | None = None) -> str:
    extra: list[str] = []
    if roster is not None:
        (tmp_path / "roster.csv").write_text(roster, encoding="utf-8")
        extra = ["--roster", str(tmp_path / "roster.csv")]
    assert main(["class", "create", "  Biology   7B ", *extra, "--results", results]) == 0
    out = capsys.readouterr().out
    return out.split("join code ")[1].split()[0]


def test_creating_a_class_says_its_code_its_roster_and_how_to_join(
    tmp_path, results, capsys
) -> None:
    (tmp_path / "roster.csv").write_text("name\nAna Lima\nBen Okafor\nana lima\n", "utf-8")
    roster = str(tmp_path / "roster.csv")
    assert (
        main(["class", "create", "  Biology   7B ", "--roster", roster, "--results", results]) == 0
    )
    out = capsys.readouterr().out
    code = out.split("join code ")[1].split()[0]
    assert out == (
        f"Created class Biology 7B: join code {code}\n"  # spaces folded
        "Roster: 2 students.\n"
        "  skipped 'ana lima': the same name as one already on the roster\n"
        f"Students join with: locus play --class {code} --lesson LESSON_ID\n"
    )
    assert main(["class", "create", "Solo", "--results", results]) == 0
    out = capsys.readouterr().out
    solo = out.split("join code ")[1].split()[0]
    assert out == (
        f"Created class Solo: join code {solo}\n"
        f"Students join with: locus play --class {solo} --lesson LESSON_ID\n"
    )
    (tmp_path / "one.csv").write_text("Ana Lima\n", "utf-8")
    one = str(tmp_path / "one.csv")
    assert main(["class", "create", "Pair", "--roster", one, "--results", results]) == 0
    assert "Roster: 1 student.\n" in capsys.readouterr().out


def test_a_class_name_is_1_to_80_characters(results, capsys) -> None:
    assert main(["class", "create", "x" * 80, "--results", results]) == 0
    capsys.readouterr()
    assert main(["class", "create", "x" * 81, "--results", results]) == 1
    assert capsys.readouterr().err == "locus: Give the class a name of 1 to 80 characters.\n"


def test_show_lists_the_roster_numbered_and_the_join_command(tmp_path, results, capsys) -> None:
    code = _create(tmp_path, results, capsys, "name\nAna Lima\nBen Okafor\n")
    assert main(["class", "show", f"{code[:3].lower()}-{code[3:]}", "--results", results]) == 0
    (created_at,) = query(results, "SELECT created_at FROM classes")[0]
    from datetime import UTC, datetime

    day = datetime.fromtimestamp(created_at, UTC).strftime("%Y-%m-%d")
    assert capsys.readouterr().out == (
        f"Biology 7B: join code {code}, created {day}\n"
        "Roster (2):\n"
        "    1. Ana Lima\n"
        "    2. Ben Okafor\n"
        f"Students join with: locus play --class {code} --lesson LESSON_ID\n"
    )
    solo = _create(tmp_path, results, capsys)
    assert main(["class", "show", solo, "--results", results]) == 0
    assert "No roster: students type their name when they join.\n" in capsys.readouterr().out


def test_list_counts_roster_and_sessions_of_each_class(tmp_path, results, capsys, story) -> None:
    code = _create(tmp_path, results, capsys, "name\nAna Lima\n")
    args = _args("woods_lesson", None, results, class_code=code)
    assert play_lesson_plain(story, args, stdin=io.StringIO("1\n"), stdout=io.StringIO()) == 0
    assert main(["class", "list", "--results", results]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"{code}  Biology 7B  (1 on the roster, 1 lesson session, created 20")
    args = _args("woods_lesson", "Ana Lima", results, class_code=code)
    assert play_lesson_plain(story, args, stdin=io.StringIO("1\n"), stdout=io.StringIO()) == 0
    assert main(["class", "list", "--results", results]) == 0
    assert "(1 on the roster, 1 lesson session," in capsys.readouterr().out  # resumed: the same
    _create(tmp_path, results, capsys)
    assert main(["class", "list", "--results", results]) == 0
    assert "(0 on the roster, 0 lesson sessions," in capsys.readouterr().out


def test_list_without_classes_says_how_to_make_one(tmp_path, results, capsys) -> None:
    hint = "No classes yet. Create one with: locus class create NAME [--roster FILE]\n"
    assert main(["class", "list", "--results", str(tmp_path / "fresh.db")]) == 1
    capsys.readouterr()  # a named database that does not exist is an error
    assert main(["class", "list"]) == 0  # the default database, not made yet
    assert capsys.readouterr().out == hint
    code = _create(tmp_path, results, capsys)
    query(results, "SELECT 1")
    from game.classroom.results_db import ResultsDB

    db = ResultsDB.open_for_writing(results)
    try:
        db.write(lambda conn: conn.execute("DELETE FROM classes WHERE code = ?", (code,)))
    finally:
        db.close()
    assert main(["class", "list", "--results", results]) == 0
    assert capsys.readouterr().out == hint


def test_adding_names_says_who_was_new_and_who_was_there(tmp_path, results, capsys) -> None:
    code = _create(tmp_path, results, capsys, "name\nAna Lima\n")
    assert (
        main(["class", "add", code.lower(), "ana LIMA", "Dan Wu", "dan wu", "--results", results])
        == 0
    )
    assert capsys.readouterr().out == (
        f"Added 1 to {code}: Dan Wu\n"
        "  'Ana Lima' is already on the roster\n"  # the roster's spelling
        "  'dan wu' is already on the roster\n"
    )
    assert main(["class", "add", code, "Ana Lima", "--results", results]) == 0
    assert capsys.readouterr().out.startswith(f"Added 0 to {code}: nobody new\n")
    assert main(["class", "add", "ZZZZZZ", "Eve", "--results", results]) == 1
    assert capsys.readouterr().err == f"locus: There is no class 'ZZZZZZ' in {results}.\n"


def test_a_wrong_code_names_the_database_and_the_list_command(tmp_path, results, capsys) -> None:
    _create(tmp_path, results, capsys)
    assert main(["class", "show", "zz-zz zz", "--results", results]) == 1
    assert capsys.readouterr().err == (
        f"locus: There is no class 'ZZZZZZ' in {results} (`locus class list`).\n"
    )


def test_a_roster_takes_the_name_column_and_the_schools_id(tmp_path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text(
        "\ufeffEmail, Full Name ,Username\n"
        "ana@school,Ana Lima,alima\n"
        "ben@school,Ben Okafor\n"
        ",  ,\n"
        "zed@school\n",
        encoding="utf-8",
    )
    entries = [(e.name, e.lms_id) for e in read_roster(roster)]
    assert entries == [("Ana Lima", "alima"), ("Ben Okafor", None)]  # username before email
    bad = tmp_path / "latin.csv"
    bad.write_bytes("Zoë\n".encode("latin-1"))
    with pytest.raises(ClassroomError) as refused:
        read_roster(bad)
    assert str(refused.value) == f"{bad} is not UTF-8 text; save the roster as UTF-8 CSV."
    with pytest.raises(ClassroomError) as refused:
        read_roster(tmp_path)  # a folder
    assert str(refused.value).startswith(f"Cannot read the roster {tmp_path}: ")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert read_roster(empty) == []


def test_joining_picks_the_class_by_code_in_any_case(tmp_path, results, capsys) -> None:
    code = _create(tmp_path, results, capsys, "name\nBen Okafor\nAna Lima\n")
    joined = join_class(results, f" {code.lower()} ")
    assert joined == JoinedClass(code, "Biology 7B", ("Ana Lima", "Ben Okafor"))
    with pytest.raises(ClassroomError, match="There is no class 'ZZZZZZ'"):
        join_class(results, "zzzzzz")


ROSTER = JoinedClass("ABCDEF", "Biology 7B", ("Ana Lima", "Ben Okafor"))


def _pick(joined: JoinedClass, typed: str) -> tuple[str, list[str]]:
    said: list[str] = []
    return pick_plain(joined, io.StringIO(typed), said.append), said


def test_a_student_picks_their_number_or_types_their_name() -> None:
    assert _pick(ROSTER, "2\n") == (
        "Ben Okafor",
        ["Biology 7B: who are you? Type your number (or your name):", "  1. Ana Lima",
         "  2. Ben Okafor"],
    )  # fmt: skip
    assert _pick(ROSTER, "1\n")[0] == "Ana Lima"
    assert _pick(ROSTER, "  ana LIMA \n")[0] == "Ana Lima"  # the roster's spelling


def test_a_number_off_the_roster_or_a_name_not_on_it_is_asked_again() -> None:
    name, said = _pick(ROSTER, "0\n3\nAna Lma\n2\n")
    assert name == "Ben Okafor"
    assert said[3:] == [
        "There is no number 0; type 1 to 2.",
        "There is no number 3; type 1 to 2.",
        "'Ana Lma' is not on the roster of Biology 7B; pick your name from the list, "
        "or ask your teacher to add it (locus class add).",
    ]
    with pytest.raises(ClassroomError) as ended:
        _pick(ROSTER, "9\n")
    assert str(ended.value) == "A student name is needed for results (use --student NAME)."


def test_without_a_roster_any_usable_name_is_taken() -> None:
    open_day = JoinedClass("ABCDEF", "Open day", ())
    assert _pick(open_day, "7\n") == (
        "7",  # a number is a name when there is no list to pick from
        ["Open day: type your name (your teacher sees your results under it):"],
    )
    assert roster_name(open_day, "  Zoë   Dubois ") == "Zoë Dubois"
    with pytest.raises(ClassroomError) as ended:
        _pick(open_day, "")
    assert "A student name is needed" in str(ended.value)


def test_a_student_joins_plays_and_is_filed_under_the_class(tmp_path, results, capsys, story):
    code = _create(tmp_path, results, capsys, "name\nAna Lima\nBen Okafor\n")
    out = io.StringIO()
    args = _args("woods_lesson", None, results, class_code=code.lower())
    assert play_lesson_plain(story, args, stdin=io.StringIO("2\n1\n1\n1\n"), stdout=out) == 0
    assert "  2. Ben Okafor" in out.getvalue() and "PASSED" in out.getvalue()
    assert query(results, "SELECT student, class_code FROM sessions") == [("Ben Okafor", code)]
    refused = _args("woods_lesson", "Zed", results, class_code=code)
    assert play_lesson_plain(story, refused, stdin=io.StringIO(""), stdout=io.StringIO()) == 1
    assert "'Zed' is not on the roster of Biology 7B" in capsys.readouterr().err
