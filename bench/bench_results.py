"""Event writes on a PostgreSQL server with a class writing at once.

Run: .venv/bin/python bench/bench_results.py [--writers 30] [--steps 200]

A throwaway PostgreSQL cluster on loopback (tests/pg.py: Debian's server
binaries, a temp folder, fsync off as in the tests), and ``--writers``
processes, each a student's game: it opens the results through
``ResultsDB.open_for_writing(URL)`` (PostgresResultsDB) and writes
``--steps`` steps (one observed step: its events, a first try every eighth
step, the session summary; one SERIALIZABLE transaction), each after a
random pause. Two paces, in one run: ``--pace`` (default 500 ms: up to half a
second between one student's steps, still several times faster than
students read and click), where the figure is a write's own latency with 30
writers at once; and ``--stress-pace`` (default 20 ms: each writer a hundred
steps a second, 3,000 a second from 30), which saturates two cores on
purpose, so its times are mostly the queue for the CPU. The same writer code
as bench/bench_classroom.py, which measures SQLite.

Times are per write, from BEGIN to COMMIT (including any rerun after a
serialization failure); the median and p95 are printed. The baseline, in the
same run on the same server, is a bare one-row INSERT + COMMIT by the same
number of writers at the same pace.

Target: a median under 5 ms with 30 writers (at ``--pace``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.bench_classroom import percentiles, run_writers
from tests.pg import throwaway_server

BARE = r"""
import json, random, sys, time
import psycopg

url, player, count, pace = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
rng = random.Random(player)
db = psycopg.connect(url, autocommit=True)
print("ready", flush=True)
sys.stdin.readline()
times = []
for n in range(count):
    time.sleep(rng.random() * pace)
    start = time.perf_counter()
    with db.transaction():
        db.execute("INSERT INTO bare (player, n, text) VALUES (%s, %s, %s)", (player, n, "choice"))
    times.append(time.perf_counter() - start)
print(json.dumps(times), flush=True)
"""


def bare_writers(url: str, writers: int, count: int, pace: float) -> list[float]:
    import json
    import subprocess

    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute(
            "CREATE TABLE IF NOT EXISTS bare (id SERIAL PRIMARY KEY, player INT, n INT, text TEXT)"
        )
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", BARE, url, str(i), str(count), str(pace)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for i in range(writers)
    ]
    for process in processes:
        assert process.stdout is not None and process.stdout.readline().strip() == "ready"
    for process in processes:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    samples: list[float] = []
    for process in processes:
        out, _ = process.communicate(timeout=600)
        samples.extend(json.loads(out.strip().splitlines()[-1]))
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=30)
    parser.add_argument("--steps", type=int, default=40, help="steps a writer at --pace")
    parser.add_argument("--pace", type=float, default=500, help="ms, most between steps")
    parser.add_argument("--stress-steps", type=int, default=200)
    parser.add_argument("--stress-pace", type=float, default=20, help="ms (0: no stress run)")
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()}")
    runs = [(args.pace, args.steps)]
    if args.stress_pace > 0:
        runs.append((args.stress_pace, args.stress_steps))
    medians = []
    with throwaway_server() as server:
        for pace_ms, count in runs:
            pace = pace_ms / 1000
            label = f"{args.writers} writers, 0-{pace_ms:g} ms apart"
            bare = bare_writers(server.new_database(), args.writers, count, pace)
            print(f"baseline  bare INSERT+COMMIT, {label}: {percentiles(bare)}")
            steps = run_writers(server.new_database(), args.writers, count, pace, "locus")  # type: ignore[arg-type]
            print(f"locus     one step,           {label}: {percentiles(steps)}")
            medians.append((pace_ms, statistics.median(steps), statistics.median(bare)))
    print(f"load average after: {os.getloadavg()}")
    for pace_ms, median, bare_median in medians:
        verdict = "under" if median < 0.005 else "OVER"
        print(
            f"0-{pace_ms:g} ms apart: median step {median * 1000:.2f} ms = "
            f"{median / bare_median:.1f}x a bare commit; {verdict} the 5 ms target"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
