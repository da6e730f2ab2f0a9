"""The pack format, declared once: every record, its keys, how each is read,
its default, its JSON Schema and the guide's sentence for it.

The loader walks these declarations (``fields.read_record``), the JSON
Schemas in game/story/schemas are generated from them (``game.story.schema``)
and so are the reference tables of docs/authoring.md
(``python -m game.story.format.docs``; a test fails when either is stale).
Adding a key is one ``Field`` here plus its behaviour: its reader, and what
the engine does with the value. This module is long because it is the
format's whole reference; it holds declarations only.
"""

from __future__ import annotations

from game import body as body_model
from game.story import read_effects as fx
from game.story import read_scenes as sc
from game.story import read_story as st
from game.story import read_tests as wt
from game.story.diagnostics import ONE_KEY_EFFECT, TEST_ERROR
from game.story.format import kinds as k
from game.story.format.fields import Case, Field, Record, Variant
from game.story.model import QUIZ_KINDS

FORMAT_VERSION = 1
ENDING_KINDS = ("good", "neutral", "bad")
AGE = "the player's age in years"

# --- routes ---------------------------------------------------------------------

BRANCH = Record(
    "route entry",
    "a route entry",
    (
        Field("to", k.ident("scene id"), k.ID, "the scene", required=True),
        Field("if", k.condition("if"), k.EXPRESSION, "taken when this holds"),
    ),
)
RANDOM_ENTRY = Record(
    "random entry",
    "a random entry",
    (
        Field("to", k.ident("scene id"), k.ID, "the scene", required=True),
        Field(
            "weight",
            k.bounded(
                lambda reader, node, what: reader.number(node, what),
                "weight",
                lambda weight: weight > 0,
                "weight must be greater than 0",
            ),
            {"type": "number", "exclusiveMinimum": 0},
            "relative weight (default 1)",
            default=1,
        ),
    ),
)
RANDOM_ROUTE = Record(
    "random route",
    "random route",
    (
        Field(
            "random",
            lambda pack, reader, node: reader.sequence(node, "random"),
            {"type": "array", "minItems": 1, "items": RANDOM_ENTRY},
            "a weighted pick with the game's seeded random generator",
            required=True,
        ),
    ),
)
ROUTE_SCHEMA = {
    "description": "where to go: a scene id, a list of {if, to} ending with a "
    "fallback {to}, or {random: [{to, weight}]}",
    "anyOf": [k.ID, {"type": "array", "minItems": 1, "items": BRANCH}, RANDOM_ROUTE],
}


def _route(what: str) -> sc.RouteReader:
    return sc.RouteReader(what, BRANCH, RANDOM_ROUTE, RANDOM_ENTRY)


# --- effects ----------------------------------------------------------------------


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

# --- scenes ---------------------------------------------------------------------

