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

_TARGETS, _STEP, _SETTLE = range(3)

# The size of each quantity's usual swings, to judge when it is "near its target". The LC
# burst is over in seconds and decays exactly, so it never asks for shorter sub-steps.
SCALES = tuple(Physiology(
    exercise_dose=1.0, training=1.0, calm_dose=1.0, practice=1.0, perceived=1.0, alarm=1.0,
    burst=math.inf, threat_dose=1.0, stress_load=100.0, stores=1.0, lc=P.REST_LC_HZ, ne=100.0,
    cardiac=1.0, vascular=1.0, vagal=10.0, plasma=P.REST_NE_PLASMA_PG_ML, epinephrine=1.0,
    pressor=10.0, resp=P.REST_RESP_PER_MIN, digestion=100.0, metabolic=1.0, gut_carbs=1.0,
    liver=1.0, glucose=P.REST_GLUCOSE_MG_DL, anxiety=100.0, fatigue=100.0, mood=100.0,
))


class _Sweep:
    """Walks the physiology once; what "relaxing" means depends on the mode.

    _TARGETS only records targets (the values stay), _STEP relaxes each value
    over ``h`` seconds from the previous targets to the new ones, _SETTLE puts
    each value on its target (the steady state).
    """

    __slots__ = ("h", "mode", "previous", "targets", "taus", "values")

    def __init__(self, values: list[float], mode: int) -> None:
        self.values = values
        self.mode = mode
        self.h = 0.0
        self.previous = [0.0] * len(values)
        self.targets = [0.0] * len(values)
        self.taus = [0.0] * len(values)

    def __call__(self, index: int, target: float, tau: float) -> float:
        self.targets[index] = target
        self.taus[index] = tau
        if self.mode == _STEP:
            self.values[index] = value = relax(
                self.values[index], self.previous[index], target, self.h, tau)
            return value
        if self.mode == _SETTLE:
            self.values[index] = target
            return target
        return self.values[index]


def _clamp(x: float, low: float, high: float) -> float:
    return low if x < low else high if x > high else x


def nerve_capacity(eff: Effects, stores: float) -> float:
    """How much of the LC's NE-making machinery is left (1 = healthy).

    Lost neurons (Parkinson's) or emptied stores (reserpine) are the true
    "too little NE" of the curriculum: they add fatigue, lower mood and
    sharpen pain. Drugs that only change firing or reuptake do not count.
    """
    return min(1.0, stores * eff.lc_capacity)


