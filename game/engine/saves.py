"""Versioned JSON saves, written atomically and read through a declared schema.

A save is the playthrough's states serialised with the pack id and a format
version. Its shape is declared once, in game/engine/save_schema.py: a save
is written by encoding those structs and read by decoding the file's bytes
straight into them, so a file that does not fit is refused, with the place
where it went wrong, before any of it is used. Decoding builds only the
declared objects, so loading takes memory in proportion to the file; the
one structure that could expand (each step's body trace, stored as a change
from the step before) is bounded by the engine's own ``MAX_TRACE``, and at
most ``MAX_UNDO_STEPS`` steps of undo history are kept.

A save is written to a temporary file, flushed, fsynced and renamed, so a
crash mid-write never leaves a half save, and an existing file we cannot
read is never overwritten. Saves survive pack edits that keep the current
scene: variables that no longer exist are dropped (with a warning), new ones
get their defaults, and undo history that no longer fits the pack is cut.
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import msgspec

from game import body as bm
from game.engine.events import Event, event_from_payload
from game.engine.machine import MAX_TRACE, Game, Transition
from game.engine.save_schema import (
    MAGIC,
    SAVE_FORMAT,
    Identity,
    SavedEvent,
    SavedState,
    SavedStep,
    SaveFile,
    SaveHeader,
    TraceDelta,
)
from game.engine.save_slots import AUTOSAVE as AUTOSAVE  # re-exported: where saves live
from game.engine.save_slots import slot_path as slot_path
from game.engine.state import TRACE_READOUTS, GameState, QuizRecord, TracePoint
from game.story import model as m
from game.story.clock import StartTime
from game.story.expr import Value, fits, stored_as

MAX_SAVE_BYTES = 32 * 1024 * 1024
# Undo history beyond this many steps is not written, and dropped (with a
# warning) from older saves that have more: it bounds a loaded game's memory
# (each step holds its own body trace of up to MAX_TRACE points).
MAX_UNDO_STEPS = 1000


class SaveError(Exception):
    """A save that cannot be read or written, with a message for the player."""


def _cannot_load(reason: str) -> SaveError:
    return SaveError(f"this save cannot be loaded: {reason}")


@dataclass(frozen=True)
class LoadedSave:
    game: Game
    warnings: tuple[str, ...]
    name: str
    saved_at: float


_ENCODER = msgspec.json.Encoder()


# --- state <-> schema ---------------------------------------------------------------


def _saved_state(state: GameState, delta: TraceDelta) -> SavedState:
    return SavedState(
        scene=state.scene,
        vars=dict(state.vars),
        visits=dict(state.visits),
        taken=sorted(state.taken),
        clock=state.clock,
        body=bm.to_dict(state.body),
        rng=state.rng,
        score=state.score,
        badges=list(state.badges),
        codex=list(state.codex),
        answers=[
            (a.scene, a.objective, a.option, a.correct, a.points, a.possible, a.clock)
            for a in state.answers
        ],
        trace_delta=delta,
        turn=state.turn,
        storyline=state.storyline,
        start_time=(state.start_time.seconds, state.start_time.day, state.start_time.weekday),
    )


def state_from_saved(
    story: m.Story, saved: SavedState, trace: tuple[TracePoint, ...], warnings: list[str]
) -> GameState:
    """Rebuild a state against the pack as it is now. Raises SaveError when the
    state cannot fit (unknown scene, a body that does not check); adapts
    variables with warnings."""
    if saved.scene not in story.scenes:
        raise _cannot_load(f"the save is at scene '{saved.scene}', which this pack no longer has")
    variables: dict[str, Value] = {}
    for name, default in story.variables.items():
        if name not in saved.vars:
            warnings.append(f"variable '{name}' is new in the pack; it starts at {default!r}")
            variables[name] = default
            continue
        value = saved.vars[name]
        if not fits(default, value):
            warnings.append(f"variable '{name}' changed type; it is reset to {default!r}")
            value = default
        variables[name] = stored_as(default, value)
    for name in saved.vars:
        if name not in story.variables:
            warnings.append(f"variable '{name}' is no longer in the pack; it was dropped")
    storyline = saved.storyline if saved.storyline in story.storylines else None
    try:
        body = bm.from_dict(saved.body)
    except (ValueError, TypeError) as error:  # TypeError: a list where an id belongs
        raise _cannot_load(f"the body in the save is damaged ({error})") from None
    return GameState(
        scene=saved.scene,
        vars=MappingProxyType(variables),
        visits=MappingProxyType(dict(saved.visits)),
        taken=frozenset(saved.taken),
        clock=saved.clock,
        body=body,
        rng=saved.rng,
        score=saved.score,
        badges=tuple(b for b in saved.badges if b in story.badges),
        codex=tuple(c for c in saved.codex if c in story.codex),
        answers=tuple(QuizRecord(*answer) for answer in saved.answers),
        trace=trace,
        turn=saved.turn,
        storyline=storyline,
        start_time=StartTime(*saved.start_time)
        if saved.start_time
        else story.start_time(storyline),
    )


def to_save_file(game: Game, name: str = "") -> SaveFile:
    """The newest ``MAX_UNDO_STEPS`` steps, each body trace stored as a change
    from the previous step's, so a save grows with the length of play, not
    with its square."""
    steps = []
    previous: tuple[TracePoint, ...] = ()
    for step in game.steps[-MAX_UNDO_STEPS:]:
        trace = step.state.trace
        drop = next(
            (k for k in range(len(previous) + 1) if previous[k:] == trace[: len(previous) - k]),
            len(previous),
        )
        added = [(p.clock, p.scene, list(p.values), p.label) for p in trace[len(previous) - drop :]]
        steps.append(
            SavedStep(
                _saved_state(step.state, TraceDelta(drop, added)),
                [SavedEvent(e.kind, e.text, e.payload()) for e in step.events],
            )
        )
        previous = trace
    return SaveFile(
        magic=MAGIC,
        format=SAVE_FORMAT,
        pack=game.story.id,
        name=name,
        saved_at=time.time(),
        scene=game.state.scene,
        story_time=game.state.time.label(),
        steps=steps,
    )


def game_to_dict(game: Game, name: str = "") -> dict[str, object]:
    """The save as plain JSON data (what the file holds)."""
    data: dict[str, object] = msgspec.to_builtins(to_save_file(game, name))
    return data


def _traces(steps: list[SavedStep]) -> list[tuple[TracePoint, ...] | None]:
    """Every step's full body trace (see ``to_save_file``); None from the
    first step whose trace is damaged on, since each builds on the one
    before. Points are shared between steps, as in play."""
    traces: list[tuple[TracePoint, ...] | None] = []
    previous: tuple[TracePoint, ...] | None = ()
    for step in steps:
        delta = step.state.trace_delta
        if previous is not None:
            added = tuple(
                TracePoint(clock, scene, tuple(values), label)
                for clock, scene, values, label in delta.add
                if len(values) == len(TRACE_READOUTS)
            )
            trace = previous[delta.drop :] + added
            fits = delta.drop <= len(previous) and len(trace) <= MAX_TRACE
            previous = trace if fits else None
        traces.append(previous)
    return traces


def _check_identity(story: m.Story, identity: Identity) -> None:
    if identity.magic != MAGIC:
        raise _cannot_load("this file is not a Locus save")
    if identity.format != SAVE_FORMAT:
        raise _cannot_load(
            f"this save has format {identity.format!r}; this version of Locus reads {SAVE_FORMAT}"
        )
    if identity.pack != story.id:
        raise _cannot_load(f"this save belongs to the pack '{identity.pack}', not to '{story.id}'")


def game_from_save_file(story: m.Story, save: SaveFile) -> LoadedSave:
    warnings: list[str] = []
    saved_steps = save.steps
    if len(saved_steps) > MAX_UNDO_STEPS:
        warnings.append(f"undo history older than the last {MAX_UNDO_STEPS} steps was dropped")
    traces = _traces(saved_steps)[-MAX_UNDO_STEPS:]
    saved_steps = saved_steps[-MAX_UNDO_STEPS:]
    steps: list[Transition] = []
    # The newest state must load; older undo history is kept while it still fits.
    for index in range(len(saved_steps) - 1, -1, -1):
        saved, trace = saved_steps[index], traces[index]
        newest = index == len(saved_steps) - 1
        step_warnings: list[str] = []
        try:
            if trace is None:
                raise _cannot_load("the body history in the save is damaged")
            state = state_from_saved(story, saved.state, trace, step_warnings)
            events = _events_from_saved(saved.events)
        except SaveError:
            if newest:
                raise
            warnings.append("older undo history no longer fits the pack and was dropped")
            break
        if newest:
            warnings.extend(step_warnings)
        steps.append(Transition(state, events))
    steps.reverse()
    return LoadedSave(Game(story, tuple(steps)), tuple(warnings), save.name, save.saved_at)


def _events_from_saved(saved: list[SavedEvent]) -> tuple[Event, ...]:
    try:
        return tuple(event_from_payload(e.kind, e.text, e.data) for e in saved)
    except ValueError as error:
        raise _cannot_load(f"an event in the save is damaged ({error})") from None


def game_from_dict(story: m.Story, data: object) -> LoadedSave:
    """A save given as plain JSON data (see ``game_to_dict``)."""
    if not isinstance(data, dict):
        raise _cannot_load("this file is not a Locus save")
    _check_identity(story, msgspec.convert(data, Identity))
    try:
        save = msgspec.convert(data, SaveFile)
    except msgspec.ValidationError as error:
        raise _damaged(error) from None
    return game_from_save_file(story, save)


def decode_save(story: m.Story, raw: bytes, source: str = "the file") -> LoadedSave:
    """A save from the bytes of its file (``source`` names it in messages),
    checked against the schema."""
    not_json = f"{source} is damaged or not a Locus save"
    try:
        identity = msgspec.json.decode(raw, type=Identity)
    except (msgspec.DecodeError, RecursionError):
        raise _cannot_load(not_json) from None
    _check_identity(story, identity)
    try:
        save = msgspec.json.decode(raw, type=SaveFile)
    except msgspec.ValidationError as error:
        raise _damaged(error) from None
    except (msgspec.DecodeError, RecursionError):
        raise _cannot_load(not_json) from None
    return game_from_save_file(story, save)


def _damaged(error: msgspec.ValidationError) -> SaveError:
    return _cannot_load(f"the save's game state is damaged ({error})")


# --- files ----------------------------------------------------------------------


def write_save(path: str | os.PathLike[str], game: Game, name: str = "") -> Path:
    """Write atomically: temp file in the same folder, flush, fsync, rename.
    The encoded bytes are decoded through the schema first, so a save Locus
    writes is one Locus can load (a number that is not finite, for one, is
    refused here rather than at the next load)."""
    target = Path(path)
    try:
        payload = _ENCODER.encode(to_save_file(game, name))
        msgspec.json.decode(payload, type=SaveFile)
    except (msgspec.EncodeError, msgspec.ValidationError, OverflowError) as error:
        raise SaveError(f"the game cannot be saved: {error}") from None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and not _is_our_save(target):
            raise SaveError(f"'{target}' exists and is not a Locus save; it was not overwritten")
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=target.parent
        )
        try:
            with os.fdopen(handle, "wb") as stream:
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


def _read_bounded(source: Path) -> bytes:
    """The file's bytes, refusing anything but a regular file of at most
    ``MAX_SAVE_BYTES`` (a FIFO or a device would never end)."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer that never comes.
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as stream:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                raise _cannot_load(f"'{source}' is not a regular file")
            raw = stream.read(MAX_SAVE_BYTES + 1)
    except FileNotFoundError:
        raise SaveError(f"there is no save at '{source}'") from None
    except IsADirectoryError:
        raise _cannot_load(f"'{source}' is a folder") from None
    except OSError as error:
        raise _cannot_load(f"cannot read '{source}': {error.strerror or error}") from None
    if len(raw) > MAX_SAVE_BYTES:
        raise _cannot_load(
            f"'{source}' is larger than {MAX_SAVE_BYTES // (1024 * 1024)} MB, "
            "far more than any game writes"
        )
    return raw


