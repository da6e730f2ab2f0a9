"""Something to tell the player, as the controller and the workers say it.

A plain value (no Textual), so the controller stays free of the toolkit; the
app shows each one as a notification (``LocusApp.report``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Severity = Literal["information", "warning", "error"]


@dataclass(frozen=True, slots=True)
class Notice:
    message: str
    title: str = ""
    severity: Severity = "information"
    timeout: float | None = None


def content_notice(error: Exception) -> Notice:
    """Content that fails while playing (ContentError carries file:line)."""
    return Notice(str(error), "Content error", "error", 20)
