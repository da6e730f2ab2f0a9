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
        (
            str(d.loc).replace(str(outside), "OUTSIDE"),
            d.code,
            d.message.replace(str(outside), "OUTSIDE"),
            d.hint,
        )
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


FOUND = """\
scenes:
  a:
    title: A
    text: A
    art: assets/pic.txt
    choices:
      - {text: a, goto: b, if: "word == hi"}
      - {text: b, goto: b, if: "word == hello"}
  b:
    title: B
    text: B
    art: pics.txt
    next: c
  c:
    title: C
    text: C
    art: ctl.txt
    next: d
  d:
    title: D
    text: D
    art: gone.txt
    ending: {kind: good, summary: Done}
"""


def test_content_files_and_art_are_read_where_the_guide_says(tmp_path: Path) -> None:
    """Content is every .yaml or .yml outside assets/, lessons/ and tests/,
    except names and folders starting with _ or . (drafts, editors' files);
    art is named from assets/ and read when a scene names it."""
    root = tmp_path / "pack"
    (root / "assets").mkdir(parents=True)
    (root / "story.yaml").write_text(BASE_STORY, encoding="utf-8")
    (root / "s.yaml").write_text(FOUND, encoding="utf-8")
    (root / "assets" / "pic.txt").write_text("art\n", encoding="utf-8")
    (root / "assets" / "ctl.txt").write_bytes(b"line one\nab\x1b[2Jc\x07\n")
    (root / "assets" / "gone.txt").symlink_to(root / "assets" / "nothing.txt")
    (root / "assets" / "a.yaml").write_text("bad: [\n", encoding="utf-8")
    (root / "none.yaml").write_text("{}\n", encoding="utf-8")
    for skipped in ("_draft.yaml", ".hidden.yaml", "notes.txt", "_old/x.yaml", ".git/x.yaml"):
        (root / skipped).parent.mkdir(exist_ok=True)
        (root / skipped).write_text("bad: [\n", encoding="utf-8")
    (root / "more").mkdir()
    (root / "more" / "x.yml").write_text("scenes: []\n", encoding="utf-8")
    assert shown(root, tmp_path) == [
        ("s.yaml:22:10", "E006", "cannot read 'gone.txt': No such file or directory", None),
        (
            "assets/ctl.txt:2:3",
            "E007",
            "U+001B (escape) is a control character; a terminal would obey it",
            "art may hold new lines and tabs, but no other control codes",
        ),
        ("more/x.yml:1:9", "E011", "scenes must be a mapping, not a list", None),
        (
            "none.yaml:1:1",
            "W002",
            "this file has neither scenes: nor codex:",
            "add scenes: or codex:",
        ),
        (
            "s.yaml:5:10",
            "E027",
            "asset 'assets/pic.txt' is not in the pack's assets/ folder",
            "art names are relative to assets/: write art: pic.txt",
        ),
        (
            "s.yaml:7:41",
            "E041",
            "unknown name hi",
            "did you mean 'hi' in quotes? (a value of word)",
        ),
        (
            "s.yaml:8:41",
            "E041",
            "unknown name hello",
            "declare it under variables: in story.yaml",
        ),
        (
            "s.yaml:12:10",
            "E027",
            "asset 'pics.txt' is not in the pack's assets/ folder",
            "did you mean 'pic.txt'?",
        ),
    ]


def test_a_folder_that_is_no_pack_says_what_it_lacks(tmp_path: Path) -> None:
    hint = "a pack is a folder with story.yaml"
    missing = tmp_path / "missing"
    assert shown(missing, tmp_path) == [
        ("OUTSIDE/missing", "E043", "'OUTSIDE/missing' is not a folder", hint)
    ]
    assert shown(tmp_path, tmp_path) == [("OUTSIDE", "E043", "'OUTSIDE' has no story.yaml", hint)]
    (tmp_path / "story.yaml").write_text("# to do\n", encoding="utf-8")
    assert shown(tmp_path, tmp_path) == [
        (
            "story.yaml:1:1",
            "E012",
            "story.yaml is empty",
            "it needs at least format: 1, id: and start:",
        )
    ]
    (tmp_path / "story.yaml").write_text("[1]\n", encoding="utf-8")
    assert shown(tmp_path, tmp_path) == [
        ("story.yaml:1:1", "E011", "story.yaml must be a mapping, not a list", None)
    ]


def test_an_assets_folder_linked_from_elsewhere_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "pack"
    root.mkdir()
    (tmp_path / "art").mkdir()
    (root / "assets").symlink_to(tmp_path / "art")
    (root / "story.yaml").write_text(BASE_STORY, encoding="utf-8")
    (root / "s.yaml").write_text(GOOD, encoding="utf-8")
    assert shown(root, tmp_path) == [
        (
            "assets",
            "E008",
            "'assets' leads outside the pack folder (to OUTSIDE/art)",
            "copy the art into the pack",
        )
    ]


def test_a_file_just_past_the_limit_says_both_sizes_in_bytes(tmp_path: Path) -> None:
    """Rounded to tenths of a megabyte, one byte too many would read "is 4.0
    MB; may be at most 4.0 MB", which tells the author nothing."""
    (tmp_path / "story.yaml").write_text(BASE_STORY, encoding="utf-8")
    (tmp_path / "s.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "big.yaml").write_bytes(b"#" * (4 * 1024 * 1024) + b"\n")
    assert shown(tmp_path, tmp_path)[0] == (
        "big.yaml",
        "E003",
        "'big.yaml' is 4,194,305 bytes; a pack file of this kind may be at most"
        " 4,194,304 bytes (4.0 MB)",
        "split it into several files",
    )
