"""Every number of the body model in one place, with its unit and where it comes from.

The values are calibrated so that the model lands inside the bands of
physiology.md (the game's spec); where a number comes from the literature the
comment names the source, listed in full in docs/science.md. Names end in their
unit where one applies (``_S`` seconds, ``_HZ``, ``_BPM``, ``_MMHG``...).
"""

from __future__ import annotations

import math
from typing import Final

MINUTE: Final = 60.0
HOUR: Final = 3600.0
DAY: Final = 86400.0

# --- Rest values (healthy adult, calm and awake) -------------------------------
# MedlinePlus (pulse 60-100, BP < 120/80, breathing 12-18/min), Cleveland Clinic
# (fasting glucose 70-99 mg/dL), Goldstein (plasma NE ~ 180 pg/mL supine/seated),
# Aston-Jones & Cohen 2005 (LC tonic ~1-2 Hz awake).
REST_LC_HZ: Final = 1.5
REST_NE_PLASMA_PG_ML: Final = 180.0
REST_HEART_BPM: Final = 70.0
REST_SYSTOLIC_MMHG: Final = 118.0
REST_DIASTOLIC_MMHG: Final = 76.0
REST_RESP_PER_MIN: Final = 14.0
REST_GLUCOSE_MG_DL: Final = 90.0
REST_STROKE_VOLUME_ML: Final = 5000.0 / 70.0  # 5 L/min at 70 bpm
REST_PUPIL_MM: Final = 3.5
REST_ANXIETY: Final = 15.0
REST_FATIGUE: Final = 20.0
REST_MOOD: Final = 65.0

# --- Perceived threat: habituation -------------------------------------------------
HABITUATION_TAU_S: Final = 20 * MINUTE  # physiology.md: "time constant about 20 min"
HABITUATION_FLOOR: Final = 0.2  # a threat that stays never fades below 20% of its level
CALM_HABITUATION_SPEEDUP: Final = 2.0  # calm 1.0 makes habituation 3x faster
PRACTICE_HABITUATION_SPEEDUP: Final = 1.5  # full calm practice: 2.5x faster

# --- Phasic responses to a new threat ----------------------------------------------
BURST_MIN_RISE: Final = 0.05  # smaller rises of threat do not trigger an LC burst
BURST_BASE_HZ: Final = 10.0  # Aston-Jones & Cohen 2005: phasic bursts 10-20 Hz
BURST_PER_RISE_HZ: Final = 10.0
BURST_TAU_S: Final = 2.0  # a burst lasts a few hundred ms; smoothed over seconds here
ALARM_TAU_S: Final = 60.0  # the alarm (startle) surge of sympathetic outflow fades in ~1 min

# --- Locus coeruleus (tonic firing) --------------------------------------------------
LC_TAU_S: Final = 10.0
LC_SLEEP_TAU_S: Final = 10 * MINUTE  # the LC quietens as sleep deepens
LC_THREAT_LINEAR: Final = 1.2  # tonic rate = rest x (1 + a*t + b*t^2 + ...)
LC_THREAT_SQUARE: Final = 1.8  # threat 1.0 -> ~6 Hz: high tonic mode
LC_EXERCISE: Final = 0.4
LC_LOAD: Final = 0.4  # full stress load raises tonic firing by 40%
LC_CALM: Final = 0.1  # calm 1.0 lowers tonic firing by 10%
LC_PRACTICE: Final = 0.15  # full calm practice lowers tonic firing by 15%
LC_SLEEP_FRACTION: Final = 0.067  # asleep: ~0.1 Hz, nearly silent (Aston-Jones & Cohen 2005)
LC_NET_FEEDBACK: Final = 0.3  # alpha-2 autoreceptors slow the LC when NET is blocked
LOW_TONIC_BELOW_HZ: Final = 1.0  # physiology.md: lc_mode thresholds
HIGH_TONIC_ABOVE_HZ: Final = 3.5

# --- Brain NE ------------------------------------------------------------------------
NE_TAU_S: Final = 15.0
NE_RELEASE_EXPONENT: Final = 0.9  # alpha-2 autoreceptors: release rises less than firing
NE_COMPENSATION: Final = 0.6  # surviving neurons release more: NE ~ capacity^0.6
NE_MAX_FIRING_HZ: Final = 10.0  # release saturates: a burst adds little beyond this
NET_SHARE_OF_CLEARANCE: Final = 0.8  # reuptake by NET removes most released NE; MAO/COMT the rest

