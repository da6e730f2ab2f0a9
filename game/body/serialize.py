"""BodyState <-> JSON-safe dict, exact both ways, with clear errors for bad data.

Python's float repr round-trips through JSON exactly, so a loaded save is
equal to the saved state bit for bit. ``VERSION`` changes whenever the
physiology fields change, so an old save is refused with a reason instead of
being read wrongly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from game.body.modifiers import CONDITIONS, MEDICATIONS
from game.body.state import BodyState, Physiology

VERSION = 2
_INPUT_FIELDS = ("threat", "exercise", "calm")
_FLAG_FIELDS = ("sleep", "standing")


def to_dict(state: BodyState) -> dict[str, Any]:
    """A JSON-safe dict holding everything needed to continue this body."""
    return {
        "version": VERSION,
        "clock": state.clock,
        "inputs": {
            "threat": state.threat,
            "exercise": state.exercise,
            "calm": state.calm,
            "sleep": state.sleep,
            "standing": state.standing,
        },
        "conditions": list(state.conditions),
        "medications": [{"id": med, "started": started} for med, started in state.medications],
        "hours_awake": state.hours_awake,
        "sleep_debt": state.sleep_debt,
        "awake_at_bedtime": state.awake_at_bedtime,
        "age": state.age,
        "physiology": dict(zip(Physiology._fields, state.physiology, strict=True)),
    }


def _number(value: Any, where: str, low: float = -math.inf, high: float = math.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"body data: {where} must be a number, not {value!r}")
    x = float(value)
    if not math.isfinite(x) or not low <= x <= high:
        raise ValueError(f"body data: {where} = {value!r} is out of range {low} to {high}")
    return x


def _mapping(value: Any, where: str, keys: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueError(f"body data: {where} must be a mapping, not {type(value).__name__}")
    missing = [k for k in keys if k not in value]
    extra = sorted(str(k) for k in value if k not in keys)
    if missing or extra:
        raise ValueError(f"body data: {where} has missing keys {missing} / unknown keys {extra}")
    return value


def from_dict(data: Mapping[str, Any]) -> BodyState:
    """The state ``to_dict`` wrote; ValueError naming the problem for anything else."""
    top = _mapping(
        data,
        "the top level",
        (
            "version",
            "clock",
            "inputs",
            "conditions",
            "medications",
            "hours_awake",
            "sleep_debt",
            "awake_at_bedtime",
            "age",
            "physiology",
        ),
    )
    if top["version"] != VERSION:
        raise ValueError(f"body data: version {top['version']!r} is not {VERSION}")
    inputs = _mapping(top["inputs"], "inputs", (*_INPUT_FIELDS, *_FLAG_FIELDS))
    levels = {k: _number(inputs[k], f"inputs.{k}", 0.0, 1.0) for k in _INPUT_FIELDS}
    for k in _FLAG_FIELDS:
        if not isinstance(inputs[k], bool):
            raise ValueError(f"body data: inputs.{k} must be true or false, not {inputs[k]!r}")
    conditions = top["conditions"]
    if not isinstance(conditions, list) or not all(c in CONDITIONS for c in conditions):
        raise ValueError(
            f"body data: conditions {conditions!r} must be a list of {sorted(CONDITIONS)}"
        )
    if len(set(conditions)) != len(conditions):
        raise ValueError(f"body data: conditions {conditions!r} repeat an id")
    meds_raw = top["medications"]
    if not isinstance(meds_raw, list):
        raise ValueError("body data: medications must be a list")
    medications = []
    for i, entry in enumerate(meds_raw):
        entry = _mapping(entry, f"medications[{i}]", ("id", "started"))
        if entry["id"] not in MEDICATIONS:
            raise ValueError(
                f"body data: medications[{i}].id {entry['id']!r} is not one of "
                f"{sorted(MEDICATIONS)}"
            )
        medications.append((entry["id"], _number(entry["started"], f"medications[{i}].started")))
    if len({m for m, _ in medications}) != len(medications):
        raise ValueError("body data: a medication is listed twice")
    physiology = _mapping(top["physiology"], "physiology", Physiology._fields)
    values = [_number(physiology[k], f"physiology.{k}") for k in Physiology._fields]
    return BodyState(
        clock=_number(top["clock"], "clock"),
        sleep=inputs["sleep"],
        standing=inputs["standing"],
        conditions=tuple(sorted(conditions)),
        medications=tuple(sorted(medications)),
        hours_awake=_number(top["hours_awake"], "hours_awake", 0.0),
        sleep_debt=_number(top["sleep_debt"], "sleep_debt", 0.0),
        awake_at_bedtime=_number(top["awake_at_bedtime"], "awake_at_bedtime", 0.0),
        age=_number(top["age"], "age", 5.0, 100.0),
        physiology=Physiology._make(values),
        **levels,
    )
