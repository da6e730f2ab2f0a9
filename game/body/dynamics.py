"""How the body moves: one causal sweep per sub-step, from perception to mood.

Each physiological quantity relaxes toward a target that depends only on the
inputs, the modifiers and the quantities before it in ``Physiology`` (a causal
chain with no loops: threat -> LC -> brain NE -> feelings; threat and effort ->
sympathetic nerves -> heart, vessels, plasma NE...). Because there are no
loops, one sweep in that order gives every target from up-to-date causes, and
``settle`` reaches the exact steady state in a single pass.
"""

from __future__ import annotations

import math

from game.body import params as P
from game.body.modifiers import Effects, compute_effects, onset_under_way
from game.body.numerics import moving_limit, next_substep
from game.body.params import (
    ALARM_TAU_S,
    ANXIETY_CALM,
    ANXIETY_LOAD,
    ANXIETY_NE,
    ANXIETY_NE_SCALE,
    ANXIETY_NE_THRESHOLD,
    ANXIETY_PRACTICE,
    ANXIETY_SLEEP,
    ANXIETY_TAU_S,
    ANXIETY_WORRY,
    BAROREFLEX_HEART,
    BAROREFLEX_SPILL,
    BAROREFLEX_TAU_S,
    BURST_TAU_S,
    CALM_ANXIETY_SPEEDUP,
    CALM_HABITUATION_SPEEDUP,
    CARDIAC_CEILING,
    CARDIAC_OFF_TAU_S,
    CARDIAC_TAU_S,
    DIGESTION_MAX_FACTOR,
    DIGESTION_MEAL,
    DIGESTION_SYMPATHETIC,
    DIGESTION_TAU_S,
    DOSE_TAU_S,
    EPI_ALARM,
    EPI_EXERCISE_SQUARE,
    EPI_TAU_S,
    EPI_THREAT_SQUARE,
    FATIGUE_ASLEEP,
    FATIGUE_AWAKE_TAU_S,
    FATIGUE_DEFICIT,
    FATIGUE_EFFORT,
    FATIGUE_EFFORT_POWER,
    FATIGUE_H1,
    FATIGUE_LOST_SLEEP_MAX,
    FATIGUE_PER_LOST_HOUR,
    FATIGUE_SLEEP_TAU_S,
    FATIGUE_TRAINING,
    GLUCOSE_CEILING_MG_DL,
    GLUCOSE_TAU_S,
    HABITUATION_FLOOR,
    HABITUATION_TAU_S,
    HEART_ALARM,
    HEART_EXERCISE,
    HEART_EXERCISE_POWER,
    HEART_THREAT_LINEAR,
    HEART_THREAT_SQUARE,
    HOURS_AWAKE_BEFORE_DEBT,
    LC_CALM,
    LC_EXERCISE,
    LC_LOAD,
    LC_NET_FEEDBACK,
    LC_PRACTICE,
    LC_SLEEP_FRACTION,
    LC_SLEEP_TAU_S,
    LC_TAU_S,
    LC_THREAT_LINEAR,
    LC_THREAT_SQUARE,
    LIVER_ALARM,
    LIVER_GLUCOSE,
    LIVER_TAU_S,
    LIVER_THREAT_SQUARE,
    LOAD_DOWN_TAU_S,
    LOAD_HALF_DOSE,
    LOAD_UP_TAU_S,
    MEAL_ABSORB_TAU_S,
    MEAL_GLUCOSE,
    MOOD_DEFICIT,
    MOOD_LOAD,
    MOOD_PRACTICE,
    MOOD_TAU_S,
    MOOD_TRAINING,
    MUSCLE_METABOLIC_TAU_S,
    NE_COMPENSATION,
    NE_MAX_FIRING_HZ,
    NE_RELEASE_EXPONENT,
    NE_TAU_S,
    NET_SHARE_OF_CLEARANCE,
    NET_SPILLOVER,
    NET_SYNAPTIC_PERIPHERY,
    ORTHOSTATIC_RESERVE_POWER,
    PLASMA_TAU_S,
    POOLING_TAU_S,
    PRACTICE_HABITUATION_SPEEDUP,
    PRACTICE_HALF_DOSE,
    PRACTICE_TAU_S,
    PRESSOR_DOWN_TAU_S,
    PRESSOR_MAX_MMHG,
    PRESSOR_SCALE,
    PRESSOR_UP_TAU_S,
    RESP_ALARM,
    RESP_CALM_PER_MIN,
    RESP_EXERCISE,
    RESP_EXERCISE_POWER,
    RESP_SLEEP_FACTOR,
    RESP_TAU_S,
    RESP_THREAT,
    REST_ANXIETY,
    REST_FATIGUE,
    REST_LC_HZ,
    REST_MOOD,
    REST_NE_PLASMA_PG_ML,
    REST_RESP_PER_MIN,
    RUMINATION_LC,
    RUMINATION_SLEEP,
    SPILL_ALARM,
    SPILL_EXERCISE,
    SPILL_EXERCISE_STEEPNESS,
    SPILL_THREAT_LINEAR,
    SPILL_THREAT_SQUARE,
    STORES_DEPLETE_TAU_S,
    STORES_ON_RESERPINE,
    STORES_REFILL_TAU_S,
    SYMPATHETIC_CALM,
    SYMPATHETIC_LOAD,
    SYMPATHETIC_SLEEP,
    THREAT_DOSE_TAU_S,
    TRAINING_CUTS_EXERCISE_DRIVE,
    TRAINING_HALF_DOSE,
    TRAINING_HEART_BPM,
    TRAINING_TAU_S,
    VAGAL_CALM_BPM,
    VAGAL_EXERCISE_WITHDRAWAL_BPM,
    VAGAL_RETURN_TAU_S,
    VAGAL_SLEEP_BPM,
    VAGAL_TAU_S,
    VASCULAR_TAU_S,
    VESSEL_ALARM,
    VESSEL_EXERCISE,
    VESSEL_THREAT_LINEAR,
    VESSEL_THREAT_SQUARE,
    WORRY_CALM,
    WORRY_TAU_S,
)
from game.body.state import BodyState, Physiology

