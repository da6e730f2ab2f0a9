"""A pack file the loader will not or cannot read is one diagnostic in
plain words: too large (with both sizes), not a regular file, a link
leading out of the pack, or missing behind a broken link. In this process,
so each sentence is checked where the loader writes it."""

from __future__ import annotations

import os
import socket
from pathlib import Path

from game.story.loader import load_pack
from tests.conftest import BASE_STORY
from tests.story.test_loader_diagnostics import GOOD

COPY_IN = "a pack reads only regular files inside its own folder: copy the file in"


def shown(root: Path, outside: Path) -> list[tuple[str, str, str, str | None]]:
    return [
        (str(d.loc), d.code, d.message.replace(str(outside), "OUTSIDE"), d.hint)
        for d in load_pack(root).diagnostics
    ]


def test_each_file_that_cannot_be_read_says_why(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    root.mkdir()
    (root / "story.yaml").write_text(BASE_STORY, encoding="utf-8")
    (root / "s.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "outside.yaml").write_text(GOOD, encoding="utf-8")
    (root / "stolen.yaml").symlink_to(tmp_path / "outside.yaml")
    os.mkfifo(root / "pipe.yaml")
    (root / "broken.yaml").symlink_to(root / "nothing.yaml")
    (root / "big.yaml").write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    with socket.socket(socket.AF_UNIX) as listener:
        listener.bind(str(root / "sock.yaml"))
    assert shown(root, tmp_path) == [
        (
            "big.yaml",
            "E003",
            "'big.yaml' is 5.0 MB; a pack file of this kind may be at most 4.0 MB",
            "split it into several files",
        ),
        ("broken.yaml", "E006", "cannot read file: No such file or directory", None),
        ("sock.yaml", "E006", "cannot read file: No such device or address", None),
        (
            "pipe.yaml",
            "E008",
            "'pipe.yaml' is not a regular file (a device, a FIFO or a folder)",
            COPY_IN,
        ),
        (
            "stolen.yaml",
            "E008",
            "'stolen.yaml' leads outside the pack folder (to OUTSIDE/outside.yaml)",
            COPY_IN,
        ),
    ]


ART = """\
scenes:
  a:
    title: A
    text: A
    art: pic.txt
    next: b
  b:
    title: B
    text: B
    art: dir
    next: c
  c:
    title: C
    text: C
    art: ../../outside.txt
    ending: {kind: good, summary: Done}
"""


def test_art_too_large_a_folder_or_outside_the_pack_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    (root / "assets" / "dir").mkdir(parents=True)
    (root / "story.yaml").write_text(BASE_STORY, encoding="utf-8")
    (root / "s.yaml").write_text(ART, encoding="utf-8")
    (root / "assets" / "pic.txt").write_bytes(b"x" * (300 * 1024))
    (tmp_path / "outside.txt").write_text("secret", encoding="utf-8")
    assert shown(root, tmp_path) == [
        (
            "s.yaml:5:10",
            "E003",
            "'assets/pic.txt' is 300 KB; a pack file of this kind may be at most 256 KB",
            "art is text: a few screens at most",
        ),
        ("s.yaml:10:10", "E027", "asset 'dir' is not in the pack's assets/ folder", None),
        (
            "s.yaml:15:10",
            "E027",
            "asset '../../outside.txt' is not in the pack's assets/ folder",
            None,
        ),
    ]
