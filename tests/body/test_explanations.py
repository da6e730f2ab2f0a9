"""The causal links of a step: present when something moved, accurate, ranked, few."""

from hypothesis import given, settings
from hypothesis import strategies as st

from game.body import (
    ORGANS,
    READOUTS,
    Explanation,
    activity,
    advance,
    initial_state,
    readout,
    start_medication,
    with_inputs,
)

REST = initial_state()


def links(state, seconds, **inputs):
    return advance(with_inputs(state, inputs) if inputs else state, seconds)[1]


def texts(found):
    return [e.text for e in found]


def test_rest_explains_nothing():
    assert links(REST, 600) == ()


def test_a_bear_explains_lc_burst_first_then_the_heart_and_pupils():
    found = links(REST, 60, threat=1.0)
    assert all(isinstance(e, Explanation) for e in found)
    assert found[0].text.startswith("New threat → LC burst") and found[0].organ == "lc"
    assert "Sympathetic nerves → NE on β1 receptors → heart rate ↑" in texts(found)
    assert (
        "LC inhibits the constrictor (Edinger-Westphal), α1 pulls the dilator → pupils dilate"
    ) in texts(found)
    organs = {e.organ for e in found}
    assert {"lc", "heart", "pupils"} <= organs


def test_threat_over_says_reuptake_ends_the_signal():
    scared, _ = advance(with_inputs(REST, {"threat": 1.0}), 120)
    found = links(scared, 300, threat=0)
    assert (
        "Threat over → sympathetic nerves quieten, NE cleared by reuptake (NET), "
        "the vagal brake returns → heart rate ↓"
    ) in texts(found)
    assert any("half-life" in t for t in texts(found))


def test_effort_over_is_not_called_a_threat():
    tired, _ = advance(with_inputs(REST, {"exercise": 0.65}), 600)
    found = texts(links(tired, 60, exercise=0.0))
    assert any(t.startswith("Effort over →") and "heart rate ↓" in t for t in found), found


def test_exercise_explains_muscle_flow_without_crediting_ne():
    found = links(REST, 600, exercise=0.65)
    muscle = [e for e in found if e.organ == "muscles"]
    assert muscle and "epinephrine (β2)" in muscle[0].text
    assert "NE itself narrows muscle arterioles" in muscle[0].text


def test_net_blockers_and_other_drugs_name_their_mechanism():
    assert "NET blocked by the SNRI → synaptic NE ↑" in " ".join(
        texts(links(start_medication(REST, "snri"), 6 * 3600))
    )
    assert any(
        "H1" in t for t in texts(links(start_medication(REST, "sedating_antihistamine"), 3 * 3600))
    )
    assert any(
        t.startswith("Clonidine on α2")
        for t in texts(links(start_medication(REST, "clonidine"), 3 * 3600))
    )
    assert any(
        "empties NE stores" in t
        for t in texts(links(start_medication(REST, "reserpine"), 3 * 86400))
    )
    assert any("β1" in t for t in texts(links(start_medication(REST, "beta_blocker"), 3 * 3600)))


def test_sleep_and_meals():
    asleep = texts(links(REST, 8 * 3600, sleep=True))
    assert "Asleep → LC fires less (least in REM sleep) → brain NE ↓" in asleep
    assert "Meal absorbed from the gut → blood glucose ↑" in texts(links(REST, 2400, meal=1.0))


plan = st.lists(
    st.tuples(
        st.fixed_dictionaries(
            {},
            optional={
                "threat": st.floats(0, 1),
                "exercise": st.floats(0, 1),
                "calm": st.floats(0, 1),
                "sleep": st.booleans(),
                "meal": st.floats(0, 1),
            },
        ),
        st.floats(min_value=0, max_value=3 * 86400),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=40, deadline=None)
@given(plan, st.sampled_from([(), ("snri",), ("beta_blocker",), ("reserpine", "clonidine")]))
def test_links_are_few_well_formed_and_never_credit_plasma_ne_for_the_heart(steps, meds):
    state = initial_state()
    for drug in meds:
        state = start_medication(state, drug)
    for inputs, seconds in steps:
        state, found = advance(with_inputs(state, inputs), seconds)
        assert len(found) <= 6
        for e in found:
            assert e.text and e.organ in (*ORGANS, None)
            assert e.readouts and all(name in READOUTS for name in e.readouts)
            assert "plasma NE →" not in e.text and "blood NE →" not in e.text
        assert len(set(texts(found))) == len(found)


def test_a_burst_lights_the_lc_without_changing_the_tonic_mode():
    startled = with_inputs(REST, {"threat": 0.3})
    assert startled.physiology.burst >= 10
    assert readout(startled, "lc_mode") == "phasic"
    assert readout(startled, "lc_rate") == readout(REST, "lc_rate")
    assert activity(startled)["lc"] > 0.8