# --- Sympathetic outflow to the organs (1 = rest) ------------------------------------
CARDIAC_TAU_S: Final = 12.0  # sympathetic drive to the heart builds within seconds
# ... and fades over about a minute once the threat or effort ends: heart rate
# falls by about 20 to 40 bpm in the first minute of recovery, not at once
# (heart rate recovery after exercise, Imai K et al. 1994, J Am Coll Cardiol
# 24:1529-1535; Cole CR et al. 1999, N Engl J Med 341:1351-1357).
CARDIAC_OFF_TAU_S: Final = 90.0
VASCULAR_TAU_S: Final = 20.0
VAGAL_TAU_S: Final = 5.0  # vagal withdrawal at the onset of effort is almost immediate
VAGAL_RETURN_TAU_S: Final = 45.0  # the vagal brake comes back over tens of seconds (Imai 1994)
HEART_THREAT_LINEAR: Final = 2.0
HEART_THREAT_SQUARE: Final = 1.6
HEART_ALARM: Final = 2.2
HEART_EXERCISE: Final = 5.5
HEART_EXERCISE_POWER: Final = 1.1
VESSEL_THREAT_LINEAR: Final = 1.0
VESSEL_THREAT_SQUARE: Final = 1.0
VESSEL_ALARM: Final = 1.5
VESSEL_EXERCISE: Final = 1.0
SYMPATHETIC_LOAD: Final = 0.2  # full stress load: +20% outflow at rest
SYMPATHETIC_CALM: Final = 0.15
SYMPATHETIC_SLEEP: Final = 0.8
TRAINING_CUTS_EXERCISE_DRIVE: Final = 0.35  # trained: less NE for the same effort
NET_SYNAPTIC_PERIPHERY: Final = 0.25  # NET block raises NE at the organs a little
CARDIAC_CEILING: Final = 8.0  # sympathetic drive to the heart saturates

# --- Posture: standing and the baroreflex ---------------------------------------------
# Standing moves about 500-800 mL of blood into the legs within seconds; the
# baroreflex restores pressure within about a minute through sympathetic nerves
# (alpha-1 on vessels, beta-1 on the heart) and roughly doubles plasma NE. With
# too few sympathetic nerves left (Parkinson's, autonomic neuropathy) the fall
# stays: orthostatic hypotension, systolic -20 or diastolic -10 mmHg within 3 min
# (the consensus definition: Freeman R et al. 2011, Clin Auton Res 21:69-72).
POOLING_TAU_S: Final = 5.0
BAROREFLEX_TAU_S: Final = 10.0
ORTHOSTATIC_SYSTOLIC_MMHG: Final = 30.0  # the fall pooling alone would cause
ORTHOSTATIC_DIASTOLIC_MMHG: Final = 15.0
ORTHOSTATIC_STROKE_VOLUME: Final = 0.2  # less venous return: stroke volume falls ~20%
ORTHOSTATIC_RESERVE_POWER: Final = 2.5  # half the nerves give ~18% of the reflex
BAROREFLEX_HEART: Final = 0.7  # heart rate +10-15 bpm on standing
BAROREFLEX_SPILL: Final = 1.0  # plasma NE about doubles on standing
# Below these pressures a person standing faints (and lies down): the readouts bend
# toward 70/30 mmHg and never pass them.
SYSTOLIC_SOFT_MIN_MMHG: Final = 80.0
DIASTOLIC_SOFT_MIN_MMHG: Final = 40.0
PRESSURE_SOFT_FLOOR_SPAN_MMHG: Final = 10.0

# --- Plasma NE (spillover from sympathetic nerves) ----------------------------------
PLASMA_HALF_LIFE_S: Final = 2.4 * MINUTE  # Silverberg et al. 1978 (via Goldstein)
PLASMA_TAU_S: Final = PLASMA_HALF_LIFE_S / math.log(2.0)
SPILL_THREAT_LINEAR: Final = 1.5
SPILL_THREAT_SQUARE: Final = 2.6
SPILL_ALARM: Final = 13.0
SPILL_EXERCISE: Final = 0.56  # x (exp(4 e) - 1): NE rises steeply above ~50% effort
SPILL_EXERCISE_STEEPNESS: Final = 4.0
NET_SPILLOVER: Final = 0.4  # NET block lets more NE spill into the blood

