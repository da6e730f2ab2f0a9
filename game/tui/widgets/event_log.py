"""The event log: what each step did to the body and why, newest first.

The engine's events already carry the causal text ("LC fires → NE ↑ →
alertness ↑"); the log picks the ones a player learns from, gives each a
symbol and a word, and highlights the newest step.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.engine import events as ev
from game.engine.events import Event
from game.engine.machine import Game

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
STEPS_KEPT = 12  # how many steps of history the log shows


def event_line(item: Event) -> Content | None:
    symbol, style = SHOWN.get(item.kind, ("", ""))
    if not symbol:
        return None
    text = item.text
    if item.kind == ev.INPUT:
        text = f"Body input: {text}"
    elif item.kind == ev.ANSWER:
        symbol = "✔" if item.data.get("correct") else "✘"
        style = "$success" if item.data.get("correct") else "$error"
    elif item.kind == ev.SCORE and int(item.data.get("points", 0)) < 0:  # type: ignore[call-overload]
        style = "$error"
    return Content.assemble((f"{symbol} ", style), text)


def step_lines(events: Sequence[Event]) -> list[Content]:
    """One step's lines, headed by the choice that caused them."""
    lines = [line for line in (event_line(e) for e in events) if line is not None]
    for item in events:
        if item.kind in (ev.CHOICE, ev.ANSWER):
            heading = item.data.get("text") or item.text
            lines.insert(0, Content.styled(f"▸ {heading}", "bold"))
            break
    return lines


class EventLog(VerticalScroll, can_focus=False):
    """The recent steps' explanations; the newest step is on top and bright."""

    def compose(self) -> ComposeResult:
        yield Static(id="log-text")

    def show(self, game: Game) -> None:
        newest = True
        blocks: list[Content] = []
        for step in reversed(game.steps[-STEPS_KEPT:]):
            lines = step_lines(step.events)
            if not lines:
                continue
            block = Content("\n").join(lines)
            blocks.append(block if newest else block.stylize("dim"))
            newest = False
        text = Content("\n").join(blocks) if blocks else Content("Nothing has happened yet.")
        self.query_one("#log-text", Static).update(text)
        self.scroll_home(animate=False)
