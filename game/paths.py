"""Where things live: the bundled pack and art, and the player's data folder.

In a source checkout the bundled ``scenes/`` and ``assets/`` sit at the repo
root; a regular ``pip install`` copies them into ``game/_bundled`` (see
pyproject.toml). Looking in both places keeps editable and normal installs
working the same way.
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(name: str) -> Path:
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def bundled_pack() -> Path:
    return _bundled("scenes")


def shared_assets() -> Path:
    return _bundled("assets")


def data_dir() -> Path:
    """The per-user folder for saves and results (``LOCUS_HOME`` overrides it,
    which tests and computer labs with shared home folders use)."""
    override = os.environ.get("LOCUS_HOME")
    if override:
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("locus", appauthor=False)


def saves_dir() -> Path:
    return data_dir() / "saves"
