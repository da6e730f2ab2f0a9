"""The LC's own links on a medication: said for what the threat does, left to the drug's
link only while the drug itself moves the LC (link_rules._drug_moved_the_lc)."""

import pytest

from game.body import MEDICATIONS, advance, initial_state, start_medication, with_inputs

REST = initial_state()
TONIC_UP = "Threat → LC fires faster (tonic)"


def lc_links(state, seconds):
    return [e.text for e in advance(state, seconds)[1] if e.organ == "lc"]


@pytest.mark.parametrize("drug", sorted(MEDICATIONS))
def test_a_threat_on_a_settled_medication_is_said_to_speed_the_lc(drug):
    """Days after the start every drug's effect is whole and no longer moves: the LC
    speeding up under a threat is the threat's doing, whatever the drug blocks."""
    settled, _ = advance(start_medication(REST, drug), 3 * 86400)
    said = lc_links(with_inputs(settled, {"threat": 0.3}), 120)
    assert any(t.startswith(TONIC_UP) for t in said), said


@pytest.mark.parametrize("drug", sorted(MEDICATIONS))
def test_while_a_drug_takes_hold_the_lc_change_is_the_drugs(drug):
    """A drug taking hold at rest moves LC firing itself (clonidine on alpha-2, a NET
    blocker through NE's feedback): only its own link may say so; the LC's would give
    a cause that is not there ("Threat over" with no threat)."""
    for hours in (0.5, 3, 6):
        said = lc_links(start_medication(REST, drug), hours * 3600)
        assert not any("LC fires slower" in t or "LC fires faster" in t for t in said), said
