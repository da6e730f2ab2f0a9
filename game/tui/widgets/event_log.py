"""The event log: what each step did to the body and why, newest first.

The engine's events already carry the causal text ("LC fires → NE ↑ →
alertness ↑"); the log picks the ones a player learns from, gives each a
symbol and a word, and highlights the newest step.

The log is also where the play screen's notices go (time that passed, a new
codex entry or badge, an undo, a choice that cannot be taken): one line on
top, never a toast over the story, the options or the body panel.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.content import Content

from game.engine import events as ev
from game.engine.events import Event
from game.engine.machine import Game, Transition, format_duration
from game.story.model import Story
from game.tui.widgets.fixed_view import FixedView

# kind -> (symbol, style); kinds not listed (enter, start, variable) are not shown.
SHOWN: dict[str, tuple[str, str]] = {
    ev.GameStarted.kind: ("▶", "bold"),
    ev.TimePassed.kind: ("◷", ""),
    ev.BodyExplained.kind: ("→", "$secondary"),
    ev.InputsChanged.kind: ("◆", ""),
    ev.ConditionChanged.kind: ("✚", "$warning"),
    ev.MedicationChanged.kind: ("℞", "$accent"),
    ev.RouteTaken.kind: ("↪", ""),
    ev.CodexUnlocked.kind: ("§", "$accent"),
    ev.BadgeEarned.kind: ("★", "$success"),
    ev.ScoreChanged.kind: ("•", "$success"),
    ev.AnswerGiven.kind: ("?", ""),
    ev.EndingReached.kind: ("■", "bold"),
}
STEPS_KEPT = 12  # how many steps the log keeps; the history screen shows all
# Within a step: what was done to the body, then how the body answered (the
# causal links), then the time summary and the rest, so the few lines the log
# has room for are the ones that teach.
ORDER = {
    ev.GameStarted.kind: 0,
    ev.AnswerGiven.kind: 0,
    ev.InputsChanged.kind: 1,
    ev.ConditionChanged.kind: 1,
    ev.MedicationChanged.kind: 1,
    ev.BodyExplained.kind: 2,
}
LATER = 3


def event_line(item: Event) -> Content | None:
    symbol, style = SHOWN.get(item.kind, ("", ""))
    if not symbol:
        return None
    text = item.text
    if isinstance(item, ev.AnswerGiven):
        symbol = "✔" if item.correct else "✘"
        style = "$success" if item.correct else "$error"
    elif isinstance(item, ev.ScoreChanged) and item.points < 0:
        style = "$error"
    return Content.assemble((f"{symbol} ", style), text)


def passed_seconds(events: Sequence[Event]) -> float:
    """All the game time a step let pass (scenes and choices may each wait)."""
    return sum(e.seconds for e in events if isinstance(e, ev.TimePassed))


def passing(seconds: float) -> str:
    """ "7 days pass", "1 h passes"."""
    duration = format_duration(seconds)
    return f"{duration} {'passes' if duration.split()[0] == '1' else 'pass'}"


def merged_time(events: Sequence[Event]) -> list[Event]:
    """A step's time events as one ("7 days pass" rather than fourteen lines
    of "8 h pass"); a single one keeps its summary of what changed."""
    times = [e for e in events if isinstance(e, ev.TimePassed)]
    if len(times) < 2:
        return list(events)
    seconds = passed_seconds(times)
    merged = ev.TimePassed(passing(seconds), seconds=seconds, clock=times[-1].clock)
    rest = [e for e in events if not isinstance(e, ev.TimePassed)]
    return [*rest, merged]


NOTICED = frozenset(
    {ev.CodexUnlocked.kind, ev.BadgeEarned.kind}
)  # said by the notice, so not again below it


def step_notice(events: Sequence[Event], story: Story) -> Content | None:
    """The one notice of a step: long jumps in time, new codex entries (with
    the key that reads them) and badges, in one line."""
    parts: list[str] = []
    seconds = passed_seconds(events)
    if seconds >= 3600:
        parts.append(f"◷ {passing(seconds)}")
    codex = [e.id for e in events if isinstance(e, ev.CodexUnlocked)]
    titles = [story.codex[i].title for i in codex if i in story.codex]
    if titles:
        parts.append(f"§ new in the codex: {', '.join(titles)} (press c to read)")
    parts += [f"★ {e.text}" for e in events if isinstance(e, ev.BadgeEarned)]
    return Content.styled(" · ".join(parts), "bold $accent") if parts else None


def counted(lines: Sequence[Content]) -> list[Content]:
    """Repeated lines once, with their count ("◆ Body input: sleep → on ×7"):
    a scene that sleeps seven nights should not fill the log."""
    seen: dict[str, int] = {}
    first: dict[str, Content] = {}
    for line in lines:
        key = line.plain
        seen[key] = seen.get(key, 0) + 1
        first.setdefault(key, line)
    return [first[k] + Content(f" ×{n}") if n > 1 else first[k] for k, n in seen.items()]


def step_lines(events: Sequence[Event], folded: frozenset[str] = frozenset()) -> list[Content]:
    """One step's lines, headed by the choice that caused them; kinds in
    ``folded`` are left out (the notice above already says them)."""
    kept = [e for e in merged_time(events) if e.kind not in folded]
    shown = sorted(kept, key=lambda e: ORDER.get(e.kind, LATER))
    lines = counted([line for line in (event_line(e) for e in shown) if line is not None])
    if not lines:
        return []  # a Continue that changed nothing: no heading either
    for item in events:
        if isinstance(item, ev.ChoiceTaken | ev.AnswerGiven):
            heading = item.text
            if isinstance(item, ev.AnswerGiven):
                heading = item.option_text or item.text
            lines.insert(0, Content.styled(f"▸ {heading}", "bold"))
            break
    return lines


def log_text(
    steps: Sequence[Transition], folded: frozenset[str] = frozenset(), timed: bool = False
) -> Content:
    """Steps newest first: the newest bright (without the ``folded`` kinds),
    older ones dimmed; ``timed`` heads each with the story's time after it
    (the history)."""
    blocks: list[Content] = []
    for step in reversed(steps):
        lines = step_lines(step.events, folded if not blocks else frozenset())
        if lines and timed:
            lines.insert(0, Content.styled(step.state.time.label(), "italic"))
        if lines:
            block = Content("\n").join(lines)
            blocks.append(block.stylize("dim") if blocks else block)
    return Content("\n").join(blocks) if blocks else Content("Nothing has happened yet.")


class EventLog(FixedView):
    """The recent steps' explanations, newest on top. A fixed-height box that
    simply cuts off the oldest lines: no scrolling means no relayout per step
    (h opens the whole history), nor when it lends rows (FixedView)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text = Content("")

    def show(
        self, game: Game, notice: Content | None = None, folded: frozenset[str] = frozenset()
    ) -> None:
        """The recent steps, under ``notice`` (this step's one notice) if any."""
        text = log_text(game.steps[-STEPS_KEPT:], folded)
        self.text = text if notice is None else Content("\n").join([notice, text])
        self.refresh()

    def render(self) -> Content:
        return self.text
