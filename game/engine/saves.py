"""Versioned JSON saves, written atomically.

A save is the playthrough's states serialised with the pack id and a format
version. It is written to a temporary file, flushed, fsynced and renamed, so
a crash mid-write never leaves a half save, and an existing file we cannot
read is never overwritten. Saves survive pack edits that keep the current
scene: variables that no longer exist are dropped (with a warning), new ones
get their defaults, and undo history that no longer fits the pack is cut.
"""

from __future__ import annotations

import json
import math
import os
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from game import body as bm
from game.engine.events import Event
from game.engine.machine import Game, Step
from game.engine.state import TRACE_READOUTS, GameState, QuizRecord, TracePoint
from game.story import model as m
from game.story.clock import StartTime

SAVE_FORMAT = 1
MAX_SAVE_BYTES = 32 * 1024 * 1024
MAGIC = "locus-save"


class SaveError(Exception):
    """A save that cannot be read or written, with a message for the player."""


@dataclass(frozen=True)
class LoadedSave:
    game: Game
    warnings: tuple[str, ...]
    name: str
    saved_at: float


# --- state <-> JSON -------------------------------------------------------------


def state_to_dict(state: GameState) -> dict[str, object]:
    return {
        "scene": state.scene,
        "vars": dict(state.vars),
        "visits": dict(state.visits),
        "taken": sorted([scene, number] for scene, number in state.taken),
        "clock": state.clock,
        "body": bm.to_dict(state.body),
        "rng": state.rng,
        "score": state.score,
        "badges": list(state.badges),
        "codex": list(state.codex),
        "answers": [
            [a.scene, a.objective, a.option, a.correct, a.points, a.possible, a.clock]
            for a in state.answers
        ],
        "trace": [[p.clock, p.scene, list(p.values), p.label] for p in state.trace],
        "turn": state.turn,
        "storyline": state.storyline,
        "start_time": [state.start_time.seconds, state.start_time.day, state.start_time.weekday],
    }


def _start_time(raw: object, fallback: StartTime) -> StartTime:
    """The story clock's anchor a save recorded; saves from before it was recorded
    (or a damaged value) get the pack's."""
    if not isinstance(raw, list) or len(raw) != 3:
        return fallback
    seconds, day, weekday = raw
    if (
        isinstance(seconds, int | float)
        and not isinstance(seconds, bool)
        and math.isfinite(seconds)
        and isinstance(day, int)
        and not isinstance(day, bool)
        and (weekday is None or (isinstance(weekday, int) and 0 <= weekday < 7))
    ):
        return StartTime(float(seconds), day, weekday)
    return fallback


