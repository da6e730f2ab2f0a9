"""Tampered saves, through `locus play --plain --load` as a separate process:
every one is refused with "this save cannot be loaded: ...", exit 1 and no
traceback, the file is left as it was, nothing is written, and a save built
to explode on load takes memory in proportion to its size."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from game.engine.machine import Game
from game.engine.saves import MAX_UNDO_STEPS, game_to_dict, read_save, write_save
from game.story.loader import load_pack
from tests.security.hostile import MB, MINI, run_locus, snapshot

Tamper = Callable[[dict], object]


@pytest.fixture(scope="module")
def story():
    return load_pack(MINI).story


def _save_data(story) -> dict:
    return json.loads(json.dumps(game_to_dict(Game.start(story, seed=3).act(2).act(1))))


def _newest(data: dict) -> dict:
    return data["steps"][-1]["state"]


TAMPERED: dict[str, Tamper] = {
    "clock is a string": lambda d: _newest(d).update(clock="soon"),
    "clock is huge": lambda d: _newest(d).update(clock=10**400),
    "a variable is a list": lambda d: _newest(d)["vars"].update(courage=[1, 2]),
    "a visit count is negative": lambda d: _newest(d)["visits"].update(intro=-1),
    "the generator is not a number": lambda d: _newest(d).update(rng="seven"),
    "the body is missing": lambda d: _newest(d).pop("body"),
    "the body's heart is not finite": lambda d: _newest(d)["body"]["physiology"].update(
        {next(iter(_newest(d)["body"]["physiology"])): 1e999}
    ),
    "the trace delta is missing": lambda d: _newest(d).pop("trace_delta"),
    "the trace drops more than it has": lambda d: _newest(d)["trace_delta"].update(drop=1999),
    "an unknown field": lambda d: _newest(d).update(extra=1),
    "an answer of the wrong shape": lambda d: _newest(d).update(answers=[["a", "b"]]),
    "an event that is not an object": lambda d: d["steps"][-1].update(events=[7]),
    "no steps": lambda d: d.update(steps=[]),
    "steps is an object": lambda d: d.update(steps={}),
    "the name is a number": lambda d: d.update(name=5),
}


@pytest.mark.parametrize("case", sorted(TAMPERED))
def test_a_tampered_save_is_refused(story, tmp_path: Path, case: str) -> None:
    data = _save_data(story)
    TAMPERED[case](data)
    path = tmp_path / "tampered.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    _refused(path, tmp_path, "this save cannot be loaded: ")


@pytest.mark.parametrize(
    "text",
    [
        '{"magic": "locus-save", "format": 1, "pack": "mini", "steps": [{"x": Infinity}]}',
        '{"magic": "locus-save", "format": 1, "pack": "mini", "steps": NaN}',
        '{"magic": "locus-save", "format": 1, "pack": "mini", "steps": [' + "[" * 100_000,
        '{"magic": "locus-save", "format": 1, "pack": "mini", "name": "\udcff"}',
        "[1, 2, 3]",
        "",
        "\x00\xff garbage",
    ],
    ids=["infinity", "nan", "deep nesting", "lone surrogate", "a list", "empty", "binary"],
)
def test_malformed_json_is_refused(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    _refused(path, tmp_path, "this save cannot be loaded: ")


def test_not_a_file_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    _refused(fifo, tmp_path, "is not a regular file")
    _refused(tmp_path, tmp_path, "is a folder")


def test_an_oversized_save_is_refused_without_reading_it_all(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as stream:
        stream.truncate(40 * MB)
    outcome = _refused(path, tmp_path, "larger than 32 MB")
    assert outcome.peak_rss < 120 * MB


def test_a_save_built_to_explode_loads_in_memory_proportional_to_it(story, tmp_path: Path) -> None:
    """One step with a full 2,000-point body trace, then tens of thousands of
    steps that each keep it (``drop: 0, add: []``): 31 MB on disk. Expanded
    naively every step holds its own copy of the trace (11.6 GB and seven
    minutes, measured before the schema); now only the newest
    MAX_UNDO_STEPS steps are kept and each point is shared."""
    data = _save_data(story)
    step = data["steps"][-1]
    point = [0.0, step["state"]["scene"], [1.0] * 7, None]
    first = json.loads(json.dumps(step))
    first["state"]["trace_delta"] = {"drop": 0, "add": [point] * 2000}
    rest = json.loads(json.dumps(step))
    rest["state"]["trace_delta"] = {"drop": 0, "add": []}
    rest["events"] = []
    count = 31 * MB // len(json.dumps(rest))
    data["steps"] = [first] + [rest] * count
    path = tmp_path / "bomb.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    size = path.stat().st_size
    assert 30 * MB < size < 32 * MB
    before = snapshot(tmp_path)
    outcome = run_locus("play", "--plain", "--load", str(path), str(MINI), home=tmp_path / "home")
    assert outcome.code == 0, outcome.stderr
    assert "Traceback" not in outcome.stderr
    assert f"older than the last {MAX_UNDO_STEPS} steps was dropped" in outcome.stdout
    assert outcome.peak_rss < 8 * size, f"{outcome.peak_rss / MB:.0f} MB for {size / MB:.0f} MB"
    assert snapshot(tmp_path) == before


def test_a_save_is_written_through_the_schema_and_reads_back(story, tmp_path: Path) -> None:
    game = Game.start(story, seed=3).act(2)
    path = write_save(tmp_path / "s.json", game, "ok")
    assert read_save(path, story).game.steps == game.steps
    text = path.read_text(encoding="utf-8")
    assert "Infinity" not in text and "NaN" not in text


def test_a_game_with_a_non_finite_number_is_not_saved(story, tmp_path: Path) -> None:
    from game.engine.saves import SaveError

    game = Game.start(story, seed=3)
    state = game.state.with_vars({"ratio": float("inf")})
    broken = Game(story, (replace(game.steps[0], state=state),))
    with pytest.raises(SaveError, match="cannot be saved"):
        write_save(tmp_path / "s.json", broken)
    assert list(tmp_path.iterdir()) == []


def _refused(path: Path, tmp_path: Path, message: str, plain: bool = True):
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    before = snapshot(tmp_path) if path.is_file() else {}
    mode = ["--plain"] if plain else []
    outcome = run_locus("play", *mode, "--load", str(path), str(MINI), home=home)
    outcome.assert_refused(message)
    assert outcome.stdout == ""
    if path.is_file():
        assert snapshot(tmp_path) == before  # the save untouched, nothing written
    assert not any(home.iterdir())
    return outcome


def test_the_terminal_game_refuses_a_bad_save_before_it_opens(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{"magic": "locus-save", "format": 1, "pack": "mini", "steps": 3}')
    _refused(path, tmp_path, "this save cannot be loaded: ", plain=False)