_INDEX = {name: i for i, name in enumerate(Physiology._fields)}
EXERCISE_DOSE = _INDEX["exercise_dose"]
TRAINING = _INDEX["training"]
CALM_DOSE = _INDEX["calm_dose"]
PRACTICE = _INDEX["practice"]
PERCEIVED = _INDEX["perceived"]
ALARM = _INDEX["alarm"]
BURST = _INDEX["burst"]
WORRY = _INDEX["worry"]
THREAT_DOSE = _INDEX["threat_dose"]
STRESS_LOAD = _INDEX["stress_load"]
STORES = _INDEX["stores"]
LC = _INDEX["lc"]
NE = _INDEX["ne"]
POOLING = _INDEX["pooling"]
BAROREFLEX = _INDEX["baroreflex"]
CARDIAC = _INDEX["cardiac"]
VASCULAR = _INDEX["vascular"]
VAGAL = _INDEX["vagal"]
PLASMA = _INDEX["plasma"]
EPINEPHRINE = _INDEX["epinephrine"]
PRESSOR = _INDEX["pressor"]
RESP = _INDEX["resp"]
GUT_CARBS = _INDEX["gut_carbs"]
DIGESTION = _INDEX["digestion"]
METABOLIC = _INDEX["metabolic"]
LIVER = _INDEX["liver"]
GLUCOSE = _INDEX["glucose"]
ANXIETY = _INDEX["anxiety"]
FATIGUE = _INDEX["fatigue"]
MOOD = _INDEX["mood"]

