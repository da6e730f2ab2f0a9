"""The player's profile: what lasts from one game to the next.

A save is one game, restored exactly; the profile is the player: the codex
entries they have unlocked, the endings they have found in each storyline
(a storyline with an ending found is finished), their best XP in each
storyline (so XP and level grow with every storyline played, and replaying
one with undo cannot count it twice), and their settings (the theme).

Pure values and JSON, like saves: the front ends decide when to record a
game (every step) and where the file lives (``profile_path``: one per user,
or one per student in lessons, beside the saves). A damaged file is never
silently lost: it is kept as ``.bad`` and the player is told.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:  # only for types: the TUI reads the profile before the engine loads
    from game.engine.machine import Game
    from game.story import model as m

MAGIC = "locus-profile"
PROFILE_FORMAT = 1
WHOLE_STORY = ""  # the storyline key of a game that is not one storyline
MAX_PROFILE_BYTES = 4 * 1024 * 1024


class ProfileError(Exception):
    """The profile could not be written; the message is for the player."""


T = TypeVar("T")


def _frozen(mapping: Mapping[str, T]) -> Mapping[str, T]:
    return MappingProxyType(dict(mapping))


@dataclass(frozen=True, slots=True)
class PackProgress:
    """One pack's lasting progress (ids are the pack's own)."""

    codex: tuple[str, ...] = ()
    endings: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: _frozen({}))
    best_xp: Mapping[str, int] = field(default_factory=lambda: _frozen({}))

    def finished(self, storyline: str) -> bool:
        return bool(self.endings.get(storyline))

    def total_xp(self, storyline: str | None = None, run_xp: int = 0) -> int:
        """XP over every storyline's best run, with a game in progress in
        ``storyline`` counted when it beats that storyline's best."""
        best = dict(self.best_xp)
        if storyline is not None:
            best[storyline] = max(best.get(storyline, 0), run_xp)
        return sum(best.values())


@dataclass(frozen=True, slots=True)
class Profile:
    packs: Mapping[str, PackProgress] = field(default_factory=lambda: _frozen({}))
    settings: Mapping[str, str] = field(default_factory=lambda: _frozen({}))

    def progress(self, pack_id: str) -> PackProgress:
        return self.packs.get(pack_id) or PackProgress()

    def with_game(self, game: Game, xp: int) -> Profile:
        """This profile with what ``game`` (worth ``xp`` so far) has added:
        new codex entries, the ending it reached, a better XP. Returns
        ``self`` when nothing is new, so a caller writes only on change."""
        state = game.state
        key = storyline_key(game)
        old = self.progress(game.story.id)
        codex = old.codex + tuple(i for i in state.codex if i not in old.codex)
        endings = dict(old.endings)
        if game.ended and state.scene not in endings.get(key, ()):
            endings[key] = (*endings.get(key, ()), state.scene)
        best = dict(old.best_xp)
        best[key] = max(best.get(key, 0), xp)
        new = PackProgress(codex, _frozen(endings), _frozen(best))
        if new == old:
            return self
        return replace(self, packs=_frozen({**self.packs, game.story.id: new}))

    def with_setting(self, name: str, value: str) -> Profile:
        if self.settings.get(name) == value:
            return self
        return replace(self, settings=_frozen({**self.settings, name: value}))


def storyline_key(game: Game) -> str:
    return game.state.storyline or WHOLE_STORY


def endings_of(story: m.Story, storyline: str) -> tuple[str, ...]:
    """The ending scenes some route leads to from the storyline's start (the
    whole story's start for WHOLE_STORY), in pack order: the "of 4" in
    "endings 2 of 4". The same walk as the checker's reachability, which
    the engine may not import."""
    line = story.storylines.get(storyline)
    start = line.start if line is not None else story.start
    seen = {start}
    queue = deque(seen)
    while queue:
        scene = story.scenes.get(queue.popleft())
        if scene is None:
            continue
        for route in scene.routes():
            for branch in route.branches:
                if branch.to not in seen:
                    seen.add(branch.to)
                    queue.append(branch.to)
    return tuple(s for s, scene in story.scenes.items() if s in seen and scene.ending is not None)


