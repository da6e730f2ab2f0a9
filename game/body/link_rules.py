"""The link rules: why a readout moved, in the wording of physiology.md's accuracy notes.

Blood NE comes from sympathetic nerves (not the LC) and is a marker, never
"plasma NE -> faster heart"; extra muscle flow comes from epinephrine,
cardiac output and metabolites while NE itself narrows muscle arterioles; a
link never names a cause whose input is off, nor an arrow opposite to the
change. Each rule registers itself with ``links.rule`` in the order below
(the order breaks ties between equal scores).
"""

from __future__ import annotations

from game.body import params as P
from game.body.links import SCORE_CAP, Explanation, Step, falls, link, moved, rises, rule
from game.body.readouts import inverted_u


@rule(3.0)
def _lc_burst(step: Step) -> tuple[float, Explanation] | None:
    if step.before.physiology.burst < 5.0:
        return None
    arrows = ""
    if step.change("ne") > 0:
        arrows = " → brain NE ↑" + (" → alertness ↑" if step.change("alertness") > 0 else "")
    return link(
        SCORE_CAP,
        "New threat → LC burst (phasic, 10–20 Hz)" + arrows,
        ("lc_rate", "ne", "alertness"),
        "lc",
    )


@rule(2.5)
def _medication_onsets(step: Step) -> tuple[float, Explanation] | None:
    b, a = step.eff_before, step.eff_after
    if a.net_block - b.net_block >= 0.05:
        drug = "SNRI" if step.on("snri") else "NRI"
        return link(
            2.0,
            f"NET blocked by the {drug} → synaptic NE ↑ (α2 autoreceptors slow the LC a little)",
            ("ne", "lc_rate"),
            "lc",
        )
    if b.beta1 - a.beta1 >= 0.05 and step.on("beta_blocker"):
        return link(
            2.0,
            "Beta blocker on β1 receptors → the same NE moves the heart less"
            + falls(step, "heart_rate", " → heart rate ↓"),
            ("heart_rate", "cardiac_output"),
            "heart",
        )
    if b.central_sympathetic - a.central_sympathetic >= 0.03:
        return link(
            2.0,
            "Clonidine on α2 receptors → brainstem sympathetic outflow ↓"
            + falls(step, "systolic", " → blood pressure ↓")
            + falls(step, "lc_rate", "; LC firing ↓ → drowsiness"),
            ("lc_rate", "systolic"),
            "lc",
        )
    if a.h1_block - b.h1_block >= 0.05:
        return link(
            2.0,
            "Antihistamine blocks histamine H1"
            + falls(step, "alertness", " → alertness ↓")
            + " (NE unchanged)",
            ("alertness",),
            None,
        )
    if b.lc_gain - a.lc_gain >= 0.01 and step.on("ssri"):
        return link(
            1.5,
            "SSRI → serotonin ↑"
            + falls(step, "lc_rate", " → LC firing slightly ↓")
            + " (NE not raised)",
            ("lc_rate",),
            "lc",
        )
    return None


@rule(2.5)
def _stores(step: Step) -> tuple[float, Explanation] | None:
    d = step.after.physiology.stores - step.before.physiology.stores
    if d <= -0.03:
        lowered = [
            words
            for name, words in (("ne", "brain NE ↓"), ("systolic", "blood pressure ↓"))
            if step.change(name) < 0
        ]
        return link(
            abs(d) / 0.03,
            "Reserpine empties NE stores (vesicles) → less NE released"
            + (" → " + ", ".join(lowered) if lowered else ""),
            ("ne", "systolic"),
            "lc",
        )
    if d >= 0.03:
        return link(d / 0.03, "NE stores refill → more NE released", ("ne",), "lc")
    return None


def _drug_moved_the_lc(step: Step) -> bool:
    """A medication's onset changed LC firing; its own link says so."""
    b, a = step.eff_before, step.eff_after
    return abs(a.lc_gain - b.lc_gain) >= 0.01 or abs(a.net_block - b.net_block) >= 0.05


