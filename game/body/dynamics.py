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
from dataclasses import replace

from game.body import params as P
from game.body.modifiers import Effects, effects_at
from game.body.numerics import moving_limit, next_substep, relax
from game.body.state import BodyState, Physiology

_INDEX = {name: i for i, name in enumerate(Physiology._fields)}
EXERCISE_DOSE = _INDEX["exercise_dose"]
TRAINING = _INDEX["training"]
CALM_DOSE = _INDEX["calm_dose"]
PRACTICE = _INDEX["practice"]
PERCEIVED = _INDEX["perceived"]
ALARM = _INDEX["alarm"]
BURST = _INDEX["burst"]
THREAT_DOSE = _INDEX["threat_dose"]
STRESS_LOAD = _INDEX["stress_load"]
STORES = _INDEX["stores"]
LC = _INDEX["lc"]
NE = _INDEX["ne"]
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
SCALES = tuple(Physiology(
    exercise_dose=1.0, training=1.0, calm_dose=1.0, practice=1.0, perceived=1.0, alarm=1.0,
    burst=math.inf, threat_dose=1.0, stress_load=100.0, stores=1.0, lc=P.REST_LC_HZ, ne=100.0,
    cardiac=1.0, vascular=1.0, vagal=10.0, plasma=P.REST_NE_PLASMA_PG_ML, epinephrine=1.0,
    pressor=10.0, resp=P.REST_RESP_PER_MIN, digestion=100.0, metabolic=1.0, gut_carbs=1.0,
    liver=1.0, glucose=P.REST_GLUCOSE_MG_DL, anxiety=100.0, fatigue=100.0, mood=100.0,
))


def _clamp(x: float, low: float, high: float) -> float:
    return low if x < low else high if x > high else x


def nerve_capacity(eff: Effects, stores: float) -> float:
    """How much of the LC's NE-making machinery is left (1 = healthy).

    Lost neurons (Parkinson's) or emptied stores (reserpine) are the true
    "too little NE" of the curriculum: they add fatigue, lower mood and
    sharpen pain. Drugs that only change firing or reuptake do not count.
    """
    return min(1.0, stores * eff.lc_capacity)


