"""JSON Schemas (draft 2020-12) for story packs, generated from the loader's tables.

Editors that speak JSON Schema (VS Code with the YAML extension, JetBrains,
Neovim with yaml-language-server) complete keys, show their meaning on hover
and underline mistakes while a student types, before ``locus check`` runs.
To keep the schemas from drifting away from what the loader accepts, every
object's keys come from the very tuples the loader checks keys against
(``SCENE_KEYS`` ...), the ids of body inputs, readouts, conditions and
medications come from ``game.body``, and generation fails if a key has no
schema here. The generated files ship in the package (``game/story/schemas``)
so a pack can point at them; a test keeps them equal to what this module
generates. The loader stays the authority: the schemas describe shapes,
while references between files and expression types are checked by
``locus check``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from game import body as body_model
from game.story.loader import (
    BADGE_KEYS,
    BODY_KEYS,
    BRANCH_KEYS,
    CHOICE_KEYS,
    CODEX_KEYS,
    CONTENT_KEYS,
    EFFECT_KINDS,
    ENDING_KEYS,
    ENDING_KINDS,
    EXPECT_KEYS,
    FORMAT_VERSION,
    LESSON_KEYS,
    LINT_CODE_RE,
    LINT_KEYS,
    OPTION_KEYS,
    QUIZ_KEYS,
    RANDOM_KEYS,
    RESERVED_NAMES,
    SCENE_KEYS,
    STEP_KINDS,
    STORY_KEYS_ALL,
    STORYLINE_KEYS,
    TEST_KEYS,
)
from game.story.model import QUIZ_KINDS
from game.story.yamlnodes import ID_RE, UNIT_SECONDS

Schema = dict[str, Any]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
KINDS = ("story", "content", "test", "lesson")
#: Where the shipped copies live (inside the package, so installs have them).
SHIPPED = Path(__file__).resolve().parent / "schemas"

_ID_PATTERN = "^" + ID_RE.pattern.removesuffix(r"\Z") + "$"
_UNITS = "|".join(sorted(UNIT_SECONDS, key=len, reverse=True))
_DURATION_PATTERN = rf"^\s*(\d+(\.\d+)?\s*({_UNITS})\s*)+$"


class SchemaDrift(Exception):
    """The loader accepts a key this module has no schema for (or the reverse)."""


def file_name(kind: str) -> str:
    return f"{kind}.schema.json"


def _ref(name: str) -> Schema:
    return {"$ref": f"#/$defs/{name}"}


def _obj(
    what: str,
    keys: Iterable[str],
    properties: Mapping[str, Schema],
    required: Iterable[str] = (),
    description: str = "",
) -> Schema:
    """A closed object whose keys are exactly the loader's ``keys`` tuple."""
    keys = tuple(keys)
    missing = [k for k in keys if k not in properties]
    extra = [k for k in properties if k not in keys]
    if missing or extra:
        raise SchemaDrift(f"{what}: no schema for {missing}; not accepted by the loader: {extra}")
    schema: Schema = {"type": "object"}
    if description:
        schema["description"] = description
    schema["properties"] = {key: properties[key] for key in keys}
    schema["additionalProperties"] = False
    if required:
        schema["required"] = list(required)
    return schema


def _id_or_list(description: str) -> Schema:
    return {
        "description": description,
        "anyOf": [_ref("id"), {"type": "array", "items": _ref("id")}],
    }