def _sweep(r: _Sweep, s: BodyState, eff: Effects, hours_awake: float) -> None:
    """Targets and time constants of every quantity, in causal order (see module doc)."""
    v = r.values
    exercise, calm = s.exercise, s.calm
    asleep = 1.0 if s.sleep else 0.0

    # Slow adaptation: running averages over days, then weeks of adaptation.
    exercise_dose = r(EXERCISE_DOSE, exercise, P.DOSE_TAU_S)
    training = r(TRAINING, exercise_dose / (exercise_dose + P.TRAINING_HALF_DOSE),
                 P.TRAINING_TAU_S)
    calm_dose = r(CALM_DOSE, calm, P.DOSE_TAU_S)
    practice = r(PRACTICE, calm_dose / (calm_dose + P.PRACTICE_HALF_DOSE), P.PRACTICE_TAU_S)

    # Perception: a threat fades (habituation), faster with calm and practice.
    speedup = 1.0 + P.CALM_HABITUATION_SPEEDUP * calm + P.PRACTICE_HABITUATION_SPEEDUP * practice
    perceived = r(PERCEIVED, P.HABITUATION_FLOOR * s.threat, P.HABITUATION_TAU_S / speedup)
    alarm = r(ALARM, 0.0, P.ALARM_TAU_S)
    burst = r(BURST, 0.0, P.BURST_TAU_S)
    stress = min(1.0, perceived + eff.background_threat)

    # Allostatic load from threat sustained over days; NE stores (reserpine).
    threat_dose = r(THREAT_DOSE, stress, P.THREAT_DOSE_TAU_S)
    load_target = 100.0 * threat_dose / (threat_dose + P.LOAD_HALF_DOSE)
    load_tau = P.LOAD_UP_TAU_S if load_target > v[STRESS_LOAD] else P.LOAD_DOWN_TAU_S
    load = r(STRESS_LOAD, load_target, load_tau) / 100.0
    stores_target = 1.0 - (1.0 - P.STORES_ON_RESERPINE) * eff.vmat_block
    stores_tau = P.STORES_DEPLETE_TAU_S if stores_target < v[STORES] else P.STORES_REFILL_TAU_S
    stores = r(STORES, stores_target, stores_tau)

    # Locus coeruleus: tonic firing rises with threat, effort and load; calm lowers it.
    arousal = (1.0 + P.LC_THREAT_LINEAR * stress + P.LC_THREAT_SQUARE * stress * stress
               + P.LC_EXERCISE * exercise + P.LC_LOAD * load)
    damping = ((1.0 - P.LC_CALM * calm) * (1.0 - P.LC_PRACTICE * practice)
               * (1.0 - P.LC_NET_FEEDBACK * eff.net_block))
    lc_target = P.REST_LC_HZ * eff.lc_gain * arousal * damping  # per neuron
    lc_tau = P.LC_TAU_S
    if asleep:
        lc_target *= P.LC_SLEEP_FRACTION / eff.sleep_restfulness
        if lc_target < v[LC]:
            lc_tau = P.LC_SLEEP_TAU_S
    lc = r(LC, lc_target, lc_tau)

    # Brain NE: release follows firing (damped by alpha-2 autoreceptors) and the neurons
    # and stores left; NET clears it.
    net_factor = 1.0 / (1.0 - P.NET_SHARE_OF_CLEARANCE * eff.net_block)
    firing = min(P.NE_MAX_FIRING_HZ, lc + burst) / P.REST_LC_HZ
    capacity = nerve_capacity(eff, stores)
    ne = r(NE, 100.0 * capacity ** P.NE_COMPENSATION * firing ** P.NE_RELEASE_EXPONENT
           * net_factor, P.NE_TAU_S)

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
    r(CARDIAC, min(P.CARDIAC_CEILING, outflow * tone * synaptic * heart_drive), P.CARDIAC_TAU_S)
    vessel_drive = (1.0 + P.VESSEL_THREAT_LINEAR * stress
                    + P.VESSEL_THREAT_SQUARE * stress * stress + P.VESSEL_ALARM * alarm
                    + P.VESSEL_EXERCISE * exercise * effort + P.SYMPATHETIC_LOAD * load)
    vascular = r(VASCULAR, outflow * tone * synaptic * vessel_drive, P.VASCULAR_TAU_S)
    vagal_target = (eff.heart_offset_bpm - P.TRAINING_HEART_BPM * training
                    - P.VAGAL_CALM_BPM * calm - P.VAGAL_SLEEP_BPM * asleep
                    + P.VAGAL_EXERCISE_WITHDRAWAL_BPM * min(1.0, 2.0 * exercise))
    r(VAGAL, vagal_target, P.VAGAL_TAU_S)
    spill = (1.0 + P.SPILL_THREAT_LINEAR * stress + P.SPILL_THREAT_SQUARE * stress * stress
             + P.SPILL_ALARM * alarm * alarm
             + P.SPILL_EXERCISE * math.expm1(P.SPILL_EXERCISE_STEEPNESS * exercise) * effort
             + P.SYMPATHETIC_LOAD * load)
    plasma_target = (P.REST_NE_PLASMA_PG_ML * outflow * tone
                     * (1.0 + P.NET_SPILLOVER * eff.net_block) * spill)
    r(PLASMA, plasma_target, P.PLASMA_TAU_S)
    adrenal = eff.adrenal_capacity * stores
    epi_target = adrenal * (1.0 + P.EPI_THREAT_SQUARE * stress * stress + P.EPI_ALARM * alarm
                            + P.EPI_EXERCISE_SQUARE * exercise * exercise)
    r(EPINEPHRINE, epi_target, P.EPI_TAU_S)
    pressor_target = (P.PRESSOR_MAX_MMHG * -math.expm1(-(stress + alarm) / P.PRESSOR_SCALE)
                      * min(1.0, outflow))
    pressor_tau = P.PRESSOR_UP_TAU_S if pressor_target > v[PRESSOR] else P.PRESSOR_DOWN_TAU_S
    r(PRESSOR, pressor_target, pressor_tau)

    # Breathing quickens with threat and effort; slow-breathing practice takes over with calm.
    resp_target = ((P.REST_RESP_PER_MIN + P.RESP_THREAT * stress + P.RESP_ALARM * alarm)
                   * (1.0 - calm) + P.RESP_CALM_PER_MIN * calm
                   + P.RESP_EXERCISE * exercise ** P.RESP_EXERCISE_POWER)
    if asleep:
        resp_target *= P.RESP_SLEEP_FACTOR
    r(RESP, resp_target, P.RESP_TAU_S)

    # Gut: meals are absorbed; sympathetic tone (alpha-2, alpha-1) slows digestion.
    gut_carbs = r(GUT_CARBS, 0.0, P.MEAL_ABSORB_TAU_S)
    digestion_target = (100.0 * min(P.DIGESTION_MAX_FACTOR,
                                    math.exp(-P.DIGESTION_SYMPATHETIC * (vascular - 1.0)))
                        + P.DIGESTION_MEAL * min(1.0, gut_carbs))
    r(DIGESTION, digestion_target, P.DIGESTION_TAU_S)
    r(METABOLIC, exercise, P.MUSCLE_METABOLIC_TAU_S)

    # Fuel: NE (alpha-1) and epinephrine (beta-2) make the liver release glucose.
    liver = r(LIVER, adrenal * (P.LIVER_THREAT_SQUARE * stress * stress + P.LIVER_ALARM * alarm),
              P.LIVER_TAU_S)
    glucose_target = eff.glucose_rest + eff.glucose_gain * (
        P.MEAL_GLUCOSE * gut_carbs + P.LIVER_GLUCOSE * liver)
    r(GLUCOSE, min(P.GLUCOSE_CEILING_MG_DL, glucose_target),
      P.GLUCOSE_TAU_S * eff.glucose_tau_factor)

    # Feelings: anxiety from sustained high NE and load; fatigue; mood over days.
    anxiety_target = (P.REST_ANXIETY
                      + P.ANXIETY_NE * -math.expm1(-max(0.0, ne - P.ANXIETY_NE_THRESHOLD)
                                                   / P.ANXIETY_NE_SCALE)
                      + P.ANXIETY_LOAD * load - P.ANXIETY_CALM * calm
                      - P.ANXIETY_PRACTICE * practice - P.ANXIETY_SLEEP * asleep)
    r(ANXIETY, _clamp(anxiety_target, 0.0, 100.0),
      P.ANXIETY_TAU_S / (1.0 + P.CALM_ANXIETY_SPEEDUP * calm))
    deficit = 1.0 - capacity
    if asleep:
        fatigue_target = P.FATIGUE_ASLEEP / eff.sleep_restfulness
        fatigue_tau = P.FATIGUE_SLEEP_TAU_S / eff.sleep_restfulness
    else:
        fatigue_target = (P.REST_FATIGUE
                          + P.FATIGUE_EFFORT * exercise ** P.FATIGUE_EFFORT_POWER
                          + P.FATIGUE_DEFICIT * deficit
                          + min(P.FATIGUE_LOST_SLEEP_MAX, P.FATIGUE_PER_LOST_HOUR
                                * max(0.0, hours_awake - P.HOURS_AWAKE_BEFORE_DEBT))
                          + eff.fatigue_offset + P.FATIGUE_H1 * eff.h1_block
                          - P.FATIGUE_TRAINING * training)
        fatigue_tau = P.FATIGUE_AWAKE_TAU_S
    r(FATIGUE, _clamp(fatigue_target, 0.0, 100.0), fatigue_tau)
    mood_target = (P.REST_MOOD + P.MOOD_TRAINING * training + P.MOOD_PRACTICE * practice
                   - P.MOOD_DEFICIT * deficit - P.MOOD_LOAD * load
                   + eff.mood_offset + eff.mood_benefit)
    r(MOOD, _clamp(mood_target, 0.0, 100.0), P.MOOD_TAU_S)


