"""Shared fixtures: small packs written on the fly, and the bundled test pack."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore new examples on every developer run; in CI (CI=true) they
# test the same examples every run (derandomize: chosen from each test's own hash),
# so a result there is reproducible and a failure points at the change, not at luck;
# and no example fails for taking long on a loaded machine (deadline: speed lives in
# bench/, never in tests).
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")

MINI_PACK = Path(__file__).parent / "packs" / "mini"


def require_component(name: str, available: bool, reason: str) -> None:
    """Call first in a test that needs a real component (Chromium, PostgreSQL,
    an LRS). Missing, the test is skipped with ``reason`` on a developer's
    machine, but FAILS in CI (``CI=true``): CI installs or starts every
    component, so a missing one there is a broken CI, not a test to skip."""
    if available:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{name} is missing in CI (CI=true): {reason}", pytrace=False)
    pytest.skip(f"{name} is not available: {reason}")


BASE_STORY = """\
format: 1
id: t
title: Test
start: a
variables:
  courage: 0
  flag: false
  word: "hi"
  ratio: 0.5
objectives:
  obj: An objective.
storylines:
  - {id: line, title: Line, start: a}
badges:
  brave: {title: Brave, description: Brave.}
"""


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Saves and results of tests never touch the real user folder."""
    home = tmp_path_factory.mktemp("locus_home")
    monkeypatch.setenv("LOCUS_HOME", str(home))


@pytest.fixture
def mini_pack() -> Path:
    return MINI_PACK


PackWriter = Callable[..., Path]


@pytest.fixture
def make_pack(tmp_path: Path) -> PackWriter:
    """Write a pack: ``make_pack(story=..., **{"file.yaml": text})``. Texts are
    dedented; the default story.yaml is BASE_STORY."""

    def write(story: str | None = BASE_STORY, **files: str) -> Path:
        root = tmp_path / "pack"
        root.mkdir(exist_ok=True)
        if story is not None:
            (root / "story.yaml").write_text(textwrap.dedent(story), encoding="utf-8")
        for name, text in files.items():
            path = root / name.replace("__", "/")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(textwrap.dedent(text), encoding="utf-8")
        return root

    return write


@pytest.fixture
def temp_on_another_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Python's temporary folder moved to another file system (a tmpfs) than
    ``tmp_path``: a file written there cannot be renamed into ``tmp_path``,
    so only a writer that puts its temporary file beside the target works."""
    import tempfile

    shm = Path("/dev/shm")
    if not shm.is_dir() or shm.stat().st_dev == tmp_path.stat().st_dev:
        pytest.skip("needs /dev/shm on another file system than the test folder")
    folder = Path(tempfile.mkdtemp(dir=shm))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def built_wheel(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The wheel pip builds from this checkout, once a run, and the folder it is unpacked
    in (bench/compiled.py): what a regular install puts in site-packages."""
    from bench.compiled import installed_tree

    out = tmp_path_factory.mktemp("wheel")
    tree = installed_tree(out)
    (wheel,) = out.glob("locus-*.whl")
    return wheel, tree
