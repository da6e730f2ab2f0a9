"""Several `locus serve` processes, one class: two real servers on their own
loopback ports write to one PostgreSQL database (a throwaway cluster,
tests/pg.py), a student plays the whole lesson in a tab of each, at the same
time, and `locus report` on that database shows both, with every step."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path

from tests.pg import need_server
from tests.served import (
    LESSON,
    REPO,
    lesson_events,
    open_tab,
    play_lesson,
    recorded_events,
    serve,
)


async def _play(served, name: str) -> None:
    session, tab = await open_tab(served)
    try:
        await play_lesson(tab, name)
    finally:
        await session.close()


def test_two_servers_one_database_one_report(pg_server, tmp_path: Path) -> None:
    url = need_server(pg_server).new_database()
    options = ("--lesson", LESSON, "--results", url)
    with serve(tmp_path / "a", *options) as one, serve(tmp_path / "b", *options) as two:
        assert one.url != two.url

        async def both() -> None:
            await asyncio.gather(_play(one, "Ada L"), _play(two, "Grace H"))

        asyncio.run(both())
        # Every step is committed before the next screen shows, the last one
        # before the debrief that play_lesson waited for.
        expected = lesson_events()
        assert recorded_events(url) == {"Ada L": expected, "Grace H": expected}
    report = subprocess.run(
        [sys.executable, "-m", "game", "report", "--results", url, "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
    )
    assert report.returncode == 0, report.stderr
    students = {s["student"]: s for s in json.loads(report.stdout)["students"]}
    assert sorted(students) == ["Ada L", "Grace H"]
    for student in students.values():
        assert student["finished"] and student["passed"], student
