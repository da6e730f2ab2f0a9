"""A pack reads only its own files: links out of the pack, special files,
huge files and alias bombs are refused with a diagnostic, through `locus
check` and `locus play --plain`, and at play time by the model itself."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.engine.machine import Game
from game.story.loader import load_pack
from game.story.safe_read import MAX_ASSET_BYTES, PackFileError, read_pack_file
from tests.security.hostile_pack import SCENE, locus, write_pack

SECRET = "TOP-SECRET-OUTSIDE-THE-PACK"
ART_SCENE = """\
scenes:
  a:
    title: A
    text: Hello.
    art: {art}
    ending: {{kind: good, summary: Done.}}
"""


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder next to the pack, holding what the pack must never show."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET + "\n", encoding="utf-8")
    (folder / "secret.yaml").write_text(f"scenes: {{}}\n# {SECRET}\n", encoding="utf-8")
    return folder


def _refused(root: Path, where: str, *fragments: str) -> None:
    """`check` and `play --plain` both refuse the pack, naming ``where``."""
    for args in (("check", str(root)), ("play", "--plain", str(root))):
        run = locus(*args, stdin="1\n")
        assert run.code == 1, run.both
        assert f"{where}:" in run.both, run.both
        for fragment in fragments:
            assert fragment in run.both, run.both
        assert SECRET not in run.both


def test_a_content_file_linked_out_of_the_pack(tmp_path: Path, outside: Path) -> None:
    root = write_pack(tmp_path / "pack", **{"a.yaml": SCENE})
    (root / "stolen.yaml").symlink_to(outside / "secret.yaml")
    _refused(root, "stolen.yaml", "E008", "leads outside the pack folder")


def test_a_content_file_linked_to_etc_passwd(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", **{"a.yaml": SCENE})
    (root / "passwd.yaml").symlink_to("/etc/passwd")
    _refused(root, "passwd.yaml", "E008")


def test_art_linked_out_of_the_pack(tmp_path: Path, outside: Path) -> None:
    root = write_pack(tmp_path / "pack", **{"a.yaml": ART_SCENE.format(art="secret.txt")})
    (root / "assets").mkdir()
    (root / "assets" / "secret.txt").symlink_to(outside / "secret.txt")
    _refused(root, "a.yaml:5:10", "E008", "assets/secret.txt")


def test_a_linked_assets_folder(tmp_path: Path, outside: Path) -> None:
    root = write_pack(tmp_path / "pack", **{"a.yaml": ART_SCENE.format(art="secret.txt")})
    (root / "assets").symlink_to(outside, target_is_directory=True)
    _refused(root, "assets", "E008", "leads outside the pack folder")


def test_art_that_is_dev_zero(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", **{"a.yaml": ART_SCENE.format(art="zero.txt")})
    (root / "assets").mkdir()
    (root / "assets" / "zero.txt").symlink_to("/dev/zero")
    _refused(root, "a.yaml:5:10", "E008")


def test_art_and_content_that_are_fifos(tmp_path: Path) -> None:
    """A FIFO inside the pack: refused at once, never waited on."""
    root = write_pack(tmp_path / "pack", **{"a.yaml": ART_SCENE.format(art="pipe.txt")})
    (root / "assets").mkdir()
    os.mkfifo(root / "assets" / "pipe.txt")
    os.mkfifo(root / "more.yaml")
    run = locus("check", str(root))
    assert run.code == 1
    assert "a.yaml:5:10: error E008: 'assets/pipe.txt' is not a regular file" in run.both
    assert "more.yaml: error E008: 'more.yaml' is not a regular file" in run.both


def test_art_named_with_dot_dot(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", **{"a.yaml": ART_SCENE.format(art="../story.yaml")})
    (root / "assets").mkdir()
    _refused(root, "a.yaml:5:10", "E027")


def test_huge_art_is_refused_without_reading_it(tmp_path: Path) -> None:
    """300 MB (sparse, so the test costs nothing), and just over the limit."""
    root = write_pack(tmp_path / "pack", **{"a.yaml": ART_SCENE.format(art="huge.txt")})
    (root / "assets").mkdir()
    with open(root / "assets" / "huge.txt", "wb") as stream:
        stream.truncate(300 * 1024 * 1024)
    run = locus("check", str(root))
    assert run.code == 1
    assert "a.yaml:5:10: error E003: 'assets/huge.txt' is 300.0 MB" in run.both
    assert run.peak_mb < 200, run.peak_mb
    (root / "assets" / "huge.txt").write_text("x" * (MAX_ASSET_BYTES + 1), encoding="utf-8")
    assert "E003" in locus("check", str(root)).both


def test_a_huge_content_file(tmp_path: Path) -> None:
    root = write_pack(tmp_path / "pack", **{"a.yaml": SCENE})
    with open(root / "big.yaml", "wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    run = locus("check", str(root))
    assert run.code == 1 and "big.yaml: error E003: 'big.yaml' is 50.0 MB" in run.both


def test_an_alias_bomb_is_refused_by_the_size_it_expands_to(tmp_path: Path) -> None:
    """One 1 MB anchored string and 200,000 aliases of it in the same file
    (anchors do not cross files): 3.2 MB that would expand to 200 GB."""
    anchored = "x" * (1024 * 1024)
    aliases = ", ".join(["*bigtext"] * 200_000)
    bomb = (
        "scenes:\n"
        "  a:\n"
        "    title: A\n"
        f"    text: &bigtext {anchored}\n"
        "    next: b\n"
        "  b:\n"
        "    title: B\n"
        f"    text: [{aliases}]\n"
        "    ending: {kind: good, summary: Done.}\n"
    )
    assert 2.5 * 1024 * 1024 < len(bomb) < 4 * 1024 * 1024
    root = write_pack(tmp_path / "pack", **{"a.yaml": bomb})
    for args in (("check", str(root)), ("play", "--plain", str(root))):
        run = locus(*args, stdin="1\n1\n")
        assert run.code == 1
        # aliases are the anchored node itself: the position is the anchor's
        assert "a.yaml:4:11: error E005: this file expands to more than 8 MB of text" in run.both
        assert len(run.out) < 100_000
        assert run.peak_mb < 400, run.peak_mb


def test_art_swapped_for_a_link_after_loading_is_not_shown(tmp_path: Path, outside: Path) -> None:
    """The model reads art when a scene is shown: the same rules hold then."""
    root = write_pack(tmp_path / "pack", **{"a.yaml": ART_SCENE.format(art="art.txt")})
    (root / "assets").mkdir()
    (root / "assets" / "art.txt").write_text("a tree\n", encoding="utf-8")
    loaded = load_pack(root)
    assert loaded.story is not None, loaded.diagnostics
    (root / "assets" / "art.txt").unlink()
    (root / "assets" / "art.txt").symlink_to(outside / "secret.txt")
    with pytest.raises(PackFileError, match="outside the pack"):
        loaded.story.read_asset("art.txt")
    assert Game.start(loaded.story).view().art is None


def test_read_pack_file_limits_and_types(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    root.mkdir()
    (root / "ok.txt").write_bytes(b"12345")
    assert read_pack_file(root, Path("ok.txt"), 5) == b"12345"
    with pytest.raises(PackFileError, match="at most"):
        read_pack_file(root, Path("ok.txt"), 4)
    (root / "folder").mkdir()
    with pytest.raises(PackFileError, match="not a regular file"):
        read_pack_file(root, Path("folder"), 10)
    with pytest.raises(FileNotFoundError):  # an OSError: "cannot be read" (E006)
        read_pack_file(root, Path("missing.txt"), 10)
    with pytest.raises(PackFileError, match="outside"):
        read_pack_file(root, Path("../pack/../outside.txt"), 10)
