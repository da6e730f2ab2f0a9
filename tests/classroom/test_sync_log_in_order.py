"""`locus results sync > sync.log 2>&1`, as a teacher's scheduled job keeps
it: stdout and stderr in one file, stdout block-buffered as Python makes it
when it is not a terminal, stderr line-buffered. The counts come first and
then the reasons, in the order they were said, as on a terminal. (Run in
this process with the same buffering, so the code under test is this
process's own.)"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from game.cli import main
from tests.classroom.test_xapi import _play_good_run, down  # noqa: F401 (a fixture)


def test_the_counts_come_before_the_reasons_in_a_log_of_both_streams(
    story,
    results,
    down,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _play_good_run(story, results, down)
    log = tmp_path / "sync.log"
    fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
    with (
        os.fdopen(os.dup(fd), "w", encoding="utf-8") as out,  # block-buffered, as when redirected
        os.fdopen(fd, "w", encoding="utf-8", buffering=1) as err,  # line-buffered, as stderr is
    ):
        monkeypatch.setattr(sys, "stdout", out)
        monkeypatch.setattr(sys, "stderr", err)
        assert main(["results", "sync", "--results", results]) == 1
        err.flush()
    assert log.read_text(encoding="utf-8") == (
        f"xAPI statements in {results}:\n  sent now: 0\n  pending: 14, sent: 0, failed: 0\n"
        f"locus: The learning record store at {down.endpoint} did not take the statements: "
        "connection refused: is it running?\n"
        "  last error: connection refused: is it running?\n"
        "Nothing was lost: what was not sent stays queued; run `locus results sync` again.\n"
    )