def _described(schema: Schema, description: str) -> Schema:
    return {"description": description, **schema}


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
    effects = {
        "set": _described(
            {
                "type": "object",
                "propertyNames": _ref("id"),
                "additionalProperties": _ref("value"),
                "minProperties": 1,
            },
            "assign literal values to variables: set: {met_guide: true}",
        ),
        "add": _described(
            {
                "type": "object",
                "propertyNames": _ref("id"),
                "additionalProperties": {"type": "number"},
                "minProperties": 1,
            },
            "add to numeric variables (negative subtracts): add: {courage: 1}",
        ),
        "compute": _described(
            {
                "type": "object",
                "propertyNames": _ref("id"),
                "additionalProperties": _ref("expression"),
                "minProperties": 1,
            },
            'assign the value of an expression: compute: {courage: "courage * 2"}',
        ),
        "body": _described(_ref("inputs"), "set physiology inputs: body: {threat: 0.8}"),
        "condition": _described(
            {
                "oneOf": [
                    _obj("condition effect", [action], {action: _ref("condition_id")}, [action])
                    for action in ("add", "remove")
                ]
            },
            "add or remove a health condition: condition: {add: parkinsons}",
        ),
        "medication": _described(
            {
                "oneOf": [
                    _obj("medication effect", [action], {action: _ref("medication_id")}, [action])
                    for action in ("start", "stop")
                ]
            },
            "start or stop a medication: medication: {start: snri}",
        ),
        "time": _described(_ref("duration"), "let game time pass now: time: 30s"),
        "codex": _id_or_list("unlock codex entries: codex: locus_coeruleus"),
        "score": _described({"type": "integer"}, "add points (may be negative): score: 10"),
        "badge": _described(_ref("id"), "award a badge defined in story.yaml: badge: brave"),
    }
    missing = set(EFFECT_KINDS) ^ set(effects)
    if missing:
        raise SchemaDrift(f"effects: no schema for, or not accepted by the loader: {missing}")
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
            "items": _ref("effect"),
            "description": "effects, applied in order",
        },
        "effect": {
            "description": "one effect: a mapping with exactly one key",
            "oneOf": [
                {
                    "type": "object",
                    "properties": {kind: effects[kind]},
                    "required": [kind],
                    "additionalProperties": False,
                }
                for kind in EFFECT_KINDS
            ],
        },
        "route": {
            "description": "where to go: a scene id, a list of {if, to} ending with a "
            "fallback {to}, or {random: [{to, weight}]}",
            "anyOf": [
                _ref("id"),
                {
                    "type": "array",
                    "minItems": 1,
                    "items": _obj(
                        "route entry",
                        BRANCH_KEYS,
                        {"if": _ref("expression"), "to": _ref("id")},
                        ["to"],
                    ),
                },
                _obj(
                    "random route",
                    ["random"],
                    {
                        "random": {
                            "type": "array",
                            "minItems": 1,
                            "items": _obj(
                                "random entry",
                                RANDOM_KEYS,
                                {
                                    "to": _ref("id"),
                                    "weight": {
                                        "type": "number",
                                        "exclusiveMinimum": 0,
                                        "description": "relative weight (default 1)",
                                    },
                                },
                                ["to"],
                            ),
                        }
                    },
                    ["random"],
                ),
            ],
        },
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
                    "anyOf": [_ref("comparison"), {"enum": ["rising", "falling"]}],
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


