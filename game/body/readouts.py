"""What the game shows: the readouts of physiology.md, computed from a state.

Readouts are derived, never stored, so a save cannot disagree with itself.
The model itself keeps every number inside its physiological bounds (the
property tests check that, unclamped); only the 0-100 scores are clamped,
because that is their scale.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import MappingProxyType

from game.body import params as P
from game.body.dynamics import nerve_capacity
from game.body.modifiers import effects_at
from game.body.state import BodyState


@dataclass(frozen=True, slots=True)
class Readout:
    """One value the player can see and a story can test (``body.<name>``)."""

    name: str
    label: str
    unit: str
    kind: str  # "number" | "text"
    rest: float | str
    low: float | None
    high: float | None


def _number(name: str, label: str, unit: str, rest: float, low: float, high: float) -> Readout:
    return Readout(name, label, unit, "number", rest, low, high)


READOUTS = MappingProxyType(
    {
        r.name: r
        for r in (
            _number("lc_rate", "LC firing", "Hz", P.REST_LC_HZ, 0.0, 25.0),
            Readout("lc_mode", "LC mode", "", "text", "phasic", None, None),
            _number("ne", "Brain NE", "%", 100.0, 0.0, 1200.0),
            _number("ne_plasma", "Blood NE", "pg/mL", P.REST_NE_PLASMA_PG_ML, 0.0, 20000.0),
            _number("heart_rate", "Heart rate", "bpm", P.REST_HEART_BPM, 30.0, 220.0),
            _number("systolic", "Systolic pressure", "mmHg", P.REST_SYSTOLIC_MMHG, 70.0, 250.0),
            _number("diastolic", "Diastolic pressure", "mmHg", P.REST_DIASTOLIC_MMHG, 30.0, 150.0),
            _number("resp_rate", "Breathing", "/min", P.REST_RESP_PER_MIN, 4.0, 60.0),
            _number("glucose", "Glucose", "mg/dL", P.REST_GLUCOSE_MG_DL, 40.0, 400.0),
            _number("cardiac_output", "Cardiac output", "L/min", 5.0, 1.0, 35.0),
            _number("pupil", "Pupil", "mm", P.REST_PUPIL_MM, 1.5, 9.0),
            _number("muscle_flow", "Muscle blood flow", "%", 100.0, 0.0, 2000.0),
            _number("digestion", "Digestion", "%", 100.0, 0.0, 200.0),
            _number("pain", "Pain sensitivity", "%", 100.0, 0.0, 200.0),
            _number("alertness", "Alertness", "", 60.0, 0.0, 100.0),
            _number("focus", "Focus", "", 70.0, 0.0, 100.0),
            _number("anxiety", "Anxiety", "", P.REST_ANXIETY, 0.0, 100.0),
            _number("fatigue", "Fatigue", "", P.REST_FATIGUE, 0.0, 100.0),
            _number("mood", "Mood", "", P.REST_MOOD, 0.0, 100.0),
            _number("stress_load", "Stress load", "", 0.0, 0.0, 100.0),
        )
    }
)


_SCORES = ("alertness", "focus", "anxiety", "fatigue", "mood", "stress_load")


def lc_mode(rate_hz: float) -> str:
    """Aston-Jones & Cohen's modes, by the thresholds of physiology.md."""
    if rate_hz < P.LOW_TONIC_BELOW_HZ:
        return "low_tonic"
    if rate_hz > P.HIGH_TONIC_ABOVE_HZ:
        return "high_tonic"
    return "phasic"


def inverted_u(ne: float) -> float:
    """Focus from brain NE alone: best at moderate NE, worse with too little or too much.

    A bell curve over log NE (Arnsten; Aston-Jones & Cohen's phasic optimum).
    """
    return P.FOCUS_PEAK * math.exp(-(math.log(ne / P.FOCUS_BEST_NE) ** 2) / P.FOCUS_WIDTH)


def _soft_ceiling(x: float, knee: float, span: float) -> float:
    """x below the knee; above it, bends smoothly so it never passes knee + span."""
    return x if x <= knee else knee + span * math.tanh((x - knee) / span)


def _soft_floor(x: float, knee: float, span: float) -> float:
    return x if x >= knee else knee - span * math.tanh((knee - x) / span)


def max_heart_rate(age: float) -> float:
    """Tanaka's age-predicted maximum: the ceiling heart rate approaches and never passes."""
    return P.TANAKA_INTERCEPT_BPM - P.TANAKA_PER_YEAR_BPM * age


def debt_fatigue(debt_hours: float) -> float:
    """The fatigue that sleep owed from earlier nights adds while awake.

    Felt from the moment of waking, so it is added to the readout, not relaxed in.
    """
    return min(P.FATIGUE_DEBT_MAX, P.FATIGUE_PER_DEBT_HOUR * debt_hours)