def state_from_dict(story: m.Story, data: Mapping[str, object], warnings: list[str]) -> GameState:
    """Rebuild a state against the pack as it is now. Raises SaveError when the
    state cannot fit (unknown scene); adapts variables with warnings."""
    try:
        scene = str(data["scene"])
        if scene not in story.scenes:
            raise SaveError(f"the save is at scene '{scene}', which this pack no longer has")
        saved_vars = data["vars"]
        assert isinstance(saved_vars, Mapping)
        variables: dict[str, m.Value] = {}
        for name, default in story.variables.items():
            if name not in saved_vars:
                warnings.append(f"variable '{name}' is new in the pack; it starts at {default!r}")
                variables[name] = default
                continue
            value = saved_vars[name]
            if not _fits(default, value):
                warnings.append(f"variable '{name}' changed type; it is reset to {default!r}")
                value = default
            variables[name] = value
        for name in saved_vars:
            if name not in story.variables:
                warnings.append(f"variable '{name}' is no longer in the pack; it was dropped")
        visits = {str(k): int(v) for k, v in dict(data["visits"]).items()}  # type: ignore[call-overload]
        taken = frozenset((str(s), int(n)) for s, n in data["taken"])  # type: ignore[attr-defined]
        answers = tuple(
            QuizRecord(
                str(a[0]), str(a[1]), int(a[2]), bool(a[3]), int(a[4]), int(a[5]), float(a[6])
            )
            for a in data["answers"]  # type: ignore[attr-defined]
        )
        trace = tuple(
            TracePoint(float(p[0]), str(p[1]), tuple(float(v) for v in p[2]), p[3])
            for p in data["trace"]  # type: ignore[attr-defined]
            if len(p[2]) == len(TRACE_READOUTS)
        )
        badges = tuple(b for b in data["badges"] if b in story.badges)  # type: ignore[attr-defined]
        codex = tuple(c for c in data["codex"] if c in story.codex)  # type: ignore[attr-defined]
        storyline = data.get("storyline")
        storyline = str(storyline) if storyline in story.storylines else None
        return GameState(
            scene=scene,
            vars=MappingProxyType(variables),
            visits=MappingProxyType(visits),
            taken=taken,
            clock=float(data["clock"]),  # type: ignore[arg-type]
            body=bm.from_dict(data["body"]),  # type: ignore[arg-type]
            rng=int(data["rng"]),  # type: ignore[call-overload]
            score=int(data["score"]),  # type: ignore[call-overload]
            badges=badges,
            codex=codex,
            answers=answers,
            trace=trace,
            turn=int(data.get("turn", 0)),  # type: ignore[call-overload]
            storyline=storyline,
            start_time=_start_time(data.get("start_time"), story.start_time(storyline)),
        )
    except SaveError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AssertionError) as error:
        raise SaveError(
            f"the save's game state is damaged ({type(error).__name__}: {error})"
        ) from None


def _fits(default: m.Value, value: object) -> bool:
    if isinstance(default, bool):
        return isinstance(value, bool)
    if isinstance(default, int):
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, str)


def game_to_dict(game: Game, name: str = "") -> dict[str, object]:
    return {
        "magic": MAGIC,
        "format": SAVE_FORMAT,
        "pack": game.story.id,
        "name": name,
        "saved_at": time.time(),
        "scene": game.state.scene,
        "story_time": game.state.time.label(),  # for the list of saves
        "steps": _encode_steps(game.steps),
    }


def _encode_steps(steps: tuple[Step, ...]) -> list[dict[str, object]]:
    """Each step's state, with its body trace stored as a change from the
    previous step's (points dropped from the front, points added), so a save
    grows with the length of play, not with its square."""
    encoded = []
    previous: tuple[TracePoint, ...] = ()
    for step in steps:
        data = state_to_dict(step.state)
        trace = step.state.trace
        drop = next(
            (k for k in range(len(previous) + 1) if previous[k:] == trace[: len(previous) - k]),
            len(previous),
        )
        added = data.pop("trace")[len(previous) - drop :]  # type: ignore[index]
        data["trace_delta"] = {"drop": drop, "add": added}
        encoded.append({"state": data, "events": [e.to_dict() for e in step.events]})
        previous = trace
    return encoded


def _decode_traces(raw_steps: list[object]) -> list[object]:
    """Give every step's state its full trace back (see ``_encode_steps``)."""
    previous: list[object] = []
    decoded = []
    for raw in raw_steps:
        if isinstance(raw, Mapping) and isinstance(raw.get("state"), Mapping):
            state = dict(raw["state"])
            delta = state.pop("trace_delta", None)
            if isinstance(delta, Mapping):
                drop = int(delta.get("drop", 0))
                state["trace"] = previous[drop:] + list(delta.get("add") or [])
            previous = list(state.get("trace") or [])
            raw = {**raw, "state": state}
        decoded.append(raw)
    return decoded


