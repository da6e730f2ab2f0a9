"""What the title screen shows of a pack, cached by the pack's content hash.

Parsing the bundled pack (libyaml, the model, the expressions) takes longer
than Textual takes to open, so `locus play` used to draw its title without
the pack and fill it in later. The title needs only a few facts (the pack's
id and title, its storylines, codex entries and lessons): this module keeps
them in a small JSON file, so the next start draws the whole title at once
and the full pack is parsed after, while the player reads it.

The cache is never trusted over the pack:

* its key is a SHA-256 of every file of the pack (path, size, bytes; hidden
  folders skipped, as ``game.watch`` does): any edit, added or removed file
  is a miss. At a start the files are hashed again unless their stamps
  vouch for them: every file's size, modification and change times and
  inode as they were when the key was computed, all older by ``RACY_NS``
  than that moment (as git trusts its index). Any write to a file moves its
  change time, which no program can set back, so a file whose stamps are
  unchanged was not written since; a file written within ``RACY_NS`` of the
  hashing might have been written in the same clock tick, so it is hashed;
* it is data only (JSON, read with strict type checks), never pickle, in a
  folder that only the player may use (0700, owned by them; anything else
  and the cache is not used); the front end names the folder (the TUI: the
  player's data folder, game/tui/app.py);
* anything wrong with it (missing, corrupt, too big, another pack's, an old
  format) is a miss, never an error: the caller parses the pack as without
  a cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.story.model import Story

FORMAT = 1  # bump when PackSummary changes: older files are then misses
MAX_PACK_BYTES = 32 * 1024 * 1024  # larger packs are hashed no faster than parsed: no cache
MAX_ENTRY_BYTES = 1024 * 1024
RACY_NS = 2_000_000_000  # files written this close to their hashing are hashed again

# One file's stamps: its path in the pack, size, modification and change
# times (ns) and inode.
Stamp = tuple[str, int, int, int, int]


@dataclass(frozen=True, slots=True)
class Stamps:
    """Every file's stamps, and when they were taken (ns since the epoch)."""

    files: tuple[Stamp, ...]
    taken: int

    def vouch_for(self, now: Stamps, racy_ns: int = RACY_NS) -> bool:
        """The files are as they were when these stamps were taken, and
        none was written so close to then that an edit could share its tick."""
        newest = max((max(s[2], s[3]) for s in self.files), default=0)
        return now.files == self.files and newest < self.taken - racy_ns


@dataclass(frozen=True, slots=True)
class PackSummary:
    """The facts of a pack the title screen shows."""

    id: str
    title: str
    storylines: tuple[str, ...] = ()
    codex: tuple[str, ...] = ()
    lessons: int = 0

    @classmethod
    def of(cls, story: Story) -> PackSummary:
        return cls(
            story.id,
            story.title,
            tuple(story.storylines),
            tuple(story.codex),
            len(story.lessons),
        )


def _files(root: Path) -> list[tuple[str, str]]:
    """The pack's files (hidden folders skipped) as (path in the pack, path),
    in path order. Plain strings, not ``Path`` objects: the title's first
    frame waits for this (a stamp of every file), and building a ``Path`` per
    file was most of its cost."""
    files: list[tuple[str, str]] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        inside = os.path.relpath(folder, root).replace(os.sep, "/")
        for name in names:
            relative = name if inside == "." else f"{inside}/{name}"
            files.append((relative, os.path.join(folder, name)))
    return sorted(files)


def stamps_of(root: Path) -> Stamps | None:
    """The stamps of every file of the pack now; None when one cannot be read.
    Taken before the files are hashed, so an edit during hashing shows."""
    taken = time.time_ns()
    try:
        found = [(relative, os.stat(path)) for relative, path in _files(root)]
    except OSError:
        return None
    return Stamps(
        tuple((r, i.st_size, i.st_mtime_ns, i.st_ctime_ns, i.st_ino) for r, i in found), taken
    )


