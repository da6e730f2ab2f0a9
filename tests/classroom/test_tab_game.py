"""A served tab's game process (game/classroom/tabs.py) in this process,
with a stand-in game that writes down what it was given: its own data
folder and working directory, the results server's URL and nothing of the
host's results, the terminal size, its memory and CPU limits, a process
group of its own, the keystrokes within the size and rate limits, a
clamped resize, and the quit message; the folder is gone once it ends.
(tests/security/test_serve_tabs.py serves the real game to real tabs.)"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from textual_serve.download_manager import DownloadManager

from game.classroom.limited import CPU_GRACE_S
from game.classroom.tabs import InputGate, TabGame, TabLimits
from tests.served import poll

STAND_IN = """
import json, os, resource, sys
log = open(sys.argv[1], "a", encoding="utf-8")
def note(**fields):
    log.write(json.dumps(fields) + "\\n")
    log.flush()
note(kind="start", home=os.environ.get("LOCUS_HOME"), results=os.environ.get("LOCUS_RESULTS"),
     columns=os.environ.get("COLUMNS"), rows=os.environ.get("ROWS"), cwd=os.getcwd(),
     memory=resource.getrlimit(resource.RLIMIT_AS), cpu=resource.getrlimit(resource.RLIMIT_CPU),
     leads_group=os.getpgid(0) == os.getpid())
stdin = sys.stdin.buffer
while len(head := stdin.read(5)) == 5:
    body = stdin.read(int.from_bytes(head[1:], "big"))
    if head[:1] == b"D":
        note(kind="data", text=body.decode())
    else:
        meta = json.loads(body)
        note(kind="meta", meta=meta)
        if meta.get("type") == "quit":
            break
"""
MEMORY = 768 * 1024 * 1024


async def _nothing(*_: object) -> None:
    return None


def _tab(log: Path, limits: TabLimits, results_url: str | None = None) -> TabGame:
    return TabGame(
        [sys.executable, "-c", STAND_IN, str(log)],
        limits,
        results_url=results_url,
        write_bytes=_nothing,
        write_str=_nothing,
        close=_nothing,
        download_manager=DownloadManager(),
    )


def _notes(log: Path) -> list[dict]:
    if not log.exists():
        return []
    return [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]


def _wait_for(log: Path, count: int) -> list[dict]:
    poll(lambda: len(_notes(log)) >= count, 60, f"{count} notes from the stand-in game")
    return _notes(log)


async def test_a_tabs_game_starts_limited_in_its_own_folder_and_group(tmp_path, monkeypatch):
    monkeypatch.setenv("LOCUS_RESULTS", str(tmp_path / "host-results.db"))
    log = tmp_path / "log.jsonl"
    game = _tab(log, TabLimits(memory=MEMORY, cpu_seconds=77), "postgresql://db.example/class")
    home = game.home
    assert home.is_dir() and home.name.startswith("locus-tab-")
    await game.start(100, 30)
    try:
        (start,) = _wait_for(log, 1)
        assert start == {
            "kind": "start",
            "home": str(home),
            "results": "postgresql://db.example/class",
            "columns": "100",
            "rows": "30",
            "cwd": str(home),
            "memory": [MEMORY, MEMORY],
            "cpu": [77, 77 + CPU_GRACE_S],
            "leads_group": True,
        }
        assert game.pid is not None
    finally:
        await game.stop()
    assert not home.exists()
    assert _notes(log)[-1] == {"kind": "meta", "meta": {"type": "quit"}}


async def test_without_a_results_server_the_hosts_results_setting_is_not_passed_on(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("LOCUS_RESULTS", str(tmp_path / "host-results.db"))
    log = tmp_path / "log.jsonl"
    game = _tab(log, TabLimits(memory=MEMORY))
    await game.start(80, 24)
    try:
        (start,) = _wait_for(log, 1)
        assert start["results"] is None
        assert start["cpu"] == [1800, 1800 + CPU_GRACE_S]  # the default: half an hour
    finally:
        await game.stop()


async def test_keystrokes_within_the_limits_reach_the_game_and_a_flood_does_not(tmp_path):
    log = tmp_path / "log.jsonl"
    limits = TabLimits(
        memory=MEMORY, stdin_chars=8, rate=0.001, burst=10.0
    )  # no refill to speak of
    game = _tab(log, limits)
    await game.start(80, 24)
    try:
        _wait_for(log, 1)
        await game.type("x" * 9)  # longer than one message may be
        await game.type("hello")
        await game.type("abcdef")  # 5 + 6 > the burst of 10: dropped
        await game.type("12345")  # 5 + 5 = 10: fits
        await game.resize(10_000, True)  # too wide; not a number
        await game.resize(0, 12)
        notes = _wait_for(log, 5)[1:]
        assert notes == [
            {"kind": "data", "text": "hello"},
            {"kind": "data", "text": "12345"},
            {"kind": "meta", "meta": {"type": "resize", "width": 500, "height": 24}},
            {"kind": "meta", "meta": {"type": "resize", "width": 1, "height": 12}},
        ]
    finally:
        await game.stop()


@pytest.mark.parametrize(
    ("width", "height", "clamped"),
    [(120, 40, (120, 40)), (500, 501, (500, 500)), (-3, 0, (1, 1)), ("80", None, (80, 24)),
     (False, 2.5, (80, 24))],
)  # fmt: skip
def test_a_terminal_size_is_clamped_to_what_the_game_can_draw(width, height, clamped) -> None:
    game = _tab(Path("unused"), TabLimits())
    try:
        assert game.clamp(width, height) == clamped
    finally:
        game.home.rmdir()


def test_the_input_gate_lets_a_burst_through_then_the_rate() -> None:
    gate = InputGate(rate=0.0, burst=10.0)  # no refill: only the burst
    assert gate.allow(4) and gate.allow(6)
    assert not gate.allow(1)
    assert gate.tokens == 0.0
    capped = InputGate(rate=1e9, burst=10.0)  # refills at once, but never above the burst
    assert not capped.allow(11) and capped.allow(10)


async def test_a_game_never_started_stops_and_leaves_no_folder(tmp_path) -> None:
    game = _tab(tmp_path / "log.jsonl", TabLimits())
    home = game.home
    assert game.pid is None
    await game.stop()
    assert not home.exists()
