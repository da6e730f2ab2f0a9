"""The causal links of one step, in plain words, for the event log and the body diagram.

Each link looks at what moved between two states and, if it moved enough,
says why, in the wording of physiology.md's accuracy notes: blood NE comes
from sympathetic nerves (not the LC) and is a marker, never "plasma NE ->
faster heart"; extra muscle flow comes from epinephrine, cardiac output and
metabolites while NE itself narrows muscle arterioles.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from game.body import params as P
from game.body.modifiers import Effects, effects_at
from game.body.readouts import inverted_u
from game.body.state import BodyState

MAX_LINKS = 6
_SCORE_CAP = 5.0  # a huge change should not push every other link off the list


@dataclass(frozen=True, slots=True)
class Explanation:
    """One causal link; ``organ`` is the body-diagram part it lights (None for none)."""

    text: str
    readouts: tuple[str, ...]
    organ: str | None


class _Step:
    """What a link rule sees: both states, their readouts and modifier effects.

    (A plain slotted class: one is made for every step of the body, so it
    should be cheap to build.)
    """

    __slots__ = ("after", "before", "eff_after", "eff_before", "new", "old")

    def __init__(
        self,
        before: BodyState,
        after: BodyState,
        old: dict[str, float | str],
        new: dict[str, float | str],
        eff_before: Effects,
        eff_after: Effects,
    ) -> None:
        self.before = before
        self.after = after
        self.old = old
        self.new = new
        self.eff_before = eff_before
        self.eff_after = eff_after

    def change(self, name: str) -> float:
        return self.new[name] - self.old[name]  # type: ignore[operator]  # numeric readouts

    def on(self, medication: str) -> bool:
        return any(m == medication for m, _ in self.after.medications)


# A rule returns (size of the change in units of its threshold, link) or None.
_Rule = Callable[[_Step], tuple[float, Explanation] | None]
_RULES: list[tuple[float, _Rule, str | None, float]] = []


def _rule(weight: float, moves: tuple[str, float] | None = None) -> Callable[[_Rule], _Rule]:
    """Register a rule; ``moves`` = (readout, threshold) when it is silent unless that moved."""
    name, threshold = moves if moves else (None, 0.0)

    def register(fn: _Rule) -> _Rule:
        _RULES.append((weight, fn, name, threshold))
        return fn

    return register


def _moved(step: _Step, name: str, threshold: float) -> float:
    """The change of a readout in units of its threshold (0 if below the threshold)."""
    size = abs(step.new[name] - step.old[name]) / threshold  # type: ignore[operator]
    return size if size >= 1.0 else 0.0


# Links are immutable and their wording comes from a small set, so each is made once.
_explanation = lru_cache(maxsize=1024)(Explanation)


def _link(
    size: float, text: str, readouts: tuple[str, ...], organ: str | None
) -> tuple[float, Explanation] | None:
    return (size, _explanation(text, readouts, organ)) if size > 0.0 else None


def _falls(step: _Step, name: str, words: str) -> str:
    """``words`` if readout ``name`` fell over the step, else nothing: never a false arrow."""
    return words if step.change(name) < 0 else ""


def _rises(step: _Step, name: str, words: str) -> str:
    """``words`` if readout ``name`` rose over the step, else nothing."""
    return words if step.change(name) > 0 else ""


@_rule(3.0)
def _lc_burst(step: _Step) -> tuple[float, Explanation] | None:
    if step.before.physiology.burst < 5.0:
        return None
    arrows = ""
    if step.change("ne") > 0:
        arrows = " → brain NE ↑" + (" → alertness ↑" if step.change("alertness") > 0 else "")
    return _link(
        _SCORE_CAP,
        "New threat → LC burst (phasic, 10–20 Hz)" + arrows,
        ("lc_rate", "ne", "alertness"),
        "lc",
    )


@_rule(2.5)
def _medication_onsets(step: _Step) -> tuple[float, Explanation] | None:
    b, a = step.eff_before, step.eff_after
    if a.net_block - b.net_block >= 0.05:
        drug = "SNRI" if step.on("snri") else "NRI"
        return _link(
            2.0,
            f"NET blocked by the {drug} → synaptic NE ↑ (α2 autoreceptors slow the LC a little)",
            ("ne", "lc_rate"),
            "lc",
        )
    if b.beta1 - a.beta1 >= 0.05 and step.on("beta_blocker"):
        return _link(
            2.0,
            "Beta blocker on β1 receptors → the same NE moves the heart less"
            + _falls(step, "heart_rate", " → heart rate ↓"),
            ("heart_rate", "cardiac_output"),
            "heart",
        )
    if b.central_sympathetic - a.central_sympathetic >= 0.03:
        return _link(
            2.0,
            "Clonidine on α2 receptors → brainstem sympathetic outflow ↓"
            + _falls(step, "systolic", " → blood pressure ↓")
            + _falls(step, "lc_rate", "; LC firing ↓ → drowsiness"),
            ("lc_rate", "systolic"),
            "lc",
        )
    if a.h1_block - b.h1_block >= 0.05:
        return _link(
            2.0,
            "Antihistamine blocks histamine H1"
            + _falls(step, "alertness", " → alertness ↓")
            + " (NE unchanged)",
            ("alertness",),
            None,
        )
    if b.lc_gain - a.lc_gain >= 0.01 and step.on("ssri"):
        return _link(
            1.5,
            "SSRI → serotonin ↑"
            + _falls(step, "lc_rate", " → LC firing slightly ↓")
            + " (NE not raised)",
            ("lc_rate",),
            "lc",
        )
    return None


@_rule(2.5)
def _stores(step: _Step) -> tuple[float, Explanation] | None:
    d = step.after.physiology.stores - step.before.physiology.stores
    if d <= -0.03:
        falls = [
            words
            for name, words in (("ne", "brain NE ↓"), ("systolic", "blood pressure ↓"))
            if step.change(name) < 0
        ]
        return _link(
            abs(d) / 0.03,
            "Reserpine empties NE stores (vesicles) → less NE released"
            + (" → " + ", ".join(falls) if falls else ""),
            ("ne", "systolic"),
            "lc",
        )
    if d >= 0.03:
        return _link(d / 0.03, "NE stores refill → more NE released", ("ne",), "lc")
    return None


def _drug_moved_the_lc(step: _Step) -> bool:
    """A medication's onset changed LC firing; its own link says so."""
    b, a = step.eff_before, step.eff_after
    return abs(a.lc_gain - b.lc_gain) >= 0.01 or abs(a.net_block - b.net_block) >= 0.05


