"""Running `locus` as a separate process, as a hostile user would meet it,
and measuring what that process did: its exit code, what it printed, its
peak memory, and every file it left in the folders it was given."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MINI = REPO / "tests" / "packs" / "mini"
MB = 1024 * 1024


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str
    peak_rss: int  # bytes

    def assert_refused(self, message: str) -> None:
        """Exit 1, one clear ``locus: ...`` message, no traceback."""
        assert self.code == 1, (self.code, self.stdout[-2000:], self.stderr[-2000:])
        assert "Traceback" not in self.stderr + self.stdout, self.stderr
        assert self.stderr.startswith("locus: "), self.stderr
        assert message in self.stderr, self.stderr


# Linux counts the memory a child had before it ran exec (a copy of its
# parent's) into its peak, so the game is started by this small launcher,
# whose own memory is tiny, and the launcher reports the game's peak.
_LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
with open(sys.argv[1], "w") as report:
    report.write(str(usage.ru_maxrss * 1024))
sys.exit(os.waitstatus_to_exitcode(status))
"""


def run_locus(*args: str, home: Path, stdin: str = "", timeout: float = 120) -> Outcome:
    """``python -m game ARGS`` with ``LOCUS_HOME`` set to ``home``; the peak
    resident memory is the kernel's own accounting for the game process."""
    env = {**os.environ, "LOCUS_HOME": str(home), "PYTHONPATH": str(REPO)}
    env.pop("LOCUS_RESULTS", None)
    scratch = Path(tempfile.mkdtemp(prefix="locus-run-"))
    try:
        completed = subprocess.run(
            [
                sys.executable,
                "-c",
                _LAUNCHER,
                str(scratch / "peak"),
                sys.executable,
                "-m",
                "game",
                *args,
            ],
            input=stdin.encode(),
            capture_output=True,
            cwd=home.parent,
            env=env,
            timeout=timeout,
        )
        peak = int((scratch / "peak").read_text())
    finally:
        shutil.rmtree(scratch)
    return Outcome(
        completed.returncode,
        completed.stdout.decode("utf-8", "replace"),
        completed.stderr.decode("utf-8", "replace"),
        peak,
    )


def snapshot(*folders: Path) -> dict[Path, bytes]:
    """Every file under ``folders`` with its bytes, to prove nothing changed."""
    files: dict[Path, bytes] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                files[path] = path.read_bytes()
    return files
