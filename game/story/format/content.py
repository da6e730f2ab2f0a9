"""The records of content files, declared: routes, scenes, choices, quizzes,
endings, codex entries and the file itself.

Each ``Field`` names its key, reader, schema and the guide's sentence; the
behaviour of each record (its cross-key checks, the model it builds) is in
game/story/read_scenes.py.
"""

from __future__ import annotations

from game.story import read_scenes as sc
from game.story.format import kinds as k
from game.story.format.effects import EFFECTS
from game.story.format.fields import Field, Record
from game.story.model import QUIZ_KINDS
from game.story.yamlnodes import NodeReader

ENDING_KINDS = ("good", "neutral", "bad")

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
                NodeReader.number,
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
            k.items("random"),
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
CONTENT = Record(
    "content file",
    "a content file",
    (
        Field(
            "scenes",
            sc.scene_table(SCENE),
            {**k.TABLE, "additionalProperties": SCENE},
            "scenes by id",
        ),
        Field(
            "codex",
            sc.codex_table(CODEX),
            {**k.TABLE, "additionalProperties": CODEX},
            "codex entries by id",
        ),
    ),
    doc="A content file of a Locus story pack: scenes and codex entries.",
)
