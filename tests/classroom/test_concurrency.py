"""Thirty players writing to one database at once lose nothing and never
see "database is locked": 30 real processes, released at the same moment,
all creating the (new) database together and then committing 1,000 events
each, on each engine (an SQLite file, a PostgreSQL server)."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from tests.classroom.lesson_helpers import query

PLAYERS = 30
EVENTS_EACH = 1_000

WRITER = r"""
import sys
from game.classroom import records
from game.classroom.results_db import ResultsDB

path, player, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
print("ready", flush=True)
sys.stdin.readline()  # wait until every player is ready: all create the database at once
db = ResultsDB.open_for_writing(path)
session = db.write(lambda conn: records.open_session(
    conn, pack="mini", lesson="woods_lesson", student=f"player {player}",
    key=f"player {player}", now=0.0, storylines_total=1, has_quizzes=True, pass_mark=70.0,
))[0]
for n in range(count):
    step = records.RecordedStep(
        at=float(n), storyline="woods",
        events=[("choice", f"choice {n}", {"player": player, "n": n})],
        answers=[], xp=n, ended=False, ending=None, badges=(), time_on_task=1.0,
    )
    db.write(lambda conn: records.record_step(conn, session, step))
db.close()
print("done", flush=True)
"""


def test_thirty_writers_lose_nothing_and_never_see_a_lock(any_results: str) -> None:
    path = any_results
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(player), str(EVENTS_EACH)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for player in range(PLAYERS)
    ]
    try:
        for writer in writers:
            assert writer.stdout is not None and writer.stderr is not None
            assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
        started = time.monotonic()
        for writer in writers:
            assert writer.stdin is not None
            writer.stdin.write("go\n")
            writer.stdin.flush()
        outcomes = [writer.communicate(timeout=300) for writer in writers]
        elapsed = time.monotonic() - started
    finally:
        for writer in writers:
            if writer.poll() is None:
                writer.kill()
    for writer, (out, err) in zip(writers, outcomes, strict=True):
        assert "locked" not in err.lower() and "busy" not in err.lower(), err
        assert writer.returncode == 0, err
        assert out.strip() == "done"

    rows = query(path, "SELECT data FROM events")
    sessions = query(path, "SELECT events, time_on_task, xp FROM sessions")
    seen = {(d["player"], d["n"]) for d in (json.loads(data) for (data,) in rows)}
    assert len(rows) == PLAYERS * EVENTS_EACH
    assert seen == {(p, n) for p in range(PLAYERS) for n in range(EVENTS_EACH)}
    assert sessions == [(EVENTS_EACH, float(EVENTS_EACH), EVENTS_EACH - 1)] * PLAYERS
    print(f"{PLAYERS * EVENTS_EACH} events from {PLAYERS} processes in {elapsed:.1f} s")
