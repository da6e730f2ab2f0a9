"""Conditions and medications: what each one changes in the model, and why the game shows it.

A modifier is data: a title and a teaching point for the screens, and an
``Effects`` record for the model. Conditions act at once (they are already
there when a story adds them); medications act through their onset, computed
from the body's clock and the time the medication was started.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Final, NamedTuple

from game.body import params as P
from game.body.state import BodyState


@dataclass(frozen=True, slots=True)
class Modifier:
    """A condition or medication as the story and the codex see it."""

    id: str
    kind: str  # "condition" | "medication"
    title: str
    teaching_point: str


class Effects(NamedTuple):
    """How modifiers change the model; the defaults are a healthy, untreated body.

    Capacities and gains multiply, blocks and offsets are fractions or amounts.
    (A named tuple: it is rebuilt at every sub-step while a medication takes
    effect, and tuples are the cheapest immutable records to rebuild.)
    """

    lc_capacity: float = 1.0  # LC neurons left (Parkinson's)
    sympathetic_capacity: float = 1.0  # sympathetic nerves left (Parkinson's, neuropathy)
    adrenal_capacity: float = 1.0
    lc_gain: float = 1.0  # drugs that slow LC firing (clonidine, SSRI)
    central_sympathetic: float = 1.0  # brainstem sympathetic outflow (clonidine)
    sympathetic_gain: float = 1.0  # compensatory rise (hypothyroidism)
    net_block: float = 0.0  # fraction of NE transporters blocked (SNRI, NRI)
    beta1: float = 1.0  # beta-1 responsiveness (beta blocker, hypothyroidism)
    heart_offset_bpm: float = 0.0  # intrinsic or vagal change of heart rate
    diastolic_offset_mmhg: float = 0.0
    h1_block: float = 0.0  # histamine H1 block (sedating antihistamine)
    alpha2_agonist: float = 0.0  # clonidine in the spinal cord: analgesia
    mood_benefit: float = 0.0  # antidepressant benefit when fully developed (points)
    mood_offset: float = 0.0
    fatigue_offset: float = 0.0
    background_threat: float = 0.0  # a threat that never habituates (chronic stress)
    sleep_restfulness: float = 1.0
    glucose_rest: float = P.REST_GLUCOSE_MG_DL
    glucose_tau_factor: float = 1.0
    glucose_gain: float = 1.0
    vmat_block: float = 0.0  # reserpine blocks the vesicle transporter: stores empty


NONE: Final = Effects()

_CONDITIONS = (
    (
        Modifier(
            "parkinsons",
            "condition",
            "Parkinson's disease",
            "A true NE deficiency: the LC and sympathetic nerves degenerate, so responses "
            "are small, with fatigue, poor focus and low standing blood pressure.",
        ),
        Effects(lc_capacity=0.5, sympathetic_capacity=0.5),
    ),
    (
        Modifier(
            "diabetic_neuropathy",
            "condition",
            "Diabetes with autonomic neuropathy",
            "Diabetes lowers NE responses only when it damages the autonomic nerves.",
        ),
        Effects(
            sympathetic_capacity=0.6,
            adrenal_capacity=0.6,
            heart_offset_bpm=10.0,
            glucose_rest=110.0,
            glucose_tau_factor=2.2,
            glucose_gain=1.8,
        ),
    ),
    (
        Modifier(
            "hypothyroidism",
            "condition",
            "Hypothyroidism",
            "Fatigue is not always low NE: thyroid hormone is low, and the body raises NE "
            "to compensate.",
        ),
        Effects(
            heart_offset_bpm=-10.0,
            beta1=0.75,
            sympathetic_gain=1.35,
            diastolic_offset_mmhg=6.0,
            fatigue_offset=18.0,
            mood_offset=-12.0,
        ),
    ),
    (
        Modifier(
            "chronic_stress",
            "condition",
            "Chronic stress",
            "Too much NE: a stress response that will not switch off brings anxiety and "
            "high blood pressure.",
        ),
        Effects(background_threat=0.25, sleep_restfulness=0.6),
    ),
)

_MEDICATIONS = (
    (
        Modifier(
            "reserpine",
            "medication",
            "Reserpine",
            "A medicine that really lowers NE: it empties the NE stores over days.",
        ),
        Effects(vmat_block=1.0),
        0.0,
    ),
    (
        Modifier(
            "clonidine",
            "medication",
            "Clonidine",
            "An alpha-2 agonist: it acts on the autoreceptors, so LC firing and blood "
            "pressure fall.",
        ),
        Effects(lc_gain=0.6, central_sympathetic=0.6, alpha2_agonist=1.0, fatigue_offset=8.0),
        1 * P.HOUR,
    ),
    (
        Modifier(
            "sedating_antihistamine",
            "medication",
            "Sedating antihistamine",
            "Drowsiness with normal NE: it blocks histamine H1 receptors in the brain.",
        ),
        Effects(h1_block=1.0),
        1 * P.HOUR,
    ),
    (
        Modifier(
            "snri",
            "medication",
            "SNRI antidepressant",
            "Blocks NE (and serotonin) reuptake within hours, but the mood benefit takes "
            "2 to 4 weeks, fuller by 6 to 8; a doctor monitors it.",
        ),
        Effects(net_block=0.5, mood_benefit=16.0),
        3 * P.HOUR,
    ),
    (
        Modifier(
            "nri",
            "medication",
            "NRI antidepressant",
            "Blocks NE reuptake within hours; the mood benefit takes weeks; a doctor monitors it.",
        ),
        Effects(net_block=0.6, mood_benefit=14.0),
        3 * P.HOUR,
    ),
    (
        Modifier(
            "ssri",
            "medication",
            "SSRI antidepressant",
            "Not every antidepressant raises NE: an SSRI acts on serotonin, and LC firing "
            "even falls slightly.",
        ),
        Effects(lc_gain=0.9, mood_benefit=15.0),
        1 * P.DAY,
    ),
    (
        Modifier(
            "beta_blocker",
            "medication",
            "Beta blocker",
            "Receptors decide the effect: with beta-1 receptors blocked, the same NE "
            "moves the heart much less.",
        ),
        Effects(beta1=0.33),
        # Oral propranolol acts within an hour, peaking at 1-4 h (Inderal product label).
        0.5 * P.HOUR,
    ),
)

CONDITIONS: Final = MappingProxyType({m.id: m for m, _ in _CONDITIONS})
MEDICATIONS: Final = MappingProxyType({m.id: m for m, _, _ in _MEDICATIONS})


def onset(tau_s: float, elapsed_s: float) -> float:
    """Fraction of a medication's direct effect reached ``elapsed_s`` after the start."""
    if elapsed_s <= 0.0:
        return 0.0
    if tau_s <= 0.0:
        return 1.0
    return -math.expm1(-elapsed_s / tau_s)


