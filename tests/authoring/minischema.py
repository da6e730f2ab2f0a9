"""A small JSON Schema (2020-12) validator for the keywords Locus's schemas use.

jsonschema is not a dependency, and the schemas must still be proven to
accept every real pack file and reject broken ones. This validator knows
exactly the keywords below and refuses any other, so it also checks that
the generated schemas stay within a vocabulary that it (and editors)
understand.
"""

from __future__ import annotations

import re
from typing import Any

ANNOTATIONS = {"$schema", "$id", "title", "description"}
KEYWORDS = ANNOTATIONS | {
    "$ref",
    "$defs",
    "type",
    "enum",
    "const",
    "pattern",
    "properties",
    "additionalProperties",
    "required",
    "propertyNames",
    "minProperties",
    "items",
    "minItems",
    "maxItems",
    "contains",
    "minContains",
    "maxContains",
    "anyOf",
    "oneOf",
    "allOf",
    "not",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "dependentRequired",
}
TYPES = {"object", "array", "string", "number", "integer", "boolean", "null"}


def _is_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return value is None


def check_schema(schema: Any, root: dict[str, Any] | None = None, where: str = "#") -> None:
    """Raise AssertionError unless every subschema uses known keywords and types,
    and every $ref resolves."""
    root = schema if root is None else root
    assert isinstance(schema, dict), f"{where}: a schema must be an object"
    unknown = set(schema) - KEYWORDS
    assert not unknown, f"{where}: unknown keywords {unknown}"
    if "$ref" in schema:
        _resolve(root, schema["$ref"])
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        assert set(names) <= TYPES, f"{where}: bad type {names}"
    for key in ("properties", "$defs"):
        for name, sub in schema.get(key, {}).items():
            check_schema(sub, root, f"{where}/{key}/{name}")
    for key in ("additionalProperties", "propertyNames", "items", "contains", "not"):
        if isinstance(schema.get(key), dict):
            check_schema(schema[key], root, f"{where}/{key}")
    for key in ("anyOf", "oneOf", "allOf"):
        for index, sub in enumerate(schema.get(key, [])):
            check_schema(sub, root, f"{where}/{key}/{index}")


def _resolve(root: dict[str, Any], ref: str) -> dict[str, Any]:
    assert ref.startswith("#/$defs/"), f"only local $defs refs are used, not {ref}"
    return root["$defs"][ref.removeprefix("#/$defs/")]


def errors(
    value: Any, schema: dict[str, Any], root: dict[str, Any] | None = None, where: str = ""
) -> list[str]:
    """Every way ``value`` fails ``schema``, as 'path: reason' strings."""
    root = schema if root is None else root
    found: list[str] = []
    here = where or "/"
    if "$ref" in schema:
        found += errors(value, _resolve(root, schema["$ref"]), root, where)
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_is_type(value, n) for n in names):
            return [*found, f"{here}: {value!r} is not {names}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{here}: {value!r} not in {schema['enum']}")
    if "const" in schema and (value != schema["const"] or type(value) is not type(schema["const"])):
        found.append(f"{here}: {value!r} is not {schema['const']!r}")
    if "pattern" in schema and isinstance(value, str) and not re.search(schema["pattern"], value):
        found.append(f"{here}: {value!r} does not match {schema['pattern']}")
    if "minimum" in schema and _is_type(value, "number") and value < schema["minimum"]:
        found.append(f"{here}: {value} < {schema['minimum']}")
    if "maximum" in schema and _is_type(value, "number") and value > schema["maximum"]:
        found.append(f"{here}: {value} > {schema['maximum']}")
    if (
        "exclusiveMinimum" in schema
        and _is_type(value, "number")
        and value <= schema["exclusiveMinimum"]
    ):
        found.append(f"{here}: {value} <= {schema['exclusiveMinimum']}")
    if isinstance(value, dict):
        found += _object_errors(value, schema, root, where)
    if isinstance(value, list):
        found += _array_errors(value, schema, root, where)
    for sub in schema.get("allOf", []):
        found += errors(value, sub, root, where)
    if "anyOf" in schema and not any(not errors(value, s, root, where) for s in schema["anyOf"]):
        found.append(f"{here}: matches none of anyOf")
    if "oneOf" in schema:
        matches = sum(not errors(value, s, root, where) for s in schema["oneOf"])
        if matches != 1:
            found.append(f"{here}: matches {matches} of oneOf, not exactly 1")
    if "not" in schema and not errors(value, schema["not"], root, where):
        found.append(f"{here}: must not match {schema['not']}")
    return found


def _object_errors(
    value: dict, schema: dict[str, Any], root: dict[str, Any], where: str
) -> list[str]:
    found: list[str] = []
    properties = schema.get("properties", {})
    for key in schema.get("required", []):
        if key not in value:
            found.append(f"{where or '/'}: missing {key!r}")
    for key, needs in schema.get("dependentRequired", {}).items():
        if key in value:
            found += [f"{where}: {key!r} needs {n!r}" for n in needs if n not in value]
    if len(value) < schema.get("minProperties", 0):
        found.append(f"{where}: fewer than {schema['minProperties']} properties")
    for key, item in value.items():
        path = f"{where}/{key}"
        if "propertyNames" in schema:
            found += errors(str(key), schema["propertyNames"], root, path)
        if key in properties:
            found += errors(item, properties[key], root, path)
        elif schema.get("additionalProperties") is False:
            found.append(f"{path}: unknown key")
        elif isinstance(schema.get("additionalProperties"), dict):
            found += errors(item, schema["additionalProperties"], root, path)
    return found


def _array_errors(
    value: list, schema: dict[str, Any], root: dict[str, Any], where: str
) -> list[str]:
    found: list[str] = []
    if len(value) < schema.get("minItems", 0):
        found.append(f"{where}: fewer than {schema['minItems']} items")
    if "maxItems" in schema and len(value) > schema["maxItems"]:
        found.append(f"{where}: more than {schema['maxItems']} items")
    if "items" in schema:
        for index, item in enumerate(value):
            found += errors(item, schema["items"], root, f"{where}/{index}")
    if "contains" in schema:
        count = sum(not errors(item, schema["contains"], root, where) for item in value)
        low, high = schema.get("minContains", 1), schema.get("maxContains", len(value))
        if not low <= count <= high:
            found.append(f"{where}: {count} items match contains, not {low}..{high}")
    return found
