"""Fixtures for the Textual app tests: an app on a pack, an editable pack."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.tui.tui_helpers import MINI, AppFactory, build_app


@pytest.fixture
def make_app() -> AppFactory:
    return build_app


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A copy of the mini pack that a test may edit."""
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root
