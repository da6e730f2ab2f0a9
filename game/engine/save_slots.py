"""Where a pack's saves live: a slot's name to its file.

Apart from game/engine/saves.py, which brings the engine and the body model
with it, because the title screen asks whether there is an autosave to
continue before the pack has loaded (game/tui/app.py).
"""

from __future__ import annotations

import os
from pathlib import Path

AUTOSAVE = "autosave"  # the slot both front ends write after every step (Continue reads it)


def slot_path(folder: str | os.PathLike[str], pack_id: str, name: str) -> Path:
    """A safe file name for a named slot: no path tricks from the player's text."""
    safe = "".join(c if c.isalnum() or c in "-_" else "_" for c in name.strip())[:60] or "save"
    return Path(folder) / f"{pack_id}-{safe}.json"


def autosave_of(folder: str | os.PathLike[str], pack_id: str) -> Path | None:
    """The pack's latest autosave in ``folder``, if there is one."""
    path = slot_path(folder, pack_id, AUTOSAVE)
    return path if path.is_file() else None
