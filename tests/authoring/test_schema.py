"""The JSON Schemas: shipped files equal the generated ones, they are
well-formed 2020-12 within a known vocabulary, they accept every real pack
file and reject broken ones, and they are generated from the records the loader walks."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
import yaml

from game.paths import bundled_pack
from game.story import schema
from game.story.format import records
from tests.authoring.minischema import check_schema, errors


def test_shipped_files_equal_the_generated_ones():
    for kind in schema.KINDS:
        shipped = (schema.SHIPPED / schema.file_name(kind)).read_text(encoding="utf-8")
        assert shipped == schema.dumps(schema.generate(kind)), (
            f"{kind} schema is stale: run `locus schema all --output game/story/schemas`"
        )


@pytest.mark.parametrize("kind", schema.KINDS)
def test_schema_is_well_formed(kind):
    generated = schema.generate(kind)
    assert generated["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    check_schema(generated)
    json.loads(schema.dumps(generated))


def _kind_of(root: Path, path: Path) -> str:
    rel = path.relative_to(root)
    if rel.as_posix() == "story.yaml":
        return "story"
    return {"lessons": "lesson", "tests": "test"}.get(rel.parts[0], "content")


def _pack_files(root: Path):
    for path in sorted(root.rglob("*.yaml")):
        rel = path.relative_to(root)
        if any(part.startswith(("_", ".")) for part in rel.parts) or rel.parts[0] == "assets":
            continue
        yield path, _kind_of(root, path)


@pytest.mark.parametrize(
    "root", [Path(__file__).parents[1] / "packs" / "mini", bundled_pack()], ids=["mini", "bundled"]
)
def test_real_pack_files_validate(root):
    schemas = {kind: schema.generate(kind) for kind in schema.KINDS}
    checked = 0
    for path, kind in _pack_files(root):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert errors(document, schemas[kind]) == [], path
        checked += 1
    assert checked >= 4


SCENE = {"title": "A", "text": "x", "choices": [{"text": "Go", "goto": "b"}]}


@pytest.mark.parametrize(
    ("kind", "document", "reason"),
    [
        ("content", {"scenes": {"a": {**SCENE, "mood": 1}}}, "unknown key"),
        ("content", {"scenes": {"a": {"text": "x", "next": "b"}}}, "missing 'title'"),
        ("content", {"scenes": {"a": {**SCENE, "next": "b"}}}, "oneOf"),
        (
            "content",
            {
                "scenes": {
                    "a": {
                        "title": "A",
                        "text": "x",
                        "ending": {"kind": "good", "summary": "s"},
                        "quiz": {},
                    }
                }
            },
            "'quiz' needs 'next'",
        ),
        ("content", {"scenes": {"Bad": SCENE}}, "does not match"),
        ("content", {"scenes": {"a": {**SCENE, "time": "90"}}}, "does not match"),
        ("content", {"scenes": {"a": {**SCENE, "on_enter": [{"sett": {"x": 1}}]}}}, "oneOf"),
        ("content", {"scenes": {"a": {**SCENE, "on_enter": [{"body": {"fear": 1}}]}}}, "oneOf"),
        ("content", {"scenes": {"a": {**SCENE, "on_enter": [{"body": {"threat": 2}}]}}}, "oneOf"),
        (
            "content",
            {
                "scenes": {
                    "a": {
                        "title": "A",
                        "text": "x",
                        "next": "b",
                        "quiz": {
                            "question": "q",
                            "objective": "o",
                            "options": [
                                {"text": "1", "correct": True},
                                {"text": "2", "correct": True},
                            ],
                        },
                    }
                }
            },
            "contains",
        ),
        (
            "content",
            {"scenes": {"a": {"title": "A", "text": "x", "next": [{"to": "b", "weight": 2}]}}},
            "anyOf",
        ),
        ("story", {"format": 2, "id": "p", "start": "a"}, "is not 1"),
        ("story", {"format": 1, "id": "p", "start": "a", "variables": {"score": 1}}, "must not"),
        ("test", {"name": "t", "steps": [{"choose": 0}]}, "anyOf"),
        ("test", {"name": "t", "steps": [{"expect": {"body": {"pulse": 1}}}]}, "anyOf"),
        ("lesson", {"id": "l", "title": "L", "storylines": [], "objectives": []}, "fewer"),
    ],
)
def test_broken_documents_are_rejected(kind, document, reason):
    found = errors(document, schema.generate(kind))
    assert any(reason in problem for problem in found), found


def test_a_declared_key_is_in_the_schema_with_its_guide_sentence():
    """The schema is generated from the records the loader walks: every key
    of every record is a property, described in the guide's words."""
    content = schema.generate("content")
    scene = content["properties"]["scenes"]["additionalProperties"]
    assert list(scene["properties"]) == list(records.SCENE.keys)
    assert scene["required"] == list(records.SCENE.required)
    assert scene["properties"]["on_enter"]["description"] == "effects applied on entering, in order"
    story = schema.generate("story")
    storyline = story["properties"]["storylines"]["items"]
    assert "age" in storyline["properties"]
    effect = content["$defs"]["effect"]["oneOf"]
    assert [next(iter(case["properties"])) for case in effect] == list(records.EFFECT.keys)


def test_command_prints_and_writes(tmp_path, capsys):
    assert schema.run(argparse.Namespace(kind="lesson", output=None)) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == "urn:locus:pack-format:1:lesson"
    assert schema.run(argparse.Namespace(kind="all", output=None)) == 0
    assert set(json.loads(capsys.readouterr().out)) == set(schema.KINDS)
    assert schema.run(argparse.Namespace(kind="all", output=str(tmp_path))) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        schema.file_name(kind) for kind in schema.KINDS
    )
