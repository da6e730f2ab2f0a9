"""The public face of the body model: make a body, change its inputs, let time pass, read it.

Pure and deterministic: every function returns a new value and the same calls
give the same state, bit for bit. No I/O and no user-interface imports, so the
engine, the TUI, tools and tests all share it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from contextlib import AbstractContextManager
from functools import lru_cache

from game.body import params as P
from game.body.dynamics import integrate, settle
from game.body.explain import Explanation
from game.body.explain import explain as _explain
from game.body.memo import Memo
from game.body.modifiers import CONDITIONS, MEDICATIONS
from game.body.quantities import ALARM, BURST, GUT_CARBS, PERCEIVED
from game.body.readouts import READOUTS, Readout, compute
from game.body.serialize import from_dict, to_dict
from game.body.state import INPUTS, BodyState, Physiology

__all__ = [
    "ADVANCE_MEMO",
    "INPUTS",
    "ORGANS",
    "READOUTS",
    "BodyState",
    "Explanation",
    "Readout",
    "activity",
    "advance",
    "advance_state",
    "from_dict",
    "initial_state",
    "readout",
    "readouts",
    "remembering",
    "to_dict",
    "with_inputs",
]

ORGANS = ("lc", "heart", "lungs", "pupils", "liver", "gut", "muscles")

_new = tuple.__new__
_MAX_GUT_CARBS = 3.0  # three full meals waiting is the most the gut holds in the model


def initial_state(
    conditions: Iterable[str] = (),
    medications: Iterable[str] = (),
    inputs: Mapping[str, float | bool] | None = None,
    age: float = P.DEFAULT_AGE_YEARS,
) -> BodyState:
    """A body at rest, settled with its conditions and (long-established) medications.

    The inputs are then applied as a change, so a starting threat still
    startles; a story that starts calm gets calm's effects as time passes.
    ``age`` (years) sets the age-predicted maximum heart rate.
    """
    if isinstance(age, bool) or not isinstance(age, int | float) or not 5 <= age <= 100:
        raise ValueError(f"age must be a number of years from 5 to 100, not {age!r}")
    conditions = tuple(sorted(set(conditions)))
    medications = tuple(sorted(set(medications)))
    for c in conditions:
        if c not in CONDITIONS:
            raise ValueError(f"unknown condition {c!r}; known: {', '.join(sorted(CONDITIONS))}")
    for m in medications:
        if m not in MEDICATIONS:
            raise ValueError(f"unknown medication {m!r}; known: {', '.join(sorted(MEDICATIONS))}")
    blank = BodyState(
        clock=0.0,
        threat=0.0,
        exercise=0.0,
        calm=0.0,
        sleep=False,
        standing=False,
        conditions=conditions,
        medications=tuple((m, -P.SETTLED_AGO_S) for m in medications),
        hours_awake=P.HOURS_AWAKE_AT_START,
        sleep_debt=0.0,
        awake_at_bedtime=0.0,
        age=float(age),
        physiology=Physiology._make([0.0] * len(Physiology._fields)),
    )
    state = settle(blank)
    return with_inputs(state, inputs) if inputs else state


def _fraction(name: str, value: object) -> float:
    if type(value) is float and 0.0 < value <= 1.0:  # the usual case, checked cheaply
        return value
    if isinstance(value, bool) or not isinstance(value, int | float) or math.isnan(value):
        raise ValueError(f"body input {name!r} must be a number from 0 to 1, not {value!r}")
    return min(1.0, max(0.0, float(value)))


def _flag(name: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    raise ValueError(f"body input {name!r} must be true or false, not {value!r}")


def with_inputs(state: BodyState, changes: Mapping[str, float | bool]) -> BodyState:
    """The same body with new inputs; see physiology.md for what each one means.

    A new threat level is perceived at once (a rise brings an LC burst and an
    alarm surge of sympathetic outflow); setting the level it already has
    changes nothing, so habituation goes on; ``threat: 0`` ends the threat at
    once; ``meal`` adds carbohydrate that the gut absorbs over about an hour.
    Falling asleep notes the sleep pressure; waking turns what the sleep did not
    pay back into sleep debt (see ``_woken``). ``standing`` is posture: true
    standing, false sitting or lying.
    """
    if not INPUTS.keys() >= changes.keys():
        unknown = sorted(str(k) for k in changes if k not in INPUTS)
        raise ValueError(f"unknown body input(s) {unknown}; known: {', '.join(INPUTS)}")
    b = state.physiology
    threat, exercise, calm = state.threat, state.exercise, state.calm
    asleep, standing = state.sleep, state.standing
    body: list[float] | None = None  # the quantities an input moves at once, if any
    if "threat" in changes and (level := _fraction("threat", changes["threat"])) != threat:
        threat = level
        body = [*b]
        if threat == 0.0:
            body[PERCEIVED] = body[ALARM] = 0.0
        else:
            rise = max(0.0, threat - b.perceived)
            body[PERCEIVED], body[ALARM] = threat, max(b.alarm, rise)
            if rise >= P.BURST_MIN_RISE:
                body[BURST] = max(b.burst, P.BURST_BASE_HZ + P.BURST_PER_RISE_HZ * rise)
    if "exercise" in changes:
        exercise = _fraction("exercise", changes["exercise"])
    if "calm" in changes:
        calm = _fraction("calm", changes["calm"])
    if "sleep" in changes:
        asleep = _flag("sleep", changes["sleep"])
    if "standing" in changes:
        standing = _flag("standing", changes["standing"])
    if "meal" in changes:
        if body is None:
            body = [*b]
        body[GUT_CARBS] = min(_MAX_GUT_CARBS, b.gut_carbs + _fraction("meal", changes["meal"]))
    if (
        body is None
        and threat == state.threat
        and exercise == state.exercise
        and calm == state.calm
        and asleep == state.sleep
        and standing == state.standing
    ):
        return state  # the same object: whatever remembers this body recognises it
    hours, debt, bedtime = state.hours_awake, state.sleep_debt, state.awake_at_bedtime
    if asleep and not state.sleep:
        bedtime = hours
    elif state.sleep and not asleep:
        hours, debt = _woken(hours, debt, bedtime)
    # (tuple.__new__, as dynamics.integrate builds its result: the fields in order, without
    # the named tuples' Python-level constructors, which cost as much as the rest here.)
    return _new(
        BodyState,
        (
            state.clock,
            threat,
            exercise,
            calm,
            asleep,
            standing,
            state.conditions,
            state.medications,
            hours,
            debt,
            bedtime,
            state.age,
            b if body is None else _new(Physiology, body),
        ),
    )


def _woken(hours: float, debt: float, bedtime: float) -> tuple[float, float]:
    """Sleep pressure and sleep debt on waking.

    A night pays back the pressure of the day before it; what it leaves unpaid
    becomes debt, in hours of sleep. A sleep that began early in the day (a nap)
    is not expected to pay back a whole day, so it leaves no debt: only pressure
    beyond what the hours not yet spent awake that day would have built counts.
    """
    unused = max(0.0, P.HOURS_AWAKE_BEFORE_DEBT - bedtime)
    unpaid = max(0.0, hours - unused)
    if not unpaid:
        return hours, debt
    return hours - unpaid, debt + unpaid / P.SLEEP_REPAYS_PER_HOUR


def _checked(seconds: object) -> float:
    if type(seconds) is float and 0.0 <= seconds < math.inf:  # the usual case, checked cheaply
        return seconds
    if (
        isinstance(seconds, bool)
        or not isinstance(seconds, int | float)
        or not (0.0 <= seconds < math.inf)
    ):
        raise ValueError(f"seconds must be a finite number >= 0, not {seconds!r}")
    return float(seconds)


def advance(state: BodyState, seconds: float) -> tuple[BodyState, tuple[Explanation, ...]]:
    """The body ``seconds`` later with the inputs held, and the causal links of that step."""
    seconds = _checked(seconds)
    if seconds == 0:
        return state, ()
    after = ADVANCE_MEMO.call(state, seconds)
    return after, _EXPLANATIONS.call(state, after)


def advance_state(state: BodyState, seconds: float) -> BodyState:
    """``advance`` without the causal links, for tools that only follow states."""
    seconds = _checked(seconds)
    return ADVANCE_MEMO.call(state, seconds) if seconds else state


def compute_advance(state: BodyState, seconds: float) -> tuple[BodyState, tuple[Explanation, ...]]:
    """``advance`` without the memo: what benchmarks measure."""
    after = integrate(state, seconds)
    return after, _explain_step(state, after)


def _explain_step(before: BodyState, after: BodyState) -> tuple[Explanation, ...]:
    return _explain(before, after, _READOUTS.of(before), _READOUTS.of(after))


# Remembering recent steps turns revisited ones into one dict lookup (see memo.py).
MEMO_SIZE = 16_384
# One remembered advance: its result (a BodyState of 30 floats, ~1 KB) and the body
# it started from, which the memo keeps alive (~1 KB); an explanation: its links
# (the bodies are the advance memo's). Measured by tests/body/test_memo.py.
_ADVANCE_BYTES = 2048
_EXPLANATION_BYTES = 1024
ADVANCE_MEMO: Memo[[BodyState, float], BodyState] = Memo(integrate, MEMO_SIZE, _ADVANCE_BYTES)
_EXPLANATIONS = Memo(_explain_step, MEMO_SIZE, _EXPLANATION_BYTES)


def remembering(
    size: int, max_mb: float | None = None
) -> AbstractContextManager[Callable[[], None]]:
    """Remember up to ``size`` advances (never fewer than usual) while the block runs.

    For tools that replay the same bodies at scale: a random playtest of
    10,000 playthroughs meets about 33,000 distinct (body, interval) pairs,
    and evicting them from the interactive-sized memo cost it two thirds of
    its hits. ``max_mb`` caps the memo at about that much memory (one advance
    is ``ADVANCE_MEMO.entry_bytes``), for a caller with a memory budget;
    ``ADVANCE_MEMO.approx_bytes()`` says what it holds. Only the memo
    changes, never a result. The block gets a function that returns the memo
    to its usual size early (see ``Memo.widened``).
    """
    if max_mb is not None:
        size = min(size, ADVANCE_MEMO.entries_within(max_mb * 2**20))
    return ADVANCE_MEMO.widened(size)


class _RecentReadouts:
    """The readouts of the last two states asked about, recognised by identity.

    Stories read many ``body.<name>`` values of the same state in a row, and
    an engine step compares a couple of dozen values of the state before and
    after; identity needs no hashing. The two states are kept alive here, so
    their identities cannot be reused by other objects. Older states' readouts
    come from a small memo by value (states are immutable).
    """

    __slots__ = ("newest", "older")
    _by_value = staticmethod(lru_cache(maxsize=256)(compute))

    def __init__(self) -> None:
        self.newest: tuple[BodyState | None, dict[str, float | str]] = (None, {})
        self.older: tuple[BodyState | None, dict[str, float | str]] = self.newest

    def of(self, state: BodyState) -> dict[str, float | str]:
        newest = self.newest
        if newest[0] is state:
            return newest[1]
        if self.older[0] is state:
            return self.older[1]
        values = self._by_value(state)
        self.newest, self.older = (state, values), newest
        return values


_READOUTS = _RecentReadouts()


def readout(state: BodyState, name: str) -> float | str:
    """One readout (``body.<name>`` in stories); KeyError for unknown names."""
    if name not in READOUTS:
        raise KeyError(name)
    return _READOUTS.of(state)[name]


def readouts(state: BodyState) -> dict[str, float | str]:
    """All readouts, in the order of physiology.md's table (a fresh dict the caller may keep)."""
    return dict(_READOUTS.of(state))


def _share(x: float, span: float) -> float:
    return min(1.0, max(0.0, x / span))


def activity(state: BodyState) -> dict[str, float]:
    """How strongly each organ of the diagram is responding now, 0 (rest) to 1.

    Each value is how far the organ's readout has moved from rest, scaled so a
    full fight-or-flight or hard-exercise response reaches about 1; the liver
    counts its adrenergic glucose release.
    """
    r = _READOUTS.of(state)
    return {
        "lc": max(
            _share(float(r["lc_rate"]) - P.REST_LC_HZ, 4.5), _share(state.physiology.burst, 15.0)
        ),
        "heart": _share(float(r["heart_rate"]) - P.REST_HEART_BPM, 80.0),
        "lungs": _share(float(r["resp_rate"]) - P.REST_RESP_PER_MIN, 16.0),
        "pupils": _share(float(r["pupil"]) - P.REST_PUPIL_MM, 3.0),
        "liver": _share(state.physiology.liver, 0.8),
        "gut": _share(abs(100.0 - float(r["digestion"])), 70.0),  # slowed by NE, or digesting
        "muscles": _share(float(r["muscle_flow"]) - 100.0, 400.0),
    }
