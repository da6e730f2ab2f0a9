"""JSON Schemas (draft 2020-12) for story packs, generated from the format's declaration.

Editors that speak JSON Schema (VS Code with the YAML extension, JetBrains,
Neovim with yaml-language-server) complete keys, show their meaning on hover
and underline mistakes while a student types, before ``locus check`` runs.
Every object is generated from the record the loader walks
(game/story/format/records.py): its keys, which are required, each value's
schema and, as its description, the guide's sentence for it, so the schemas
cannot drift from what the loader accepts. The ids of body inputs,
readouts, conditions and medications come from ``game.body``. The
generated files ship in the package (``game/story/schemas``) so a pack can
point at them; a test keeps them equal to what this module generates. The
loader stays the authority: the schemas describe shapes, while references
between files and expression types are checked by ``locus check``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game import body as body_model
from game.story.format import records as f
from game.story.format.fields import Record, Variant
from game.story.yamlnodes import ID_RE, UNIT_SECONDS

Schema = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("story", "content", "test", "lesson")
#: Where the shipped copies live (inside the package, so installs have them).
SHIPPED = Path(__file__).resolve().parent / "schemas"
FORMAT_VERSION = f.FORMAT_VERSION

_ID_PATTERN = "^" + ID_RE.pattern.removesuffix(r"\Z") + "$"
_UNITS = "|".join(sorted(UNIT_SECONDS, key=len, reverse=True))
_DURATION_PATTERN = rf"^\s*(\d+(\.\d+)?\s*({_UNITS})\s*)+$"
_LINK_RE = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def plain(doc: str) -> str:
    """The guide's Markdown as hover text: links become their words."""
    return _LINK_RE.sub(r"\1", doc).replace("`", "")


def _resolve(node: Any) -> Any:
    """A schema fragment with every record or variant in it made a schema."""
    if isinstance(node, Record):
        return record_schema(node)
    if isinstance(node, Variant):
        return variant_schema(node)
    if isinstance(node, dict):
        return {key: _resolve(value) for key, value in node.items()}
    if isinstance(node, list):
        return [_resolve(item) for item in node]
    return node


def _described(fragment: Schema | Record | Variant, doc: str) -> Schema:
    schema: Schema = _resolve(fragment)
    return {"description": plain(doc), **schema} if doc and "description" not in schema else schema


def record_schema(record: Record) -> Schema:
    """A closed object with exactly the record's keys."""
    schema: Schema = {"type": "object"}
    if record.doc:
        schema["description"] = plain(record.doc)
    schema["properties"] = {each.key: _described(each.schema, each.doc) for each in record.fields}
    schema["additionalProperties"] = False
    if record.required:
        schema["required"] = list(record.required)
    schema.update(_resolve(record.schema_extra))
    return schema


def variant_schema(variant: Variant) -> Schema:
    """One of the cases, each a mapping with exactly that key."""
    return {
        "description": f"one {variant.name}: a mapping with exactly one key",
        "oneOf": [
            {
                "type": "object",
                "properties": {case.key: _described(case.schema, case.doc)},
                "required": [case.key],
                "additionalProperties": False,
            }
            for case in variant.cases
        ],
    }


