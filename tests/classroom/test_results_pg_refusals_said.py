"""Each way a real PostgreSQL server (tests/pg.py) turns Locus away, told in
full and in this process: a wrong password and an unknown user, a database
that does not exist, a user without rights on the tables, a server that is
not there. The server is named without its password, and the sentence says
what to do. (tests/classroom/test_results_db.py runs two of these through
`python -m game`.)"""

from __future__ import annotations

import socket

import pytest

from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB
from game.classroom.results_pg import redact
from tests.pg import PASSWORD, Server, need_server

REFUSED = (
    "The PostgreSQL server at {where} refused the user name or password. "
    "Check them (a password is best kept in PGPASSWORD or ~/.pgpass)."
)


def _refusal(url: str, *, for_writing: bool = False) -> str:
    open_db = ResultsDB.open_for_writing if for_writing else ResultsDB.open_for_reading
    with pytest.raises(ClassroomError) as refused:
        open_db(url).close()
    message = str(refused.value)
    assert PASSWORD not in message and "not-the-Pw-42" not in message
    return message


def test_a_wrong_password_or_an_unknown_user_is_refused_in_full(pg_server: Server | None) -> None:
    server = need_server(pg_server)
    url = server.new_database()
    wrong = url.replace(PASSWORD, "not-the-Pw-42")
    assert _refusal(wrong) == REFUSED.format(where=redact(wrong))
    nobody = url.replace("postgres:", "nobody-here:", 1)
    assert _refusal(nobody) == REFUSED.format(where=redact(nobody))


def _as_new_role(url: str, role: str, options: str, password: str) -> str:
    """``url`` for a role made afresh with ``options`` (the server's own refusals)."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP ROLE IF EXISTS {role}")
        admin.execute(f"CREATE ROLE {role} {options} PASSWORD '{password}'")
    return url.replace(f"postgres:{PASSWORD}", f"{role}:{password}", 1)


def test_a_user_that_may_not_log_in_is_refused_as_a_wrong_user(pg_server: Server | None) -> None:
    url = need_server(pg_server).new_database()
    barred = _as_new_role(url, "locus_nologin", "NOLOGIN", "nologin-Pw-3")
    assert _refusal(barred) == REFUSED.format(where=redact(barred))


def test_a_user_out_of_connections_is_told_so(pg_server: Server | None) -> None:
    url = need_server(pg_server).new_database()
    full = _as_new_role(url, "locus_full", "LOGIN CONNECTION LIMIT 0", "full-Pw-8")
    assert _refusal(full) == (
        f"The PostgreSQL server at {redact(full)} is out of space or connections; results "
        "already saved are kept."
    )


def test_a_database_that_does_not_exist_is_named(pg_server: Server | None) -> None:
    url = need_server(pg_server).url("no_such_class")
    assert _refusal(url, for_writing=True) == (
        f"There is no database named in {redact(url)} on that server; create it first "
        "(docs/teachers.md says how)."
    )


def test_a_user_without_rights_on_the_tables_is_told_to_grant_them(
    pg_server: Server | None,
) -> None:
    import psycopg

    server = need_server(pg_server)
    url = server.new_database()
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute("DROP ROLE IF EXISTS locus_reader")
        admin.execute("CREATE ROLE locus_reader LOGIN PASSWORD 'reader-Pw-5'")
        admin.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    reader = url.replace(f"postgres:{PASSWORD}", "locus_reader:reader-Pw-5", 1)
    assert _refusal(reader, for_writing=True) == (
        f"The user in {redact(reader)} may not create or change the results tables; "
        "grant it rights on the database (docs/teachers.md)."
    )


def test_a_server_that_is_not_there_is_one_sentence_without_the_password() -> None:
    with socket.socket() as probe:  # a loopback port where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"postgresql://teacher:{PASSWORD}@127.0.0.1:{port}/class"
    message = _refusal(url)
    assert message.startswith(
        f"Cannot reach the PostgreSQL server at postgresql://teacher:***@127.0.0.1:{port}/class: "
        "is it running, and are the host and port right? ("
    )
    assert message.endswith(")") and "\n" not in message