@_rule(2.0)
def _lc_tonic(step: _Step) -> tuple[float, Explanation] | None:
    d = step.after.physiology.lc - step.before.physiology.lc
    size = abs(d) / 0.4
    if size < 1.0 or _drug_moved_the_lc(step):
        return None
    after = step.after
    readouts = ("lc_rate", "ne", "alertness")
    if d > 0:
        if step.new["lc_mode"] == "high_tonic" and step.change("focus") < 0:
            return _link(
                size,
                "LC fires fast and steadily (high tonic) → brain NE past the top "
                "of the inverted U → focus ↓, anxious and distractible",
                (*readouts, "focus", "anxiety"),
                "lc",
            )
        if after.sleep:
            text = (
                "Worry keeps the sleeping LC firing (sleep restores less)"
                if after.threat > 0.0
                else "LC fires faster (tonic)"
            )
            return _link(size, text + _rises(step, "ne", " → brain NE ↑"), readouts, "lc")
        if step.old["lc_mode"] == "low_tonic" and after.threat == 0.0:
            cause = "Waking"
        elif after.threat > 0.0:
            cause = "Threat"
        elif after.exercise > 0.0:
            cause = "Effort"
        elif step.eff_after.background_threat > 0.0:
            cause = "Chronic stress"
        else:
            cause = "Less restraint"
        arrows = ""
        if step.change("ne") > 0:
            arrows = " → brain NE ↑" + (" → alertness ↑" if step.change("alertness") > 0 else "")
        return _link(size, f"{cause} → LC fires faster (tonic){arrows}", readouts, "lc")
    if after.sleep:
        text = "Asleep → LC fires less (least in REM sleep)"
    elif after.threat > 0.0:
        faster = ", faster with calm" if after.calm > 0.0 else ""
        text = f"The threat fades (habituation{faster}) → LC fires slower"
    elif after.calm > 0.0:
        text = "Calm → LC fires slower"
    else:
        text = "Threat over → LC fires slower"
    return _link(size, text + _falls(step, "ne", " → brain NE ↓"), readouts, "lc")


