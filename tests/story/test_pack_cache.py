"""The title's pack cache (game/story/pack_cache.py): keyed by every file's
content, data only, in a private folder, and never trusted over the pack."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from game.story.loader import load_pack
from game.story.pack_cache import PackCache, PackSummary, content_key

MINI = Path(__file__).parent.parent / "packs" / "mini"


@pytest.fixture
def pack(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root


@pytest.fixture
def cache(tmp_path: Path) -> PackCache:
    return PackCache(tmp_path / "cache")


def summary_of(root: Path) -> PackSummary:
    story = load_pack(root, for_play=True).story
    assert story is not None
    return PackSummary.of(story)


def the_entry(cache: PackCache) -> Path:
    (entry,) = cache.folder.iterdir()
    return entry


def test_a_written_summary_is_read_back_while_the_pack_is_unchanged(
    pack: Path, cache: PackCache
) -> None:
    summary = summary_of(pack)
    assert summary.title == "Mini: a test pack" and summary.storylines
    cache.write(pack, content_key(pack), summary)
    assert cache.read(pack, content_key(pack)) == summary
    assert (cache.folder.stat().st_mode & 0o777) == 0o700
    assert (the_entry(cache).stat().st_mode & 0o077) == 0


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename"])
def test_any_change_to_any_file_is_a_miss(pack: Path, cache: PackCache, change: str) -> None:
    cache.write(pack, content_key(pack), summary_of(pack))
    story = pack / "story.yaml"
    if change == "edit":  # same size, same time: only the content says
        text = story.read_text(encoding="utf-8")
        before = story.stat()
        story.write_text(text.replace("Mini", "Mimi", 1), encoding="utf-8")
        os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))
    elif change == "add":
        (pack / "notes.txt").write_text("x", encoding="utf-8")
    elif change == "remove":
        (pack / "intro.yaml").unlink()
    else:
        (pack / "intro.yaml").rename(pack / "intro2.yaml")
    assert cache.read(pack, content_key(pack)) is None


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b"[]",
        b'{"format": 1}',
        b"\xff\xfe",
        b"{}" + b" " * (2 * 1024 * 1024),
    ],
)
def test_a_damaged_entry_is_a_miss_not_an_error(
    pack: Path, cache: PackCache, damage: bytes
) -> None:
    key = content_key(pack)
    cache.write(pack, key, summary_of(pack))
    the_entry(cache).write_bytes(damage)
    assert cache.read(pack, key) is None


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", 3), ("storylines", "woods"), ("codex", [1]), ("lessons", True), ("format", 0)],
)
def test_an_entry_with_wrong_types_is_a_miss(
    pack: Path, cache: PackCache, field: str, value: object
) -> None:
    key = content_key(pack)
    cache.write(pack, key, summary_of(pack))
    entry = the_entry(cache)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data[field] = value
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert cache.read(pack, key) is None


def test_a_folder_others_may_write_is_not_used(pack: Path, cache: PackCache) -> None:
    key = content_key(pack)
    cache.write(pack, key, summary_of(pack))
    cache.folder.chmod(0o777)
    assert cache.read(pack, key) is None
    cache.write(pack, key, summary_of(pack))  # nor written into
    cache.folder.chmod(0o700)
    assert len(list(cache.folder.iterdir())) == 1


def test_a_symlinked_folder_is_not_used(pack: Path, cache: PackCache, tmp_path: Path) -> None:
    key = content_key(pack)
    cache.write(pack, key, summary_of(pack))
    link = PackCache(tmp_path / "link")
    link.folder.symlink_to(cache.folder)
    assert link.read(pack, key) is None


def test_an_unreadable_pack_has_no_key(pack: Path) -> None:
    (pack / "intro.yaml").chmod(0)
    try:
        if os.access(pack / "intro.yaml", os.R_OK):
            pytest.skip("running as a user who reads any file")
        assert content_key(pack) is None
    finally:
        (pack / "intro.yaml").chmod(0o644)


def test_an_unwritable_cache_is_simply_not_there(pack: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("", encoding="utf-8")
    cache = PackCache(blocked / "cache")  # its parent is a file
    cache.write(pack, content_key(pack), summary_of(pack))
    assert cache.read(pack, content_key(pack)) is None
