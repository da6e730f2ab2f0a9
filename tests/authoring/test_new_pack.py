"""`locus new`: the pack it writes passes check --strict and test unchanged."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import yaml

from game.authoring import check, new_pack, testing
from game.cli import build_parser
from game.story import schema
from game.story.loader import load_pack
from tests.authoring.minischema import errors


def test_new_pack_round_trip(tmp_path, capsys):
    folder = tmp_path / "My First Pack"
    assert new_pack.run(argparse.Namespace(path=str(folder))) == 0
    assert "locus check '" in capsys.readouterr().out  # the path is quoted for the shell
    story = load_pack(folder).story
    assert story is not None and story.id == "my_first_pack"
    assert len(story.scenes) == 4 and story.quizzes and story.endings
    assert len(story.tests) == 1 and list(story.lessons) == ["first_lesson"]
    strict = argparse.Namespace(packs=[str(folder)], format="text", strict=True)
    assert check.run(strict) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().err
    args = build_parser().parse_args(
        ["test", str(folder), "--random", "100", "--explore", "--max-steps", "100"]
    )
    assert testing.run(args) == 0
    out = capsys.readouterr().out
    assert "1 of 1 walkthrough test passed" in out
    assert "random: ok; scenes 4/4, options 6/6, endings 1/1, problems 0" in out


def test_every_yaml_file_points_at_its_schema_and_validates(tmp_path):
    folder = tmp_path / "pack"
    written = new_pack.create(folder)
    yaml_files = [p for p in written if p.suffix == ".yaml"]
    assert len(yaml_files) == 4
    for path in yaml_files:
        first = path.read_text(encoding="utf-8").splitlines()[0]
        match = re.fullmatch(r"# yaml-language-server: \$schema=(\S+)", first)
        assert match, path
        schema_file = (path.parent / match.group(1)).resolve()
        assert schema_file.is_file()
        kind = schema_file.name.removesuffix(".schema.json")
        assert schema_file.read_text(encoding="utf-8") == schema.dumps(schema.generate(kind))
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert errors(document, schema.generate(kind)) == [], path


def test_refuses_a_folder_with_files(tmp_path, capsys):
    (tmp_path / "old.txt").write_text("keep me")
    assert new_pack.run(argparse.Namespace(path=str(tmp_path))) == 1
    assert "not an empty folder" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["old.txt"]


def test_pack_id_from_folder_name():
    assert new_pack.pack_id(Path("My Pack!")) == "my_pack"
    assert new_pack.pack_id(Path("2024 class")) == "pack_2024_class"
    assert new_pack.pack_id(Path("!!!")) == "my_pack"
