"""One-line vitals, shared by the plain front end and the TUI's narrow layout."""

from __future__ import annotations

from game import body as bm
from game.body import BodyState


def vitals_line(state: BodyState) -> str:
    r = bm.readouts(state)
    return (
        f"HR {r['heart_rate']:.0f} bpm · BP {r['systolic']:.0f}/{r['diastolic']:.0f} · "
        f"RR {r['resp_rate']:.0f}/min · glucose {r['glucose']:.0f} · NE {r['ne']:.0f}% · "
        f"focus {r['focus']:.0f} · LC {str(r['lc_mode']).replace('_', ' ')}"
    )
