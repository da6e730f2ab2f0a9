"""The records of story.yaml, declared: the pack's header, its storylines,
badges and starting body.

The behaviour of each key (what it does to the pack's header) is in
game/story/read_story.py.
"""

from __future__ import annotations

from game import body as body_model
from game.story import read_effects as fx
from game.story import read_story as st
from game.story.format import kinds as k
from game.story.format.fields import Field, Record
from game.story.pack_state import FORMAT_VERSION as FORMAT_VERSION

AGE = "the player's age in years"

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
        Field("title", k.text("title", "read"), k.TEXT, "shown on the title screen", required=True),
        Field("start", k.ident("start scene"), k.ID, "its first scene", required=True),
        Field("summary", k.text("summary", "read"), k.TEXT, "one or two sentences", default=""),
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
        Field("title", k.text("title", "read"), k.TEXT, "the badge's name", required=True),
        Field(
            "description",
            k.text("description", "read"),
            k.TEXT,
            "what it was earned for",
            default="",
        ),
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
        Field("title", k.text("title", "read"), k.TEXT, "the title players see (default: the id)"),
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
            {**k.TABLE, "additionalProperties": {"type": "string"}},
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
            {**k.TABLE, "additionalProperties": BADGE},
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
