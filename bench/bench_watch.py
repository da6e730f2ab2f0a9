"""Benchmark of the live class view's read: one snapshot of a class of 60
(game/classroom/live.py), which `locus class watch` takes every second in a
worker thread, while 60 student processes write.

Run: .venv/bin/python bench/bench_watch.py [--quick]

The database holds 60 students with 300 steps each (18,000 events). The
snapshot is timed (a fresh connection each time, as the view does) first
with nobody writing (the baseline), then while 60 writer processes each
record a step every 50 ms: twenty times faster than students click, so
1,200 writes a second. Printed: median, p95 and max of each, and the ratio
of the medians. The view refreshes once a second, so a snapshot well under
that leaves the screen idle between reads.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from game.classroom import records
from game.classroom.live import read_snapshot
from game.classroom.results_db import ResultsDB
from game.classroom.scoring import FirstTry

WRITER = r"""
import sys, time
from pathlib import Path
from game.classroom import records
from game.classroom.results_db import ResultsDB
path, session, stop = sys.argv[1], int(sys.argv[2]), sys.argv[3]
db = ResultsDB.open_for_writing(path)
n = 0
while not Path(stop).exists():
    step = records.RecordedStep(
        at=time.time(), storyline="woods", events=[("choice", "c", {"n": n})], answers=[],
        xp=n, ended=False, ending=None, badges=(), time_on_task=0.05, scene="bear")
    db.write(lambda conn: records.record_step(conn, session, step))
    n += 1
    time.sleep(0.05)
db.close()
"""


def build(path: Path, students: int, steps: int) -> list[int]:
    db = ResultsDB.open_for_writing(str(path))
    sessions = []
    for s in range(students):

        def begin(conn, s=s):  # type: ignore[no-untyped-def]
            return records.open_session(
                conn,
                pack="mini",
                lesson="woods_lesson",
                student=f"Student {s}",
                key=f"student {s}",
                now=time.time(),
                storylines_total=2,
                has_quizzes=True,
                pass_mark=70.0,
                class_code=None,
            )[0]

        session = db.write(begin)
        sessions.append(session)
        for n in range(steps):
            answer = [FirstTry(f"quiz{n}", "ne_heart", n % 3 != 0, 10, 10)] if n % 10 == 0 else []
            step = records.RecordedStep(
                at=time.time(),
                storyline="woods",
                events=[("choice", "c", {"n": n})],
                answers=answer,
                xp=n,
                ended=False,
                ending=None,
                badges=(),
                time_on_task=1.0,
                scene="bear",
            )
            db.write(lambda conn, st=step, se=session: records.record_step(conn, se, st))
    db.close()
    return sessions


def time_reads(path: Path, count: int) -> list[float]:
    times = []
    for _ in range(count):
        start = time.perf_counter()
        db = ResultsDB.open_for_reading(str(path))
        try:
            read_snapshot(db, None)
        finally:
            db.close()
        times.append((time.perf_counter() - start) * 1000)
    return times


def show(label: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(
        f"{label:<44} median {statistics.median(times):6.1f} ms  p95 {p95:6.1f} ms"
        f"  max {max(times):6.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="a small run for the smoke test")
    args = parser.parse_args()
    students, steps, reads = (10, 20, 5) if args.quick else (60, 300, 40)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "results.db"
        sessions = build(path, students, steps)
        quiet = time_reads(path, reads)
        stop = Path(folder) / "stop"
        writers = [
            subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(s), str(stop)])
            for s in sessions
        ]
        time.sleep(2.0 if not args.quick else 0.5)  # let them start writing
        busy = time_reads(path, reads)
        stop.touch()
        for writer in writers:
            writer.wait(timeout=120)
    print(f"{students} students, {students * steps} events")
    show("snapshot, nobody writing (baseline)", quiet)
    show(f"snapshot, {students} writers every 50 ms", busy)
    ratio = statistics.median(busy) / statistics.median(quiet)
    print(f"ratio busy/baseline: {ratio:.1f}x; the view reads once every 1000 ms")


if __name__ == "__main__":
    main()
