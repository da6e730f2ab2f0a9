"""This checkout as a regular install lays it out: the wheel pip builds, unpacked.

A wheel runs the body's inner loop compiled (hatch_build.py); the editable
install the tests use runs the sources. Benchmarks that measure what a player
or a teacher runs, and tests/test_compiled_body.py, put the unpacked wheel first
on a child's path. The build is offline (``--no-build-isolation``: this venv's
hatchling, mypy and compiler, from the test extras).
"""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def build_wheel(out: Path, **env: str) -> tuple[Path, str]:
    """The wheel pip builds from this checkout into ``out``, and the build's own output."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-v",
            "-w",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env},
    )
    (wheel,) = out.glob("locus-*.whl")
    return wheel, done.stdout + done.stderr


def installed_tree(out: Path) -> Path:
    """The wheel built into ``out`` and unpacked there: a folder to put first on sys.path."""
    wheel, _ = build_wheel(out)
    tree = out / "unpacked"
    zipfile.ZipFile(wheel).extractall(tree)
    return tree


def body_build(tree: Path) -> str:
    """What the game imported from ``tree`` says of its body model (game/build.py)."""
    return subprocess.run(
        [sys.executable, "-c", "from game.build import body_build; print(body_build())"],
        env={**os.environ, "PYTHONPATH": str(tree)},
        cwd=tree,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
