"""The title's pack cache (game/story/pack_cache.py): keyed by every file's
content, data only, in a private folder, and never trusted over the pack."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from game.story.loader import load_pack
from game.story.pack_cache import RACY_NS, PackCache, PackSummary, Stamps, content_key, stamps_of

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


def test_names_that_are_not_utf8_are_cached_like_any_other(tmp_path: Path) -> None:
    """A folder or a file named in another encoding (unpacked from an old zip, say):
    its name's own bytes go into the key and the entry, so a start neither fails
    nor mistakes it for another file."""
    root = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))
    shutil.copytree(MINI, root)
    stray = Path(os.fsdecode(bytes(root) + b"/notes-\xff.txt"))
    stray.write_text("x", encoding="utf-8")
    cache = PackCache(tmp_path / "cache")
    key, stamps = content_key(root), stamps_of(root)
    assert key is not None and stamps is not None
    cache.write(root, key, summary_of(root), stamps)
    assert cache.lookup(root) == summary_of(root)
    os.rename(stray, Path(os.fsdecode(bytes(root) + b"/notes-\xfe.txt")))
    assert content_key(root) != key and cache.lookup(root) is None


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename"])
def test_any_change_to_any_file_is_a_miss(pack: Path, cache: PackCache, change: str) -> None:
    cache.write(pack, content_key(pack), summary_of(pack))
    changed(pack, change)  # an edit keeps the size and the time: only the content says
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


def written_with_stamps(root: Path, cache: PackCache) -> PackSummary:
    """The entry as the app writes it: stamps taken, then the files hashed."""
    stamps, key = stamps_of(root), content_key(root)
    summary = summary_of(root)
    cache.write(root, key, summary, stamps)
    return summary


def test_unchanged_files_are_vouched_for_by_their_stamps(pack: Path, tmp_path: Path) -> None:
    cache = PackCache(tmp_path / "cache", racy_ns=0)
    summary = written_with_stamps(pack, cache)
    recorded, now = stamps_of(pack), stamps_of(pack)
    assert recorded is not None and now is not None
    assert recorded.vouch_for(now, racy_ns=0)
    assert cache.lookup(pack) == summary


@pytest.mark.parametrize("change", ["edit", "add", "remove", "rename"])
def test_lookup_misses_any_change_even_with_the_old_times_put_back(
    pack: Path, tmp_path: Path, change: str
) -> None:
    cache = PackCache(tmp_path / "cache", racy_ns=0)
    written_with_stamps(pack, cache)
    changed(pack, change)  # an edit puts the old modification time back: the change time moves
    assert cache.lookup(pack) is None


def test_files_written_just_before_their_hashing_are_hashed_again() -> None:
    """Within RACY_NS an edit could share the hashed file's clock tick, so
    equal stamps prove nothing there."""
    files = (("story.yaml", 10, 5_000_000_000, 5_000_000_000, 7),)
    late = Stamps(files, taken=5_000_000_000 + RACY_NS // 2)
    assert not late.vouch_for(Stamps(files, taken=9**18))
    settled = Stamps(files, taken=5_000_000_000 + RACY_NS + 1)
    assert settled.vouch_for(Stamps(files, taken=9**18))
    other = (("story.yaml", 10, 5_000_000_000, 6_000_000_000, 7),)
    assert not settled.vouch_for(Stamps(other, taken=9**18))


def test_a_recent_entry_still_reads_back_by_hashing(pack: Path, cache: PackCache) -> None:
    summary = written_with_stamps(pack, cache)  # the files were just copied: too recent
    assert cache.lookup(pack) == summary
    (pack / "story.yaml").write_text("changed", encoding="utf-8")
    assert cache.lookup(pack) is None


@pytest.mark.parametrize(
    "stamps",
    [
        "nope",
        [["story.yaml", 1, 2, 3]],
        [["story.yaml", 1, 2, 3, True]],
        [[7, 1, 2, 3, 4]],
        [["story.yaml", 1, 2, 3, "4"]],
    ],
)
def test_damaged_stamps_are_not_trusted(pack: Path, tmp_path: Path, stamps: object) -> None:
    cache = PackCache(tmp_path / "cache", racy_ns=0)
    written_with_stamps(pack, cache)
    entry = the_entry(cache)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["stamps"] = stamps
    data["key"] = "0" * 64  # only trusted stamps could make this entry a hit
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert cache.lookup(pack) is None


def test_vouched_files_are_not_hashed_again(pack: Path, tmp_path: Path) -> None:
    """With the stamps vouching, the entry is a hit even under a key that no
    hash would give: the files were not read."""
    cache = PackCache(tmp_path / "cache", racy_ns=0)
    summary = written_with_stamps(pack, cache)
    entry = the_entry(cache)
    data = json.loads(entry.read_text(encoding="utf-8"))
    data["key"] = "0" * 64
    entry.write_text(json.dumps(data), encoding="utf-8")
    assert cache.lookup(pack) == summary


def changed(pack: Path, change: str) -> None:
    """One change to the pack's files: an edit of the same size with the old
    times put back, a file added, removed or renamed."""
    story = pack / "story.yaml"
    if change == "edit":
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