# The size of each quantity's usual swings, to judge when it is "near its target". The LC
# burst is over in seconds and decays exactly, so it never asks for shorter sub-steps.
SCALES = tuple(
    Physiology(
        exercise_dose=1.0,
        training=1.0,
        calm_dose=1.0,
        practice=1.0,
        perceived=1.0,
        alarm=1.0,
        burst=math.inf,
        worry=1.0,
        threat_dose=1.0,
        stress_load=100.0,
        stores=1.0,
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
        metabolic=1.0,
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
_DOWNSTREAM_TAU_S = {
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
LIMITERS = tuple(
    (i, P.FORGET_AFTER * _DOWNSTREAM_TAU_S[i], P.SETTLED_FRACTION * SCALES[i])
    for i in _FASTEST_FIRST
    if SCALES[i] < math.inf
)

# Fatigue's target bends where lost sleep starts to count and where it stops growing.
_KINKS_H = (
    P.HOURS_AWAKE_BEFORE_DEBT,
    P.HOURS_AWAKE_BEFORE_DEBT + P.FATIGUE_LOST_SLEEP_MAX / P.FATIGUE_PER_LOST_HOUR,
)


def nerve_capacity(eff: Effects, stores: float) -> float:
    """How much of the LC's NE-making machinery is left (1 = healthy).

    Lost neurons (Parkinson's) or emptied stores (reserpine) are the true
    "too little NE" of the curriculum: they add fatigue, lower mood and
    sharpen pain. Drugs that only change firing or reuptake do not count.
    """
    return min(1.0, stores * eff.lc_capacity)


def _input_terms(s: BodyState) -> tuple[float, ...]:
    """The parts of the targets that depend only on the inputs, held during an advance."""
    exercise, calm = s.exercise, s.calm
    asleep = 1.0 if s.sleep else 0.0
    return (
        exercise,
        calm,
        asleep,
        1.0 + CALM_HABITUATION_SPEEDUP * calm,
        LC_EXERCISE * exercise,
        1.0 - LC_CALM * calm,
        (1.0 - SYMPATHETIC_CALM * calm) * (SYMPATHETIC_SLEEP if asleep else 1.0),
        1.0 if s.standing else 0.0,
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


def _sweep(
    v: list[float],
    t0: list[float],
    t: list[float],
    taus: list[float],
    h: float,
    s: BodyState,
    k: tuple[float, ...],
    eff: Effects,
    hours_awake: float,
) -> None:
    """Targets and time constants of every quantity, in causal order (see module doc).

    Each quantity's target goes to ``t``, and the time constant of each that
    can limit sub-steps (``LIMITERS``) to ``taus``. With
    ``h`` = 0 the values in ``v`` stay; otherwise each relaxes over ``h``
    seconds from its previous target (``t0``) to the new one, and ``h`` = inf
    puts it on its target (the steady state). Straight-line code on local
    variables: this is the model's inner loop, so ``numerics.relax`` is written
    out in place (same operations, same result), and skipped for a quantity
    that sits exactly on an unmoving target (it would give that target back).
    """
    expm1 = math.expm1
    (
        exercise,
        calm,
        asleep,
        calm_speedup,
        lc_exercise,
        lc_calm,
        tone,
        standing,
        worry_calm,
        vessel_exercise,
        vagal_calm,
        vagal_sleep,
        vagal_exercise,
        spill_exercise,
        epi_exercise,
        not_calm,
        resp_calm,
        resp_exercise,
        anxiety_calm,
        anxiety_sleep,
        anxiety_tau,
        fatigue_effort,
    ) = k

    # Slow adaptation: running averages over days, then weeks of adaptation.
    t[0] = target = exercise
    taus[0] = tau = DOSE_TAU_S
    x, start = v[0], t0[0]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[0] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    exercise_dose = v[0]
    t[1] = target = exercise_dose / (exercise_dose + TRAINING_HALF_DOSE)
    taus[1] = tau = TRAINING_TAU_S
    x, start = v[1], t0[1]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[1] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    training = v[1]
    t[2] = target = calm
    taus[2] = tau = DOSE_TAU_S
    x, start = v[2], t0[2]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[2] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    calm_dose = v[2]
    t[3] = target = calm_dose / (calm_dose + PRACTICE_HALF_DOSE)
    taus[3] = tau = PRACTICE_TAU_S
    x, start = v[3], t0[3]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[3] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    practice = v[3]

    # Perception: a threat fades (habituation), faster with calm and practice.
    speedup = calm_speedup + PRACTICE_HABITUATION_SPEEDUP * practice
    t[4] = target = HABITUATION_FLOOR * s.threat
    taus[4] = tau = HABITUATION_TAU_S / speedup
    x, start = v[4], t0[4]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[4] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    perceived = v[4]
    t[5] = 0.0
    taus[5] = tau = ALARM_TAU_S
    x, start = v[5], t0[5]
    if h and (x != 0.0 or start != 0.0):
        z = h / tau
        gone = -expm1(-z)
        v[5] = (
            0.0
            + (x - start) * (1.0 - gone)
            - (0.0 - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    alarm = v[5]
    t[6] = 0.0
    taus[6] = tau = BURST_TAU_S
    x, start = v[6], t0[6]
    if h and (x != 0.0 or start != 0.0):
        z = h / tau
        gone = -expm1(-z)
        v[6] = (
            0.0
            + (x - start) * (1.0 - gone)
            - (0.0 - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    burst = v[6]
    stress = perceived + eff.background_threat
    stress = stress if stress < 1.0 else 1.0  # min(1.0, ...), without a call

    # Worry: a threat that is still there keeps the mind on it (rumination), however far
    # its perception habituates; calm interrupts it. It keeps anxiety up and, asleep,
    # keeps the LC from falling silent, so sleep restores less.
    t[7] = target = s.threat * worry_calm
    taus[7] = tau = WORRY_TAU_S
    x, start = v[7], t0[7]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[7] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    worry = v[7]
    restful = eff.sleep_restfulness / (1.0 + RUMINATION_SLEEP * worry)

    # Allostatic load from threat sustained over days; NE stores (reserpine).
    t[8] = target = stress
    taus[8] = tau = THREAT_DOSE_TAU_S
    x, start = v[8], t0[8]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[8] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    threat_dose = v[8]
    t[9] = target = 100.0 * threat_dose / (threat_dose + LOAD_HALF_DOSE)
    taus[9] = tau = LOAD_UP_TAU_S if target > v[9] else LOAD_DOWN_TAU_S
    x, start = v[9], t0[9]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[9] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    load = v[9] / 100.0
    t[10] = target = 1.0 - (1.0 - STORES_ON_RESERPINE) * eff.vmat_block
    taus[10] = tau = STORES_DEPLETE_TAU_S if target < v[10] else STORES_REFILL_TAU_S
    x, start = v[10], t0[10]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[10] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    stores = v[10]

    # Working muscle: its demand (metabolites, central command) builds over half a minute.
    t[11] = target = exercise
    taus[11] = tau = MUSCLE_METABOLIC_TAU_S
    x, start = v[11], t0[11]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[11] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    metabolic = v[11]

    # Locus coeruleus: tonic firing rises with threat, effort and load; calm lowers it.
    arousal = (
        1.0
        + LC_THREAT_LINEAR * stress
        + LC_THREAT_SQUARE * stress * stress
        + lc_exercise
        + LC_LOAD * load
    )
    damping = lc_calm * (1.0 - LC_PRACTICE * practice) * (1.0 - LC_NET_FEEDBACK * eff.net_block)
    target = REST_LC_HZ * eff.lc_gain * arousal * damping  # per neuron
    tau = LC_TAU_S
    if asleep:
        quiet = LC_SLEEP_FRACTION / restful
        kept = RUMINATION_LC * worry
        target *= quiet + (1.0 - quiet) * (kept if kept < 1.0 else 1.0)
        if target < v[12]:
            tau = LC_SLEEP_TAU_S
    t[12] = target
    taus[12] = tau
    x, start = v[12], t0[12]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[12] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    lc = v[12]

    # Brain NE: release follows firing (damped by alpha-2 autoreceptors) and the neurons
    # and stores left; NET clears it.
    net_factor = 1.0 / (1.0 - NET_SHARE_OF_CLEARANCE * eff.net_block)
    firing = lc + burst
    firing = (firing if firing < NE_MAX_FIRING_HZ else NE_MAX_FIRING_HZ) / REST_LC_HZ
    capacity = stores * eff.lc_capacity  # nerve_capacity, inlined
    capacity = capacity if capacity < 1.0 else 1.0
    t[13] = target = 100.0 * capacity**NE_COMPENSATION * firing**NE_RELEASE_EXPONENT * net_factor
    taus[13] = tau = NE_TAU_S
    x, start = v[13], t0[13]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[13] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    ne = v[13]

    # Sympathetic nerves to the organs (not the LC): heart, vessels, blood NE, adrenal.
    outflow = eff.sympathetic_capacity * stores * eff.central_sympathetic * eff.sympathetic_gain

    # Posture: standing pools blood in the legs within seconds, and pressure falls; the
    # baroreflex answers through the sympathetic nerves, as far as they are left
    # (too few, and the fall stays: orthostatic hypotension).
    t[14] = target = standing
    taus[14] = tau = POOLING_TAU_S
    x, start = v[14], t0[14]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[14] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    pooling = v[14]
    reserve = outflow if outflow < 1.0 else 1.0
    t[15] = target = pooling * reserve**ORTHOSTATIC_RESERVE_POWER
    taus[15] = tau = BAROREFLEX_TAU_S
    x, start = v[15], t0[15]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[15] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    baroreflex = v[15]
    synaptic = 1.0 + NET_SYNAPTIC_PERIPHERY * eff.net_block
    effort = 1.0 - TRAINING_CUTS_EXERCISE_DRIVE * training
    heart_drive = (
        1.0
        + HEART_THREAT_LINEAR * stress
        + HEART_THREAT_SQUARE * stress * stress
        + HEART_ALARM * alarm
        + HEART_EXERCISE * metabolic**HEART_EXERCISE_POWER * effort
        + SYMPATHETIC_LOAD * load
        + BAROREFLEX_HEART * baroreflex
    )
    target = outflow * tone * synaptic * heart_drive
    t[16] = target = target if target < CARDIAC_CEILING else CARDIAC_CEILING
    x, start = v[16], t0[16]
    tau = CARDIAC_TAU_S if target >= x else CARDIAC_OFF_TAU_S
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[16] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    vessel_drive = (
        1.0
        + VESSEL_THREAT_LINEAR * stress
        + VESSEL_THREAT_SQUARE * stress * stress
        + VESSEL_ALARM * alarm
        + vessel_exercise * effort
        + SYMPATHETIC_LOAD * load
    )
    t[17] = target = outflow * tone * synaptic * vessel_drive
    taus[17] = tau = VASCULAR_TAU_S
    x, start = v[17], t0[17]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[17] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    vascular = v[17]
    t[18] = target = (
        eff.heart_offset_bpm
        - TRAINING_HEART_BPM * training
        - vagal_calm
        - vagal_sleep
        + vagal_exercise
    )
    x, start = v[18], t0[18]
    tau = VAGAL_TAU_S if target >= x else VAGAL_RETURN_TAU_S
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[18] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    spill = (
        1.0
        + SPILL_THREAT_LINEAR * stress
        + SPILL_THREAT_SQUARE * stress * stress
        + SPILL_ALARM * alarm * alarm
        + spill_exercise * effort
        + SYMPATHETIC_LOAD * load
        + BAROREFLEX_SPILL * baroreflex
    )
    t[19] = target = (
        REST_NE_PLASMA_PG_ML * outflow * tone * (1.0 + NET_SPILLOVER * eff.net_block) * spill
    )
    tau = PLASMA_TAU_S
    x, start = v[19], t0[19]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[19] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    adrenal = eff.adrenal_capacity * stores
    t[20] = target = adrenal * (
        1.0 + EPI_THREAT_SQUARE * stress * stress + EPI_ALARM * alarm + epi_exercise
    )
    tau = EPI_TAU_S
    x, start = v[20], t0[20]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[20] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    t[21] = target = (
        PRESSOR_MAX_MMHG
        * -math.expm1(-(stress + alarm) / PRESSOR_SCALE)
        * (outflow if outflow < 1.0 else 1.0)
    )
    tau = PRESSOR_UP_TAU_S if target > v[21] else PRESSOR_DOWN_TAU_S
    x, start = v[21], t0[21]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[21] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )

    # Breathing quickens with threat and effort; slow-breathing practice takes over with calm.
    target = (
        (REST_RESP_PER_MIN + RESP_THREAT * stress + RESP_ALARM * alarm) * not_calm
        + resp_calm
        + resp_exercise
    )
    if asleep:
        target *= RESP_SLEEP_FACTOR
    t[22] = target
    tau = RESP_TAU_S
    x, start = v[22], t0[22]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[22] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )

    # Gut: meals are absorbed; sympathetic tone (alpha-2, alpha-1) slows digestion.
    t[24] = 0.0
    taus[24] = tau = MEAL_ABSORB_TAU_S
    x, start = v[24], t0[24]
    if h and (x != 0.0 or start != 0.0):
        z = h / tau
        gone = -expm1(-z)
        v[24] = (
            0.0
            + (x - start) * (1.0 - gone)
            - (0.0 - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    gut_carbs = v[24]
    slowing = math.exp(-DIGESTION_SYMPATHETIC * (vascular - 1.0))
    t[23] = target = 100.0 * (
        slowing if slowing < DIGESTION_MAX_FACTOR else DIGESTION_MAX_FACTOR
    ) + DIGESTION_MEAL * (gut_carbs if gut_carbs < 1.0 else 1.0)
    tau = DIGESTION_TAU_S
    x, start = v[23], t0[23]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[23] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    # Fuel: NE (alpha-1) and epinephrine (beta-2) make the liver release glucose.
    t[25] = target = adrenal * (LIVER_THREAT_SQUARE * stress * stress + LIVER_ALARM * alarm)
    taus[25] = tau = LIVER_TAU_S
    x, start = v[25], t0[25]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[25] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    liver = v[25]
    glucose_target = eff.glucose_rest + eff.glucose_gain * (
        MEAL_GLUCOSE * gut_carbs + LIVER_GLUCOSE * liver
    )
    t[26] = target = (
        glucose_target if glucose_target < GLUCOSE_CEILING_MG_DL else GLUCOSE_CEILING_MG_DL
    )
    tau = GLUCOSE_TAU_S * eff.glucose_tau_factor
    x, start = v[26], t0[26]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[26] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )

    # Feelings: anxiety from sustained high NE and load; fatigue; mood over days.
    excess = ne - ANXIETY_NE_THRESHOLD
    anxiety_target = (
        REST_ANXIETY
        + ANXIETY_NE * -math.expm1(-(excess if excess > 0.0 else 0.0) / ANXIETY_NE_SCALE)
        + ANXIETY_LOAD * load
        - anxiety_calm
        - ANXIETY_PRACTICE * practice
        - anxiety_sleep
        + ANXIETY_WORRY * worry
    )
    t[27] = target = (
        0.0 if anxiety_target < 0.0 else 100.0 if anxiety_target > 100.0 else anxiety_target
    )  # _clamp, inlined
    tau = anxiety_tau
    x, start = v[27], t0[27]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[27] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    deficit = 1.0 - capacity
    if asleep:
        fatigue_target = FATIGUE_ASLEEP / restful
        tau = FATIGUE_SLEEP_TAU_S / restful
    else:
        fatigue_target = (
            REST_FATIGUE
            + fatigue_effort
            + FATIGUE_DEFICIT * deficit
            + min(
                FATIGUE_LOST_SLEEP_MAX,
                FATIGUE_PER_LOST_HOUR * max(0.0, hours_awake - HOURS_AWAKE_BEFORE_DEBT),
            )
            + eff.fatigue_offset
            + FATIGUE_H1 * eff.h1_block
            - FATIGUE_TRAINING * training
        )
        tau = FATIGUE_AWAKE_TAU_S
    t[28] = target = (
        0.0 if fatigue_target < 0.0 else 100.0 if fatigue_target > 100.0 else fatigue_target
    )
    x, start = v[28], t0[28]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[28] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )
    mood_target = (
        REST_MOOD
        + MOOD_TRAINING * training
        + MOOD_PRACTICE * practice
        - MOOD_DEFICIT * deficit
        - MOOD_LOAD * load
        + eff.mood_offset
        + eff.mood_benefit
    )
    t[29] = target = 0.0 if mood_target < 0.0 else 100.0 if mood_target > 100.0 else mood_target
    tau = MOOD_TAU_S
    x, start = v[29], t0[29]
    if h and (x != target or start != target):
        z = h / tau
        gone = -expm1(-z)
        v[29] = (
            target
            + (x - start) * (1.0 - gone)
            - (target - start) * (gone / z if z > 1e-9 else 1.0 - 0.5 * z)
        )


def _hours_awake_after(hours: float, seconds: float, asleep: bool) -> float:
    """Awake time since the last full sleep; sleep pays it back twice as fast."""
    if asleep:
        return max(0.0, hours - P.SLEEP_REPAYS_PER_HOUR * seconds / P.HOUR)
    return hours + seconds / P.HOUR


def _next_kink(hours: float) -> float:
    """Seconds until fatigue's target bends (awake time crosses a kink), or inf.
    (Awake only: asleep, fatigue's target does not depend on awake time.)"""
    for kink in _KINKS_H:
        seconds = (kink - hours) * P.HOUR
        if seconds >= P.MIN_SUBSTEP_S:
            return seconds
    return math.inf


def integrate(state: BodyState, seconds: float) -> BodyState:
    """The body ``seconds`` later with the inputs held (seconds > 0)."""
    values = list(state.physiology)
    n = len(values)
    previous, targets, taus = [0.0] * n, [0.0] * n, [0.0] * n
    clock, hours, asleep = state.clock, state.hours_awake, state.sleep
    meds, conditions = state.medications, state.conditions
    # The targets as the advance starts: just after ``clock``, so a medication started
    # now with an immediate effect (no onset time) already acts on them.
    k = _input_terms(state)
    _sweep(
        values,
        previous,
        targets,
        taus,
        0.0,
        state,
        k,
        compute_effects(conditions, meds, math.nextafter(clock, math.inf)),
        hours,
    )
    # Without medications the effects are the conditions', the same at every sub-step.
    steady = None if meds else compute_effects(conditions, meds, clock)
    left, h = seconds, 0.0
    while left > 0.0:
        limit = moving_limit(
            values,
            previous,
            targets,
            taus,
            h,
            left,
            LIMITERS,
            onset_under_way(meds, clock) if meds else math.inf,
        )
        h = next_substep(h, left, limit, math.inf if asleep else _next_kink(hours))
        left = left - h if h < left else 0.0
        clock += h
        hours = _hours_awake_after(hours, h, asleep)
        previous, targets = targets, previous
        _sweep(
            values,
            previous,
            targets,
            taus,
            h,
            state,
            k,
            compute_effects(conditions, meds, clock) if steady is None else steady,
            hours,
        )
    debt = state.sleep_debt
    if asleep and debt:
        debt = max(0.0, debt - P.SLEEP_DEBT_REPAID_PER_HOUR * seconds / P.HOUR)
    return BodyState(
        state.clock + seconds,
        state.threat,
        state.exercise,
        state.calm,
        asleep,
        state.standing,
        conditions,
        meds,
        hours,
        debt,
        state.awake_at_bedtime,
        state.age,
        Physiology._make(values),
    )


def settle(state: BodyState) -> BodyState:
    """The steady state for the current inputs and modifiers, with the clock unchanged."""
    values = list(state.physiology)
    n = len(values)
    _sweep(
        values,
        list(values),
        [0.0] * n,
        [0.0] * n,
        math.inf,
        state,
        _input_terms(state),
        compute_effects(state.conditions, state.medications, state.clock),
        state.hours_awake,
    )
    return state._replace(physiology=Physiology._make(values))
