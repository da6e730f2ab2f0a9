"""Noticing edits to a pack, for `locus play PACK --watch` (the TUI and plain mode).

Polling file times twice a second is plenty for an author saving a file,
needs no extra dependency and works the same on every platform; the app only
runs the poll in watch mode, so normal play has no timer at all.
"""

from __future__ import annotations

import os
from pathlib import Path

Snapshot = dict[str, tuple[int, int]]


def snapshot(root: Path) -> Snapshot:
    """Modification time and size of every file under ``root`` (hidden
    folders such as .git skipped)."""
    found: Snapshot = {}
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            path = os.path.join(folder, name)
            try:
                info = os.stat(path)
            except OSError:
                continue
            found[path] = (info.st_mtime_ns, info.st_size)
    return found


class PackWatcher:
    """Remembers the pack's files and says when any was added, changed or removed."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.last = snapshot(root)

    def changed(self) -> bool:
        now = snapshot(self.root)
        if now == self.last:
            return False
        self.last = now
        return True