def antidepressant_onset(elapsed_s: float) -> float:
    """Delayed, S-shaped build-up of mood benefit: little in days, most by 6-8 weeks."""
    if elapsed_s <= 0.0:
        return 0.0
    ratio: float = (elapsed_s / P.ANTIDEPRESSANT_HALF_TIME_S) ** P.ANTIDEPRESSANT_HILL
    return ratio / (1.0 + ratio)


# How several modifiers acting on the same field combine.
_MULTIPLY = {
    "lc_capacity",
    "sympathetic_capacity",
    "adrenal_capacity",
    "lc_gain",
    "central_sympathetic",
    "sympathetic_gain",
    "beta1",
}
_ADD = {"heart_offset_bpm", "diastolic_offset_mmhg", "mood_offset", "fatigue_offset"}
_MIN = {"sleep_restfulness"}  # the least restful sleep wins; every other field: the largest
_COMBINE = {
    name: (
        operator.mul
        if name in _MULTIPLY
        else operator.add
        if name in _ADD
        else min
        if name in _MIN
        else max
    )
    for name in Effects._fields
}


def _changes(e: Effects) -> tuple[tuple[str, float, float], ...]:
    """The fields a modifier changes, as (name, full value, neutral value)."""
    return tuple(
        (name, full, neutral)
        for name, full, neutral in zip(Effects._fields, e, NONE, strict=True)
        if full != neutral
    )


