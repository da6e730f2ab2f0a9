"""Reading a pack's own files, and nothing else.

Packs come from students and the internet, and ``locus serve`` shows their
art to a whole class: a pack whose ``assets/`` is a link to ``/etc`` would
otherwise put the server's files on every screen, and an art file that is
``/dev/zero`` or a FIFO would hang or fill memory. So every file the loader
or the game reads from a pack is resolved (links followed) and must be a
regular file inside the pack folder, and no read takes more than a fixed
number of bytes.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

__all__ = [
    "MAX_ASSET_BYTES",
    "MAX_CONTENT_BYTES",
    "PackFileError",
    "PackFileTooLarge",
    "inside_pack",
    "read_pack_file",
]

#: A content file (YAML) may be at most this large.
MAX_CONTENT_BYTES = 4 * 1024 * 1024
#: A piece of art is read whole into every screen that shows it.
MAX_ASSET_BYTES = 256 * 1024


class PackFileError(OSError):
    """A pack file that may not be read; ``str()`` says why, in a sentence."""


class PackFileTooLarge(PackFileError):
    """A pack file over its byte limit (the author can split or shrink it)."""


def inside_pack(root: Path, path: Path) -> Path:
    """``path`` with every link followed, or PackFileError when that leaves
    the pack folder (a ``..`` path, a link to ``/etc/passwd``, a linked folder)."""
    real_root = root.resolve()
    real = (root / path).resolve()
    if not real.is_relative_to(real_root):
        shown = path.as_posix()
        raise PackFileError(f"'{shown}' leads outside the pack folder (to {real})")
    return real


def read_pack_file(root: Path, path: Path, limit: int) -> bytes:
    """The bytes of ``root / path``: a regular file inside the pack, at most
    ``limit`` bytes; PackFileError when it may not be read, OSError when it
    cannot be (missing, a broken link, no permission). The type is checked
    on the opened file, so a file swapped for a FIFO or a device between the
    check and the read is still refused, and opening does not wait on a FIFO."""
    real = inside_pack(root, path)
    shown = path.as_posix()
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    handle = os.open(real, flags)  # a missing file (a broken link) is an OSError
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise PackFileError(f"'{shown}' is not a regular file (a device, a FIFO or a folder)")
        if info.st_size > limit:
            raise PackFileTooLarge(_too_large(shown, info.st_size, limit))
        with os.fdopen(handle, "rb", closefd=False) as stream:
            data = stream.read(limit + 1)
    finally:
        os.close(handle)
    if len(data) > limit:  # it grew while we read
        raise PackFileTooLarge(_too_large(shown, len(data), limit))
    return data


def _too_large(shown: str, size: int, limit: int) -> str:
    said, most = _size(size), _size(limit)
    if said == most:  # just past the limit: rounded, the two would read the same
        said, most = f"{size:,} bytes", f"{limit:,} bytes ({most})"
    return f"'{shown}' is {said}; a pack file of this kind may be at most {most}"


def _size(count: int) -> str:
    if count >= 1024 * 1024:
        return f"{count / 1024 / 1024:.1f} MB"
    return f"{count / 1024:.0f} KB"