def _scene() -> Schema:
    paragraph = {
        "anyOf": [
            _ref("text"),
            _obj(
                "conditional paragraph",
                ("if", "text"),
                {"if": _ref("expression"), "text": _ref("text")},
                ("if", "text"),
            ),
        ]
    }
    choice = _obj(
        "choice",
        CHOICE_KEYS,
        {
            "text": _described(_ref("text"), "what the player reads"),
            "goto": _described(_ref("route"), "where the choice leads"),
            "if": _described(_ref("expression"), "hidden when false"),
            "enabled_if": _described(_ref("expression"), "shown but not selectable when false"),
            "hint": _described(_ref("text"), "why the choice is not selectable"),
            "once": {"type": "boolean", "description": "hidden after it was chosen once"},
            "effects": _ref("effects"),
            "time": _described(_ref("duration"), "game time the choice takes"),
        },
        ("text", "goto"),
    )
    option = _obj(
        "quiz option",
        OPTION_KEYS,
        {
            "text": _ref("text"),
            "correct": {"type": "boolean", "description": "exactly one option is correct"},
            "feedback": _described(
                _ref("text"), "shown after answering; teach, wrong ones especially"
            ),
        },
        ("text",),
    )
    quiz = _obj(
        "quiz",
        QUIZ_KEYS,
        {
            "question": _ref("text"),
            "objective": _described(_ref("id"), "the objective it assesses"),
            "points": {
                "type": "integer",
                "description": "points for the right answer (default 10)",
            },
            "options": {
                "type": "array",
                "minItems": 2,
                "maxItems": 6,
                "items": option,
                "contains": {
                    "type": "object",
                    "properties": {"correct": {"const": True}},
                    "required": ["correct"],
                },
                "minContains": 1,
                "maxContains": 1,
            },
            "kind": {
                "enum": list(QUIZ_KINDS),
                "description": "what the question asks: recall (default), apply an idea"
                " to a new case, or read_panel (read the live body panel)",
            },
            "lint": _obj(
                "lint",
                LINT_KEYS,
                {
                    "allow": {
                        "type": "array",
                        "items": {"type": "string", "pattern": f"^{LINT_CODE_RE.pattern}$"},
                        "minItems": 1,
                        "description": "item-writing warnings to silence for this quiz",
                    },
                    "why": {"type": "string", "description": "the reason (required)"},
                },
                ("allow", "why"),
                "silence item-writing warnings, with a reason",
            ),
        },
        ("question", "objective", "options"),
    )
    ending = _obj(
        "ending",
        ENDING_KEYS,
        {
            "kind": {"enum": list(ENDING_KINDS)},
            "summary": _ref("text"),
        },
        ("kind", "summary"),
    )
    scene = _obj(
        "scene",
        SCENE_KEYS,
        {
            "title": _ref("text"),
            "text": {
                "description": "a string, or a list of paragraphs (strings or {if, text})",
                "anyOf": [_ref("text"), {"type": "array", "items": paragraph}],
            },
            "time": _described(_ref("duration"), "game time that passes in this scene"),
            "teaches": _id_or_list("objective ids this scene teaches"),
            "art": {"type": "string", "description": "a file under the pack's assets/"},
            "on_enter": _described(_ref("effects"), "effects applied on entering"),
            "choices": {"type": "array", "minItems": 1, "items": choice},
            "next": _described(_ref("route"), "a single Continue (after the quiz, if any)"),
            "quiz": quiz,
            "ending": ending,
            "expect": _ref("scene_expect"),
        },
        ("title", "text"),
    )
    scene["oneOf"] = [{"required": [kind]} for kind in ("choices", "next", "ending")]
    scene["dependentRequired"] = {"quiz": ["next"]}
    return scene


def _content() -> Schema:
    codex = _obj(
        "codex entry",
        CODEX_KEYS,
        {
            "title": _ref("text"),
            "text": _ref("text"),
            "objectives": _id_or_list("objective ids the entry explains"),
            "sources": {
                "description": "references",
                "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
            },
        },
        ("title", "text"),
    )
    table = {"type": "object", "propertyNames": _ref("id")}
    return _obj(
        "content file",
        CONTENT_KEYS,
        {
            "scenes": {**table, "description": "scenes by id", "additionalProperties": _scene()},
            "codex": {**table, "description": "codex entries by id", "additionalProperties": codex},
        },
        description="A content file of a Locus story pack: scenes and codex entries.",
    )


