"""Event writes on a PostgreSQL server with a class writing at once.

Run: .venv/bin/python bench/bench_results.py [--writers 30] [--steps 200]

A throwaway PostgreSQL cluster on loopback (tests/pg.py: Debian's server
binaries, a temp folder, fsync off as in the tests), and ``--writers``
processes, each a student's game: it opens the results through
``ResultsDB.open_for_writing(URL)`` (PostgresResultsDB) and writes
``--steps`` steps (one observed step: its events, a first try every eighth
step, the session summary; one SERIALIZABLE transaction), each after a
random 0-20 ms pause (still a hundred times faster than students click).
The same writer code as bench/bench_classroom.py, which measures SQLite.

Times are per write, from BEGIN to COMMIT (including any rerun after a
serialization failure); the median and p95 are printed. The baseline, in the
same run on the same server, is a bare one-row INSERT + COMMIT by the same
number of writers at the same pace.

Target: a median under 5 ms with 30 writers.
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

PACE_S = 0.020

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


def bare_writers(url: str, writers: int, count: int) -> list[float]:
    import json
    import subprocess

    import psycopg

    with psycopg.connect(url, autocommit=True) as db:
        db.execute("CREATE TABLE bare (id SERIAL PRIMARY KEY, player INT, n INT, text TEXT)")
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", BARE, url, str(i), str(count), str(PACE_S)],
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
    parser.add_argument("--steps", type=int, default=200)
    args = parser.parse_args(argv)
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()}")
    with throwaway_server() as server:
        bare = bare_writers(server.new_database(), args.writers, args.steps)
        print(f"baseline  bare INSERT+COMMIT, {args.writers} writers paced {percentiles(bare)}")
        steps = run_writers(server.new_database(), args.writers, args.steps, PACE_S, "locus")  # type: ignore[arg-type]
        print(f"locus     one step, {args.writers} writers paced    {percentiles(steps)}")
    median = statistics.median(steps)
    print(f"load average after: {os.getloadavg()}")
    print(
        f"median step = {median / statistics.median(bare):.1f}x a bare commit at the same pace; "
        f"{'under' if median < 0.005 else 'OVER'} the 5 ms target"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
