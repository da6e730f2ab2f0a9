"""The records of lessons (lessons/*.yaml) and walkthrough tests (tests/*.yaml), declared.

Their behaviour (the lesson and test built, each step's checks, the
comparisons of ``expect``) is in game/story/read_tests.py.
"""

from __future__ import annotations

from game.story import read_tests as wt
from game.story.diagnostics import TEST_ERROR
from game.story.format import kinds as k
from game.story.format.effects import EFFECTS
from game.story.format.fields import Case, Field, Record, Variant
from game.story.yamlnodes import NodeReader

# --- lessons and walkthrough tests --------------------------------------------------

LESSON = Record(
    "lesson",
    "a lesson",
    (
        Field("id", k.ident("lesson id"), k.ID, "the lesson id (`locus play --lesson ID`)", True),
        Field("title", k.text("title", "read"), k.TEXT, "shown to students and in reports", True),
        Field(
            "storylines",
            k.references("storyline", "storylines"),
            {**k.id_list(), "minItems": 1},
            "storyline ids the student plays, in order (at least one)",
            required=True,
            default=(),
        ),
        Field(
            "objectives",
            k.references("objective", "objectives"),
            k.id_list(),
            "the objectives the lesson covers",
            required=True,
            default=(),
        ),
        Field(
            "pass_mark",
            k.bounded(
                NodeReader.number,
                "pass_mark",
                lambda mark: 0 <= mark <= 100,
                "pass_mark is a percentage from 0 to 100",
            ),
            {"type": "number", "minimum": 0, "maximum": 100},
            "percent of the lesson's quiz points needed to pass (default 70)",
            default=70.0,
        ),
        Field(
            "min_questions",
            k.bounded(
                NodeReader.integer,
                "min_questions",
                lambda count: count >= 0,
                "min_questions cannot be negative",
            ),
            {"type": "integer", "minimum": 0},
            "questions per objective that every path through the lesson must ask (default 2; W070)",
            default=2,
        ),
    ),
    doc="A classroom lesson (lessons/*.yaml).",
    reads_after=("id",),
)
EXPECT = Record(
    "expect",
    "expect",
    (
        Field("scene", wt.scene_ref, k.ID, "the game is at this scene", shown="`scene: id`"),
        Field("ending", wt.scene_ref, k.ID, "the game ended at this ending", shown="`ending: id`"),
        Field(
            "choices",
            wt.texts("choices"),
            {"type": "array", "items": {"type": "string"}},
            "the selectable choices are exactly these, in order, each matched by part of its text",
            shown="`choices: [text, ...]`",
        ),
        Field(
            "disabled",
            wt.texts("disabled"),
            {"type": "array", "items": {"type": "string"}},
            "the visible but disabled choices are exactly these, in order",
            shown="`disabled: [text, ...]`",
        ),
        Field(
            "vars",
            wt.expect_vars,
            {**k.TABLE, "additionalProperties": k.ref("comparison")},
            "each variable compares as given",
            shown="`vars: {name: value}`",
        ),
        Field(
            "body",
            wt.expect_body,
            k.ref("readouts"),
            "each readout compares as given",
            shown="`body: {readout: value}`",
        ),
        Field(
            "score",
            wt.expect_score,
            k.ref("comparison"),
            "the score compares as given",
            shown="`score: value`",
        ),
        Field(
            "badges",
            k.references("badge", "badges", allow_single=True),
            k.id_or_list(),
            "these badges have been earned (others may be too)",
            shown="`badges: [id, ...]`",
        ),
        Field(
            "codex",
            k.references("codex", "codex", allow_single=True),
            k.id_or_list(),
            "these codex entries are unlocked (others may be too)",
            shown="`codex: [id, ...]`",
        ),
    ),
)
_TARGET = {
    "anyOf": [{"type": "integer", "minimum": 1}, {"type": "string"}],
    "description": "an option number (from 1) or part of its text",
}
STEP = Variant(
    "step",
    "a step",
    (
        Case(
            "choose",
            wt.target_step("choose"),
            _TARGET,
            "take a visible, enabled choice by its number on screen or by part of its text "
            "(case does not matter); a `next` scene's only choice is `Continue` (1)",
            "`choose: 2` / `choose: some text`",
        ),
        Case(
            "answer",
            wt.target_step("answer"),
            _TARGET,
            "answer the quiz of the current scene",
            "`answer: 1` / `answer: some text`",
        ),
        Case(
            "wait",
            wt.wait_step,
            k.DURATION,
            "let game time pass ([duration](#durations))",
            "`wait: 10min`",
        ),
        Case(
            "expect",
            wt.ExpectStep(EXPECT),
            EXPECT,
            "check the game now (keys below)",
            "`expect: {...}`",
        ),
    ),
    TEST_ERROR,
    "a step is a mapping with one key: choose, answer, wait or expect",
)
TEST = Record(
    "walkthrough test",
    "a walkthrough test",
    (
        Field("name", k.text("name"), k.TEXT, "what the test shows", required=True),
        Field(
            "start",
            k.reference("scene", "start scene"),
            k.ID,
            "the scene to start at (default: the story's start)",
        ),
        Field(
            "seed",
            k.integer("seed"),
            k.INTEGER,
            "the random generator's seed (default 0)",
            default=0,
        ),
        Field(
            "setup",
            EFFECTS,
            k.ref("effects"),
            "[effects](#effects) applied before the first scene",
            default=(),
        ),
        Field(
            "steps",
            wt.Steps(STEP),
            {"type": "array", "items": STEP},
            "the steps, in order",
            required=True,
        ),
    ),
)
