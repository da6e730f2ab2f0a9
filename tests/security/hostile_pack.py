"""Small hostile packs, and running `locus` on them as a user would (a real
subprocess), with what a hostile-input test asserts about every run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

STORY = """\
format: 1
id: t
title: Test
start: a
variables:
  n: 1
  f: 0.5
  s: "ab"
"""

SCENE = """\
scenes:
  a:
    title: A
    text: Hello.
    ending: {kind: good, summary: Done.}
"""

# Every run is stopped long before a hang could matter; the limit is a
# bound on the test, not a claim about speed.
RUN_LIMIT_S = 120
# `locus` itself, reporting its own peak memory as it exits. On Linux the
# peak is VmHWM, which starts afresh at exec: ru_maxrss also counts the forked
# copy of the test process before exec, hundreds of MB late in a full run.
_MEASURED = """\
import resource, sys
from game.cli import main
try:
    code = main(sys.argv[1:])
finally:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    try:
        with open("/proc/self/status") as status:
            peak = next(int(l.split()[1]) for l in status if l.startswith("VmHWM:"))
    except (OSError, StopIteration, ValueError):
        pass
    sys.stderr.write(f"\\n{PEAK}{peak}\\n")
sys.exit(code)
"""
PEAK = "peak-rss-kb="


def write_pack(root: Path, story: str = STORY, **files: str) -> Path:
    """``files`` by relative path (``__`` for ``/``); texts are dedented."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "story.yaml").write_text(textwrap.dedent(story), encoding="utf-8")
    for name, text in files.items():
        path = root / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(text)


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    peak_mb: float

    @property
    def both(self) -> str:
        return self.out + self.err


def locus(*args: str, stdin: str = "", home: Path | None = None) -> Run:
    """``locus ARGS`` in a fresh process; asserts it ended by itself, without
    a traceback and without a terminal control character in its output."""
    env = dict(os.environ)
    if home is not None:
        env["LOCUS_HOME"] = str(home)
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED.replace("{PEAK}", PEAK), *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=RUN_LIMIT_S,
        env=env,
    )
    err, _, peak = done.stderr.rpartition(PEAK)
    run = Run(done.returncode, done.stdout, err, int(peak or 0) / 1024)
    assert "Traceback" not in run.both, run.both
    assert "\x1b" not in run.both and "\x07" not in run.both, run.both
    return run
