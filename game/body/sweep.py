"""One causal sweep of the body: every quantity's target, in order, and its relaxation.

Each quantity relaxes toward a target that depends only on the inputs, the
modifiers and the quantities before it in ``Physiology`` (a chain with no
loops: threat -> LC -> brain NE -> feelings; threat and effort -> sympathetic
nerves -> heart, vessels, blood NE...). So one sweep in that order gives every
target from up-to-date causes, and a sweep with ``h`` = inf puts every
quantity on its target: the exact steady state.
"""

from __future__ import annotations

import math
from typing import NamedTuple

from game.body.modifiers import Effects
from game.body.numerics import relax
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
from game.body.quantities import (
    ALARM,
    ANXIETY,
    BAROREFLEX,
    BURST,
    CALM_DOSE,
    CARDIAC,
    DIGESTION,
    EPINEPHRINE,
    EXERCISE_DOSE,
    FATIGUE,
    GLUCOSE,
    GUT_CARBS,
    LC,
    LIVER,
    METABOLIC,
    MOOD,
    NE,
    PERCEIVED,
    PLASMA,
    POOLING,
    PRACTICE,
    PRESSOR,
    RESP,
    STORES,
    STRESS_LOAD,
    THREAT_DOSE,
    TRAINING,
    VAGAL,
    VASCULAR,
    WORRY,
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
    """The input terms of ``s`` (computed once per advance: the inputs hold through it)."""
    exercise, calm = s.exercise, s.calm
    asleep = 1.0 if s.sleep else 0.0
    return InputTerms(
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


def sweep(
    v: list[float],
    t0: list[float],
    t: list[float],
    taus: list[float],
    h: float,
    s: BodyState,
    k: InputTerms,
    eff: Effects,
    hours_awake: float,
) -> None:
    """Targets and time constants of every quantity, in causal order (see module doc).

    Each quantity's target goes to ``t`` and its time constant to ``taus``.
    With ``h`` = 0 the values in ``v`` stay; otherwise each relaxes over ``h``
    seconds from its previous target (``t0``) to the new one, and ``h`` = inf
    puts it on its target (the steady state). Straight-line code on local
    variables, with the comparisons and ``min`` written out: this is the
    model's inner loop.
    """
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
    has_moved = h != 0.0

    def follow(i: int, target: float, tau: float) -> float:
        """Quantity ``i`` after ``h`` seconds relaxing toward a target that moved from t0[i].

        Notes the new target and time constant (the sub-step schedule reads them).
        With ``h`` = 0 the value stays; a quantity sitting exactly on a target that
        did not move stays too (``relax`` would give that target back).
        """
        t[i] = target
        taus[i] = tau
        x = v[i]
        if has_moved and (x != target or t0[i] != target):
            v[i] = x = relax(x, t0[i], target, h, tau)
        return x

    # Slow adaptation: running averages over days, then weeks of adaptation.
    exercise_dose = follow(EXERCISE_DOSE, exercise, DOSE_TAU_S)
    target = exercise_dose / (exercise_dose + TRAINING_HALF_DOSE)
    training = follow(TRAINING, target, TRAINING_TAU_S)
    calm_dose = follow(CALM_DOSE, calm, DOSE_TAU_S)
    target = calm_dose / (calm_dose + PRACTICE_HALF_DOSE)
    practice = follow(PRACTICE, target, PRACTICE_TAU_S)

    # Perception: a threat fades (habituation), faster with calm and practice.
    speedup = calm_speedup + PRACTICE_HABITUATION_SPEEDUP * practice
    target = HABITUATION_FLOOR * s.threat
    perceived = follow(PERCEIVED, target, HABITUATION_TAU_S / speedup)
    alarm = follow(ALARM, 0.0, ALARM_TAU_S)
    burst = follow(BURST, 0.0, BURST_TAU_S)
    stress = perceived + eff.background_threat
    stress = stress if stress < 1.0 else 1.0

    # Worry: a threat that is still there keeps the mind on it (rumination), however far
    # its perception habituates; calm interrupts it. It keeps anxiety up and, asleep,
    # keeps the LC from falling silent, so sleep restores less.
    worry = follow(WORRY, s.threat * worry_calm, WORRY_TAU_S)
    restful = eff.sleep_restfulness / (1.0 + RUMINATION_SLEEP * worry)

    # Allostatic load from threat sustained over days; NE stores (reserpine).
    threat_dose = follow(THREAT_DOSE, stress, THREAT_DOSE_TAU_S)
    target = 100.0 * threat_dose / (threat_dose + LOAD_HALF_DOSE)
    tau = LOAD_UP_TAU_S if target > v[STRESS_LOAD] else LOAD_DOWN_TAU_S
    load = follow(STRESS_LOAD, target, tau) / 100.0
    target = 1.0 - (1.0 - STORES_ON_RESERPINE) * eff.vmat_block
    tau = STORES_DEPLETE_TAU_S if target < v[STORES] else STORES_REFILL_TAU_S
    stores = follow(STORES, target, tau)

    # Working muscle: its demand (metabolites, central command) builds over half a minute.
    metabolic = follow(METABOLIC, exercise, MUSCLE_METABOLIC_TAU_S)

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
        if target < v[LC]:
            tau = LC_SLEEP_TAU_S
    lc = follow(LC, target, tau)

    # Brain NE: release follows firing (damped by alpha-2 autoreceptors) and the neurons
    # and stores left; NET clears it.
    net_factor = 1.0 / (1.0 - NET_SHARE_OF_CLEARANCE * eff.net_block)
    firing = lc + burst
    firing = (firing if firing < NE_MAX_FIRING_HZ else NE_MAX_FIRING_HZ) / REST_LC_HZ
    capacity = stores * eff.lc_capacity  # dynamics.nerve_capacity, written out
    capacity = capacity if capacity < 1.0 else 1.0
    target = 100.0 * capacity**NE_COMPENSATION * firing**NE_RELEASE_EXPONENT * net_factor
    ne = follow(NE, target, NE_TAU_S)

    # Sympathetic nerves to the organs (not the LC): heart, vessels, blood NE, adrenal.
    outflow = eff.sympathetic_capacity * stores * eff.central_sympathetic * eff.sympathetic_gain

    # Posture: standing pools blood in the legs within seconds, and pressure falls; the
    # baroreflex answers through the sympathetic nerves, as far as they are left
    # (too few, and the fall stays: orthostatic hypotension).
    pooling = follow(POOLING, standing, POOLING_TAU_S)
    reserve = outflow if outflow < 1.0 else 1.0
    target = pooling * reserve**ORTHOSTATIC_RESERVE_POWER
    baroreflex = follow(BAROREFLEX, target, BAROREFLEX_TAU_S)
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
    target = target if target < CARDIAC_CEILING else CARDIAC_CEILING
    tau = CARDIAC_TAU_S if target >= v[CARDIAC] else CARDIAC_OFF_TAU_S
    follow(CARDIAC, target, tau)
    vessel_drive = (
        1.0
        + VESSEL_THREAT_LINEAR * stress
        + VESSEL_THREAT_SQUARE * stress * stress
        + VESSEL_ALARM * alarm
        + vessel_exercise * effort
        + SYMPATHETIC_LOAD * load
    )
    target = outflow * tone * synaptic * vessel_drive
    vascular = follow(VASCULAR, target, VASCULAR_TAU_S)
    target = (
        eff.heart_offset_bpm
        - TRAINING_HEART_BPM * training
        - vagal_calm
        - vagal_sleep
        + vagal_exercise
    )
    tau = VAGAL_TAU_S if target >= v[VAGAL] else VAGAL_RETURN_TAU_S
    follow(VAGAL, target, tau)
    spill = (
        1.0
        + SPILL_THREAT_LINEAR * stress
        + SPILL_THREAT_SQUARE * stress * stress
        + SPILL_ALARM * alarm * alarm
        + spill_exercise * effort
        + SYMPATHETIC_LOAD * load
        + BAROREFLEX_SPILL * baroreflex
    )
    target = REST_NE_PLASMA_PG_ML * outflow * tone * (1.0 + NET_SPILLOVER * eff.net_block) * spill
    follow(PLASMA, target, PLASMA_TAU_S)
    adrenal = eff.adrenal_capacity * stores
    target = adrenal * (
        1.0 + EPI_THREAT_SQUARE * stress * stress + EPI_ALARM * alarm + epi_exercise
    )
    follow(EPINEPHRINE, target, EPI_TAU_S)
    target = (
        PRESSOR_MAX_MMHG
        * -math.expm1(-(stress + alarm) / PRESSOR_SCALE)
        * (outflow if outflow < 1.0 else 1.0)
    )
    tau = PRESSOR_UP_TAU_S if target > v[PRESSOR] else PRESSOR_DOWN_TAU_S
    follow(PRESSOR, target, tau)

    # Breathing quickens with threat and effort; slow-breathing practice takes over with calm.
    target = (
        (REST_RESP_PER_MIN + RESP_THREAT * stress + RESP_ALARM * alarm) * not_calm
        + resp_calm
        + resp_exercise
    )
    if asleep:
        target *= RESP_SLEEP_FACTOR
    follow(RESP, target, RESP_TAU_S)

    # Gut: meals are absorbed; sympathetic tone (alpha-2, alpha-1) slows digestion.
    gut_carbs = follow(GUT_CARBS, 0.0, MEAL_ABSORB_TAU_S)
    slowing = math.exp(-DIGESTION_SYMPATHETIC * (vascular - 1.0))
    target = 100.0 * (
        slowing if slowing < DIGESTION_MAX_FACTOR else DIGESTION_MAX_FACTOR
    ) + DIGESTION_MEAL * (gut_carbs if gut_carbs < 1.0 else 1.0)
    follow(DIGESTION, target, DIGESTION_TAU_S)

    # Fuel: NE (alpha-1) and epinephrine (beta-2) make the liver release glucose.
    target = adrenal * (LIVER_THREAT_SQUARE * stress * stress + LIVER_ALARM * alarm)
    liver = follow(LIVER, target, LIVER_TAU_S)
    target = eff.glucose_rest + eff.glucose_gain * (
        MEAL_GLUCOSE * gut_carbs + LIVER_GLUCOSE * liver
    )
    target = target if target < GLUCOSE_CEILING_MG_DL else GLUCOSE_CEILING_MG_DL
    follow(GLUCOSE, target, GLUCOSE_TAU_S * eff.glucose_tau_factor)

    # Feelings: anxiety from sustained high NE and load; fatigue; mood over days.
    excess = ne - ANXIETY_NE_THRESHOLD
    target = (
        REST_ANXIETY
        + ANXIETY_NE * -math.expm1(-(excess if excess > 0.0 else 0.0) / ANXIETY_NE_SCALE)
        + ANXIETY_LOAD * load
        - anxiety_calm
        - ANXIETY_PRACTICE * practice
        - anxiety_sleep
        + ANXIETY_WORRY * worry
    )
    target = 0.0 if target < 0.0 else 100.0 if target > 100.0 else target
    follow(ANXIETY, target, anxiety_tau)
    deficit = 1.0 - capacity
    if asleep:
        target = FATIGUE_ASLEEP / restful
        tau = FATIGUE_SLEEP_TAU_S / restful
    else:
        target = (
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
    target = 0.0 if target < 0.0 else 100.0 if target > 100.0 else target
    follow(FATIGUE, target, tau)
    target = (
        REST_MOOD
        + MOOD_TRAINING * training
        + MOOD_PRACTICE * practice
        - MOOD_DEFICIT * deficit
        - MOOD_LOAD * load
        + eff.mood_offset
        + eff.mood_benefit
    )
    target = 0.0 if target < 0.0 else 100.0 if target > 100.0 else target
    follow(MOOD, target, MOOD_TAU_S)