def content_key(root: Path) -> str | None:
    """The SHA-256 of every file of the pack, in path order; None when a
    file cannot be read or the pack is too big to be worth it."""
    digest = hashlib.sha256(f"locus pack cache {FORMAT}\n".encode())
    total = 0
    try:
        for relative, path in _files(root):
            with open(path, "rb") as file:
                data = file.read()
            total += len(data)
            if total > MAX_PACK_BYTES:
                return None
            name = os.fsencode(relative)  # a name's own bytes, UTF-8 or not
            digest.update(b"%d:%s%d:" % (len(relative), name, len(data)))
            digest.update(data)
    except OSError:
        return None
    return digest.hexdigest()


def _private(folder: Path) -> bool:
    """The folder is a real directory of this user's that nobody else may write or read."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o077:
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _strings(value: object) -> tuple[str, ...] | None:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return tuple(value)
    return None


def _summary(data: dict[str, object]) -> PackSummary | None:
    ident, title, lessons = data.get("id"), data.get("title"), data.get("lessons")
    storylines, codex = _strings(data.get("storylines")), _strings(data.get("codex"))
    if not isinstance(ident, str) or not isinstance(title, str) or storylines is None:
        return None
    if codex is None or not isinstance(lessons, int) or isinstance(lessons, bool):
        return None
    return PackSummary(ident, title, storylines, codex, max(0, lessons))


def _integer(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _stamps(files: object, taken: object) -> Stamps | None:
    """Stamps read back from an entry, checked field by field."""
    if not isinstance(files, list) or not isinstance(taken, int) or isinstance(taken, bool):
        return None
    stamps: list[Stamp] = []
    for item in files:
        if not isinstance(item, list) or len(item) != 5 or not isinstance(item[0], str):
            return None
        if not all(_integer(number) for number in item[1:]):
            return None
        stamps.append((item[0], item[1], item[2], item[3], item[4]))
    return Stamps(tuple(stamps), taken)


@dataclass(frozen=True, slots=True)
class PackCache:
    """Summaries of packs in ``folder``, one file per pack folder (so edits
    replace the entry instead of adding one)."""

    folder: Path
    racy_ns: int = RACY_NS

    def _entry(self, root: Path) -> Path:
        name = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:32]
        return self.folder / f"pack-{name}.json"

    def lookup(self, root: Path) -> PackSummary | None:
        """The cached summary of the pack at ``root`` if its files are
        unchanged: vouched for by their stamps, or else hashed again."""
        data = self._load(root)
        if data is None:
            return None
        recorded, now = _stamps(data.get("stamps"), data.get("taken")), stamps_of(root)
        if recorded is not None and now is not None and recorded.vouch_for(now, self.racy_ns):
            return _summary(data)
        return _summary(data) if data.get("key") == content_key(root) else None

    def read(self, root: Path, key: str | None) -> PackSummary | None:
        """The cached summary of the pack at ``root`` if its files still hash
        to ``key``; None on any miss."""
        data = self._load(root) if key is not None else None
        return _summary(data) if data is not None and data.get("key") == key else None

    def _load(self, root: Path) -> dict[str, object] | None:
        """The pack's entry as JSON data of this format; None on any miss."""
        if not _private(self.folder):
            return None
        try:
            # Non-blocking: opening a FIFO put where the entry was must not wait for a writer.
            handle = os.open(self._entry(root), os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            with os.fdopen(handle, "rb") as file:
                if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                    return None
                raw = file.read(MAX_ENTRY_BYTES + 1)
            data = json.loads(raw) if len(raw) <= MAX_ENTRY_BYTES else None
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        return data

    def write(
        self, root: Path, key: str | None, summary: PackSummary, stamps: Stamps | None = None
    ) -> None:
        """Store ``summary`` for the next start, atomically, with the files'
        ``stamps`` taken before they were hashed to ``key``; a cache that
        cannot be written is simply not there next time."""
        if key is None:
            return
        data: dict[str, object] = {
            "format": FORMAT,
            "key": key,
            "id": summary.id,
            "title": summary.title,
            "storylines": list(summary.storylines),
            "codex": list(summary.codex),
            "lessons": summary.lessons,
        }
        if stamps is not None:
            data["stamps"] = [list(stamp) for stamp in stamps.files]
            data["taken"] = stamps.taken
        try:
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            if not _private(self.folder):
                return
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".pack-", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as file:
                    json.dump(data, file)  # escaped: a file name need not be UTF-8
                os.replace(temporary, self._entry(root))
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)  # gone once replaced
        except OSError:
            return
