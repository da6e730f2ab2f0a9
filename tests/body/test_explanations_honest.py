"""The event log never lies: every cause it names is active, every arrow it draws is true.

An independent reading of the links' wording (not the rules' own logic): a
link that starts from an input ("Slow breathing", "Asleep", "Standing"...)
appears only while that input is on, and a readout drawn with an arrow
("heart rate ↓", "brain NE ↑") moved that way over the step it explains.
Checked over random sequences of inputs, modifiers and time steps. A readout
that did not move gets no arrow either way (asleep, alertness rests at its
floor of 0 however much more an antihistamine blocks).
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from game.body import (
    CONDITIONS,
    MEDICATIONS,
    add_condition,
    advance,
    initial_state,
    readouts,
    start_medication,
    with_inputs,
)

# Wording that names a cause (at the start of a clause) -> what must be true of the
# body after the step.
CAUSES = {
    "slow breathing": lambda b: b.calm > 0,
    "slow-breathing practice": lambda b: b.calm > 0,
    "calm →": lambda b: b.calm > 0,
    "faster with calm": lambda b: b.calm > 0,
    "asleep": lambda b: b.sleep,
    "sleep →": lambda b: b.sleep,
    "waking": lambda b: not b.sleep,
    "effort over": lambda b: b.exercise == 0,
    "long effort": lambda b: b.exercise > 0,
    "effort →": lambda b: b.exercise > 0,
    "effort lifts": lambda b: b.exercise > 0,
    "new threat": lambda b: b.threat > 0,
    "threat →": lambda b: b.threat > 0,
    "the threat fades": lambda b: b.threat > 0,
    "threat over": lambda b: b.threat == 0,
    "worry": lambda b: b.threat > 0,
    "standing": lambda b: b.standing,
    "lying down": lambda b: not b.standing,
    "beta blocker": lambda b: any(m == "beta_blocker" for m, _ in b.medications),
    "clonidine": lambda b: any(m == "clonidine" for m, _ in b.medications),
}
# Wording that draws an arrow on a readout.
ARROWS = {
    "heart rate": "heart_rate",
    "brain ne": "ne",
    "blood ne": "ne_plasma",
    "alertness": "alertness",
    "focus": "focus",
    "anxiety": "anxiety",
    "fatigue": "fatigue",
    "mood": "mood",
    "stress load": "stress_load",
    "blood glucose": "glucose",
    "blood pressure": "systolic",
    "systolic pressure": "systolic",
    "cardiac output": "cardiac_output",
    "lc firing": "lc_rate",
    "pain": "pain",
}
_ARROW = re.compile(r"(?<!resting )\b(" + "|".join(ARROWS) + r") ([↑↓])", re.IGNORECASE)


def lies(before, after, links):
    old, new = readouts(before), readouts(after)
    found = []
    for link in links:
        text = link.text.lower()
        for phrase, holds in CAUSES.items():
            if re.search(r"(^|[(,] )" + re.escape(phrase), text) and not holds(after):
                found.append(f"{link.text!r}: {phrase!r} is not active")
        for name, arrow in _ARROW.findall(link.text):
            readout = ARROWS[name.lower()]
            change = new[readout] - old[readout]
            if (arrow == "↑" and change <= 0) or (arrow == "↓" and change >= 0):
                found.append(f"{link.text!r}: {readout} moved {change:+.2f}")
    return found


fraction = st.sampled_from([0.0, 0.2, 0.3, 0.6, 1.0])
inputs = st.fixed_dictionaries(
    {},
    optional={
        "threat": fraction,
        "exercise": fraction,
        "calm": fraction,
        "meal": fraction,
        "sleep": st.booleans(),
        "standing": st.booleans(),
    },
)
seconds = st.sampled_from([5.0, 30.0, 60.0, 180.0, 600.0, 1800.0, 4 * 3600.0, 16 * 3600.0])
start = st.tuples(
    st.lists(st.sampled_from(sorted(CONDITIONS)), max_size=2),
    st.lists(st.sampled_from(sorted(MEDICATIONS)), max_size=1),
)


@settings(max_examples=300, deadline=None)
@given(start, st.lists(st.tuples(inputs, seconds), min_size=1, max_size=8))
def test_links_name_only_active_causes_and_true_arrows(modifiers, steps):
    conditions, medications = modifiers
    body = initial_state()
    for c in conditions:
        body = add_condition(body, c)
    for m in medications:
        body = start_medication(body, m)
    problems = []
    for changes, seconds in steps:
        body = with_inputs(body, changes)
        after, links = advance(body, seconds)
        problems += lies(body, after, links)
        body = after
    assert not problems, problems


def test_the_named_cases():
    rest = initial_state()
    # Slow breathing is only said while calm is on.
    calmed, _ = advance(with_inputs(rest, {"threat": 0.6, "calm": 1.0}), 600)
    _, links = advance(with_inputs(calmed, {"calm": 0.0, "threat": 0.0}), 600)
    assert not any("Slow breathing" in e.text for e in links)
    # A burst does not claim brain NE rose over a step in which it fell.
    scared, _ = advance(with_inputs(rest, {"threat": 1.0}), 60)
    before = with_inputs(scared, {"threat": 0.3})
    after, links = advance(before, 600)
    assert not lies(before, after, links)


def test_a_drug_that_deepens_what_is_already_at_its_floor_draws_no_arrow():
    asleep, _ = advance(with_inputs(initial_state(), {"sleep": True}), 8 * 3600)
    dosed = start_medication(asleep, "sedating_antihistamine")
    floored, links = advance(dosed, 1800)
    assert "Antihistamine blocks histamine H1 → alertness ↓ (NE unchanged)" in texts(links)
    assert readouts(floored)["alertness"] == 0.0
    later, links = advance(floored, 600)  # the block still rises; alertness cannot fall
    assert readouts(later)["alertness"] == 0.0
    assert "Antihistamine blocks histamine H1 (NE unchanged)" in texts(links)
    assert not lies(floored, later, links)


def texts(links):
    return [link.text for link in links]