def _story() -> Schema:
    storyline = _obj(
        "storyline",
        STORYLINE_KEYS,
        {
            "id": _ref("id"),
            "title": _ref("text"),
            "start": _described(_ref("id"), "start scene"),
            "summary": _ref("text"),
            "chart": {
                "description": "body readouts the debrief charts first: chart: [mood]",
                "type": "array",
                "items": {
                    "enum": [n for n, r in body_model.READOUTS.items() if r.kind == "number"]
                },
            },
            "starts_at": _ref("starts_at"),
        },
        ("id", "title", "start"),
    )
    badge = _obj(
        "badge", BADGE_KEYS, {"title": _ref("text"), "description": _ref("text")}, ("title",)
    )
    body = _obj(
        "body",
        BODY_KEYS,
        {
            "conditions": {"type": "array", "items": _ref("condition_id")},
            "medications": {"type": "array", "items": _ref("medication_id")},
            "inputs": _ref("inputs"),
        },
    )
    return _obj(
        "story.yaml",
        STORY_KEYS_ALL,
        {
            "format": {"const": FORMAT_VERSION, "description": "the pack format version"},
            "id": _described(_ref("id"), "pack id, used in saves and results"),
            "title": _ref("text"),
            "start": _described(_ref("id"), "the scene where a new game begins"),
            "variables": {
                "type": "object",
                "description": "variables and their starting values (the type "
                "of the value is the variable's type)",
                "propertyNames": {"allOf": [_ref("id"), {"not": {"enum": sorted(RESERVED_NAMES)}}]},
                "additionalProperties": _ref("value"),
            },
            "objectives": {
                "type": "object",
                "propertyNames": _ref("id"),
                "additionalProperties": {"type": "string"},
                "description": "learning objectives: id -> one sentence",
            },
            "storylines": {"type": "array", "items": storyline},
            "badges": {
                "type": "object",
                "propertyNames": _ref("id"),
                "additionalProperties": badge,
            },
            "body": _described(body, "the starting body"),
            "age": {
                "type": "number",
                "minimum": 5,
                "maximum": 100,
                "description": "the player's age in years, for age-predicted limits (default 16)",
            },
            "starts_at": _ref("starts_at"),
        },
        ("format", "id", "start"),
        "story.yaml: the metadata of a Locus story pack.",
    )


def _test() -> Schema:
    target = {
        "anyOf": [{"type": "integer", "minimum": 1}, {"type": "string"}],
        "description": "an option number (from 1) or part of its text",
    }
    expect = _obj(
        "expect",
        EXPECT_KEYS,
        {
            "scene": _described(_ref("id"), "the current scene"),
            "ending": _described(_ref("id"), "the ending scene reached"),
            "choices": {
                "type": "array",
                "items": {"type": "string"},
                "description": "the selectable choices in order, each by part of its text",
            },
            "disabled": {
                "type": "array",
                "items": {"type": "string"},
                "description": "the visible but disabled choices in order",
            },
            "vars": {
                "type": "object",
                "propertyNames": _ref("id"),
                "additionalProperties": _ref("comparison"),
            },
            "body": _ref("readouts"),
            "score": _ref("comparison"),
            "badges": _id_or_list("badges that must have been earned"),
            "codex": _id_or_list("codex entries that must be unlocked"),
        },
    )
    steps = {
        "choose": target,
        "answer": target,
        "wait": _ref("duration"),
        "expect": expect,
    }
    if set(steps) != set(STEP_KINDS):
        raise SchemaDrift(f"test steps: {set(steps) ^ set(STEP_KINDS)}")
    step = {
        "oneOf": [
            {
                "type": "object",
                "properties": {kind: steps[kind]},
                "required": [kind],
                "additionalProperties": False,
            }
            for kind in STEP_KINDS
        ]
    }
    test = _obj(
        "walkthrough test",
        TEST_KEYS,
        {
            "name": _ref("text"),
            "start": _described(_ref("id"), "the scene to start at (default: the story's start)"),
            "seed": {"type": "integer", "description": "random generator seed (default 0)"},
            "setup": _described(_ref("effects"), "effects applied before the first scene"),
            "steps": {"type": "array", "items": step},
        },
        ("name", "steps"),
    )
    return {
        "description": "A walkthrough test file: one test, or a list of tests.",
        "anyOf": [test, {"type": "array", "items": test}],
    }


def _lesson() -> Schema:
    return _obj(
        "lesson",
        LESSON_KEYS,
        {
            "id": _ref("id"),
            "title": _ref("text"),
            "storylines": {
                "type": "array",
                "items": _ref("id"),
                "minItems": 1,
                "description": "what the student plays, in order",
            },
            "objectives": {"type": "array", "items": _ref("id")},
            "pass_mark": {
                "type": "number",
                "minimum": 0,
                "maximum": 100,
                "description": "percent of the lesson's quiz points (default 70)",
            },
            "min_questions": {
                "type": "integer",
                "minimum": 0,
                "description": "questions per objective that every path must ask (default 2)",
            },
        },
        ("id", "title", "storylines", "objectives"),
        "A classroom lesson (lessons/*.yaml).",
    )


_BUILDERS = {"story": _story, "content": _content, "test": _test, "lesson": _lesson}


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
