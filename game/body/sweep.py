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
from math import expm1

from game.body.inputs import InputTerms
from game.body.modifiers import Effects
from game.body.numerics import relax_across
from game.body.params import (
    ALARM_TAU_S,
    ANXIETY_LOAD,
    ANXIETY_NE,
    ANXIETY_NE_SCALE,
    ANXIETY_NE_THRESHOLD,
    ANXIETY_PRACTICE,
    ANXIETY_WORRY,
    BAROREFLEX_HEART,
    BAROREFLEX_SPILL,
    BAROREFLEX_TAU_S,
    BURST_TAU_S,
    CARDIAC_CEILING,
    CARDIAC_OFF_TAU_S,
    CARDIAC_TAU_S,
    DIGESTION_MAX_FACTOR,
    DIGESTION_MEAL,
    DIGESTION_SYMPATHETIC,
    DIGESTION_TAU_S,
    DOSE_TAU_S,
    EPI_ALARM,
    EPI_TAU_S,
    EPI_THREAT_SQUARE,
    FATIGUE_ASLEEP,
    FATIGUE_AWAKE_TAU_S,
    FATIGUE_DEFICIT,
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
    SPILL_THREAT_LINEAR,
    SPILL_THREAT_SQUARE,
    STORES_DEPLETE_TAU_S,
    STORES_ON_RESERPINE,
    STORES_REFILL_TAU_S,
    SYMPATHETIC_LOAD,
    THREAT_DOSE_TAU_S,
    TRAINING_CUTS_EXERCISE_DRIVE,
    TRAINING_HALF_DOSE,
    TRAINING_HEART_BPM,
    TRAINING_TAU_S,
    VAGAL_RETURN_TAU_S,
    VAGAL_TAU_S,
    VASCULAR_TAU_S,
    VESSEL_ALARM,
    VESSEL_THREAT_LINEAR,
    VESSEL_THREAT_SQUARE,
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
    TWO_SPEED,
    VAGAL,
    VASCULAR,
    WORRY,
)
from game.body.state import BodyState


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

    Each quantity's target goes to ``t`` and its time constant to ``taus``
    (the sub-step schedule reads them). With ``h`` = 0 the values in ``v``
    stay; otherwise each relaxes (``numerics.relax``) over ``h`` seconds from
    its previous target (``t0``) to the new one, and ``h`` = inf puts it on its
    target (the steady state); a quantity sitting exactly on a target that did
    not move is left alone (``relax`` would give that target back).

    This is the model's inner loop, so it is straight-line code on local
    variables: the inputs' terms and the effects unpacked once (in the field
    order of ``InputTerms`` and ``Effects``), comparisons instead of ``min``
    and ``max``, and each relaxation ``numerics.relax`` written out with its
    signs folded in (``z`` = -h/tau, ``e`` = expm1(z) = -gone: the same
    operations on the same numbers, so the same bits; tests/body/test_sweep_is_relax.py
    holds every quantity to ``relax``). Measured with callgrind
    (bench/bench_body_callgrind.py): calling ``relax`` cost 7% more per advance
    and a helper per quantity 20-30% more.
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
    (
        lc_capacity,
        sympathetic_capacity,
        adrenal_capacity,
        lc_gain,
        central_sympathetic,
        sympathetic_gain,
        net_block,
        _beta1,
        heart_offset_bpm,
        _diastolic_offset_mmhg,
        h1_block,
        _alpha2_agonist,
        mood_benefit,
        mood_offset,
        fatigue_offset,
        background_threat,
        sleep_restfulness,
        glucose_rest,
        glucose_tau_factor,
        glucose_gain,
        vmat_block,
    ) = eff
    back = -h  # (relaxations below: z = back / tau)
    # Slow adaptation: running averages over days, then weeks of adaptation.
    t[EXERCISE_DOSE], taus[EXERCISE_DOSE], exercise_dose = exercise, DOSE_TAU_S, v[EXERCISE_DOSE]
    if h and (exercise_dose != exercise or t0[EXERCISE_DOSE] != exercise):
        start, z = t0[EXERCISE_DOSE], back / DOSE_TAU_S
        e = expm1(z)
        v[EXERCISE_DOSE] = exercise_dose = (
            exercise
            + (exercise_dose - start) * (1.0 + e)
            - (exercise - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    target = exercise_dose / (exercise_dose + TRAINING_HALF_DOSE)
    t[TRAINING], taus[TRAINING], training = target, TRAINING_TAU_S, v[TRAINING]
    if h and (training != target or t0[TRAINING] != target):
        start, z = t0[TRAINING], back / TRAINING_TAU_S
        e = expm1(z)
        v[TRAINING] = training = (
            target
            + (training - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    t[CALM_DOSE], taus[CALM_DOSE], calm_dose = calm, DOSE_TAU_S, v[CALM_DOSE]
    if h and (calm_dose != calm or t0[CALM_DOSE] != calm):
        start, z = t0[CALM_DOSE], back / DOSE_TAU_S
        e = expm1(z)
        v[CALM_DOSE] = calm_dose = (
            calm
            + (calm_dose - start) * (1.0 + e)
            - (calm - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    target = calm_dose / (calm_dose + PRACTICE_HALF_DOSE)
    t[PRACTICE], taus[PRACTICE], practice = target, PRACTICE_TAU_S, v[PRACTICE]
    if h and (practice != target or t0[PRACTICE] != target):
        start, z = t0[PRACTICE], back / PRACTICE_TAU_S
        e = expm1(z)
        v[PRACTICE] = practice = (
            target
            + (practice - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )

    # Perception: a threat fades (habituation), faster with calm and practice.
    speedup = calm_speedup + PRACTICE_HABITUATION_SPEEDUP * practice
    target = HABITUATION_FLOOR * s.threat
    tau = HABITUATION_TAU_S / speedup
    t[PERCEIVED], taus[PERCEIVED], perceived = target, tau, v[PERCEIVED]
    if h and (perceived != target or t0[PERCEIVED] != target):
        start, z = t0[PERCEIVED], back / tau
        e = expm1(z)
        v[PERCEIVED] = perceived = (
            target
            + (perceived - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    t[ALARM], taus[ALARM], alarm = 0.0, ALARM_TAU_S, v[ALARM]
    if h and (alarm != 0.0 or t0[ALARM] != 0.0):
        start, z = t0[ALARM], back / ALARM_TAU_S
        e = expm1(z)
        v[ALARM] = alarm = (
            0.0
            + (alarm - start) * (1.0 + e)
            - (0.0 - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    t[BURST], taus[BURST], burst = 0.0, BURST_TAU_S, v[BURST]
    if h and (burst != 0.0 or t0[BURST] != 0.0):
        start, z = t0[BURST], back / BURST_TAU_S
        e = expm1(z)
        v[BURST] = burst = (
            0.0
            + (burst - start) * (1.0 + e)
            - (0.0 - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    stress = perceived + background_threat
    stress = stress if stress < 1.0 else 1.0

    # Worry: a threat that is still there keeps the mind on it (rumination), however far
    # its perception habituates; calm interrupts it. It keeps anxiety up and, asleep,
    # keeps the LC from falling silent, so sleep restores less.
    target = s.threat * worry_calm
    t[WORRY], taus[WORRY], worry = target, WORRY_TAU_S, v[WORRY]
    if h and (worry != target or t0[WORRY] != target):
        start, z = t0[WORRY], back / WORRY_TAU_S
        e = expm1(z)
        v[WORRY] = worry = (
            target
            + (worry - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    restful = sleep_restfulness / (1.0 + RUMINATION_SLEEP * worry)

    # Allostatic load from threat sustained over days; NE stores (reserpine).
    t[THREAT_DOSE], taus[THREAT_DOSE], threat_dose = stress, THREAT_DOSE_TAU_S, v[THREAT_DOSE]
    if h and (threat_dose != stress or t0[THREAT_DOSE] != stress):
        start, z = t0[THREAT_DOSE], back / THREAT_DOSE_TAU_S
        e = expm1(z)
        v[THREAT_DOSE] = threat_dose = (
            stress
            + (threat_dose - start) * (1.0 + e)
            - (stress - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    target = 100.0 * threat_dose / (threat_dose + LOAD_HALF_DOSE)
    tau = LOAD_UP_TAU_S if target > v[STRESS_LOAD] else LOAD_DOWN_TAU_S
    t[STRESS_LOAD], taus[STRESS_LOAD], stress_load = target, tau, v[STRESS_LOAD]
    if h and (stress_load != target or t0[STRESS_LOAD] != target):
        start, z, was = t0[STRESS_LOAD], back / tau, stress_load
        e = expm1(z)
        v[STRESS_LOAD] = stress_load = (
            target
            + (stress_load - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
        if (stress_load - target) * (was - target) < 0.0:  # the target passed it
            v[STRESS_LOAD] = stress_load = relax_across(
                was, start, target, h, *TWO_SPEED[STRESS_LOAD]
            )
    load = stress_load / 100.0
    target = 1.0 - (1.0 - STORES_ON_RESERPINE) * vmat_block
    tau = STORES_DEPLETE_TAU_S if target < v[STORES] else STORES_REFILL_TAU_S
    t[STORES], taus[STORES], stores = target, tau, v[STORES]
    if h and (stores != target or t0[STORES] != target):
        start, z, was = t0[STORES], back / tau, stores
        e = expm1(z)
        v[STORES] = stores = (
            target
            + (stores - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
        if (stores - target) * (was - target) < 0.0:  # the target passed it
            v[STORES] = stores = relax_across(was, start, target, h, *TWO_SPEED[STORES])

    # Working muscle: its demand (metabolites, central command) builds over half a minute.
    t[METABOLIC], taus[METABOLIC], metabolic = exercise, MUSCLE_METABOLIC_TAU_S, v[METABOLIC]
    if h and (metabolic != exercise or t0[METABOLIC] != exercise):
        start, z = t0[METABOLIC], back / MUSCLE_METABOLIC_TAU_S
        e = expm1(z)
        v[METABOLIC] = metabolic = (
            exercise
            + (metabolic - start) * (1.0 + e)
            - (exercise - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )

    # Locus coeruleus: tonic firing rises with threat, effort and load; calm lowers it.
    arousal = (
        1.0
        + LC_THREAT_LINEAR * stress
        + LC_THREAT_SQUARE * stress * stress
        + lc_exercise
        + LC_LOAD * load
    )
    damping = lc_calm * (1.0 - LC_PRACTICE * practice) * (1.0 - LC_NET_FEEDBACK * net_block)
    target = REST_LC_HZ * lc_gain * arousal * damping  # per neuron
    tau = LC_TAU_S
    if asleep:
        quiet = LC_SLEEP_FRACTION / restful
        kept = RUMINATION_LC * worry
        target *= quiet + (1.0 - quiet) * (kept if kept < 1.0 else 1.0)
        if target < v[LC]:
            tau = LC_SLEEP_TAU_S
    t[LC], taus[LC], lc = target, tau, v[LC]
    if h and (lc != target or t0[LC] != target):
        start, z, was = t0[LC], back / tau, lc
        e = expm1(z)
        v[LC] = lc = (
            target
            + (lc - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
        if asleep and (lc - target) * (was - target) < 0.0:  # the target passed it
            v[LC] = lc = relax_across(was, start, target, h, *TWO_SPEED[LC])

    # Brain NE: release follows firing (damped by alpha-2 autoreceptors) and the neurons
    # and stores left; NET clears it.
    net_factor = 1.0 / (1.0 - NET_SHARE_OF_CLEARANCE * net_block)
    firing = lc + burst
    firing = (firing if firing < NE_MAX_FIRING_HZ else NE_MAX_FIRING_HZ) / REST_LC_HZ
    capacity = stores * lc_capacity  # dynamics.nerve_capacity, written out
    capacity = capacity if capacity < 1.0 else 1.0
    target = 100.0 * capacity**NE_COMPENSATION * firing**NE_RELEASE_EXPONENT * net_factor
    t[NE], taus[NE], ne = target, NE_TAU_S, v[NE]
    if h and (ne != target or t0[NE] != target):
        start, z = t0[NE], back / NE_TAU_S
        e = expm1(z)
        v[NE] = ne = (
            target
            + (ne - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )

    # Sympathetic nerves to the organs (not the LC): heart, vessels, blood NE, adrenal.
    outflow = sympathetic_capacity * stores * central_sympathetic * sympathetic_gain

    # Posture: standing pools blood in the legs within seconds, and pressure falls; the
    # baroreflex answers through the sympathetic nerves, as far as they are left
    # (too few, and the fall stays: orthostatic hypotension).
    t[POOLING], taus[POOLING], pooling = standing, POOLING_TAU_S, v[POOLING]
    if h and (pooling != standing or t0[POOLING] != standing):
        start, z = t0[POOLING], back / POOLING_TAU_S
        e = expm1(z)
        v[POOLING] = pooling = (
            standing
            + (pooling - start) * (1.0 + e)
            - (standing - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    reserve = outflow if outflow < 1.0 else 1.0
    target = pooling * reserve**ORTHOSTATIC_RESERVE_POWER
    t[BAROREFLEX], taus[BAROREFLEX], baroreflex = target, BAROREFLEX_TAU_S, v[BAROREFLEX]
    if h and (baroreflex != target or t0[BAROREFLEX] != target):
        start, z = t0[BAROREFLEX], back / BAROREFLEX_TAU_S
        e = expm1(z)
        v[BAROREFLEX] = baroreflex = (
            target
            + (baroreflex - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    synaptic = 1.0 + NET_SYNAPTIC_PERIPHERY * net_block
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
    t[CARDIAC], taus[CARDIAC], x = target, tau, v[CARDIAC]
    if h and (x != target or t0[CARDIAC] != target):
        start, z, was = t0[CARDIAC], back / tau, x
        e = expm1(z)
        v[CARDIAC] = x = (
            target
            + (x - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
        if (x - target) * (was - target) < 0.0:  # the target passed it
            v[CARDIAC] = x = relax_across(was, start, target, h, *TWO_SPEED[CARDIAC])
    vessel_drive = (
        1.0
        + VESSEL_THREAT_LINEAR * stress
        + VESSEL_THREAT_SQUARE * stress * stress
        + VESSEL_ALARM * alarm
        + vessel_exercise * effort
        + SYMPATHETIC_LOAD * load
    )
    target = outflow * tone * synaptic * vessel_drive
    t[VASCULAR], taus[VASCULAR], vascular = target, VASCULAR_TAU_S, v[VASCULAR]
    if h and (vascular != target or t0[VASCULAR] != target):
        start, z = t0[VASCULAR], back / VASCULAR_TAU_S
        e = expm1(z)
        v[VASCULAR] = vascular = (
            target
            + (vascular - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    target = (
        heart_offset_bpm - TRAINING_HEART_BPM * training - vagal_calm - vagal_sleep + vagal_exercise
    )
    tau = VAGAL_TAU_S if target >= v[VAGAL] else VAGAL_RETURN_TAU_S
    t[VAGAL], taus[VAGAL], x = target, tau, v[VAGAL]
    if h and (x != target or t0[VAGAL] != target):
        start, z, was = t0[VAGAL], back / tau, x
        e = expm1(z)
        v[VAGAL] = x = (
            target
            + (x - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
        if (x - target) * (was - target) < 0.0:  # the target passed it
            v[VAGAL] = x = relax_across(was, start, target, h, *TWO_SPEED[VAGAL])
    spill = (
        1.0
        + SPILL_THREAT_LINEAR * stress
        + SPILL_THREAT_SQUARE * stress * stress
        + SPILL_ALARM * alarm * alarm
        + spill_exercise * effort
        + SYMPATHETIC_LOAD * load
        + BAROREFLEX_SPILL * baroreflex
    )
    target = REST_NE_PLASMA_PG_ML * outflow * tone * (1.0 + NET_SPILLOVER * net_block) * spill
    t[PLASMA], taus[PLASMA], x = target, PLASMA_TAU_S, v[PLASMA]
    if h and (x != target or t0[PLASMA] != target):
        start, z = t0[PLASMA], back / PLASMA_TAU_S
        e = expm1(z)
        v[PLASMA] = x = (
            target
            + (x - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    adrenal = adrenal_capacity * stores
    target = adrenal * (
        1.0 + EPI_THREAT_SQUARE * stress * stress + EPI_ALARM * alarm + epi_exercise
    )
    t[EPINEPHRINE], taus[EPINEPHRINE], x = target, EPI_TAU_S, v[EPINEPHRINE]
    if h and (x != target or t0[EPINEPHRINE] != target):
        start, z = t0[EPINEPHRINE], back / EPI_TAU_S
        e = expm1(z)
        v[EPINEPHRINE] = x = (
            target
            + (x - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    target = (
        PRESSOR_MAX_MMHG
        * -math.expm1(-(stress + alarm) / PRESSOR_SCALE)
        * (outflow if outflow < 1.0 else 1.0)
    )
    tau = PRESSOR_UP_TAU_S if target > v[PRESSOR] else PRESSOR_DOWN_TAU_S
    t[PRESSOR], taus[PRESSOR], x = target, tau, v[PRESSOR]
    if h and (x != target or t0[PRESSOR] != target):
        start, z, was = t0[PRESSOR], back / tau, x
        e = expm1(z)
        v[PRESSOR] = x = (
            target
            + (x - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
        if (x - target) * (was - target) < 0.0:  # the target passed it
            v[PRESSOR] = x = relax_across(was, start, target, h, *TWO_SPEED[PRESSOR])

    # Breathing quickens with threat and effort; slow-breathing practice takes over with calm.
    target = (
        (REST_RESP_PER_MIN + RESP_THREAT * stress + RESP_ALARM * alarm) * not_calm
        + resp_calm
        + resp_exercise
    )
    if asleep:
        target *= RESP_SLEEP_FACTOR
    t[RESP], taus[RESP], x = target, RESP_TAU_S, v[RESP]
    if h and (x != target or t0[RESP] != target):
        start, z = t0[RESP], back / RESP_TAU_S
        e = expm1(z)
        v[RESP] = x = (
            target
            + (x - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )

    # Gut: meals are absorbed; sympathetic tone (alpha-2, alpha-1) slows digestion.
    t[GUT_CARBS], taus[GUT_CARBS], gut_carbs = 0.0, MEAL_ABSORB_TAU_S, v[GUT_CARBS]
    if h and (gut_carbs != 0.0 or t0[GUT_CARBS] != 0.0):
        start, z = t0[GUT_CARBS], back / MEAL_ABSORB_TAU_S
        e = expm1(z)
        v[GUT_CARBS] = gut_carbs = (
            0.0
            + (gut_carbs - start) * (1.0 + e)
            - (0.0 - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    slowing = math.exp(-DIGESTION_SYMPATHETIC * (vascular - 1.0))
    target = 100.0 * (
        slowing if slowing < DIGESTION_MAX_FACTOR else DIGESTION_MAX_FACTOR
    ) + DIGESTION_MEAL * (gut_carbs if gut_carbs < 1.0 else 1.0)
    t[DIGESTION], taus[DIGESTION], x = target, DIGESTION_TAU_S, v[DIGESTION]
    if h and (x != target or t0[DIGESTION] != target):
        start, z = t0[DIGESTION], back / DIGESTION_TAU_S
        e = expm1(z)
        v[DIGESTION] = x = (
            target
            + (x - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )

    # Fuel: NE (alpha-1) and epinephrine (beta-2) make the liver release glucose.
    target = adrenal * (LIVER_THREAT_SQUARE * stress * stress + LIVER_ALARM * alarm)
    t[LIVER], taus[LIVER], liver = target, LIVER_TAU_S, v[LIVER]
    if h and (liver != target or t0[LIVER] != target):
        start, z = t0[LIVER], back / LIVER_TAU_S
        e = expm1(z)
        v[LIVER] = liver = (
            target
            + (liver - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    target = glucose_rest + glucose_gain * (MEAL_GLUCOSE * gut_carbs + LIVER_GLUCOSE * liver)
    target = target if target < GLUCOSE_CEILING_MG_DL else GLUCOSE_CEILING_MG_DL
    tau = GLUCOSE_TAU_S * glucose_tau_factor
    t[GLUCOSE], taus[GLUCOSE], x = target, tau, v[GLUCOSE]
    if h and (x != target or t0[GLUCOSE] != target):
        start, z = t0[GLUCOSE], back / tau
        e = expm1(z)
        v[GLUCOSE] = x = (
            target
            + (x - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )

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
    t[ANXIETY], taus[ANXIETY], x = target, anxiety_tau, v[ANXIETY]
    if h and (x != target or t0[ANXIETY] != target):
        start, z = t0[ANXIETY], back / anxiety_tau
        e = expm1(z)
        v[ANXIETY] = x = (
            target
            + (x - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    deficit = 1.0 - capacity
    if asleep:
        target = FATIGUE_ASLEEP / restful
        tau = FATIGUE_SLEEP_TAU_S / restful
    else:
        lost = hours_awake - HOURS_AWAKE_BEFORE_DEBT
        lost = FATIGUE_PER_LOST_HOUR * (lost if lost > 0.0 else 0.0)
        target = (
            REST_FATIGUE
            + fatigue_effort
            + FATIGUE_DEFICIT * deficit
            + (lost if lost < FATIGUE_LOST_SLEEP_MAX else FATIGUE_LOST_SLEEP_MAX)
            + fatigue_offset
            + FATIGUE_H1 * h1_block
            - FATIGUE_TRAINING * training
        )
        tau = FATIGUE_AWAKE_TAU_S
    target = 0.0 if target < 0.0 else 100.0 if target > 100.0 else target
    t[FATIGUE], taus[FATIGUE], x = target, tau, v[FATIGUE]
    if h and (x != target or t0[FATIGUE] != target):
        start, z = t0[FATIGUE], back / tau
        e = expm1(z)
        v[FATIGUE] = x = (
            target
            + (x - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
    target = (
        REST_MOOD
        + MOOD_TRAINING * training
        + MOOD_PRACTICE * practice
        - MOOD_DEFICIT * deficit
        - MOOD_LOAD * load
        + mood_offset
        + mood_benefit
    )
    target = 0.0 if target < 0.0 else 100.0 if target > 100.0 else target
    t[MOOD], taus[MOOD], x = target, MOOD_TAU_S, v[MOOD]
    if h and (x != target or t0[MOOD] != target):
        start, z = t0[MOOD], back / MOOD_TAU_S
        e = expm1(z)
        v[MOOD] = x = (
            target
            + (x - start) * (1.0 + e)
            - (target - start) * (e / z if z < -1e-9 else 1.0 + 0.5 * z)
        )
