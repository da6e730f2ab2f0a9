"""The pack cache at its edges: a folder made with its parents, a hidden
folder's edits that change nothing, a pack too big or with a file that
cannot be read (no key, no cache), an entry that is not a file (a FIFO in
its place must not hang the start), and counts that cannot be negative."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.story import pack_cache
from game.story.pack_cache import PackCache, PackSummary, content_key
from tests.story.test_pack_cache import pack, summary_of

__all__ = ["pack"]  # the fixture, shared


def test_a_missing_cache_folder_is_made_with_its_parents_for_this_user_only(
    pack: Path, tmp_path: Path
) -> None:
    cache = PackCache(tmp_path / "data" / "locus" / "cache")
    key = content_key(pack)
    cache.write(pack, key, summary_of(pack))
    assert cache.read(pack, key) == summary_of(pack)
    assert (cache.folder.stat().st_mode & 0o777) == 0o700


def test_without_a_key_nothing_is_written_or_read(pack: Path, tmp_path: Path) -> None:
    cache = PackCache(tmp_path / "cache")
    cache.write(pack, None, summary_of(pack))
    assert not cache.folder.exists()
    cache.write(pack, content_key(pack), summary_of(pack))
    assert cache.read(pack, None) is None


def test_edits_in_hidden_folders_keep_the_key_and_others_change_it(pack: Path) -> None:
    key = content_key(pack)
    (pack / ".git").mkdir()
    (pack / ".git" / "index").write_bytes(b"anything")
    assert content_key(pack) == key
    (pack / "assets" / "new.txt").write_text("art", encoding="utf-8")
    assert content_key(pack) not in (key, None)


def test_a_file_that_cannot_be_read_or_a_pack_too_big_has_no_key(
    pack: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (pack / "dangling.yaml").symlink_to(pack / "nowhere.yaml")
    assert content_key(pack) is None
    (pack / "dangling.yaml").unlink()
    size = sum(p.stat().st_size for p in pack.rglob("*") if p.is_file())
    monkeypatch.setattr(pack_cache, "MAX_PACK_BYTES", size)
    assert content_key(pack) is not None  # exactly at the limit: still cached
    monkeypatch.setattr(pack_cache, "MAX_PACK_BYTES", size - 1)
    assert content_key(pack) is None


def test_an_entry_that_is_no_regular_file_is_a_miss(pack: Path, tmp_path: Path) -> None:
    cache = PackCache(tmp_path / "cache")
    key = content_key(pack)
    cache.write(pack, key, summary_of(pack))
    (entry,) = cache.folder.iterdir()
    entry.unlink()
    os.mkfifo(entry)
    assert cache.read(pack, key) is None


def test_a_negative_lesson_count_reads_as_none_and_every_field_is_kept(
    pack: Path, tmp_path: Path
) -> None:
    cache = PackCache(tmp_path / "cache")
    key = content_key(pack)
    cache.write(pack, key, PackSummary("p", "P", ("a", "b"), ("c",), 2))
    assert cache.read(pack, key) == PackSummary("p", "P", ("a", "b"), ("c",), 2)
    (entry,) = cache.folder.iterdir()
    data = json.loads(entry.read_text(encoding="utf-8"))
    assert data == {
        "format": 1,
        "key": key,
        "id": "p",
        "title": "P",
        "storylines": ["a", "b"],
        "codex": ["c"],
        "lessons": 2,
    }
    entry.write_text(json.dumps({**data, "lessons": -3}), encoding="utf-8")
    assert cache.read(pack, key) == PackSummary("p", "P", ("a", "b"), ("c",), 0)
    assert [p.name for p in cache.folder.iterdir()] == [entry.name]  # no temporary left