def read_save(path: str | os.PathLike[str], story: m.Story) -> LoadedSave:
    source = Path(path)
    return decode_save(story, _read_bounded(source), f"'{source}'")


@dataclass(frozen=True)
class SaveSlot:
    name: str
    path: Path
    scene: str
    saved_at: float
    story_time: str = ""  # the story's clock when it was saved ("Thu 18:35")


@dataclass(frozen=True)
class SaveFolder:
    """The saves of one pack in a folder, newest first, and the files that
    look like saves but cannot be read (named, so the player knows)."""

    slots: tuple[SaveSlot, ...]
    unreadable: tuple[Path, ...]


def list_saves(folder: str | os.PathLike[str], pack_id: str) -> SaveFolder:
    """Saves of one pack in a folder, for Load and Continue. Only each file's
    header is decoded, so a folder of large saves lists quickly."""
    slots: list[SaveSlot] = []
    unreadable: list[Path] = []
    base = Path(folder)
    if not base.is_dir():
        return SaveFolder((), ())
    for path in sorted(base.glob("*.json")):
        try:
            header = msgspec.json.decode(_read_bounded(path), type=SaveHeader)
        except (SaveError, msgspec.DecodeError, RecursionError):
            unreadable.append(path)
            continue
        if header.magic != MAGIC:
            unreadable.append(path)
            continue
        if header.pack == pack_id:
            slots.append(
                SaveSlot(
                    header.name or path.stem, path, header.scene, header.saved_at, header.story_time
                )
            )
    slots.sort(key=lambda slot: slot.saved_at, reverse=True)
    return SaveFolder(tuple(slots), tuple(unreadable))


def find_save(folder: str | os.PathLike[str], pack_id: str, name_or_path: str) -> Path:
    """What `--load X` and `l X` mean: a save file at that path, or else the
    slot of that name (as `s NAME` saved it). Raises SaveError naming the
    slots there are, when neither exists."""
    path = Path(name_or_path)
    if path.exists() or path.is_symlink():  # read_save says why a non-file is refused
        return path
    slot = slot_path(folder, pack_id, name_or_path)
    if slot.is_file():
        return slot
    names = [s.name for s in list_saves(folder, pack_id).slots]
    known = f"; your saves: {', '.join(names)}" if names else "; there are no saves yet"
    raise SaveError(f"there is no save file or slot named '{name_or_path}'{known}")
