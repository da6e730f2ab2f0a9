"""``locus schema``'s output is the shipped schema files, byte for byte:
printed for one kind, bundled as one object for all, or written into a
folder (the paths listed as they are written)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from game.story import schema


def shipped(kind: str) -> str:
    return (schema.SHIPPED / schema.file_name(kind)).read_text(encoding="utf-8")


def test_writing_into_a_folder_gives_the_shipped_files_and_lists_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "new" / "schemas"
    assert schema.run(argparse.Namespace(kind="all", output=str(folder))) == 0
    listed = capsys.readouterr().out.splitlines()
    assert listed == [str(folder / schema.file_name(kind)) for kind in schema.KINDS]
    for kind in schema.KINDS:
        assert (folder / schema.file_name(kind)).read_bytes() == shipped(kind).encode("utf-8")


def test_one_kind_is_printed_as_its_shipped_file(capsys: pytest.CaptureFixture[str]) -> None:
    for kind in schema.KINDS:
        assert schema.run(argparse.Namespace(kind=kind, output=None)) == 0
        assert capsys.readouterr().out == shipped(kind)


def test_all_kinds_are_printed_as_one_object(capsys: pytest.CaptureFixture[str]) -> None:
    assert schema.run(argparse.Namespace(kind="all", output=None)) == 0
    printed = capsys.readouterr().out
    assert json.loads(printed) == {kind: json.loads(shipped(kind)) for kind in schema.KINDS}
    assert printed.endswith("}\n") and printed.startswith('{\n  "')
