"""Capacity of `locus serve`: a class of browser tabs on one machine.

Run: .venv/bin/python bench/bench_serve.py [--students 30] [--join-seconds 10]

A real `locus serve --lesson woods_lesson` (the test pack, tests/packs/mini)
on a loopback port; N websocket clients speak textual-serve's protocol as the
page does (tests/served.py), joining at even intervals within the join
window, and each plays the whole lesson. It prints:

* memory per game: the PSS (proportional set size: shared pages divided among
  the processes sharing them) of every game process, from
  /proc/PID/smaps_rollup, sampled once every student has finished, before
  the tabs close; the median, the largest and the total, and the serving
  process's own;
* time to first frame: from a tab's websocket connecting to the first screen
  it can read (the name box), median and max;
* results recorded: every student's every step in the results database
  (the engine's events for the same choices), and nothing lost.

The baseline is one game alone (N=1) in the same run, measured the same way:
a class's per-game memory and first frame are shown as a ratio of it.
Targets on a 2-core machine: 30 students joining within 10 s all see their
first frame within 5 s; at most 40 MB per game; nothing lost.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.served import (
    LESSON,
    children,
    games,
    lesson_events,
    open_tab,
    play_lesson,
    recorded_events,
    serve,
)

MB = 1024 * 1024


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
    """Every student joins, sees the first frame, plays; once all have
    finished, the games' memory is read, then the tabs close."""
    first_frames: list[float] = []
    finished = asyncio.Event()
    done = 0
    sessions = []

    async def student(index: int) -> None:
        nonlocal done
        await asyncio.sleep(index * join_seconds / students)
        start = time.monotonic()
        session, tab = await open_tab(served)
        sessions.append(session)
        await tab.wait_for("First name", timeout=120)
        first_frames.append(time.monotonic() - start)
        await play_lesson(tab, f"Student {index:02d}")
        done += 1
        if done == students:
            finished.set()
        await finished.wait()  # keep the tab (and its game) open until all are done

    tasks = [asyncio.create_task(student(i)) for i in range(students)]
    await finished.wait()
    memory = [pss(pid) for pid in games(served.process.pid)]
    await asyncio.gather(*tasks)
    for session in sessions:
        await session.close()
    return first_frames, memory


def run_class(folder: Path, students: int, join_seconds: float) -> Run:
    folder.mkdir(parents=True)
    results = folder / "results.db"
    options = ("--lesson", LESSON, "--results", str(results), "--max-games", str(students + 5))
    start = time.monotonic()
    with serve(folder, *options) as served:
        first_frames, memory = asyncio.run(_class(served, students, join_seconds))
        # The server and, when it forks its games, their warm parent.
        server_pss = sum(pss(pid) for pid in [served.process.pid, *children(served.process.pid)])
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
    with tempfile.TemporaryDirectory(prefix="locus-bench-serve-") as tmp:
        alone = run_class(Path(tmp) / "alone", 1, 0.0)
        report("baseline  one game alone", alone)
        crowd = run_class(Path(tmp) / "class", args.students, args.join_seconds)
        report(f"class     joining within {args.join_seconds:g} s", crowd)
    print(f"load average after: {os.getloadavg()}")
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
    lost = crowd.students - crowd.recorded + alone.students - alone.recorded
    print(f"steps lost: {lost or 'none'} students' worth" if lost else "nothing lost")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