def _hours_awake_after(hours: float, seconds: float, asleep: bool) -> float:
    """Awake time since the last full sleep; sleep pays it back twice as fast."""
    if asleep:
        return max(0.0, hours - P.SLEEP_REPAYS_PER_HOUR * seconds / P.HOUR)
    return hours + seconds / P.HOUR


def integrate(state: BodyState, seconds: float) -> BodyState:
    """The body ``seconds`` later with the inputs held (seconds > 0)."""
    values = list(state.physiology)
    clock, hours = state.clock, state.hours_awake
    meds, conditions = state.medications, state.conditions
    sweep = _Sweep(values, _TARGETS)
    _sweep(sweep, state, effects_at(conditions, meds, clock), hours)
    sweep.mode = _STEP
    left, h = seconds, 0.0
    while left > 0.0:
        limit = moving_limit(values, sweep.previous, sweep.targets, sweep.taus, h, SCALES)
        h = next_substep(h, left, limit)
        left = left - h if h < left else 0.0
        clock += h
        hours = _hours_awake_after(hours, h, state.sleep)
        sweep.previous, sweep.targets = sweep.targets, sweep.previous
        sweep.h = h
        _sweep(sweep, state, effects_at(conditions, meds, clock), hours)
    return replace(state, clock=state.clock + seconds, hours_awake=hours,
                   physiology=Physiology._make(values))


def settle(state: BodyState) -> BodyState:
    """The steady state for the current inputs and modifiers, with the clock unchanged."""
    values = list(state.physiology)
    sweep = _Sweep(values, _SETTLE)
    _sweep(sweep, state, effects_at(state.conditions, state.medications, state.clock),
           state.hours_awake)
    return replace(state, physiology=Physiology._make(values))