# --- Adrenal medulla (epinephrine, relative to rest) -------------------------------
EPI_HALF_LIFE_S: Final = 2.0 * MINUTE
EPI_TAU_S: Final = EPI_HALF_LIFE_S / math.log(2.0)
EPI_THREAT_SQUARE: Final = 3.0
EPI_ALARM: Final = 5.0
EPI_EXERCISE_SQUARE: Final = 3.0

# --- Heart and vessels ----------------------------------------------------------------
HEART_BPM_PER_DRIVE: Final = 17.0  # bpm per unit of beta-1 stimulation above rest
VAGAL_EXERCISE_WITHDRAWAL_BPM: Final = 22.0  # effort first lifts the vagal brake
# Slow breathing raises vagal tone: heart-rate variability rises, the mean heart
# rate falls by only a few bpm (Zaccaro A et al. 2018, Front Hum Neurosci 12:353).
VAGAL_CALM_BPM: Final = 2.0
VAGAL_SLEEP_BPM: Final = 8.0
TRAINING_HEART_BPM: Final = 10.0  # trained: resting heart rate ~10 bpm lower
# Age-predicted maximum heart rate: 208 - 0.7 x age (Tanaka H, Monahan KD, Seals DR
# 2001, J Am Coll Cardiol 37:153-156); heart rate bends toward it and never passes it.
TANAKA_INTERCEPT_BPM: Final = 208.0
TANAKA_PER_YEAR_BPM: Final = 0.7
DEFAULT_AGE_YEARS: Final = 16.0
HEART_SOFT_SPAN_BPM: Final = 30.0
HEART_SOFT_MIN_BPM: Final = 45.0
HEART_SOFT_FLOOR_SPAN_BPM: Final = 13.0
SYSTOLIC_PER_BETA1: Final = 4.0
SYSTOLIC_PER_ALPHA1: Final = 14.0  # x ln(tone): resting tone matters most
SYSTOLIC_EXERCISE: Final = 40.0
DIASTOLIC_PER_BETA1: Final = 1.5
DIASTOLIC_PER_ALPHA1: Final = 10.0
# Dynamic exercise barely moves diastolic pressure (working muscle's vessels widen
# as much as the rest narrow): within about 10 mmHg of rest (Fletcher GF et al. 2013,
# Circulation 128:873-934, exercise standards).
DIASTOLIC_EXERCISE: Final = -10.0
SYSTOLIC_LOAD: Final = 8.0  # full stress load: +8/+5 mmHg on top of its sympathetic tone
DIASTOLIC_LOAD: Final = 5.0
PRESSOR_MAX_MMHG: Final = 12.0  # slow vascular tone after mental stress
PRESSOR_SCALE: Final = 0.6
PRESSOR_UP_TAU_S: Final = 60.0
PRESSOR_DOWN_TAU_S: Final = 25 * MINUTE  # BP recovers slowly after stress
PRESSOR_DIASTOLIC_SHARE: Final = 0.6
# Stroke volume rises by about a third from rest to hard effort, so an untrained
# young person's cardiac output peaks near 20 L/min (about 4x rest).
STROKE_VOLUME_BETA1: Final = 0.03
STROKE_VOLUME_EXERCISE: Final = 0.2
STROKE_VOLUME_TRAINING: Final = 0.16

