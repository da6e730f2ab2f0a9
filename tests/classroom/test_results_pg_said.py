"""A PostgreSQL results database that holds no results yet, read by the
report: one sentence naming the database (its password hidden) and the two
likely reasons. (tests/classroom/test_results_errors_told.py tells the
other failures.)"""

from __future__ import annotations

import pytest

from game.classroom.errors import ClassroomError
from game.classroom.results_db import ResultsDB
from tests.pg import Server, need_server


def test_an_empty_postgresql_database_says_no_student_has_played(pg_server: Server | None) -> None:
    url = need_server(pg_server).new_database()
    with pytest.raises(ClassroomError) as refused:
        ResultsDB.open_for_reading(url)
    message = str(refused.value)
    assert message.startswith("The PostgreSQL database postgresql://postgres:")
    assert message.endswith(
        " holds no Locus results yet: no student has played a lesson with it, or the URL "
        "names another database."
    )
    assert "s3cret-Pw" not in message