def compute(state: BodyState) -> dict[str, float | str]:
    """Every readout of ``state``, in READOUTS order."""
    b = state.physiology
    eff = effects_at(state.conditions, state.medications, state.clock)
    load = b.stress_load / 100.0
    beta1 = eff.beta1 * b.cardiac  # beta-1 stimulation of the heart (1 = rest)
    heart = _soft_floor(
        _soft_ceiling(
            P.REST_HEART_BPM + b.vagal + P.HEART_BPM_PER_DRIVE * (beta1 - 1.0),
            max_heart_rate(state.age) - P.HEART_SOFT_SPAN_BPM,
            P.HEART_SOFT_SPAN_BPM,
        ),
        P.HEART_SOFT_MIN_BPM,
        P.HEART_SOFT_FLOOR_SPAN_BPM,
    )
    alpha1 = math.log(max(P.MIN_VESSEL_TONE, b.vascular))  # vessel narrowing (0 = rest)
    unanswered = b.pooling - b.baroreflex  # standing's fall the baroreflex has not made up
    systolic = _soft_floor(
        P.REST_SYSTOLIC_MMHG
        + P.SYSTOLIC_PER_BETA1 * (beta1 - 1.0)
        + P.SYSTOLIC_PER_ALPHA1 * alpha1
        + b.pressor
        + P.SYSTOLIC_EXERCISE * b.metabolic
        + P.SYSTOLIC_LOAD * load
        - P.ORTHOSTATIC_SYSTOLIC_MMHG * unanswered,
        P.SYSTOLIC_SOFT_MIN_MMHG,
        P.PRESSURE_SOFT_FLOOR_SPAN_MMHG,
    )
    diastolic = _soft_floor(
        P.REST_DIASTOLIC_MMHG
        + P.DIASTOLIC_PER_BETA1 * (beta1 - 1.0)
        + P.DIASTOLIC_PER_ALPHA1 * alpha1
        + P.PRESSOR_DIASTOLIC_SHARE * b.pressor
        + P.DIASTOLIC_EXERCISE * b.metabolic
        + P.DIASTOLIC_LOAD * load
        + eff.diastolic_offset_mmhg
        - P.ORTHOSTATIC_DIASTOLIC_MMHG * unanswered,
        P.DIASTOLIC_SOFT_MIN_MMHG,
        P.PRESSURE_SOFT_FLOOR_SPAN_MMHG,
    )
    stroke_ml = (
        P.REST_STROKE_VOLUME_ML
        * (1.0 + P.STROKE_VOLUME_BETA1 * (beta1 - 1.0))
        * (1.0 + P.STROKE_VOLUME_EXERCISE * b.metabolic)
        * (1.0 + P.STROKE_VOLUME_TRAINING * b.training)
        * (1.0 - P.ORTHOSTATIC_STROKE_VOLUME * b.pooling)
    )
    output = heart * stroke_ml / 1000.0
    lc_rate = b.lc  # tonic firing; a burst is the phasic signal on top (see activity, ne)
    dilation = P.PUPIL_LC_SHARE * b.lc / P.REST_LC_HZ + (1.0 - P.PUPIL_LC_SHARE) * b.vascular
    pupil = P.PUPIL_MIN_MM - P.PUPIL_SPAN_MM * math.expm1(-dilation / P.PUPIL_SCALE)
    muscle = (
        100.0
        * (
            1.0
            + P.MUSCLE_METABOLIC * b.metabolic**P.MUSCLE_METABOLIC_POWER
            + P.MUSCLE_EPI_BETA2 * (b.epinephrine - 1.0)
            + P.MUSCLE_CARDIAC_OUTPUT * (output / 5.0 - 1.0)
        )
        * max(P.MUSCLE_ALPHA1_FLOOR, 1.0 - P.MUSCLE_ALPHA1 * (b.vascular - 1.0))
    )
    ne = max(b.ne, 1e-6)
    pain = (
        100.0
        - P.PAIN_ANALGESIA * -math.expm1(-max(0.0, ne - 100.0) / P.PAIN_NE_SCALE)
        + P.PAIN_DEFICIT * (1.0 - nerve_capacity(eff, b.stores))
        - P.PAIN_ALPHA2_AGONIST * eff.alpha2_agonist
    )
    fatigue = b.fatigue if state.sleep else b.fatigue + debt_fatigue(state.sleep_debt)
    tired = max(0.0, fatigue - P.REST_FATIGUE)
    odds = P.ALERT_AT_REST_ODDS * (ne / 100.0) ** P.ALERT_NE_EXPONENT
    alertness = 100.0 * odds / (1.0 + odds) - P.ALERT_H1 * eff.h1_block - P.ALERT_FATIGUE * tired
    focus = (
        inverted_u(ne)
        - P.FOCUS_FATIGUE * tired
        - P.FOCUS_H1 * eff.h1_block
        - P.FOCUS_ANXIETY * max(0.0, b.anxiety - P.FOCUS_ANXIETY_THRESHOLD)
        - P.FOCUS_LOAD * load
        + P.FOCUS_ALPHA2A * eff.alpha2_agonist
    )
    values: dict[str, float | str] = {
        "lc_rate": lc_rate,
        "lc_mode": lc_mode(lc_rate),
        "ne": ne,
        "ne_plasma": b.plasma,
        "heart_rate": heart,
        "systolic": systolic,
        "diastolic": diastolic,
        "resp_rate": b.resp,
        "glucose": b.glucose,
        "cardiac_output": output,
        "pupil": pupil,
        "muscle_flow": muscle,
        "digestion": b.digestion,
        "pain": pain,
        "alertness": alertness,
        "focus": focus,
        "anxiety": b.anxiety,
        "fatigue": fatigue,
        "mood": b.mood,
        "stress_load": b.stress_load,
    }
    for name in _SCORES:
        x = values[name]
        if isinstance(x, float):  # always: scores are numbers (this tells the checker)
            values[name] = 0.0 if x < 0.0 else 100.0 if x > 100.0 else x
    return values