# --- files ------------------------------------------------------------------------


def profile_path(folder: str | os.PathLike[str], student: str | None = None) -> Path:
    """The player's file in the saves folder: ``profile.json``, or one per
    student (named safely, with a hash so that names differing only in
    punctuation do not share a file)."""
    base = Path(folder)
    if student is None:
        return base / "profile.json"
    key = student.casefold()
    safe = "".join(c if c.isalnum() else "_" for c in key)[:40]
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:10]
    return base / f"profile-{safe}-{digest}.json"


def profile_to_dict(profile: Profile) -> dict[str, object]:
    return {
        "magic": MAGIC,
        "format": PROFILE_FORMAT,
        "settings": dict(profile.settings),
        "packs": {
            pack: {
                "codex": list(p.codex),
                "endings": {k: list(v) for k, v in p.endings.items()},
                "best_xp": dict(p.best_xp),
            }
            for pack, p in profile.packs.items()
        },
    }


def _strings(raw: object) -> tuple[str, ...]:
    if not isinstance(raw, list) or not all(isinstance(x, str) for x in raw):
        raise ValueError("expected a list of names")
    return tuple(raw)


def _mapping(raw: object) -> Mapping[str, object]:
    if not isinstance(raw, dict):
        raise ValueError("expected a mapping")
    return raw


def _xp(raw: object) -> dict[str, int]:
    best: dict[str, int] = {}
    for key, value in _mapping(raw).items():
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise ValueError("XP must be whole numbers")
        best[key] = value
    return best


def profile_from_dict(data: object) -> Profile:
    """Raises ValueError for anything that is not a profile of this format."""
    top = _mapping(data)
    if top.get("magic") != MAGIC or top.get("format") != PROFILE_FORMAT:
        raise ValueError("not a Locus profile of this version")
    settings = {str(k): str(v) for k, v in _mapping(top.get("settings", {})).items()}
    packs: dict[str, PackProgress] = {}
    for pack, raw in _mapping(top.get("packs", {})).items():
        fields = _mapping(raw)
        endings = {str(k): _strings(v) for k, v in _mapping(fields.get("endings", {})).items()}
        best = _xp(fields.get("best_xp", {}))
        packs[str(pack)] = PackProgress(
            _strings(fields.get("codex", [])), _frozen(endings), _frozen(best)
        )
    return Profile(_frozen(packs), _frozen(settings))


def read_profile(path: str | os.PathLike[str]) -> tuple[Profile, str | None]:
    """The profile at ``path`` (an empty one when there is none yet), and a
    message for the player when the file was damaged: it is then moved to
    ``<name>.bad``, kept for whoever wants to look, and a new profile starts."""
    source = Path(path)
    try:
        if source.stat().st_size > MAX_PROFILE_BYTES:
            raise ValueError("too large")
        return profile_from_dict(json.loads(source.read_text(encoding="utf-8"))), None
    except FileNotFoundError:
        return Profile(), None
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        kept = source.with_name(source.name + ".bad")
        try:
            os.replace(source, kept)
        except OSError as error:
            return Profile(), (
                f"Your profile '{source}' is damaged and could not be moved aside"
                f" ({error.strerror or error}); progress is not being kept."
            )
        return Profile(), (
            f"Your profile '{source}' was damaged. It is kept as '{kept}', and a new"
            " profile starts now."
        )


def write_profile(path: str | os.PathLike[str], profile: Profile) -> Path:
    """Write atomically (temp file, fsync, rename), like saves."""
    target = Path(path)
    payload = json.dumps(profile_to_dict(profile), ensure_ascii=False, indent=1)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
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
    except OSError as error:
        raise ProfileError(
            f"cannot write your profile '{target}': {error.strerror or error}"
        ) from None
    return target
