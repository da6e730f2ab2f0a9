"""Where each relaxing quantity sits in ``Physiology``, how far it swings, and who waits on it.

The integrator works on a list of the quantities in ``Physiology`` order; the
names below are their positions. ``SCALES`` and ``LIMITERS`` tell the
sub-step schedule (numerics.moving_limit) when a quantity is "near its
target" and how long whatever depends on it remembers a transient.
"""

from __future__ import annotations

import math
from typing import Final

from game.body import params as P
from game.body.state import Physiology

_INDEX = {name: i for i, name in enumerate(Physiology._fields)}
EXERCISE_DOSE: Final = _INDEX["exercise_dose"]
TRAINING: Final = _INDEX["training"]
CALM_DOSE: Final = _INDEX["calm_dose"]
PRACTICE: Final = _INDEX["practice"]
PERCEIVED: Final = _INDEX["perceived"]
ALARM: Final = _INDEX["alarm"]
BURST: Final = _INDEX["burst"]
WORRY: Final = _INDEX["worry"]
THREAT_DOSE: Final = _INDEX["threat_dose"]
STRESS_LOAD: Final = _INDEX["stress_load"]
STORES: Final = _INDEX["stores"]
METABOLIC: Final = _INDEX["metabolic"]
LC: Final = _INDEX["lc"]
NE: Final = _INDEX["ne"]
POOLING: Final = _INDEX["pooling"]
BAROREFLEX: Final = _INDEX["baroreflex"]
CARDIAC: Final = _INDEX["cardiac"]
VASCULAR: Final = _INDEX["vascular"]
VAGAL: Final = _INDEX["vagal"]
PLASMA: Final = _INDEX["plasma"]
EPINEPHRINE: Final = _INDEX["epinephrine"]
PRESSOR: Final = _INDEX["pressor"]
RESP: Final = _INDEX["resp"]
DIGESTION: Final = _INDEX["digestion"]
GUT_CARBS: Final = _INDEX["gut_carbs"]
LIVER: Final = _INDEX["liver"]
GLUCOSE: Final = _INDEX["glucose"]
ANXIETY: Final = _INDEX["anxiety"]
FATIGUE: Final = _INDEX["fatigue"]
MOOD: Final = _INDEX["mood"]
COUNT: Final = len(Physiology._fields)

# Quantities whose time constant depends on the side of its target they are on (sweep.py:
# load builds faster than it fades, the heart's drive rises faster than it falls...), as
# (time constant above the target, below it); the LC's two speeds are asleep (awake it has
# one). When a target passes its quantity within a sub-step, the sweep switches from one to
# the other there (numerics.relax_across). The next advance reuses an advance's last
# targets and time constants only if none of these crossed or touched its target in the
# last sub-step (dynamics.integrate).
TWO_SPEED: Final = {
    STRESS_LOAD: (P.LOAD_DOWN_TAU_S, P.LOAD_UP_TAU_S),
    STORES: (P.STORES_DEPLETE_TAU_S, P.STORES_REFILL_TAU_S),
    LC: (P.LC_SLEEP_TAU_S, P.LC_TAU_S),
    CARDIAC: (P.CARDIAC_OFF_TAU_S, P.CARDIAC_TAU_S),
    VAGAL: (P.VAGAL_RETURN_TAU_S, P.VAGAL_TAU_S),
    PRESSOR: (P.PRESSOR_DOWN_TAU_S, P.PRESSOR_UP_TAU_S),
}

# The size of each quantity's usual swings, to judge when it is "near its target". The LC
# burst decays exactly, but brain NE follows it over seconds (bent where release saturates).
SCALES: Final = tuple(
    Physiology(
        exercise_dose=1.0,
        training=1.0,
        calm_dose=1.0,
        practice=1.0,
        perceived=1.0,
        alarm=1.0,
        burst=P.NE_MAX_FIRING_HZ,
        worry=1.0,
        threat_dose=1.0,
        stress_load=100.0,
        stores=1.0,
        metabolic=1.0,
        lc=P.REST_LC_HZ,
        ne=100.0,
        pooling=1.0,
        baroreflex=1.0,
        cardiac=1.0,
        vascular=1.0,
        vagal=10.0,
        plasma=P.REST_NE_PLASMA_PG_ML,
        epinephrine=1.0,
        pressor=10.0,
        resp=P.REST_RESP_PER_MIN,
        digestion=100.0,
        gut_carbs=1.0,
        liver=1.0,
        glucose=P.REST_GLUCOSE_MG_DL,
        anxiety=100.0,
        fatigue=100.0,
        mood=100.0,
    )
)

# How long whatever depends on a quantity remembers it: the longest time constant
# downstream (at most). Quantities nothing depends on are left out: they never ask
# for shorter sub-steps. Slow adaptation and perception feed days-long averages.
DOWNSTREAM_TAU_S: Final = {
    EXERCISE_DOSE: math.inf,
    TRAINING: math.inf,
    CALM_DOSE: math.inf,
    PRACTICE: math.inf,
    PERCEIVED: math.inf,
    THREAT_DOSE: math.inf,
    STRESS_LOAD: math.inf,
    STORES: math.inf,
    ALARM: P.GLUCOSE_TAU_S * P.MAX_GLUCOSE_TAU_FACTOR,  # -> liver -> glucose; pressor
    BURST: P.ANXIETY_TAU_S,
    LC: P.ANXIETY_TAU_S,
    NE: P.ANXIETY_TAU_S,  # -> ne -> anxiety
    WORRY: math.inf,  # -> anxiety, focus; asleep, -> LC and fatigue (hours)
    METABOLIC: P.CARDIAC_OFF_TAU_S,  # -> sympathetic drive to the heart
    POOLING: P.PLASMA_TAU_S,  # -> baroreflex -> blood NE
    BAROREFLEX: P.PLASMA_TAU_S,  # -> cardiac drive, blood NE
    VASCULAR: P.DIGESTION_TAU_S,
    GUT_CARBS: P.GLUCOSE_TAU_S * P.MAX_GLUCOSE_TAU_FACTOR,
    LIVER: P.GLUCOSE_TAU_S * P.MAX_GLUCOSE_TAU_FACTOR,
}
# The usually fastest first, so slow ones are skipped once a fast one has set the limit.
_FASTEST_FIRST = (
    LC,
    NE,
    POOLING,
    BAROREFLEX,
    VASCULAR,
    METABOLIC,
    ALARM,
    WORRY,
    LIVER,
    PERCEIVED,
    GUT_CARBS,
    STORES,
    THREAT_DOSE,
    STRESS_LOAD,
    EXERCISE_DOSE,
    CALM_DOSE,
    PRACTICE,
    TRAINING,
    BURST,
)
# (index, memory, threshold) for numerics.moving_limit.
LIMITERS: Final = tuple(
    (i, P.FORGET_AFTER * DOWNSTREAM_TAU_S[i], P.SETTLED_FRACTION * SCALES[i])
    for i in _FASTEST_FIRST
    if SCALES[i] < math.inf
)