@_rule(1.2, moves=("focus", 3.0))
def _focus(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "focus", 3.0)
    if not size or step.after.sleep:
        return None
    if step.new["lc_mode"] == "high_tonic" and step.change("focus") < 0:
        return None  # the LC link already says that high tonic NE costs focus
    rising = step.change("focus") > 0
    ne_old, ne = float(step.old["ne"]), float(step.new["ne"])
    arrow = "↑" if rising else "↓"
    by_ne = inverted_u(ne) - inverted_u(ne_old)
    if by_ne / step.change("focus") < 0.5:  # mostly not NE: say what else moved focus
        down = "↓" if rising else "↑"  # a cause moving against focus
        if abs(step.change("fatigue")) >= 3.0 and step.change("fatigue") * step.change("focus") < 0:
            return _link(size, f"Fatigue {down} → focus {arrow}", ("focus", "fatigue"), None)
        if step.eff_after.h1_block > step.eff_before.h1_block and not rising:
            return _link(
                size,
                "Drowsiness from histamine H1 block (NE unchanged) → focus ↓",
                ("focus", "alertness"),
                None,
            )
        if abs(step.change("stress_load")) >= 2.0 and (
            step.change("stress_load") * step.change("focus") < 0
        ):
            return _link(
                size, f"Stress load {down} → focus {arrow}", ("focus", "stress_load"), None
            )
        text = f"Focus {arrow}"
    elif ne > P.FOCUS_BEST_NE:
        text = (
            "Brain NE past the top of the inverted U → focus ↓"
            if not rising
            else "Brain NE back toward the top of the inverted U → focus ↑"
        )
    elif rising:
        text = "Moderate brain NE (phasic mode) → focus ↑ (rising side of the inverted U)"
    elif ne >= 80.0:
        text = "Less brain NE → focus ↓ (toward the low side of the inverted U)"
    else:
        text = "Too little brain NE → focus ↓ (low side of the inverted U)"
    return _link(size, text, ("focus", "ne"), "lc")


@_rule(2.0, moves=("heart_rate", 3.0))
def _heart(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "heart_rate", 3.0)
    if not size or step.eff_before.beta1 - step.eff_after.beta1 >= 0.05:
        return None  # a beta blocker taking effect has its own link
    after = step.after
    if step.change("heart_rate") > 0:
        if after.exercise > step.before.physiology.metabolic + 0.05 or (
            after.exercise > 0.0 and after.threat == 0.0
        ):
            text = (
                "Effort lifts the vagal brake, and sympathetic nerves → NE on β1 receptors "
                "→ heart rate ↑"
                + (", cardiac output ↑" if step.change("cardiac_output") > 0 else "")
            )
        else:
            text = "Sympathetic nerves → NE on β1 receptors → heart rate ↑"
        if step.eff_after.beta1 < 0.9:
            text += " (β1 blocked: a smaller rise)"
    elif after.sleep:
        text = "Asleep → sympathetic tone ↓, vagal tone ↑ → heart rate ↓"
    elif after.threat == 0.0 and after.exercise == 0.0 and step.before.physiology.cardiac > 1.2:
        cause = "Effort over" if step.before.physiology.metabolic > 0.1 else "Threat over"
        text = (
            f"{cause} → sympathetic nerves quieten, NE cleared by reuptake (NET), "
            "the vagal brake returns → heart rate ↓"
        )
    elif after.calm > 0.0:
        text = "Slow breathing → vagal tone ↑, sympathetic drive ↓ → heart rate ↓"
    elif after.threat > 0.0 and step.before.physiology.perceived > after.physiology.perceived:
        text = "The threat fades (habituation) → less sympathetic drive → heart rate ↓"
    elif after.physiology.stores < step.before.physiology.stores:
        text = "Less NE released (emptied stores) → heart rate ↓"
    else:
        text = "Less sympathetic drive → heart rate ↓"
    return _link(size, text, ("heart_rate", "cardiac_output"), "heart")


def _posture_moved(step: _Step) -> bool:
    b, a = step.before.physiology, step.after.physiology
    return abs(a.pooling - b.pooling) >= 0.1 or abs(a.baroreflex - b.baroreflex) >= 0.1


@_rule(2.0)
def _posture(step: _Step) -> tuple[float, Explanation] | None:
    if not _posture_moved(step):
        return None
    a = step.after.physiology
    if not step.after.standing:
        text = "Lying down → blood returns from the legs" + _rises(
            step, "systolic", " → blood pressure ↑"
        )
    elif a.baroreflex < 0.5 * a.pooling:
        text = (
            "Standing → blood pools in the legs; too few sympathetic nerves answer "
            "(baroreflex) → blood pressure stays low (orthostatic hypotension)"
        )
    else:
        text = (
            "Standing → blood pools in the legs → baroreflex: sympathetic nerves narrow "
            "the vessels and speed the heart" + _rises(step, "heart_rate", " → heart rate ↑")
        )
    return _link(2.0, text, ("systolic", "diastolic", "heart_rate"), "heart")


