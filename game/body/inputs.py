"""The parts of the body's targets that depend only on its inputs, computed once per advance.

The inputs hold through an advance (a change of inputs starts a new one), so
everything the sweep needs from threat, effort, calm, sleep and posture alone
is worked out before the first sub-step and read from an ``InputTerms``.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

from game.body.params import (
    ANXIETY_CALM,
    ANXIETY_SLEEP,
    ANXIETY_TAU_S,
    CALM_ANXIETY_SPEEDUP,
    CALM_HABITUATION_SPEEDUP,
    EPI_EXERCISE_SQUARE,
    FATIGUE_EFFORT,
    FATIGUE_EFFORT_POWER,
    LC_CALM,
    LC_EXERCISE,
    RESP_CALM_PER_MIN,
    RESP_EXERCISE,
    RESP_EXERCISE_POWER,
    SPILL_EXERCISE,
    SPILL_EXERCISE_STEEPNESS,
    SYMPATHETIC_CALM,
    SYMPATHETIC_SLEEP,
    VAGAL_CALM_BPM,
    VAGAL_EXERCISE_WITHDRAWAL_BPM,
    VAGAL_SLEEP_BPM,
    VESSEL_EXERCISE,
    WORRY_CALM,
)
from game.body.state import BodyState


class InputTerms(NamedTuple):
    """The parts of the targets that depend only on the inputs, held during an advance."""

    exercise: float
    calm: float
    asleep: float  # 1.0 asleep, 0.0 awake
    calm_speedup: float  # habituation speeds up with calm
    lc_exercise: float
    lc_calm: float
    tone: float  # sympathetic tone left by calm and sleep
    standing: float  # 1.0 standing, 0.0 sitting or lying
    worry_calm: float  # the share of a threat calm leaves to worry about
    vessel_exercise: float
    vagal_calm: float
    vagal_sleep: float
    vagal_exercise: float
    spill_exercise: float
    epi_exercise: float
    not_calm: float
    resp_calm: float
    resp_exercise: float
    anxiety_calm: float
    anxiety_sleep: float
    anxiety_tau: float
    fatigue_effort: float


def input_terms(s: BodyState) -> InputTerms:
    """The input terms of ``s`` (once per advance: the inputs hold through it).

    Stories set a few levels of each input, so the terms of the same inputs are
    remembered (building them cost about 2% of an advance)."""
    return _terms(s.exercise, s.calm, s.sleep, s.standing)


@lru_cache(maxsize=256)
def _terms(exercise: float, calm: float, sleep: bool, standing: bool) -> InputTerms:
    asleep = 1.0 if sleep else 0.0
    return InputTerms(
        exercise,
        calm,
        asleep,
        1.0 + CALM_HABITUATION_SPEEDUP * calm,
        LC_EXERCISE * exercise,
        1.0 - LC_CALM * calm,
        (1.0 - SYMPATHETIC_CALM * calm) * (SYMPATHETIC_SLEEP if asleep else 1.0),
        1.0 if standing else 0.0,
        1.0 - WORRY_CALM * calm,
        VESSEL_EXERCISE * exercise,
        VAGAL_CALM_BPM * calm,
        VAGAL_SLEEP_BPM * asleep,
        VAGAL_EXERCISE_WITHDRAWAL_BPM * min(1.0, 2.0 * exercise),
        SPILL_EXERCISE * math.expm1(SPILL_EXERCISE_STEEPNESS * exercise),
        EPI_EXERCISE_SQUARE * exercise * exercise,
        1.0 - calm,
        RESP_CALM_PER_MIN * calm,
        RESP_EXERCISE * exercise**RESP_EXERCISE_POWER,
        ANXIETY_CALM * calm,
        ANXIETY_SLEEP * asleep,
        ANXIETY_TAU_S / (1.0 + CALM_ANXIETY_SPEEDUP * calm),
        FATIGUE_EFFORT * exercise**FATIGUE_EFFORT_POWER,
    )
