"""Memory budgets for the authoring tools' bulk walks, read from the process.

A random playtest's memo and the assessment's walk over a storyline's states
keep what they learn, and how much that costs per state depends on the pack
(a state carries its visit counts, which grow with the path). So they are
bounded by what the user is promised, the process's resident size: a budget
notes the size when it is made and is spent once the process has grown by
its limit. Reading /proc/self/statm takes microseconds, so a walk can look
every few hundred steps; where /proc is not there a budget is never spent
(the walks keep their fixed bounds on states).
"""

from __future__ import annotations

import os

#: The most the body model's memo of advances may take during a walk over a
#: story's states (the assessment's, its sampling, ``locus test --explore``),
#: which widen it to four advances a state: sized by the states alone it took
#: up to 480 MB on a large pack. (``game.body.remembering`` never shrinks it
#: below its interactive size, 16,384 advances.)
WALK_BODY_MEMO_MB = 25.0


class MemoryBudget:
    """``limit_mb`` of growth from now; ``reserved`` bytes of it belong to
    something that fills meanwhile without being weighed here (the body
    model's memo of advances, which has its own cap). A budget ``within``
    another is spent when either is: one walk of a command stops at its own
    limit, or where the command's would be passed (after a playtest whose
    memo the process still holds as free memory, a walk may fill that but
    must not stack its own limit on top)."""

    def __init__(
        self, limit_mb: float, reserved: float = 0.0, within: MemoryBudget | None = None
    ) -> None:
        self.limit = limit_mb * 2**20
        self.reserved = reserved
        self.within = within
        self.base = resident_bytes()

    def spent(self) -> bool:
        return self._spent_at(resident_bytes())

    def leaves(self, mb: float) -> bool:
        """Whether ``mb`` more would still be within the budget (and any it is
        within); True where /proc is not there, as ``spent`` is never."""
        now = resident_bytes()
        return now is None or not self._spent_at(now + int(mb * 2**20))

    def _spent_at(self, now: int | None) -> bool:
        if now is None or self.base is None:
            return False
        if self.within is not None and self.within._spent_at(now):
            return True
        return now - self.base >= self.limit - self.reserved


def resident_bytes() -> int | None:
    """The process's resident set size, or None where /proc is not there."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE
    except (OSError, ValueError, IndexError):
        return None


_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
