"""A results server's URL is shown without its password, whatever it holds."""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from game.classroom.results_pg import redact, translate_query


def test_the_password_is_replaced_and_the_rest_kept() -> None:
    assert redact("postgresql://teacher:pa%40ss@[::1]:5432/class?sslmode=require") == (
        "postgresql://teacher:***@[::1]:5432/class?sslmode=require"
    )
    assert (
        redact("postgresql://teacher@db.example/class") == "postgresql://teacher@db.example/class"
    )


@given(st.text(min_size=4, alphabet=st.characters(codec="utf-8")))
def test_no_password_survives_redaction(password: str) -> None:
    url = f"postgresql://teacher:{quote(password, safe='')}@127.0.0.1:5432/class"
    shown = redact(url)
    assert shown == "postgresql://teacher:***@127.0.0.1:5432/class"


def test_placeholders_become_psycopgs_and_a_percent_stays_a_percent() -> None:
    assert translate_query("SELECT ? WHERE x LIKE '5%'") == "SELECT %s WHERE x LIKE '5%%'"
