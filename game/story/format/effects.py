"""The effect variant, declared: each case's key, reader, schema and the guide's row.

Effects are a list of one-key mappings (``- set: {met_guide: true}``); what
each case checks and builds is in game/story/read_effects.py.
"""

from __future__ import annotations

from game.story import read_effects as fx
from game.story.diagnostics import ONE_KEY_EFFECT
from game.story.format import kinds as k
from game.story.format.fields import Case, Variant


def _action(kind: str, actions: tuple[str, str]) -> dict[str, object]:
    return {
        "oneOf": [
            {
                "type": "object",
                "properties": {action: k.ref(f"{kind}_id")},
                "additionalProperties": False,
                "required": [action],
            }
            for action in actions
        ]
    }


EFFECT = Variant(
    "effect",
    "an effect",
    (
        Case(
            "set",
            fx.var_effect("set"),
            {
                "type": "object",
                "propertyNames": k.ID,
                "additionalProperties": k.ref("value"),
                "minProperties": 1,
            },
            "assign literal values (of the variable's type)",
            "`set: {var: value}`",
        ),
        Case(
            "add",
            fx.var_effect("add"),
            {
                "type": "object",
                "propertyNames": k.ID,
                "additionalProperties": {"type": "number"},
                "minProperties": 1,
            },
            "add to a numeric variable (negative subtracts)",
            "`add: {var: number}`",
        ),
        Case(
            "compute",
            fx.var_effect("compute"),
            {
                "type": "object",
                "propertyNames": k.ID,
                "additionalProperties": k.EXPRESSION,
                "minProperties": 1,
            },
            "assign the value of an expression",
            '`compute: {var: "expression"}`',
        ),
        Case(
            "body",
            fx.body_effect,
            k.ref("inputs"),
            "set [body inputs](#body-inputs)",
            "`body: {threat: 0.8}`",
        ),
        Case(
            "condition",
            fx.change_effect("condition", ("add", "remove")),
            _action("condition", ("add", "remove")),
            "a health [condition](#conditions-and-medications) starts or ends",
            "`condition: {add: id}` / `{remove: id}`",
        ),
        Case(
            "medication",
            fx.change_effect("medication", ("start", "stop")),
            _action("medication", ("start", "stop")),
            "a [medication](#conditions-and-medications) starts or stops",
            "`medication: {start: id}` / `{stop: id}`",
        ),
        Case("time", fx.wait_effect, k.DURATION, "let game time pass now", "`time: 30s`"),
        Case(
            "codex",
            fx.codex_effect,
            k.id_or_list(),
            "unlock codex entries",
            "`codex: id` or `codex: [id, ...]`",
        ),
        Case("score", fx.score_effect, k.INTEGER, "add points (may be negative)", "`score: 10`"),
        Case("badge", fx.badge_effect, k.ID, "award a badge from story.yaml (once)", "`badge: id`"),
    ),
    ONE_KEY_EFFECT,
    "an effect is a mapping with exactly one key",
    "e.g. - set: {met_guide: true}",
)
EFFECTS = fx.EffectsReader(EFFECT)
