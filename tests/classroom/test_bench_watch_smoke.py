"""The live view's benchmark still runs (its --quick size), so its numbers
can be trusted when someone runs it in full. Nothing here is timed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "bench_watch.py"


def test_the_watch_benchmark_runs_and_prints_its_figures() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH), "--quick"], capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    for line in ("nobody writing (baseline)", "writers every 50 ms", "ratio busy/baseline"):
        assert line in result.stdout
