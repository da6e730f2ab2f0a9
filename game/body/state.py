"""The body's state as an immutable value: the clock, inputs, modifiers and physiology.

Everything the model needs to continue lives here, so a state is a complete
save, compares exactly and hashes (undo stacks and tests rely on that).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final, NamedTuple

INPUTS: Final = MappingProxyType(
    {
        "threat": "fraction",
        "exercise": "fraction",
        "calm": "fraction",
        "sleep": "bool",
        "standing": "bool",
        "meal": "fraction",
    }
)


class Physiology(NamedTuple):
    """The relaxing quantities, in causal order (each depends only on those before it).

    The order is the order of the integration sweep in sweep.py, so a
    quantity always sees the already-updated values of its causes.
    """

    exercise_dose: float  # running average of effort over days (0..1)
    training: float  # regular-exercise adaptation (0..1, weeks)
    calm_dose: float  # running average of calm practice over days (0..1)
    practice: float  # calm-practice adaptation (0..1, weeks)
    perceived: float  # threat as perceived now, after habituation (0..1)
    alarm: float  # startle surge of sympathetic outflow at a new threat (0..1)
    burst: float  # phasic LC burst on top of tonic firing (Hz)
    worry: float  # rumination: a threat still there keeps the mind on it (0..1)
    threat_dose: float  # running average of perceived threat over days (0..1)
    stress_load: float  # allostatic load (0..100)
    stores: float  # vesicular NE stores (1 = full; reserpine empties them)
    metabolic: float  # working muscle's demand: metabolites, central command (0..1)
    lc: float  # tonic LC firing (Hz)
    ne: float  # brain NE (% of calm-awake rest)
    pooling: float  # blood pooled in the legs by standing (0 lying or sitting, 1 standing)
    baroreflex: float  # the baroreflex's sympathetic answer to pooling (0..1)
    cardiac: float  # sympathetic drive to the heart, before beta-1 receptors (1 = rest)
    vascular: float  # sympathetic alpha-1 tone of vessels, gut, pupil dilator (1 = rest)
    vagal: float  # non-sympathetic heart-rate offset: vagal tone, intrinsic rate (bpm)
    plasma: float  # plasma NE (pg/mL)
    epinephrine: float  # adrenal epinephrine (1 = rest)
    pressor: float  # slow vascular tone that outlasts mental stress (mmHg)
    resp: float  # breaths per minute
    digestion: float  # gut motility and secretion (% of rest)
    gut_carbs: float  # carbohydrate still to be absorbed (meals)
    liver: float  # adrenergic glucose release by the liver (relative)
    glucose: float  # blood glucose (mg/dL)
    anxiety: float  # 0..100
    fatigue: float  # 0..100
    mood: float  # 0..100


class BodyState(NamedTuple):
    """One moment of one body.

    ``medications`` holds (id, start time) pairs so onsets over hours, days and
    weeks are computed from the body's own clock. A named tuple, like
    ``Physiology``: memos hash and compare bodies hundreds of thousands of
    times in a playtest, and tuples do both (and construction) in C.
    """

    clock: float  # seconds since the start
    threat: float
    exercise: float
    calm: float
    sleep: bool
    standing: bool
    conditions: tuple[str, ...]
    medications: tuple[tuple[str, float], ...]
    hours_awake: float  # sleep pressure, in hours awake; sleep pays it back twice as fast
    sleep_debt: float  # hours of sleep owed by earlier short nights
    awake_at_bedtime: float  # hours_awake when the current sleep began
    age: float  # years; sets the age-predicted maximum heart rate
    physiology: Physiology