PARAGRAPH = Record(
    "conditional paragraph",
    "a conditional paragraph",
    (
        Field("if", k.condition("if"), k.EXPRESSION, "shown when this holds", required=True),
        Field("text", k.templated("text"), k.TEXT, "the paragraph", required=True),
    ),
)
CHOICE = Record(
    "choice",
    "a choice",
    (
        Field(
            "text",
            k.templated("choice text"),
            k.TEXT,
            "what the player reads (templates allowed)",
            required=True,
        ),
        Field("goto", _route("goto"), k.ref("route"), "where it leads: a [route](#routes)", True),
        Field(
            "if",
            k.condition("if"),
            k.EXPRESSION,
            "an [expression](#expressions); the choice is hidden when it is false",
        ),
        Field(
            "enabled_if",
            k.condition("enabled_if"),
            k.EXPRESSION,
            "an expression; the choice is shown but cannot be taken when false ...",
        ),
        Field(
            "hint",
            k.templated("hint"),
            k.TEXT,
            "... and this says why (templates allowed)",
        ),
        Field(
            "once",
            k.boolean("once"),
            k.BOOLEAN,
            "`true`: hidden after it was chosen once",
            default=False,
        ),
        Field(
            "effects",
            EFFECTS,
            k.ref("effects"),
            "[effects](#effects) applied when it is chosen",
            default=(),
        ),
        Field(
            "time",
            k.duration("time"),
            k.DURATION,
            "game time the choice takes ([duration](#durations))",
            default=0.0,
        ),
    ),
)
OPTION = Record(
    "quiz option",
    "a quiz option",
    (
        Field("text", k.templated("option text"), k.TEXT, "the answer", required=True),
        Field(
            "correct",
            k.boolean("correct"),
            k.BOOLEAN,
            "exactly one option is correct",
            default=False,
        ),
        Field(
            "feedback",
            k.templated("feedback"),
            k.TEXT,
            "shown after answering; teach, wrong ones especially",
        ),
    ),
)
LINT = Record(
    "lint",
    "lint",
    (
        Field(
            "allow",
            sc.lint_codes,
            {
                "type": "array",
                "items": {"type": "string", "pattern": f"^{sc.LINT_CODE_RE.pattern}$"},
                "minItems": 1,
            },
            "item-writing warnings to silence for this quiz",
            required=True,
        ),
        Field("why", k.text("why"), {"type": "string"}, "the reason (required)", required=True),
    ),
    doc="silence item-writing warnings, with a reason",
)
QUIZ = Record(
    "quiz",
    "quiz",
    (
        Field(
            "question", k.templated("question"), k.TEXT, "the question (templates allowed)", True
        ),
        Field(
            "objective",
            k.reference("objective", "objective id"),
            k.ID,
            "the objective it assesses",
            required=True,
        ),
        Field(
            "points",
            k.integer("points"),
            k.INTEGER,
            "points for the right answer (default 10; a wrong answer earns 0)",
            default=10,
        ),
        Field(
            "options",
            sc.options(OPTION),
            {
                "type": "array",
                "minItems": 2,
                "maxItems": 6,
                "items": OPTION,
                "contains": {
                    "type": "object",
                    "properties": {"correct": {"const": True}},
                    "required": ["correct"],
                },
                "minContains": 1,
                "maxContains": 1,
            },
            "2 to 6 options; exactly one has `correct: true`",
            required=True,
        ),
        Field(
            "kind",
            k.one_of(
                QUIZ_KINDS,
                "quiz kind",
                "quiz kind must be recall, apply or read_panel, not '{value}'",
            ),
            {"enum": list(QUIZ_KINDS)},
            "what the question asks of the student: `recall` (default), `apply` (use an idea "
            "on a new case) or `read_panel` (read the student's own body panel)",
            default="recall",
        ),
        Field(
            "lint",
            sc.lint(LINT),
            LINT,
            '`{allow: [W060], why: "..."}`: silence item-writing warnings for this quiz; '
            "`why` is required",
        ),
    ),
    reads_after=(),
)
ENDING = Record(
    "ending",
    "ending",
    (
        Field(
            "kind",
            k.one_of(
                ENDING_KINDS,
                "ending kind",
                "ending kind must be good, neutral or bad, not '{value}'",
            ),
            {"enum": list(ENDING_KINDS)},
            "`good`, `neutral` or `bad`",
            required=True,
        ),
        Field("summary", k.templated("summary"), k.TEXT, "templates allowed", required=True),
    ),
)
SCENE = Record(
    "scene",
    "a scene",
    (
        Field("title", k.text("title", "read"), k.TEXT, "shown above the text", True),
        Field(
            "text",
            sc.paragraphs(PARAGRAPH),
            {"anyOf": [k.TEXT, {"type": "array", "items": {"anyOf": [k.TEXT, PARAGRAPH]}}]},
            "a string, or a list of paragraphs (see [text](#text-templates-and-styles))",
            required=True,
            default=(),
        ),
        Field(
            "time",
            k.duration("time"),
            k.DURATION,
            "game time that passes in this scene ([duration](#durations), default 0)",
            default=0.0,
        ),
        Field(
            "teaches",
            k.references("objective", "teaches", allow_single=True),
            k.id_or_list(),
            "objective ids (one id or a list) this scene teaches",
            default=(),
        ),
        Field(
            "art",
            sc.art,
            {"type": "string"},
            "a file under `assets/`, shown with the scene; the name is relative to `assets/` "
            "(`art: trail.txt` for `assets/trail.txt`, `art: woods/owl.txt` for "
            "`assets/woods/owl.txt`)",
        ),
        Field(
            "on_enter",
            EFFECTS,
            k.ref("effects"),
            "[effects](#effects) applied on entering, in order",
            default=(),
        ),
        Field(
            "choices",
            sc.choices(CHOICE),
            {"type": "array", "minItems": 1, "items": CHOICE},
            "a list of [choices](#choices)",
            default=(),
            need="one of",
        ),
        Field(
            "next",
            _route("next"),
            k.ref("route"),
            'a [route](#routes); the player sees a single "Continue"',
            need="one of",
        ),
        Field(
            "quiz",
            sc.quiz(QUIZ),
            QUIZ,
            "a [quiz](#quizzes); after the answer, `next` is taken",
            need="with `next`",
        ),
        Field(
            "ending", sc.ending(ENDING), ENDING, "makes this an [ending](#endings)", need="one of"
        ),
        Field(
            "expect",
            sc.scene_expect,
            k.ref("scene_expect"),
            "what the body must show when the scene is shown "
            "([scene assertions](#scene-assertions))",
            default=(),
        ),
    ),
    reads_after=(),
    schema_extra={
        "oneOf": [{"required": [kind]} for kind in ("choices", "next", "ending")],
        "dependentRequired": {"quiz": ["next"]},
    },
)
CODEX = Record(
    "codex entry",
    "a codex entry",
    (
        Field("title", k.text("title", "always"), k.TEXT, "the entry's title", True),
        Field("text", k.text("text", "always"), k.TEXT, "the entry's text", True),
        Field(
            "objectives",
            k.references("objective", "objectives", allow_single=True),
            k.id_or_list(),
            "objective ids it explains (one or a list)",
            default=(),
        ),
        Field(
            "sources",
            sc.sources,
            {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
            "references (one or a list)",
            default=(),
        ),
    ),
)
_TABLE = {"type": "object", "propertyNames": k.ID}
CONTENT = Record(
    "content file",
    "a content file",
    (
        Field(
            "scenes",
            sc.scene_table(SCENE),
            {**_TABLE, "additionalProperties": SCENE},
            "scenes by id",
        ),
        Field(
            "codex",
            sc.codex_table(CODEX),
            {**_TABLE, "additionalProperties": CODEX},
            "codex entries by id",
        ),
    ),
    doc="A content file of a Locus story pack: scenes and codex entries.",
)

# --- story.yaml -----------------------------------------------------------------

_STARTS_AT = Field(
    "starts_at",
    st.starts_at,
    k.ref("starts_at"),
    'the story\'s clock when play begins (default `"00:00"` on day 0), see '
    "[the story's clock](#the-storys-clock)",
)
STORYLINE = Record(
    "storyline",
    "a storyline",
    (
        Field("id", k.ident("storyline id"), k.ID, "the storyline id", required=True),
        Field("title", k.text("title"), k.TEXT, "shown on the title screen", required=True),
        Field("start", k.ident("start scene"), k.ID, "its first scene", required=True),
        Field("summary", k.text("summary"), k.TEXT, "one or two sentences", default=""),
        Field(
            "chart",
            st.chart,
            {
                "type": "array",
                "items": {
                    "enum": [n for n, r in body_model.READOUTS.items() if r.kind == "number"]
                },
            },
            "body readouts the debrief charts first: `chart: [mood]`",
            default=(),
        ),
        Field(
            "starts_at",
            st.starts_at,
            k.ref("starts_at"),
            "the storyline's own clock at its start (default: the story's)",
        ),
        Field(
            "age",
            st.age,
            k.ref("age"),
            f"{AGE} in this storyline (default: the story's `age`), for a storyline "
            "whose player is someone else",
        ),
    ),
    reads_after=("id", "start"),
)
BADGE = Record(
    "badge",
    "a badge",
    (
        Field("title", k.text("title"), k.TEXT, "the badge's name", required=True),
        Field("description", k.text("description"), k.TEXT, "what it was earned for", default=""),
    ),
    reads_after=(),
)
BODY = Record(
    "body",
    "body",
    (
        Field(
            "conditions",
            k.references("condition", "conditions"),
            k.id_list(k.ref("condition_id")),
            "condition ids",
            default=(),
        ),
        Field(
            "medications",
            k.references("medication", "medications"),
            k.id_list(k.ref("medication_id")),
            "medication ids",
            default=(),
        ),
        Field("inputs", fx.body_inputs, k.ref("inputs"), "body inputs", default=()),
    ),
)
STORY = Record(
    "story.yaml",
    "story.yaml",
    (
        Field(
            "format",
            st.format_version,
            {"const": FORMAT_VERSION},
            "the pack format version: `1`",
            True,
        ),
        Field("id", k.ident("pack id"), k.ID, "pack id, used in saves and results", required=True),
        Field("title", k.text("title"), k.TEXT, "the title players see (default: the id)"),
        Field(
            "start",
            k.reference("scene", "start scene"),
            k.ID,
            "the scene where a new game begins",
            required=True,
        ),
        Field(
            "variables",
            st.variables,
            {
                "type": "object",
                "propertyNames": {"allOf": [k.ID, {"not": {"enum": sorted(st.RESERVED_NAMES)}}]},
                "additionalProperties": k.ref("value"),
            },
            "author variables and their starting values",
        ),
        Field(
            "objectives",
            st.objectives,
            {**_TABLE, "additionalProperties": {"type": "string"}},
            "learning objectives: id → one sentence",
        ),
        Field(
            "storylines",
            st.storylines(STORYLINE),
            {"type": "array", "items": STORYLINE},
            "chapters a player or teacher can start from",
        ),
        Field(
            "badges",
            st.badges(BADGE),
            {**_TABLE, "additionalProperties": BADGE},
            "badges the `badge` effect awards",
        ),
        Field(
            "body",
            st.body_setup(BODY),
            BODY,
            "the starting body: conditions, medications, inputs",
        ),
        Field(
            "age",
            st.age,
            k.ref("age"),
            f"{AGE} (default 16), for age-predicted limits such as the maximum heart rate",
        ),
        _STARTS_AT,
    ),
    doc="story.yaml: the metadata of a Locus story pack.",
    reads_after=(),
)

# --- lessons and walkthrough tests --------------------------------------------------

LESSON = Record(
    "lesson",
    "a lesson",
    (
        Field("id", k.ident("lesson id"), k.ID, "the lesson id (`locus play --lesson ID`)", True),
        Field("title", k.text("title"), k.TEXT, "shown to students and in reports", True),
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
                lambda reader, node, what: reader.number(node, what),
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
                lambda reader, node, what: reader.integer(node, what),
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
            {**_TABLE, "additionalProperties": k.ref("comparison")},
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
