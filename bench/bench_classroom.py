"""Benchmark of the classroom results database: writing events while a class
plays, and the teacher report on a big database.

Run: /work/venv/bin/python bench/bench_classroom.py [--quick]

1. Writing one event (one observed step: its events, first try, storyline
   and session summary, committed) with 30 writer processes at once, each
   writing 1,000 steps. Two paces: flat out (every process writes back to
   back: far beyond any class) and paced (a random 0-20 ms between steps,
   still a hundred times faster than students click). The baseline, measured
   in the same run on the same disk, is a bare ``INSERT`` + ``COMMIT`` of one
   row in the same WAL settings: by one writer, and by 30 writers flat out
   and paced. On two cores, 30 processes share the CPU, so the tails (p99,
   max) are mostly a lock holder waiting for its turn on a core.
   Times are per write, from BEGIN IMMEDIATE (including any wait for the
   lock) to COMMIT; the median, p95, p99 and maximum are printed.

2. ``locus report`` on 100,000 events from 500 students: the whole command as
   a teacher runs it (a fresh Python process, text, --json, --csv), and the
   report's own work in-process. Baselines: starting Python and importing the
   command (``locus --help``), and reading the raw event log once (what a
   report that replayed events would pay before doing anything), which the
   summary tables let the report skip.

Targets (issue #7): median write under 2 ms with 30 writers; report under 1 s.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.genpack import median_of
from game.classroom import records
from game.classroom.report import build_report
from game.classroom.report_formats import format_text, to_json, write_csv
from game.classroom.results_db import ResultsDB
from game.classroom.scoring import FirstTry

OBJECTIVES = ("ne_identity", "ne_heart", "lc_location", "inverted_u", "sleep_ne")

WRITER = r"""
import json, random, sys, time
from game.classroom import records
from game.classroom.results_db import ResultsDB
from game.classroom.scoring import FirstTry

path, player, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
pace, mode = float(sys.argv[4]), sys.argv[5]
rng = random.Random(player)
if mode == "bare":
    import sqlite3
    db = sqlite3.connect(path, timeout=5.0, isolation_level=None)
    db.execute("PRAGMA synchronous=NORMAL")
else:
    db = ResultsDB.open_for_writing(path)
    session = db.write(lambda conn: records.open_session(
        conn, pack="bench", lesson="lesson", student=f"s{player}", key=f"s{player}", now=0.0,
        storylines_total=2, has_quizzes=True, pass_mark=70.0))[0]
print("ready", flush=True)
sys.stdin.readline()
times = []
for n in range(count):
    if pace:
        time.sleep(rng.random() * pace)
    if mode == "bare":
        start = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO bare (player, n, text) VALUES (?, ?, ?)", (player, n, "choice"))
        db.execute("COMMIT")
        times.append(time.perf_counter() - start)
        continue
    answers = [FirstTry(f"q{n % 40}", "ne_heart", rng.random() < 0.7, 10, 10)] if n % 8 == 0 else []
    step = records.RecordedStep(
        at=time.time(), storyline="one",
        events=[("choice", "Back away slowly", {"scene": "bear", "number": 1}),
                ("enter", "Checkpoint", {"scene": "check", "visit": 1})],
        answers=answers, xp=n, ended=False, ending=None, badges=(), time_on_task=2.0)
    start = time.perf_counter()
    db.write(lambda conn: records.record_step(conn, session, step))
    times.append(time.perf_counter() - start)
