"""`locus play --plain --watch`: an edit to the pack is noticed at the next
command, said in a line, and the choices so far are replayed."""

from __future__ import annotations

import io
import os
import shutil
from argparse import Namespace
from collections.abc import Iterator
from pathlib import Path

from game.plain import play_plain
from game.story.loader import load_pack
from tests.conftest import MINI_PACK


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stat = path.stat()  # a new mtime even on a coarse clock
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def test_edit_is_reloaded_and_said(tmp_path):
    root = tmp_path / "mini"
    shutil.copytree(MINI_PACK, root)
    trail = root / "woods" / "trail.yaml"

    def commands() -> Iterator[str]:
        yield "1\n"  # intro: walk into the woods
        _edit(trail, "title: The Trail", "title: The Edited Trail")
        yield "?\n"
        _edit(trail, "scenes:", "scenes:\n\t")
        yield "?\n"

    args = Namespace(pack=str(root), seed=0, start=None, storyline=None, load=None, watch=True)
    out = io.StringIO()
    assert play_plain(load_pack(root).story, args, commands(), out) == 0  # type: ignore[arg-type]
    text = out.getvalue()
    assert "Reloaded the pack: replayed 1 of 1 steps." in text
    assert "Scene: The Edited Trail." in text
    assert "The pack changed but has 1 error; still playing the last version:" in text
    assert "woods/trail.yaml:2:1: line 2 starts with a tab" in text