@_rule(1.5, moves=("systolic", 4.0))
def _pressure(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "systolic", 4.0)
    if not size or _posture_moved(step):
        return None
    if step.change("systolic") > 0:
        if step.after.exercise > 0.0 and step.after.physiology.metabolic > 0.2:
            text = (
                "Effort"
                + _rises(step, "cardiac_output", " → cardiac output ↑")
                + " → systolic pressure ↑"
            )
        else:
            text = "α1 → vessels narrow, β1 → stronger beats → blood pressure ↑"
    elif step.after.physiology.pressor > 2.0 and step.after.threat == 0.0:
        text = "Vessel tone relaxes only slowly → blood pressure ↓, still above rest"
    else:
        text = "Less sympathetic tone → vessels widen → blood pressure ↓"
    return _link(size, text, ("systolic", "diastolic"), "heart")


@_rule(1.2, moves=("ne_plasma", 0.25 * P.REST_NE_PLASMA_PG_ML))
def _plasma(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "ne_plasma", 0.25 * P.REST_NE_PLASMA_PG_ML)
    if not size:
        return None
    if step.change("ne_plasma") > 0:
        text = (
            "Sympathetic nerves spill NE into the blood → blood NE ↑ "
            "(a marker; it comes from the nerves, not the LC)"
        )
    else:
        text = "NE cleared from the blood (half-life about 2.4 min) → blood NE ↓"
    return _link(size, text, ("ne_plasma",), None)


@_rule(1.1, moves=("pupil", 0.4))
def _pupils(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "pupil", 0.4)
    if not size:
        return None
    text = (
        "LC inhibits the constrictor (Edinger-Westphal), α1 pulls the dilator → pupils dilate"
        if step.change("pupil") > 0
        else "Less LC and α1 activity → pupils narrow"
    )
    return _link(size, text, ("pupil",), "pupils")


@_rule(1.0, moves=("resp_rate", 2.0))
def _lungs(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "resp_rate", 2.0)
    if not size:
        return None
    if step.change("resp_rate") > 0:
        text = "Arousal or effort → breathing quickens; epinephrine on β2 widens the airways"
    elif step.after.calm > 0.0:
        text = "Slow-breathing practice → breathing slows"
    elif step.after.sleep:
        text = "Asleep → breathing slows"
    else:
        text = "Breathing settles toward rest"
    return _link(size, text, ("resp_rate",), "lungs")


@_rule(1.0, moves=("glucose", 5.0))
def _liver(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "glucose", 5.0)
    if not size:
        return None
    b = step.after.physiology
    if step.change("glucose") > 0:
        if b.gut_carbs > b.liver:
            text = "Meal absorbed from the gut → blood glucose ↑"
        else:
            text = (
                "NE (α1) and epinephrine (β2) → liver releases glucose for fuel → blood glucose ↑"
            )
    else:
        text = "Insulin → glucose taken up → blood glucose back toward rest"
    return _link(size, text, ("glucose",), "liver")


@_rule(1.0, moves=("digestion", 10.0))
def _gut(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "digestion", 10.0)
    if not size:
        return None
    text = (
        "NE on α2 and α1 receptors → digestion slows"
        if step.change("digestion") < 0
        else "Sympathetic tone falls → digestion resumes"
    )
    return _link(size, text, ("digestion",), "gut")


@_rule(1.0, moves=("muscle_flow", 20.0))
def _muscles(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "muscle_flow", 20.0)
    if not size:
        return None
    if step.change("muscle_flow") > 0:
        text = (
            "More blood to the muscles via epinephrine (β2), higher cardiac output and "
            "local metabolites (NE itself narrows muscle arterioles)"
        )
    else:
        text = "Muscle blood flow back toward rest"
    return _link(size, text, ("muscle_flow",), "muscles")


@_rule(0.8, moves=("pain", 5.0))
def _pain(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "pain", 5.0)
    if not size:
        return None
    text = (
        "Descending NE (α2 in the spinal cord) → pain ↓"
        if step.change("pain") < 0
        else "Less descending NE → pain sensitivity back ↑"
    )
    return _link(size, text, ("pain",), None)