print(json.dumps(times), flush=True)
"""


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000

    return (
        f"median {statistics.median(ordered) * 1000:6.3f} ms  p95 {at(0.95):6.2f} ms  "
        f"p99 {at(0.99):6.2f} ms  max {ordered[-1] * 1000:7.2f} ms  (n={len(ordered)})"
    )


def run_writers(path: Path, writers: int, count: int, pace: float, mode: str) -> list[float]:
    """Start ``writers`` processes, release them together, gather per-write times."""
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(i), str(count), str(pace), mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(writers)
    ]
    for process in processes:
        assert process.stdout is not None
        if process.stdout.readline().strip() != "ready":
            raise SystemExit("a writer failed to start")
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    samples: list[float] = []
    for process in processes:
        out, _ = process.communicate(timeout=600)
        if process.returncode:
            raise SystemExit("a writer failed")
        samples.extend(json.loads(out.strip().splitlines()[-1]))
    return samples


def bare_db(path: Path) -> Path:
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("CREATE TABLE bare (id INTEGER PRIMARY KEY, player INT, n INT, text TEXT)")
    return path


def bench_writes(folder: Path, writers: int, count: int) -> None:
    print(f"== Writing: {writers} writer processes x {count} steps each ==")
    solo = run_writers(bare_db(folder / "bare1.db"), 1, count, 0.0, "bare")
    print(f"baseline  bare INSERT+COMMIT, 1 writer         {percentiles(solo)}")
    crowd = run_writers(bare_db(folder / "bare30.db"), writers, count, 0.0, "bare")
    print(f"baseline  bare INSERT+COMMIT, {writers} writers flat out {percentiles(crowd)}")
    crowd_paced = run_writers(bare_db(folder / "bare30p.db"), writers, count, 0.020, "bare")
    print(
        f"baseline  bare INSERT+COMMIT, {writers} writers paced 0-20 ms {percentiles(crowd_paced)}"
    )
    flat = run_writers(folder / "flat.db", writers, count, 0.0, "locus")
    print(f"locus     one step, {writers} writers flat out      {percentiles(flat)}")
    paced = run_writers(folder / "paced.db", writers, count, 0.020, "locus")
    print(f"locus     one step, {writers} writers paced 0-20 ms {percentiles(paced)}")
    ratio = statistics.median(paced) / statistics.median(crowd_paced)
    verdict = "under" if statistics.median(paced) < 0.002 else "OVER"
    print(f"paced median = {ratio:.1f}x a bare commit at the same pace; {verdict} the 2 ms target")
    print()


def build_big_db(path: Path, students: int, events_each: int) -> int:
    """A term's results written through the real SQL (many steps per commit
    to build it quickly): each student plays two storylines of a lesson with
    quizzes on five objectives. Returns the number of events."""
    db = ResultsDB.open_for_writing(str(path))
    rng = random.Random(7)
    steps_each = events_each // 2

    def student(conn: sqlite3.Connection, index: int) -> None:
        if index == 0:
            records.save_lesson(
                conn,
                "bench",
                "lesson",
                "Lesson: Fight or Flight",
                70.0,
                ("one", "two"),
                {o: f"Objective {o}." for o in OBJECTIVES},
            )
        session, _ = records.open_session(
            conn,
            pack="bench",
            lesson="lesson",
            student=f"Student {index:03d} 🧠",
            key=f"student {index:03d} 🧠",
            now=1.7e9,
            storylines_total=2,
            has_quizzes=True,
            pass_mark=70.0,
        )
        for n in range(steps_each):
            storyline = "one" if n < steps_each // 2 else "two"
            last = n in (steps_each // 2 - 1, steps_each - 1)
            quiz = n % 10 == 5
            right = rng.random() < 0.75
            answers = [FirstTry(f"q{n}", OBJECTIVES[n % 5], right, 10, 10)] if quiz else []
            step = records.RecordedStep(
                at=1.7e9 + n * 5,
                storyline=storyline,
                events=[
                    ("choice", "A choice", {"n": n}),
                    ("ending" if last else "enter", "A scene", {"scene": f"s{n}"}),
                ],
                answers=answers,
                xp=n * 3,
                ended=last,
                ending=(f"end_{storyline}", "good") if last else None,
                badges=("calm",) if n == 20 else (),
                time_on_task=5.0,
            )
            records.record_step(conn, session, step)

    for index in range(students):
        db.write(lambda conn, index=index: student(conn, index))
    with sqlite3.connect(path) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        total = raw.execute("SELECT count(*) FROM events").fetchone()[0]
    db.close()
    return int(total)


def bench_report(folder: Path, students: int, events_each: int) -> None:
    path = folder / "big.db"
    started = time.perf_counter()
    events = build_big_db(path, students, events_each)
    print(
        f"== Report: {events:,} events from {students} students "
        f"(built in {time.perf_counter() - started:.1f} s) =="
    )
    repeats = 5
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note: PYTHONDONTWRITEBYTECODE is set, so every command compiles its imports")
    command = [sys.executable, "-m", "game", "report", "--results", str(path)]

    def run(*extra: str) -> None:
        subprocess.run(
            [*command, *extra], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )

    startup = median_of(
        repeats,
        lambda: subprocess.run(
            [sys.executable, "-m", "game", "--help"], check=True, stdout=subprocess.DEVNULL
        ),
    )
    print(f"baseline  python -m game --help (start-up)     {startup * 1000:7.1f} ms")
    with sqlite3.connect(path) as raw:
        scan = median_of(
            repeats, lambda: [json.loads(d) for (d,) in raw.execute("SELECT data FROM events")]
        )
    print(f"baseline  reading the raw event log once       {scan * 1000:7.1f} ms")
    text = median_of(repeats, run)
    print(f"locus     locus report (text)                  {text * 1000:7.1f} ms")
    as_json = median_of(repeats, lambda: run("--json"))
    print(f"locus     locus report --json                  {as_json * 1000:7.1f} ms")
    csv_path = folder / "class.csv"
    print(
        f"locus     locus report --csv FILE              "
        f"{median_of(repeats, lambda: run('--csv', str(csv_path))) * 1000:7.1f} ms"
    )

    def in_process() -> None:
        db = ResultsDB.open_for_reading(str(path))
        report = build_report(db)
        db.close()
        format_text(report)
        json.dumps(to_json(report))
        write_csv(report, open(csv_path, "w", encoding="utf-8"))  # noqa: SIM115

    inner = median_of(repeats, in_process)
    print(f"locus     report work in-process (all formats) {inner * 1000:7.1f} ms")
    verdict = "under" if text < 1.0 else "OVER"
    print(f"locus report = {text / startup:.1f}x bare start-up; {verdict} the 1 s target")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a small, fast run (smoke test)")
    options = parser.parse_args()
    sizes = (4, 50, 20, 40) if options.quick else (30, 1000, 500, 200)
    writers, count, students, events_each = sizes
    with tempfile.TemporaryDirectory(prefix="locus-bench-") as folder:
        bench_writes(Path(folder), writers, count)
        bench_report(Path(folder), students, events_each)


if __name__ == "__main__":
    main()
