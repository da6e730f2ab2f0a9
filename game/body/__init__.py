"""The physiology model: locus coeruleus, norepinephrine and the body's stress response.

Pure Python, deterministic, no I/O, no Textual: the engine advances it, the
TUI reads it. See docs/science.md for the equations and their sources.
"""

from game.body.model import (
    ADVANCE_MEMO,
    INPUTS,
    ORGANS,
    READOUTS,
    BodyState,
    Explanation,
    Readout,
    activity,
    advance,
    advance_state,
    from_dict,
    initial_state,
    readout,
    readouts,
    remembering,
    to_dict,
    with_inputs,
)
from game.body.modifiers import (
    CONDITIONS,
    MEDICATIONS,
    Modifier,
    add_condition,
    remove_condition,
    start_medication,
    stop_medication,
)

__all__ = [
    "ADVANCE_MEMO",
    "CONDITIONS",
    "INPUTS",
    "MEDICATIONS",
    "ORGANS",
    "READOUTS",
    "BodyState",
    "Explanation",
    "Modifier",
    "Readout",
    "activity",
    "add_condition",
    "advance",
    "advance_state",
    "from_dict",
    "initial_state",
    "readout",
    "readouts",
    "remembering",
    "remove_condition",
    "start_medication",
    "stop_medication",
    "to_dict",
    "with_inputs",
]