def _sweep(v: list[float], t0: list[float], t: list[float], taus: list[float], h: float,
           s: BodyState, eff: Effects, hours_awake: float) -> None:
    """Targets and time constants of every quantity, in causal order (see module doc).

    Each quantity's target goes to ``t`` and its time constant to ``taus``. With
    ``h`` = 0 the values in ``v`` stay; otherwise each relaxes over ``h``
    seconds from its previous target (``t0``) to the new one, and ``h`` = inf
    puts it on its target (the steady state). Straight-line code on local
    variables: this is the model's inner loop.
    """
    exercise, calm = s.exercise, s.calm
    asleep = 1.0 if s.sleep else 0.0

    # Slow adaptation: running averages over days, then weeks of adaptation.
    t[0] = target = exercise
    taus[0] = tau = P.DOSE_TAU_S
    if h:
        v[0] = relax(v[0], t0[0], target, h, tau)
    exercise_dose = v[0]
    t[1] = target = exercise_dose / (exercise_dose + P.TRAINING_HALF_DOSE)
    taus[1] = tau = P.TRAINING_TAU_S
    if h:
        v[1] = relax(v[1], t0[1], target, h, tau)
    training = v[1]
    t[2] = target = calm
    taus[2] = tau = P.DOSE_TAU_S
    if h:
        v[2] = relax(v[2], t0[2], target, h, tau)
    calm_dose = v[2]
    t[3] = target = calm_dose / (calm_dose + P.PRACTICE_HALF_DOSE)
    taus[3] = tau = P.PRACTICE_TAU_S
    if h:
        v[3] = relax(v[3], t0[3], target, h, tau)
    practice = v[3]

    # Perception: a threat fades (habituation), faster with calm and practice.
    speedup = 1.0 + P.CALM_HABITUATION_SPEEDUP * calm + P.PRACTICE_HABITUATION_SPEEDUP * practice
    t[4] = target = P.HABITUATION_FLOOR * s.threat
    taus[4] = tau = P.HABITUATION_TAU_S / speedup
    if h:
        v[4] = relax(v[4], t0[4], target, h, tau)
    perceived = v[4]
    t[5] = 0.0
    taus[5] = tau = P.ALARM_TAU_S
    if h:
        v[5] = relax(v[5], t0[5], 0.0, h, tau)
    alarm = v[5]
    t[6] = 0.0
    taus[6] = tau = P.BURST_TAU_S
    if h:
        v[6] = relax(v[6], t0[6], 0.0, h, tau)
    burst = v[6]
    stress = min(1.0, perceived + eff.background_threat)

    # Allostatic load from threat sustained over days; NE stores (reserpine).
    t[7] = target = stress
    taus[7] = tau = P.THREAT_DOSE_TAU_S
    if h:
        v[7] = relax(v[7], t0[7], target, h, tau)
    threat_dose = v[7]
    t[8] = target = 100.0 * threat_dose / (threat_dose + P.LOAD_HALF_DOSE)
    taus[8] = tau = P.LOAD_UP_TAU_S if target > v[8] else P.LOAD_DOWN_TAU_S
    if h:
        v[8] = relax(v[8], t0[8], target, h, tau)
    load = v[8] / 100.0
    t[9] = target = 1.0 - (1.0 - P.STORES_ON_RESERPINE) * eff.vmat_block
    taus[9] = tau = P.STORES_DEPLETE_TAU_S if target < v[9] else P.STORES_REFILL_TAU_S
    if h:
        v[9] = relax(v[9], t0[9], target, h, tau)
    stores = v[9]

    # Locus coeruleus: tonic firing rises with threat, effort and load; calm lowers it.
    arousal = (1.0 + P.LC_THREAT_LINEAR * stress + P.LC_THREAT_SQUARE * stress * stress
               + P.LC_EXERCISE * exercise + P.LC_LOAD * load)
    damping = ((1.0 - P.LC_CALM * calm) * (1.0 - P.LC_PRACTICE * practice)
               * (1.0 - P.LC_NET_FEEDBACK * eff.net_block))
    target = P.REST_LC_HZ * eff.lc_gain * arousal * damping  # per neuron
    tau = P.LC_TAU_S
    if asleep:
        target *= P.LC_SLEEP_FRACTION / eff.sleep_restfulness
        if target < v[10]:
            tau = P.LC_SLEEP_TAU_S
    t[10] = target
    taus[10] = tau
    if h:
        v[10] = relax(v[10], t0[10], target, h, tau)
    lc = v[10]

    # Brain NE: release follows firing (damped by alpha-2 autoreceptors) and the neurons
    # and stores left; NET clears it.
    net_factor = 1.0 / (1.0 - P.NET_SHARE_OF_CLEARANCE * eff.net_block)
    firing = min(P.NE_MAX_FIRING_HZ, lc + burst) / P.REST_LC_HZ
    capacity = min(1.0, stores * eff.lc_capacity)  # nerve_capacity, inlined
    t[11] = target = (100.0 * capacity ** P.NE_COMPENSATION * firing ** P.NE_RELEASE_EXPONENT
                      * net_factor)
    taus[11] = tau = P.NE_TAU_S
    if h:
        v[11] = relax(v[11], t0[11], target, h, tau)
    ne = v[11]

    # Sympathetic nerves to the organs (not the LC): heart, vessels, blood NE, adrenal.
    outflow = (eff.sympathetic_capacity * stores * eff.central_sympathetic
               * eff.sympathetic_gain)
    tone = (1.0 - P.SYMPATHETIC_CALM * calm) * (P.SYMPATHETIC_SLEEP if asleep else 1.0)
    synaptic = 1.0 + P.NET_SYNAPTIC_PERIPHERY * eff.net_block
    effort = 1.0 - P.TRAINING_CUTS_EXERCISE_DRIVE * training
    heart_drive = (1.0 + P.HEART_THREAT_LINEAR * stress + P.HEART_THREAT_SQUARE * stress * stress
                   + P.HEART_ALARM * alarm
                   + P.HEART_EXERCISE * exercise ** P.HEART_EXERCISE_POWER * effort
                   + P.SYMPATHETIC_LOAD * load)
    t[12] = target = min(P.CARDIAC_CEILING, outflow * tone * synaptic * heart_drive)
    taus[12] = tau = P.CARDIAC_TAU_S
    if h:
        v[12] = relax(v[12], t0[12], target, h, tau)
    vessel_drive = (1.0 + P.VESSEL_THREAT_LINEAR * stress
                    + P.VESSEL_THREAT_SQUARE * stress * stress + P.VESSEL_ALARM * alarm
                    + P.VESSEL_EXERCISE * exercise * effort + P.SYMPATHETIC_LOAD * load)
    t[13] = target = outflow * tone * synaptic * vessel_drive
    taus[13] = tau = P.VASCULAR_TAU_S
    if h:
        v[13] = relax(v[13], t0[13], target, h, tau)
    vascular = v[13]
    t[14] = target = (eff.heart_offset_bpm - P.TRAINING_HEART_BPM * training
                      - P.VAGAL_CALM_BPM * calm - P.VAGAL_SLEEP_BPM * asleep
                      + P.VAGAL_EXERCISE_WITHDRAWAL_BPM * min(1.0, 2.0 * exercise))
    taus[14] = tau = P.VAGAL_TAU_S
    if h:
        v[14] = relax(v[14], t0[14], target, h, tau)
    spill = (1.0 + P.SPILL_THREAT_LINEAR * stress + P.SPILL_THREAT_SQUARE * stress * stress
             + P.SPILL_ALARM * alarm * alarm
             + P.SPILL_EXERCISE * math.expm1(P.SPILL_EXERCISE_STEEPNESS * exercise) * effort
             + P.SYMPATHETIC_LOAD * load)
    t[15] = target = (P.REST_NE_PLASMA_PG_ML * outflow * tone
                      * (1.0 + P.NET_SPILLOVER * eff.net_block) * spill)
    taus[15] = tau = P.PLASMA_TAU_S
    if h:
        v[15] = relax(v[15], t0[15], target, h, tau)
    adrenal = eff.adrenal_capacity * stores
    t[16] = target = adrenal * (1.0 + P.EPI_THREAT_SQUARE * stress * stress
                                + P.EPI_ALARM * alarm
                                + P.EPI_EXERCISE_SQUARE * exercise * exercise)
    taus[16] = tau = P.EPI_TAU_S
    if h:
        v[16] = relax(v[16], t0[16], target, h, tau)
    t[17] = target = (P.PRESSOR_MAX_MMHG * -math.expm1(-(stress + alarm) / P.PRESSOR_SCALE)
                      * min(1.0, outflow))
    taus[17] = tau = P.PRESSOR_UP_TAU_S if target > v[17] else P.PRESSOR_DOWN_TAU_S
    if h:
        v[17] = relax(v[17], t0[17], target, h, tau)

    # Breathing quickens with threat and effort; slow-breathing practice takes over with calm.
    target = ((P.REST_RESP_PER_MIN + P.RESP_THREAT * stress + P.RESP_ALARM * alarm)
              * (1.0 - calm) + P.RESP_CALM_PER_MIN * calm
              + P.RESP_EXERCISE * exercise ** P.RESP_EXERCISE_POWER)
    if asleep:
        target *= P.RESP_SLEEP_FACTOR
    t[18] = target
    taus[18] = tau = P.RESP_TAU_S
    if h:
        v[18] = relax(v[18], t0[18], target, h, tau)

    # Gut: meals are absorbed; sympathetic tone (alpha-2, alpha-1) slows digestion.
    t[21] = 0.0
    taus[21] = tau = P.MEAL_ABSORB_TAU_S
    if h:
        v[21] = relax(v[21], t0[21], 0.0, h, tau)
    gut_carbs = v[21]
    t[19] = target = (100.0 * min(P.DIGESTION_MAX_FACTOR,
                                  math.exp(-P.DIGESTION_SYMPATHETIC * (vascular - 1.0)))
                      + P.DIGESTION_MEAL * min(1.0, gut_carbs))
    taus[19] = tau = P.DIGESTION_TAU_S
    if h:
        v[19] = relax(v[19], t0[19], target, h, tau)
    t[20] = target = exercise
    taus[20] = tau = P.MUSCLE_METABOLIC_TAU_S
    if h:
        v[20] = relax(v[20], t0[20], target, h, tau)

    # Fuel: NE (alpha-1) and epinephrine (beta-2) make the liver release glucose.
    t[22] = target = adrenal * (P.LIVER_THREAT_SQUARE * stress * stress + P.LIVER_ALARM * alarm)
    taus[22] = tau = P.LIVER_TAU_S
    if h:
        v[22] = relax(v[22], t0[22], target, h, tau)
    liver = v[22]
    glucose_target = eff.glucose_rest + eff.glucose_gain * (
        P.MEAL_GLUCOSE * gut_carbs + P.LIVER_GLUCOSE * liver)
    t[23] = target = min(P.GLUCOSE_CEILING_MG_DL, glucose_target)
    taus[23] = tau = P.GLUCOSE_TAU_S * eff.glucose_tau_factor
    if h:
        v[23] = relax(v[23], t0[23], target, h, tau)

    # Feelings: anxiety from sustained high NE and load; fatigue; mood over days.
    anxiety_target = (P.REST_ANXIETY
                      + P.ANXIETY_NE * -math.expm1(-max(0.0, ne - P.ANXIETY_NE_THRESHOLD)
                                                   / P.ANXIETY_NE_SCALE)
                      + P.ANXIETY_LOAD * load - P.ANXIETY_CALM * calm
                      - P.ANXIETY_PRACTICE * practice - P.ANXIETY_SLEEP * asleep)
    t[24] = target = _clamp(anxiety_target, 0.0, 100.0)
    taus[24] = tau = P.ANXIETY_TAU_S / (1.0 + P.CALM_ANXIETY_SPEEDUP * calm)
    if h:
        v[24] = relax(v[24], t0[24], target, h, tau)
    deficit = 1.0 - capacity
    if asleep:
        fatigue_target = P.FATIGUE_ASLEEP / eff.sleep_restfulness
        tau = P.FATIGUE_SLEEP_TAU_S / eff.sleep_restfulness
    else:
        fatigue_target = (P.REST_FATIGUE
                          + P.FATIGUE_EFFORT * exercise ** P.FATIGUE_EFFORT_POWER
                          + P.FATIGUE_DEFICIT * deficit
                          + min(P.FATIGUE_LOST_SLEEP_MAX, P.FATIGUE_PER_LOST_HOUR
                                * max(0.0, hours_awake - P.HOURS_AWAKE_BEFORE_DEBT))
                          + eff.fatigue_offset + P.FATIGUE_H1 * eff.h1_block
                          - P.FATIGUE_TRAINING * training)
        tau = P.FATIGUE_AWAKE_TAU_S
    t[25] = target = _clamp(fatigue_target, 0.0, 100.0)
    taus[25] = tau
    if h:
        v[25] = relax(v[25], t0[25], target, h, tau)
    mood_target = (P.REST_MOOD + P.MOOD_TRAINING * training + P.MOOD_PRACTICE * practice
                   - P.MOOD_DEFICIT * deficit - P.MOOD_LOAD * load
                   + eff.mood_offset + eff.mood_benefit)
    t[26] = target = _clamp(mood_target, 0.0, 100.0)
    taus[26] = tau = P.MOOD_TAU_S
    if h:
        v[26] = relax(v[26], t0[26], target, h, tau)


