"""The pack format, declared once: every record, its keys, how each is read,
its default, its JSON Schema and the guide's sentence for it.

The declarations live by the file they describe (``story``, ``content``
with ``effects``, ``lessons_tests``); this module names them all. The
loader walks them (``fields.read_record``), the JSON Schemas in
game/story/schemas are generated from them (``game.story.schema``) and so
are the reference tables of docs/authoring.md (``python -m
game.story.format.docs``; a test fails when either is stale). Adding a key
is one ``Field`` plus its behaviour: its reader, and what the engine does
with the value.
"""

from __future__ import annotations

from game.story.format.content import (
    BRANCH,
    CHOICE,
    CODEX,
    CONTENT,
    ENDING,
    ENDING_KINDS,
    LINT,
    OPTION,
    PARAGRAPH,
    QUIZ,
    RANDOM_ENTRY,
    RANDOM_ROUTE,
    ROUTE_SCHEMA,
    SCENE,
)
from game.story.format.effects import EFFECT, EFFECTS
from game.story.format.lessons_tests import EXPECT, LESSON, STEP, TEST
from game.story.format.story import BADGE, BODY, FORMAT_VERSION, STORY, STORYLINE

__all__ = [
    "BADGE",
    "BODY",
    "BRANCH",
    "CHOICE",
    "CODEX",
    "CONTENT",
    "EFFECT",
    "EFFECTS",
    "ENDING",
    "ENDING_KINDS",
    "EXPECT",
    "FORMAT_VERSION",
    "LESSON",
    "LINT",
    "OPTION",
    "PARAGRAPH",
    "QUIZ",
    "RANDOM_ENTRY",
    "RANDOM_ROUTE",
    "ROUTE_SCHEMA",
    "SCENE",
    "STEP",
    "STORY",
    "STORYLINE",
    "TEST",
]
