"""Names that look alike are one student: invisible characters are dropped
and compatibility forms folded (NFKC), so `=1+1`, `\\u200b=1+1` and `＝１＋１`
are the same person in the report; every formula-looking cell of the CSV
export is neutralised, however it is disguised."""

from __future__ import annotations

import csv
import io
import sqlite3
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.classroom.errors import ClassroomError
from game.classroom.students import (
    is_invisible,
    normalise_student,
    student_key,
    without_invisibles,
)
from tests.security.hostile import MINI, run_locus

INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u200e",  # left-to-right mark
    "\u2060",  # word joiner
    "\ufeff",  # byte-order mark
    "\u00ad",  # soft hyphen
    "\u034f",  # combining grapheme joiner
    "\u180e",  # Mongolian vowel separator
    "\u3164",  # Hangul filler
    "\ufe0f",  # variation selector 16
    "\U000e0041",  # tag letter A
]
HOSTILE = st.text(
    alphabet=st.sampled_from(
        [
            *INVISIBLE,
            "[",
            "]",
            "@",
            "=",
            "+",
            "-",
            "a",
            "Ａ",
            "é",
            "e",
            "\u0301",
            " ",
            "\u00a0",
            "🧠",
        ]
    ),
    max_size=30,
)


def _accepted(raw: str) -> str | None:
    try:
        return normalise_student(raw)
    except ClassroomError:
        return None


@given(HOSTILE)
def test_a_stored_name_is_stable_and_shows_no_invisible_character(raw: str) -> None:
    name = _accepted(raw)
    if name is None:
        return
    assert normalise_student(name) == name
    assert unicodedata.is_normalized("NFKC", name)
    assert not any(is_invisible(ch) for ch in name if ch not in "\u200d\ufe0e\ufe0f")
    assert name == name.strip() and "  " not in name


@given(st.text(alphabet="Anaz=+1 éЯ李", min_size=1, max_size=12), st.data())
def test_invisible_characters_anywhere_make_no_new_student(base: str, data) -> None:
    name = _accepted(base)
    if name is None:
        return
    spots = data.draw(st.lists(st.integers(0, len(base)), max_size=4))
    disguised = base
    for spot in sorted(spots, reverse=True):
        disguised = disguised[:spot] + data.draw(st.sampled_from(INVISIBLE)) + disguised[spot:]
    assert student_key(normalise_student(disguised)) == student_key(name)


@pytest.mark.parametrize(
    "emoji", ["👩\u200d🔬", "❤\ufe0f", "🏳\ufe0f\u200d🌈"], ids=["scientist", "heart", "flag"]
)
def test_emoji_sequences_stay_whole(emoji: str) -> None:
    assert without_invisibles(f"Zoë {emoji}") == f"Zoë {emoji}"


def test_direction_overrides_are_refused() -> None:
    with pytest.raises(ClassroomError, match="direction control"):
        normalise_student("\u202eanA")


def test_lookalike_names_are_one_student_in_the_report(tmp_path: Path) -> None:
    results = tmp_path / "results.db"
    for typed in ("=1+1", "\u200b=1+1", "＝１＋１", "=1+1\u2060"):
        outcome = run_locus(
            "play",
            "--plain",
            "--lesson",
            "woods_lesson",
            "--student",
            typed,
            "--results",
            str(results),
            str(MINI),
            home=tmp_path / "home",
            stdin="1\n",
        )
        assert outcome.code == 0, outcome.stderr
    with sqlite3.connect(results) as conn:
        assert conn.execute("SELECT DISTINCT student, student_key FROM sessions").fetchall() == [
            ("=1+1", "=1+1")
        ]
    conn.close()
    report = run_locus("report", "--csv", "-", "--results", str(results), home=tmp_path / "home")
    rows = list(csv.DictReader(io.StringIO(report.stdout)))
    assert [(r["student"], r["attempts"]) for r in rows] == [("'=1+1", "1")]


DISGUISED_FORMULAS = [
    "=HYPERLINK(1)",
    "\u200b=HYPERLINK(1)",
    "＝HYPERLINK(1)",
    "﹦HYPERLINK(1)",
    "\ufeff+1",
    "＋1",
    "－1",
    "＠SUM(1)",
    " =1",
    "\t=1",
    "\r=1",
]


def test_every_disguised_formula_is_neutralised_in_the_csv(tmp_path: Path) -> None:
    """Names written straight into the database (an older Locus, or an edit)
    are neutralised on export, and so are the other text columns."""
    results = tmp_path / "results.db"
    outcome = run_locus(
        "play",
        "--plain",
        "--lesson",
        "woods_lesson",
        "--student",
        "Ana",
        "--results",
        str(results),
        str(MINI),
        home=tmp_path / "home",
        stdin="1\n",
    )
    assert outcome.code == 0, outcome.stderr
    with sqlite3.connect(results) as conn:
        row = conn.execute("SELECT * FROM sessions").fetchone()
        columns = [d[0] for d in conn.execute("SELECT * FROM sessions").description]
        for index, name in enumerate(DISGUISED_FORMULAS):
            values = dict(zip(columns, row, strict=True))
            values.update(id=None, student=name, student_key=f"k{index}", badges='["=b"]')
            conn.execute(
                f"INSERT INTO sessions ({', '.join(columns)}) VALUES"
                f" ({', '.join('?' for _ in columns)})",
                [values[c] for c in columns],
            )
        conn.execute("UPDATE lessons SET title = '@title'")
    conn.close()
    report = run_locus("report", "--csv", "-", "--results", str(results), home=tmp_path / "home")
    assert report.code == 0, report.stderr
    rows = list(csv.DictReader(io.StringIO(report.stdout, newline="")))
    names = {r["student"] for r in rows}
    for name in DISGUISED_FORMULAS:
        # a control character is replaced on output (\r shows as U+FFFD), and
        # what is left is neutralised if a spreadsheet would read a formula
        shown = name.replace("\r", "\ufffd")
        assert ("'" + shown in names) or (shown in names and shown.startswith("\ufffd"))
    assert "Ana" in names
    assert all(r["lesson_title"] == "'@title" for r in rows)
    assert all(r["badges"] == "'=b" for r in rows if r["student"] != "Ana")