# --- Breathing, pupils, gut, muscles, pain ------------------------------------------
RESP_TAU_S: Final = 20.0
RESP_THREAT: Final = 10.0
RESP_ALARM: Final = 3.0
RESP_EXERCISE: Final = 30.0
RESP_EXERCISE_POWER: Final = 1.3
RESP_CALM_PER_MIN: Final = 6.0  # slow-breathing practice: ~6 breaths/min
RESP_SLEEP_FACTOR: Final = 12.0 / 14.0
PUPIL_MIN_MM: Final = 2.0
PUPIL_SPAN_MM: Final = 6.5
PUPIL_LC_SHARE: Final = 0.6  # the LC relaxes the constrictor; alpha-1 pulls the dilator
PUPIL_SCALE: Final = 1.0 / -math.log(1.0 - (REST_PUPIL_MM - PUPIL_MIN_MM) / PUPIL_SPAN_MM)
DIGESTION_TAU_S: Final = 30.0
DIGESTION_SYMPATHETIC: Final = 0.5  # exp(-k (tone - 1)): alpha-2/alpha-1 slow the gut
DIGESTION_MEAL: Final = 20.0
DIGESTION_MAX_FACTOR: Final = 1.15  # "rest and digest" at low sympathetic tone
MUSCLE_METABOLIC_TAU_S: Final = 30.0
MUSCLE_METABOLIC: Final = 7.0  # local metabolites: up to ~8x rest flow at full effort
MUSCLE_METABOLIC_POWER: Final = 1.2
MUSCLE_EPI_BETA2: Final = 0.5
MUSCLE_CARDIAC_OUTPUT: Final = 0.2
MUSCLE_ALPHA1: Final = 0.12  # NE itself narrows muscle arterioles
MUSCLE_ALPHA1_FLOOR: Final = 0.3
MIN_VESSEL_TONE: Final = 0.05  # keeps ln(tone) finite when every NE source is gone
PAIN_ANALGESIA: Final = 45.0
PAIN_NE_SCALE: Final = 200.0
PAIN_DEFICIT: Final = 30.0
PAIN_ALPHA2_AGONIST: Final = 20.0

# --- Glucose ----------------------------------------------------------------------
GLUCOSE_TAU_S: Final = 20 * MINUTE  # insulin brings glucose back in about an hour
MEAL_ABSORB_TAU_S: Final = 40 * MINUTE  # "absorbed over about an hour"
MEAL_GLUCOSE: Final = 90.0  # a full meal peaks ~ +45 mg/dL
LIVER_TAU_S: Final = 3 * MINUTE
LIVER_THREAT_SQUARE: Final = 1.0
LIVER_ALARM: Final = 0.6
LIVER_GLUCOSE: Final = 110.0
GLUCOSE_CEILING_MG_DL: Final = 380.0

# --- Feelings and scores -------------------------------------------------------------
ALERT_NE_EXPONENT: Final = 1.6
ALERT_AT_REST_ODDS: Final = 1.5  # alertness 60 at NE 100
ALERT_H1: Final = 22.0  # histamine H1 block
ALERT_FATIGUE: Final = 0.35
FOCUS_PEAK: Final = 82.0
FOCUS_BEST_NE: Final = 160.0  # Arnsten: moderate NE (phasic mode) is best for the PFC
FOCUS_WIDTH: Final = math.log(100.0 / FOCUS_BEST_NE) ** 2 / -math.log(70.0 / FOCUS_PEAK)
FOCUS_FATIGUE: Final = 0.3
FOCUS_H1: Final = 8.0
FOCUS_ANXIETY: Final = 0.15
FOCUS_ANXIETY_THRESHOLD: Final = 30.0
FOCUS_LOAD: Final = 16.0  # Arnsten: chronic stress weakens prefrontal networks
FOCUS_ALPHA2A: Final = 10.0  # Arnsten: alpha-2A agonists strengthen prefrontal networks
ANXIETY_TAU_S: Final = 5 * MINUTE  # builds and fades over minutes; calm speeds both
CALM_ANXIETY_SPEEDUP: Final = 2.0
ANXIETY_NE_THRESHOLD: Final = 160.0
ANXIETY_NE_SCALE: Final = 180.0
ANXIETY_NE: Final = 65.0
ANXIETY_LOAD: Final = 25.0
ANXIETY_CALM: Final = 8.0
ANXIETY_PRACTICE: Final = 6.0
ANXIETY_SLEEP: Final = 5.0
# Rumination: a threat that stays while nothing happens keeps anxiety building
# (perseverative cognition, Brosschot JF et al. 2006, J Psychosom Res 60:113-124),
# and, at night, keeps the LC from falling silent and sleep from restoring.
WORRY_TAU_S: Final = 15 * MINUTE
WORRY_CALM: Final = 0.7  # calm 1.0 takes 70% of it away
ANXIETY_WORRY: Final = 35.0
RUMINATION_LC: Final = 0.5  # worry 0.3 keeps the sleeping LC at 0.4 Hz instead of 0.1
RUMINATION_SLEEP: Final = 2.0  # worry 0.3: sleep restores about 40% less
FATIGUE_AWAKE_TAU_S: Final = 45 * MINUTE
FATIGUE_SLEEP_TAU_S: Final = 2.5 * HOUR
FATIGUE_ASLEEP: Final = 5.0
FATIGUE_EFFORT: Final = 35.0
FATIGUE_EFFORT_POWER: Final = 1.5
FATIGUE_DEFICIT: Final = 25.0
FATIGUE_TRAINING: Final = 6.0
FATIGUE_H1: Final = 6.0  # drowsiness from histamine H1 block
FATIGUE_PER_LOST_HOUR: Final = 3.5
FATIGUE_LOST_SLEEP_MAX: Final = 25.0  # a long skip without sleep counts as one lost night
HOURS_AWAKE_BEFORE_DEBT: Final = 16.0
HOURS_AWAKE_AT_START: Final = 2.0
SLEEP_REPAYS_PER_HOUR: Final = 2.0  # 8 h of sleep make up 16 h awake
# Sleep debt: the hours a night falls short stay owed, add fatigue the next day and
# add up over nights; a full night repays only part (Van Dongen HPA et al. 2003,
# Sleep 26:117-126; Banks S et al. 2010, Sleep 33:1013-1026).
FATIGUE_PER_DEBT_HOUR: Final = 5.0
FATIGUE_DEBT_MAX: Final = 40.0
SLEEP_DEBT_REPAID_PER_HOUR: Final = 0.25  # a full night repays 2 h of debt
MOOD_TAU_S: Final = 2.5 * DAY
MOOD_TRAINING: Final = 8.0  # Cochrane: exercise helps depression
MOOD_DEFICIT: Final = 20.0
MOOD_LOAD: Final = 12.0
MOOD_PRACTICE: Final = 3.0
ANTIDEPRESSANT_HALF_TIME_S: Final = 20 * DAY  # onset 2-4 weeks, fuller by 6-8 (SNRI labels)
ANTIDEPRESSANT_HILL: Final = 3.0

