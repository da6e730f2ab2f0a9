"""The event log: what each step did to the body and why, newest first.

The engine's events already carry the causal text ("LC fires → NE ↑ →
alertness ↑"); the log picks the ones a player learns from, gives each a
symbol and a word, and highlights the newest step.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content
from textual.widget import Widget

from game.engine import events as ev
from game.engine.events import Event
from game.engine.machine import Game, Step

# kind -> (symbol, style); kinds not listed (enter, start, variable) are not shown.
SHOWN: dict[str, tuple[str, str]] = {
    ev.START: ("▶", "bold"),
    ev.TIME: ("◷", ""),
    ev.BODY: ("→", "$secondary"),
    ev.INPUT: ("◆", ""),
    ev.CONDITION: ("✚", "$warning"),
    ev.MEDICATION: ("℞", "$accent"),
    ev.ROUTE: ("↪", ""),
    ev.CODEX: ("§", "$accent"),
    ev.BADGE: ("★", "$success"),
    ev.SCORE: ("•", "$success"),
    ev.ANSWER: ("?", ""),
    ev.ENDING: ("■", "bold"),
}
STEPS_KEPT = 12  # how many steps the log keeps; the history screen shows all
# Within a step: what was done to the body, then how the body answered (the
# causal links), then the time summary and the rest, so the few lines the log
# has room for are the ones that teach.
ORDER = {ev.START: 0, ev.ANSWER: 0, ev.INPUT: 1, ev.CONDITION: 1, ev.MEDICATION: 1, ev.BODY: 2}
LATER = 3


def event_line(item: Event) -> Content | None:
    symbol, style = SHOWN.get(item.kind, ("", ""))
    if not symbol:
        return None
    text = item.text
    if item.kind == ev.ANSWER:
        symbol = "✔" if item.data.get("correct") else "✘"
        style = "$success" if item.data.get("correct") else "$error"
    elif item.kind == ev.SCORE and int(item.data.get("points", 0)) < 0:  # type: ignore[call-overload]
        style = "$error"
    return Content.assemble((f"{symbol} ", style), text)


def step_lines(events: Sequence[Event]) -> list[Content]:
    """One step's lines, headed by the choice that caused them."""
    shown = sorted(events, key=lambda e: ORDER.get(e.kind, LATER))
    lines = [line for line in (event_line(e) for e in shown) if line is not None]
    if not lines:
        return []  # a Continue that changed nothing: no heading either
    for item in events:
        if item.kind in (ev.CHOICE, ev.ANSWER):
            heading = item.data.get("text") or item.text
            lines.insert(0, Content.styled(f"▸ {heading}", "bold"))
            break
    return lines


def log_text(steps: Sequence[Step], timed: bool = False) -> Content:
    """Steps newest first: the newest bright, older ones dimmed; ``timed`` heads
    each with the story's time after it (the history)."""
    blocks: list[Content] = []
    for step in reversed(steps):
        lines = step_lines(step.events)
        if lines and timed:
            lines.insert(0, Content.styled(step.state.time.label(), "italic"))
        if lines:
            block = Content("\n").join(lines)
            blocks.append(block.stylize("dim") if blocks else block)
    return Content("\n").join(blocks) if blocks else Content("Nothing has happened yet.")


class EventLog(Widget):
    """The recent steps' explanations, newest on top. A fixed-height box that
    simply cuts off the oldest lines: no scrolling means no relayout per step
    (h opens the whole history)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Content("")

    def show(self, game: Game) -> None:
        self.text = log_text(game.steps[-STEPS_KEPT:])
        self.refresh()

    def render(self) -> Content:
        return self.text
