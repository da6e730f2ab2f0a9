"""The player's profile while the app runs: which file, what was last written.

The title shows progress and the saved theme from its first frame, so this
lives on the start-up path and imports only the small, engine-free
``game.engine.profile``. The values are immutable, so "changed since the
last write" is an identity test, and a failing write is said once.
"""

from __future__ import annotations

from pathlib import Path

from game.engine.profile import Profile, ProfileError, profile_path, read_profile, write_profile
from game.paths import saves_dir


class ProfileKeeper:
    """The current profile, its file, and whether it still needs writing."""

    def __init__(self, student: str | None = None) -> None:
        self.file: Path = profile_path(saves_dir(), student)
        self.profile, self.note = read_profile(self.file)  # note: a damaged file, in words
        self._written: Profile | None = self.profile
        self._failed = False

    def switch(self, student: str | None) -> str | None:
        """The student's own profile in a lesson; the user's otherwise.
        Returns a note for the player when that file was damaged."""
        path = profile_path(saves_dir(), student)
        if path == self.file:
            return None
        self.file = path
        self.profile, note = read_profile(path)
        self._written = self.profile
        return note

    def write(self) -> str | None:
        """Write the profile if it changed since the last write (safe from a
        worker thread: it writes the value it was given). Returns the error
        for the player the first time a write fails, otherwise None."""
        profile = self.profile
        if profile is self._written:
            return None
        try:
            write_profile(self.file, profile)
        except ProfileError as error:
            if self._failed:
                return None
            self._failed = True
            return str(error)
        self._written = profile
        return None