@_rule(1.0, moves=("anxiety", 4.0))
def _anxiety(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "anxiety", 4.0)
    if not size or step.after.sleep:
        return None
    if step.change("anxiety") > 0:
        text = "Sustained high tonic NE → anxiety ↑"
    elif step.after.calm > 0.0:
        text = "Calm → anxiety ↓"
    else:
        text = "NE settles → anxiety ↓"
    return _link(size, text, ("anxiety",), "lc")


@_rule(1.0, moves=("fatigue", 5.0))
def _fatigue(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "fatigue", 5.0)
    if not size:
        return None
    after, eff = step.after, step.eff_after
    if step.change("fatigue") < 0:
        text = "Sleep → fatigue ↓" if after.sleep else "Rest → fatigue ↓"
    elif after.exercise > 0.0:
        text = "Long effort → fatigue ↑"
    elif after.hours_awake > P.HOURS_AWAKE_BEFORE_DEBT:
        text = "Lost sleep → fatigue ↑"
    elif eff.h1_block > step.eff_before.h1_block:
        text = "Drowsiness from histamine H1 block (NE unchanged) → fatigue ↑"
    elif after.physiology.stores < step.before.physiology.stores or "parkinsons" in (
        after.conditions
    ):
        text = "Less NE signalling → fatigue ↑"
    elif "hypothyroidism" in after.conditions:
        text = "Low thyroid hormone (not low NE) → fatigue ↑"
    else:
        text = "Fatigue ↑"
    return _link(size, text, ("fatigue",), None)


@_rule(1.5, moves=("mood", 2.0))
def _mood(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "mood", 2.0)
    if not size:
        return None
    eff, b = step.eff_after, step.after.physiology
    if step.change("mood") > 0:
        if eff.mood_benefit >= 2.0:
            text = "Antidepressant benefit builds over weeks → mood ↑"
        elif b.training > 0.1:
            text = "Regular exercise → mood ↑"
        else:
            text = "Mood recovers slowly"
    elif b.stores < 0.9:
        text = "Less NE signalling (emptied stores) → mood ↓"
    elif b.stress_load > 10.0:
        text = "Stress load → mood ↓"
    else:
        text = "Mood falls slowly"
    return _link(size, text, ("mood",), None)


@_rule(1.5, moves=("stress_load", 2.0))
def _load(step: _Step) -> tuple[float, Explanation] | None:
    size = _moved(step, "stress_load", 2.0)
    if not size:
        return None
    if step.change("stress_load") > 0:
        cause = "Chronic stress" if step.after.threat == 0.0 else "Repeated or lasting threats"
        text = f"{cause} → stress load ↑ (it raises resting pressure and anxiety)"
    else:
        text = "Time without threat → stress load ↓"
    return _link(size, text, ("stress_load",), None)


@_rule(1.0)
def _adaptation(step: _Step) -> tuple[float, Explanation] | None:
    b, a = step.before.physiology, step.after.physiology
    if a.training - b.training >= 0.05:
        return _link(
            (a.training - b.training) / 0.05,
            "Regular exercise → resting heart rate ↓, less NE for the same effort",
            ("heart_rate", "ne_plasma"),
            "heart",
        )
    if a.practice - b.practice >= 0.05:
        return _link(
            (a.practice - b.practice) / 0.05,
            "Calm practice → tonic LC firing ↓, threats fade faster",
            ("lc_rate", "anxiety"),
            "lc",
        )
    return None


def explain(
    before: BodyState, after: BodyState, old: dict[str, float | str], new: dict[str, float | str]
) -> tuple[Explanation, ...]:
    """The links that moved meaningfully from ``before`` to ``after``, most important first."""
    step = _Step(
        before,
        after,
        old,
        new,
        effects_at(before.conditions, before.medications, before.clock),
        effects_at(after.conditions, after.medications, after.clock),
    )
    scored = []
    for order, (weight, rule, moves, threshold) in enumerate(_RULES):
        if moves is not None and abs(new[moves] - old[moves]) / threshold < 1.0:  # type: ignore[operator]
            continue  # the rule would stay silent (see _moved); skip the call
        found = rule(step)
        if found is not None:
            size, link = found
            scored.append((-weight * min(size, _SCORE_CAP), order, link))
    scored.sort()  # by score, then rule order (unique, so links are never compared)
    return tuple(link for _, _, link in scored[:MAX_LINKS])