@rule(2.0)
def _lc_tonic(step: Step) -> tuple[float, Explanation] | None:
    d = step.after.physiology.lc - step.before.physiology.lc
    size = abs(d) / 0.4
    if size < 1.0 or _drug_moved_the_lc(step):
        return None
    after = step.after
    readouts = ("lc_rate", "ne", "alertness")
    if d > 0:
        if step.new["lc_mode"] == "high_tonic" and step.change("focus") < 0:
            return link(
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
            return link(size, text + rises(step, "ne", " → brain NE ↑"), readouts, "lc")
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
        return link(size, f"{cause} → LC fires faster (tonic){arrows}", readouts, "lc")
    if after.sleep:
        text = "Asleep → LC fires less (least in REM sleep)"
    elif after.threat > 0.0:
        faster = ", faster with calm" if after.calm > 0.0 else ""
        text = f"The threat fades (habituation{faster}) → LC fires slower"
    elif after.calm > 0.0:
        text = "Calm → LC fires slower"
    else:
        text = "Threat over → LC fires slower"
    return link(size, text + falls(step, "ne", " → brain NE ↓"), readouts, "lc")


@rule(1.2, moves=("focus", 3.0))
def _focus(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "focus", 3.0)
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
            return link(size, f"Fatigue {down} → focus {arrow}", ("focus", "fatigue"), None)
        if step.eff_after.h1_block > step.eff_before.h1_block and not rising:
            return link(
                size,
                "Drowsiness from histamine H1 block (NE unchanged) → focus ↓",
                ("focus", "alertness"),
                None,
            )
        if abs(step.change("stress_load")) >= 2.0 and (
            step.change("stress_load") * step.change("focus") < 0
        ):
            return link(size, f"Stress load {down} → focus {arrow}", ("focus", "stress_load"), None)
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
    return link(size, text, ("focus", "ne"), "lc")


@rule(2.0, moves=("heart_rate", 3.0))
def _heart(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "heart_rate", 3.0)
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
    return link(size, text, ("heart_rate", "cardiac_output"), "heart")


def _posture_moved(step: Step) -> bool:
    b, a = step.before.physiology, step.after.physiology
    return abs(a.pooling - b.pooling) >= 0.1 or abs(a.baroreflex - b.baroreflex) >= 0.1


@rule(2.0)
def _posture(step: Step) -> tuple[float, Explanation] | None:
    if not _posture_moved(step):
        return None
    a = step.after.physiology
    if not step.after.standing:
        text = "Lying down → blood returns from the legs" + rises(
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
            "the vessels and speed the heart" + rises(step, "heart_rate", " → heart rate ↑")
        )
    return link(2.0, text, ("systolic", "diastolic", "heart_rate"), "heart")


@rule(1.5, moves=("systolic", 4.0))
def _pressure(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "systolic", 4.0)
    if not size or _posture_moved(step):
        return None
    if step.change("systolic") > 0:
        if step.after.exercise > 0.0 and step.after.physiology.metabolic > 0.2:
            text = (
                "Effort"
                + rises(step, "cardiac_output", " → cardiac output ↑")
                + " → systolic pressure ↑"
            )
        else:
            text = "α1 → vessels narrow, β1 → stronger beats → blood pressure ↑"
    elif step.after.physiology.pressor > 2.0 and step.after.threat == 0.0:
        text = "Vessel tone relaxes only slowly → blood pressure ↓, still above rest"
    else:
        text = "Less sympathetic tone → vessels widen → blood pressure ↓"
    return link(size, text, ("systolic", "diastolic"), "heart")


@rule(1.2, moves=("ne_plasma", 0.25 * P.REST_NE_PLASMA_PG_ML))
def _plasma(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "ne_plasma", 0.25 * P.REST_NE_PLASMA_PG_ML)
    if not size:
        return None
    if step.change("ne_plasma") > 0:
        text = (
            "Sympathetic nerves spill NE into the blood → blood NE ↑ "
            "(a marker; it comes from the nerves, not the LC)"
        )
    else:
        text = "NE cleared from the blood (half-life about 2.4 min) → blood NE ↓"
    return link(size, text, ("ne_plasma",), None)


@rule(1.1, moves=("pupil", 0.4))
def _pupils(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "pupil", 0.4)
    if not size:
        return None
    text = (
        "LC inhibits the constrictor (Edinger-Westphal), α1 pulls the dilator → pupils dilate"
        if step.change("pupil") > 0
        else "Less LC and α1 activity → pupils narrow"
    )
    return link(size, text, ("pupil",), "pupils")


@rule(1.0, moves=("resp_rate", 2.0))
def _lungs(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "resp_rate", 2.0)
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
    return link(size, text, ("resp_rate",), "lungs")


@rule(1.0, moves=("glucose", 5.0))
def _liver(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "glucose", 5.0)
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
    return link(size, text, ("glucose",), "liver")


@rule(1.0, moves=("digestion", 10.0))
def _gut(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "digestion", 10.0)
    if not size:
        return None
    text = (
        "NE on α2 and α1 receptors → digestion slows"
        if step.change("digestion") < 0
        else "Sympathetic tone falls → digestion resumes"
    )
    return link(size, text, ("digestion",), "gut")


@rule(1.0, moves=("muscle_flow", 20.0))
def _muscles(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "muscle_flow", 20.0)
    if not size:
        return None
    if step.change("muscle_flow") > 0:
        text = (
            "More blood to the muscles via epinephrine (β2), higher cardiac output and "
            "local metabolites (NE itself narrows muscle arterioles)"
        )
    else:
        text = "Muscle blood flow back toward rest"
    return link(size, text, ("muscle_flow",), "muscles")


@rule(0.8, moves=("pain", 5.0))
def _pain(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "pain", 5.0)
    if not size:
        return None
    text = (
        "Descending NE (α2 in the spinal cord) → pain ↓"
        if step.change("pain") < 0
        else "Less descending NE → pain sensitivity back ↑"
    )
    return link(size, text, ("pain",), None)


@rule(1.0, moves=("anxiety", 4.0))
def _anxiety(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "anxiety", 4.0)
    if not size or step.after.sleep:
        return None
    if step.change("anxiety") > 0:
        text = "Sustained high tonic NE → anxiety ↑"
    elif step.after.calm > 0.0:
        text = "Calm → anxiety ↓"
    else:
        text = "NE settles → anxiety ↓"
    return link(size, text, ("anxiety",), "lc")


@rule(1.0, moves=("fatigue", 5.0))
def _fatigue(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "fatigue", 5.0)
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
    return link(size, text, ("fatigue",), None)


@rule(1.5, moves=("mood", 2.0))
def _mood(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "mood", 2.0)
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
    return link(size, text, ("mood",), None)


@rule(1.5, moves=("stress_load", 2.0))
def _load(step: Step) -> tuple[float, Explanation] | None:
    size = moved(step, "stress_load", 2.0)
    if not size:
        return None
    if step.change("stress_load") > 0:
        cause = "Chronic stress" if step.after.threat == 0.0 else "Repeated or lasting threats"
        text = f"{cause} → stress load ↑ (it raises resting pressure and anxiety)"
    else:
        text = "Time without threat → stress load ↓"
    return link(size, text, ("stress_load",), None)


@rule(1.0)
def _adaptation(step: Step) -> tuple[float, Explanation] | None:
    b, a = step.before.physiology, step.after.physiology
    if a.training - b.training >= 0.05:
        return link(
            (a.training - b.training) / 0.05,
            "Regular exercise → resting heart rate ↓, less NE for the same effort",
            ("heart_rate", "ne_plasma"),
            "heart",
        )
    if a.practice - b.practice >= 0.05:
        return link(
            (a.practice - b.practice) / 0.05,
            "Calm practice → tonic LC firing ↓, threats fade faster",
            ("lc_rate", "anxiety"),
            "lc",
        )
    return None
