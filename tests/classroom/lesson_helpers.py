"""Helpers the classroom tests share: a fake clock, playing observed steps,
and a child process that cannot ignore file permissions."""

from __future__ import annotations

import ctypes
import json


class FakeClock:
    """Wall-clock stand-in: each call moves on by ``step`` seconds."""

    def __init__(self, start: float = 1_700_000_000.0, step: float = 10.0) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def play(session, game, *numbers: int):
    """Act ``numbers`` in turn, observing every step as a front end must."""
    for number in numbers:
        game = game.act(number)
        session.observe(game, game.last_events)
    return game


_PR_CAPBSET_DROP = 24


def without_root_overrides() -> None:
    """In the child, before exec: drop the capabilities that let root ignore
    file permissions (DAC override, DAC read search, fowner), so a read-only
    file is read-only even in a root CI container."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2, 3):
        if libc.prctl(_PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def query(results: str, sql: str, params: tuple = ()) -> list[tuple]:
    """Rows from the results database on either engine, through a connection
    of its own (as another process or the teacher's report would read)."""
    from game.classroom.results_db import ResultsDB

    db = ResultsDB.open_for_reading(results)
    try:
        return [tuple(row) for row in db.read(lambda conn: conn.execute(sql, params).fetchall())]
    finally:
        db.close()


def registration(results: str) -> str:
    """The xAPI registration of the first queued statement: the lesson's, which
    every statement of it carries (an LRS is asked for its statements by it)."""
    (text,) = query(results, "SELECT statement FROM xapi_outbox ORDER BY seq LIMIT 1")[0]
    return json.loads(text)["context"]["registration"]
