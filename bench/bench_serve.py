"""Capacity of `locus serve`: a class of browser tabs on one machine.

Run: .venv/bin/python bench/bench_serve.py [--students 30] [--join-seconds 10]

A real `locus serve --lesson woods_lesson` (the test pack, tests/packs/mini)
on a loopback port; N websocket clients speak textual-serve's protocol as the
page does (tests/served.py), joining at even intervals within the join
window, and each plays the whole lesson. It prints:

* memory per game: the PSS (proportional set size: shared pages divided among
  the processes sharing them) of every game process, from
  /proc/PID/smaps_rollup, read when every student has reached the lesson's
  question (all the games alive, mid-lesson); the median, the largest and
  the total, and the server's own (with the games' warm parent);
* time to first frame: from a tab's websocket connecting to the first screen
  it can read (the name box), median and max;
* results recorded: every student's every step in the results database
  (the engine's events for the same choices), and nothing lost.

Three runs, each on a fresh server: the baseline, one game alone (N=1);
the class with every game started afresh (LOCUS_SERVE_WARM=0: Python,
Textual and the pack loaded per tab, as `locus serve` did before its warm
parent, game/warm.py); and the class with games forked from the warm parent.
Targets on a 2-core machine: 30 students joining within 10 s all see their
first frame within 5 s; at most 40 MB per game; nothing lost.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.classroom.serve import WARM_VAR
from tests.served import (
    LESSON,
    LESSON_KEYS,
    children,
    games,
    lesson_events,
    open_tab,
    recorded_events,
    serve,
)

MB = 1024 * 1024
QUESTION = "Speeds it up"  # the lesson's question: where memory is read


@dataclass
class Run:
    first_frames: list[float]
    pss: list[int]  # bytes, one per game
    server_pss: int
    recorded: int  # students whose every step is in the database
    students: int
    wall: float


def pss(pid: int) -> int:
    """Proportional set size of ``pid`` in bytes (0 once it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


async def _class(served, students: int, join_seconds: float) -> tuple[list[float], list[int]]:
    """Every student joins, sees the first frame and plays; when all have
    reached the lesson's question (every game alive, mid-lesson) the games'
    memory is read, then they all play on to the end."""
    first_frames: list[float] = []
    at_question = 0
    everyone_there = asyncio.Event()
    measured = asyncio.Event()
    sessions = []

    async def student(index: int) -> None:
        nonlocal at_question
        await asyncio.sleep(index * join_seconds / students)
        start = time.monotonic()
        session, tab = await open_tab(served)
        sessions.append(session)
        await tab.wait_for("First name", timeout=120)
        first_frames.append(time.monotonic() - start)
        await tab.type_name(f"Student {index:02d}")
        await tab.press("\r")
        for text, key in LESSON_KEYS:
            await tab.wait_for(text, timeout=120)
            if text == QUESTION:
                at_question += 1
                if at_question == students:
                    everyone_there.set()
                while not measured.is_set():  # reading on: the server's pings want answers
                    with contextlib.suppress(AssertionError):
                        await tab.wait_for("\0", timeout=0.5)  # text no screen shows
            await tab.press(key)

    tasks = [asyncio.create_task(student(i)) for i in range(students)]
    there = asyncio.create_task(everyone_there.wait())
    # Until everyone is at the question, a student's task can only end by
    # failing: that stops the run, with why.
    done, _ = await asyncio.wait([there, *tasks], return_when=asyncio.FIRST_COMPLETED)
    if there not in done:
        there.cancel()
        raise next(iter(done)).exception()  # type: ignore[misc]
    memory = [pss(pid) for pid in games(served.process.pid)]
    measured.set()
    await asyncio.gather(*tasks)
    for session in sessions:
        await session.close()
    return first_frames, memory


def run_class(folder: Path, students: int, join_seconds: float, *, warm: bool = True) -> Run:
    """A class on a fresh server: games forked from its warm parent, or
    (``warm`` False, LOCUS_SERVE_WARM=0) each started afresh."""
    os.environ[WARM_VAR] = "1" if warm else "0"
    folder.mkdir(parents=True)
    results = folder / "results.db"
    options = ("--lesson", LESSON, "--results", str(results), "--max-games", str(students + 5))
    start = time.monotonic()
    with serve(folder, *options) as served:
        first_frames, memory = asyncio.run(_class(served, students, join_seconds))
        # The server and, when it forks its games, their warm parent.
        helpers = set(children(served.process.pid)) - set(games(served.process.pid))
        server_pss = sum(pss(pid) for pid in [served.process.pid, *helpers])
    wall = time.monotonic() - start
    expected = lesson_events()
    found = recorded_events(str(results))
    recorded = sum(1 for events in found.values() if events == expected)
    return Run(first_frames, memory, server_pss, recorded, students, wall)


def report(label: str, run: Run) -> None:
    frames = sorted(run.first_frames)
    print(
        f"{label}: {run.students} students, {len(run.pss)} game processes (wall {run.wall:.0f} s)"
    )
    print(
        f"  memory per game (PSS)  median {statistics.median(run.pss) / MB:5.1f} MB  "
        f"max {max(run.pss) / MB:5.1f} MB  total {sum(run.pss) / MB:6.0f} MB  "
        f"(the server and the games' parent {run.server_pss / MB:.0f} MB)"
    )
    print(
        f"  time to first frame    median {statistics.median(frames):5.2f} s   "
        f"max {frames[-1]:5.2f} s"
    )
    print(f"  results recorded       {run.recorded}/{run.students} students with every step")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--join-seconds", type=float, default=10.0)
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()}")
    window = f"joining within {args.join_seconds:g} s"
    with tempfile.TemporaryDirectory(prefix="locus-bench-serve-") as tmp:
        alone = run_class(Path(tmp) / "alone", 1, 0.0)
        report("baseline  one game alone (forked)", alone)
        cold = run_class(Path(tmp) / "cold", args.students, args.join_seconds, warm=False)
        report(f"before    class {window}, every game started afresh", cold)
        print(f"load average now: {os.getloadavg()}")
        crowd = run_class(Path(tmp) / "class", args.students, args.join_seconds)
        report(f"after     class {window}, games forked from the warm parent", crowd)
    print(f"load average after: {os.getloadavg()}")
    memory_ratio = statistics.median(crowd.pss) / statistics.median(cold.pss)
    frame_ratio = max(crowd.first_frames) / max(cold.first_frames)
    print(
        f"forked vs afresh: memory per game {memory_ratio:.2f}x, "
        f"slowest first frame {frame_ratio:.2f}x"
    )
    per_game = statistics.median(crowd.pss) / MB
    frame_max = max(crowd.first_frames)
    print(
        f"per game = {per_game / (statistics.median(alone.pss) / MB):.2f}x one game alone; "
        f"{'under' if per_game <= 40 else 'OVER'} the 40 MB target"
    )
    print(
        f"slowest first frame = {frame_max / alone.first_frames[0]:.1f}x one game alone; "
        f"{'under' if frame_max <= 5 else 'OVER'} the 5 s target"
    )
    lost = sum(run.students - run.recorded for run in (alone, cold, crowd))
    print(f"steps lost: {lost or 'none'} students' worth" if lost else "nothing lost")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