def _defs() -> dict[str, Schema]:
    """Every shared definition; each generated file keeps the ones it uses."""
    inputs = {
        name: (
            {"type": "boolean", "description": f"{name} (true/false)"}
            if kind == "bool"
            else {"type": "number", "minimum": 0, "maximum": 1, "description": f"{name}, 0 to 1"}
        )
        for name, kind in body_model.INPUTS.items()
    }
    readouts = {
        name: {"$ref": "#/$defs/comparison", "description": f"{r.label} ({r.unit})".strip()}
        for name, r in body_model.READOUTS.items()
    }
    return {
        "id": {
            "type": "string",
            "pattern": _ID_PATTERN,
            "description": "an id: lower-case letters, digits and _, starting with a letter",
        },
        "value": {"type": ["boolean", "number", "string"]},
        "text": {
            "type": ["string", "number", "boolean"],
            "description": "text; ${expression} shows a value, e.g. ${body.heart_rate}",
        },
        "expression": {
            "type": ["string", "boolean"],
            "description": 'an expression, e.g. "body.heart_rate > 120"',
        },
        "duration": {
            "type": "string",
            "pattern": _DURATION_PATTERN,
            "description": "a number with a unit: 90s, 2min, 1h, 3d, 2w",
        },
        "age": {"type": "number", "minimum": 5, "maximum": 100},
        "condition_id": {"enum": sorted(body_model.CONDITIONS)},
        "medication_id": {"enum": sorted(body_model.MEDICATIONS)},
        "inputs": {
            "type": "object",
            "properties": inputs,
            "additionalProperties": False,
            "description": "physiology inputs: " + ", ".join(body_model.INPUTS),
        },
        "effects": {
            "type": "array",
            "items": {"$ref": "#/$defs/effect"},
            "description": "effects, applied in order",
        },
        "effect": variant_schema(f.EFFECT),
        "route": _resolve(f.ROUTE_SCHEMA),
        "comparison": {
            "type": ["number", "string", "boolean"],
            "description": 'an expected value: 72, true, "steady", "> 100", "<= 140", "90..110"',
        },
        "readouts": {"type": "object", "properties": readouts, "additionalProperties": False},
        "scene_expect": {
            "type": "object",
            "description": "what the body must show when the scene is shown: "
            'body.<readout> -> "> 40", "90..110", rising or falling (since the previous scene)',
            "properties": {
                f"body.{name}": {
                    "anyOf": [{"$ref": "#/$defs/comparison"}, {"enum": ["rising", "falling"]}],
                    "description": readout.label,
                }
                for name, readout in body_model.READOUTS.items()
            },
            "additionalProperties": False,
        },
        "starts_at": {
            "anyOf": [
                {
                    "type": "string",
                    "pattern": r"^\s*(?:[A-Za-z]{3}\s+|day\s+\d+\s+)?\d{1,2}:\d{2}\s*$",
                },
                {"type": "integer", "minimum": 0},
            ],
            "description": 'the story\'s clock at the start: "21:00", "Thu 18:30", '
            '"day 3 06:00" or a day number',
        },
    }


def _test() -> Schema:
    test = record_schema(f.TEST)
    return {
        "description": "A walkthrough test file: one test, or a list of tests.",
        "anyOf": [test, {"type": "array", "items": test}],
    }


_BUILDERS: dict[str, Callable[[], Schema]] = {
    "story": lambda: record_schema(f.STORY),
    "content": lambda: record_schema(f.CONTENT),
    "test": _test,
    "lesson": lambda: record_schema(f.LESSON),
}


def generate(kind: str) -> Schema:
    """The schema of one kind of file, with only the definitions it uses."""
    body = _BUILDERS[kind]()
    defs = _defs()
    used: dict[str, Schema] = {}
    pending = _refs(body)
    while pending:
        name = pending.pop()
        if name not in used:
            used[name] = defs[name]
            pending.extend(_refs(defs[name]))
    schema: Schema = {
        "$schema": DRAFT,
        "$id": f"urn:locus:pack-format:{FORMAT_VERSION}:{kind}",
        "title": f"Locus story pack, format {FORMAT_VERSION}: {kind}",
        **body,
    }
    if used:
        schema["$defs"] = {name: used[name] for name in sorted(used)}
    return schema


def _refs(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.append(value.removeprefix("#/$defs/"))
            else:
                found.extend(_refs(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_refs(item))
    return found


def dumps(schema: Schema) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def run(args: argparse.Namespace) -> int:
    kinds = KINDS if args.kind == "all" else (args.kind,)
    if args.output:
        folder = Path(args.output)
        folder.mkdir(parents=True, exist_ok=True)
        for kind in kinds:
            path = folder / file_name(kind)
            path.write_text(dumps(generate(kind)), encoding="utf-8")
            print(path)
        return 0
    if len(kinds) == 1:
        sys.stdout.write(dumps(generate(kinds[0])))
    else:
        sys.stdout.write(dumps({kind: generate(kind) for kind in kinds}))
    return 0