_CONDITION_CHANGES = {m.id: _changes(e) for m, e in _CONDITIONS}
_MEDICATION_CHANGES = {m.id: _changes(e) for m, e, _ in _MEDICATIONS}
_ONSET_TAU_S = {m.id: tau for m, _, tau in _MEDICATIONS}


@lru_cache(maxsize=64)
def _conditions(conditions: tuple[str, ...]) -> Effects:
    """Conditions do not change with time, so their combined effects are computed once."""
    merged: dict[str, float] = {}
    for c in conditions:
        for name, full, neutral in _CONDITION_CHANGES[c]:
            merged[name] = _COMBINE[name](merged.get(name, neutral), full)
    return NONE._replace(**merged)


def compute_effects(
    conditions: tuple[str, ...], medications: tuple[tuple[str, float], ...], clock: float
) -> Effects:
    """All modifiers' effects at time ``clock``; the healthy defaults when there are none.

    A medication's effect moves from neutral to full with its onset: the direct
    effects over hours, the antidepressant mood benefit over weeks. (The
    integrator calls this at every sub-step while a medication is taken, so
    it works on a list by field position.)
    """
    base = _conditions(conditions)
    if not medications:
        return base
    values = list(base)
    for med, started in medications:
        elapsed = clock - started
        direct = onset(_ONSET_TAU_S[med], elapsed)
        for index, full, neutral, delayed, combine in _MEDICATION_FIELDS[med]:
            level = antidepressant_onset(elapsed) if delayed else direct
            values[index] = combine(values[index], neutral + (full - neutral) * level)
    return Effects._make(values)


_MEDICATION_FIELDS = {
    med: tuple(
        (Effects._fields.index(name), full, neutral, name == "mood_benefit", _COMBINE[name])
        for name, full, neutral in changes
    )
    for med, changes in _MEDICATION_CHANGES.items()
}


# Readouts and explanations ask for the effects of the same (state, clock) again and
# again; the integrator asks for a new clock every sub-step and calls compute_effects.
effects_at = lru_cache(maxsize=256)(compute_effects)


_ONSET_SETTLED_TAUS = -math.log(P.SETTLED_FRACTION)  # e^-4.6: 1% of the effect still to come


def onset_under_way(medications: tuple[tuple[str, float], ...], clock: float) -> float:
    """The shortest onset time constant of a medication still taking effect at ``clock``.

    (inf if none.) An onset bends every target it touches, so sub-steps follow
    it like a quantity in a transient (see numerics.moving_limit).
    """
    shortest = math.inf
    for med, started in medications:
        tau = _ONSET_TAU_S[med]
        if 0.0 < tau < shortest and clock - started < tau * _ONSET_SETTLED_TAUS:
            shortest = tau
    return shortest


def _check(table: Mapping[str, object], kind: str, ident: str) -> None:
    if ident not in table:
        known = ", ".join(sorted(table))
        raise ValueError(f"unknown {kind} {ident!r}; known: {known}")


def add_condition(state: BodyState, ident: str) -> BodyState:
    """The same body with condition ``ident`` (no change if it is already there)."""
    _check(CONDITIONS, "condition", ident)
    if ident in state.conditions:
        return state
    return state._replace(conditions=tuple(sorted((*state.conditions, ident))))


def remove_condition(state: BodyState, ident: str) -> BodyState:
    """The same body without condition ``ident`` (no change if it was not there)."""
    _check(CONDITIONS, "condition", ident)
    if ident not in state.conditions:
        return state
    return state._replace(conditions=tuple(c for c in state.conditions if c != ident))


def start_medication(state: BodyState, ident: str) -> BodyState:
    """Start ``ident`` now, on the body's clock; a medication already taken keeps its start."""
    _check(MEDICATIONS, "medication", ident)
    if any(m == ident for m, _ in state.medications):
        return state
    meds = tuple(sorted((*state.medications, (ident, state.clock))))
    return state._replace(medications=meds)


def stop_medication(state: BodyState, ident: str) -> BodyState:
    """Stop ``ident``: its direct effects end; slow changes (stores, mood) fade over days."""
    _check(MEDICATIONS, "medication", ident)
    meds = tuple(m for m in state.medications if m[0] != ident)
    return state if len(meds) == len(state.medications) else state._replace(medications=meds)