def game_from_dict(story: m.Story, data: object) -> LoadedSave:
    if not isinstance(data, Mapping) or data.get("magic") != MAGIC:
        raise SaveError("this file is not a Locus save")
    version = data.get("format")
    if version != SAVE_FORMAT:
        raise SaveError(
            f"this save has format {version!r}; this version of Locus reads {SAVE_FORMAT}"
        )
    if data.get("pack") != story.id:
        raise SaveError(f"this save belongs to the pack '{data.get('pack')}', not to '{story.id}'")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise SaveError("the save has no game state")
    try:
        raw_steps = _decode_traces(raw_steps)
    except (TypeError, ValueError) as error:
        raise SaveError(f"the save's body history is damaged ({error})") from None
    warnings: list[str] = []
    steps: list[Step] = []
    # The newest state must load; older undo history is kept while it still fits.
    for index in range(len(raw_steps) - 1, -1, -1):
        raw = raw_steps[index]
        step_warnings: list[str] = []
        try:
            if not isinstance(raw, Mapping):
                raise SaveError("the save's history is damaged")
            state = state_from_dict(story, raw["state"], step_warnings)
            events = tuple(Event.from_dict(e) for e in raw.get("events", ()))
        except (SaveError, KeyError, TypeError, ValueError) as error:
            if index == len(raw_steps) - 1:
                raise SaveError(str(error)) from None
            warnings.append("older undo history no longer fits the pack and was dropped")
            break
        if index == len(raw_steps) - 1:
            warnings.extend(step_warnings)
        steps.append(Step(state, events))
    steps.reverse()
    return LoadedSave(
        Game(story, tuple(steps)),
        tuple(warnings),
        str(data.get("name") or ""),
        float(data.get("saved_at") or 0.0),
    )


# --- files ----------------------------------------------------------------------


def write_save(path: str | os.PathLike[str], game: Game, name: str = "") -> Path:
    """Write atomically: temp file in the same folder, flush, fsync, rename."""
    target = Path(path)
    payload = json.dumps(game_to_dict(game, name), ensure_ascii=False, separators=(",", ":"))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and not _is_our_save(target):
            raise SaveError(f"'{target}' exists and is not a Locus save; it was not overwritten")
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(payload)
                stream.flush()
                os.fsync(stream.fileno())
            os.replace(temp_name, target)
        except BaseException:
            Path(temp_name).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
    except SaveError:
        raise
    except OSError as error:
        raise SaveError(f"cannot write the save '{target}': {error.strerror or error}") from None
    return target


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _is_our_save(path: Path) -> bool:
    try:
        with path.open("rb") as stream:
            head = stream.read(64)
    except OSError:
        return False
    return head.startswith(b'{"magic":"' + MAGIC.encode())


def read_save(path: str | os.PathLike[str], story: m.Story) -> LoadedSave:
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > MAX_SAVE_BYTES:
            raise SaveError(f"'{source}' is too large to be a save")
        raw = source.read_bytes()
    except FileNotFoundError:
        raise SaveError(f"there is no save at '{source}'") from None
    except OSError as error:
        raise SaveError(f"cannot read '{source}': {error.strerror or error}") from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise SaveError(f"'{source}' is damaged or not a Locus save") from None
    return game_from_dict(story, data)


@dataclass(frozen=True)
class SaveSlot:
    name: str
    path: Path
    scene: str
    saved_at: float
    story_time: str = ""  # the story's clock when it was saved ("Thu 18:35")


def list_saves(folder: str | os.PathLike[str], pack_id: str) -> list[SaveSlot]:
    """Saves of one pack in a folder, newest first (for Load and Continue)."""
    slots: list[SaveSlot] = []
    base = Path(folder)
    if not base.is_dir():
        return slots
    for path in base.glob("*.json"):
        try:
            if not _is_our_save(path):
                continue
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            continue
        if not isinstance(data, dict) or data.get("pack") != pack_id:
            continue
        slots.append(
            SaveSlot(
                str(data.get("name") or path.stem),
                path,
                str(data.get("scene", "")),
                float(data.get("saved_at") or 0.0),
                str(data.get("story_time") or ""),
            )
        )
    slots.sort(key=lambda slot: slot.saved_at, reverse=True)
    return slots


def slot_path(folder: str | os.PathLike[str], pack_id: str, name: str) -> Path:
    """A safe file name for a named slot: no path tricks from the player's text."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name.strip())[:60] or "save"
    return Path(folder) / f"{pack_id}-{safe}.json"