def _hours_awake_after(hours: float, seconds: float, asleep: bool) -> float:
    """Awake time since the last full sleep; sleep pays it back twice as fast."""
    if asleep:
        return max(0.0, hours - P.SLEEP_REPAYS_PER_HOUR * seconds / P.HOUR)
    return hours + seconds / P.HOUR


def integrate(state: BodyState, seconds: float) -> BodyState:
    """The body ``seconds`` later with the inputs held (seconds > 0)."""
    values = list(state.physiology)
    n = len(values)
    previous, targets, taus = [0.0] * n, [0.0] * n, [0.0] * n
    clock, hours, asleep = state.clock, state.hours_awake, state.sleep
    meds, conditions = state.medications, state.conditions
    _sweep(values, previous, targets, taus, 0.0, state,
           effects_at(conditions, meds, clock), hours)
    left, h = seconds, 0.0
    while left > 0.0:
        limit = moving_limit(values, previous, targets, taus, h, SCALES)
        h = next_substep(h, left, limit)
        left = left - h if h < left else 0.0
        clock += h
        hours = _hours_awake_after(hours, h, asleep)
        previous, targets = targets, previous
        _sweep(values, previous, targets, taus, h, state,
               effects_at(conditions, meds, clock), hours)
    return replace(state, clock=state.clock + seconds, hours_awake=hours,
                   physiology=Physiology._make(values))


def settle(state: BodyState) -> BodyState:
    """The steady state for the current inputs and modifiers, with the clock unchanged."""
    values = list(state.physiology)
    n = len(values)
    _sweep(values, list(values), [0.0] * n, [0.0] * n, math.inf, state,
           effects_at(state.conditions, state.medications, state.clock), state.hours_awake)
    return replace(state, physiology=Physiology._make(values))