# --- Slow adaptation (days to weeks) -------------------------------------------------
DOSE_TAU_S: Final = 3 * DAY  # "most game days": a running average over a few days
TRAINING_TAU_S: Final = 21 * DAY
TRAINING_HALF_DOSE: Final = 0.012  # ~30 min of moderate effort a day gives half the effect
PRACTICE_TAU_S: Final = 14 * DAY
PRACTICE_HALF_DOSE: Final = 0.01  # ~15 min of calm practice a day gives half the effect
THREAT_DOSE_TAU_S: Final = 2 * DAY
LOAD_UP_TAU_S: Final = 4 * DAY
LOAD_DOWN_TAU_S: Final = 10 * DAY
LOAD_HALF_DOSE: Final = 0.1
STORES_DEPLETE_TAU_S: Final = 1.5 * DAY  # reserpine empties vesicles over days
STORES_REFILL_TAU_S: Final = 10 * DAY  # new vesicles take a week or two
STORES_ON_RESERPINE: Final = 0.3

# --- Numerics -------------------------------------------------------------------------
MIN_SUBSTEP_S: Final = 0.5
SUBSTEP_GROWTH: Final = 4.0
MAX_SUBSTEP_S: Final = 12 * HOUR
# A transient ERROR_RATIO x its threshold allows sub-steps of SUBSTEP_PER_TAU time
# constants, a smaller one longer (as the square root: numerics.moving_limit); the
# first sub-step FIRST_SUBSTEP_PER_TAU of that.
# tests/body/test_captured_advances.py holds the schedule to fine stepping.
SUBSTEP_PER_TAU: Final = 1.5
ERROR_RATIO: Final = 10.0
FIRST_SUBSTEP_PER_TAU: Final = 0.4
SETTLED_FRACTION: Final = 0.01  # "near its target": within 1% of the quantity's scale
# Time constants after which a disturbance no longer shows (e^-8 = 3e-4 of it is left,
# and what is left is the error of one coarse sub-step, not the disturbance itself).
# 20 (e^-20) cost 21% more sub-steps in random playtests of the bundled story and
# moved no readout of 6,000 of their advances by more than 0.15 pg/mL blood NE,
# 0.07% muscle flow, 0.03 mg/dL glucose or 0.02 points of anxiety.
FORGET_AFTER: Final = 8.0
MAX_GLUCOSE_TAU_FACTOR: Final = 2.2  # the slowest glucose return of any condition (modifiers.py)
SETTLED_AGO_S: Final = 365 * DAY  # medications in initial_state count as long established
