"""The debrief chart: brain NE, heart rate and blood pressure over the
playthrough, with a numbered mark under each choice that made them rise.

Columns follow the playthrough's samples in order (one per scene entered),
so every choice gets room even when one scene spans minutes and the next
weeks; the legend gives each mark's game time. Drawn with block characters
so it reads the same in any terminal and without colour.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from game import body as bm
from game.engine.machine import Game
from game.engine.state import TracePoint
from game.story.clock import MIDNIGHT, StartTime
from game.tui.widgets.status import game_clock

BLOCKS = " ▁▂▃▄▅▆▇█"
GUTTER = 15  # label and scale, left of the plot

# (readout, name, unit, smallest rise worth a mark, smallest span of the scale)
Series = tuple[str, str, str, float, float]
SERIES: tuple[Series, ...] = (
    ("ne", "Brain NE", "%", 10.0, 40.0),
    ("heart_rate", "Heart", "bpm", 5.0, 20.0),
    ("systolic", "Systolic", "mmHg", 5.0, 20.0),
)


def series_for(first: Sequence[str]) -> tuple[Series, ...]:
    """The charted readouts: a storyline's own (``chart: [mood]``) first, then
    the usual three. A readout's marks and scale follow its range."""
    usual = {name for name, *_ in SERIES}
    own = []
    for name in first:
        info = bm.READOUTS.get(name)
        if name in usual or info is None or info.low is None or info.high is None:
            continue
        span = info.high - info.low
        own.append((name, info.label[:9], info.unit, span * 0.05, span * 0.1))
    return (*own, *SERIES)


def played(game: Game) -> tuple[TracePoint, ...]:
    """The trace from where play started: the first scene as the player first
    saw it, not the samples taken before its own effects and time."""
    first, trace = game.steps[0].state.trace, game.state.trace
    if first and trace[: len(first)] == first:
        return trace[len(first) - 1 :]
    return trace


MARKS = "123456789abcdefghijklmnopqrstuvwxyz"


@dataclass(frozen=True, slots=True)
class Rise:
    """A choice after which a charted readout rose clearly."""

    mark: str
    index: int  # trace position
    clock: float
    label: str
    changes: tuple[str, ...]  # "heart rate ▲ 72 → 128 bpm"


def rises(
    trace: Sequence[TracePoint], titles: Mapping[str, str], series: Sequence[Series] = SERIES
) -> list[Rise]:
    """Each step after which a charted readout rose clearly, named by the
    choice that led there (or, after a Continue or an answer, the scene)."""
    found: list[Rise] = []
    for index in range(1, len(trace)):
        point, previous = trace[index], trace[index - 1]
        label = point.label or f"reaching {titles.get(point.scene, point.scene)}"
        changes = tuple(
            f"{name} ▲ {previous.value(key):.0f} → {point.value(key):.0f} {unit}"
            for key, name, unit, threshold, _ in series
            if point.value(key) - previous.value(key) >= threshold
        )
        if changes and len(found) < len(MARKS):
            found.append(Rise(MARKS[len(found)], index, point.clock, label, changes))
    return found


def _columns(count: int, width: int) -> list[range]:
    """Which trace samples each column shows (several per column when crowded)."""
    if count <= width:
        per = width // count
        return [range(c // per, c // per + 1) for c in range(per * count)]
    return [
        range(c * count // width, max(c * count // width + 1, (c + 1) * count // width))
        for c in range(width)
    ]


def chart_lines(
    trace: Sequence[TracePoint],
    titles: Mapping[str, str],
    width: int,
    rows: int = 3,
    series: Sequence[Series] = SERIES,
    start_time: StartTime = MIDNIGHT,
) -> list[Content]:
    """The plot fitted to ``width`` cells, ``rows`` rows per readout."""
    if len(trace) < 2:
        return [Content("Not enough of the story yet to draw a chart.")]
    plot = max(10, width - GUTTER)
    columns = _columns(len(trace), plot)
    lines: list[Content] = []
    for key, name, unit, _, min_span in series:
        values = [max(trace[i].value(key) for i in column) for column in columns]
        low, high = min(values), max(values)
        if high - low < min_span:
            low = min(low, high - min_span)
        levels = rows * 8
        heights = [max(1, round((v - low) / (high - low) * levels)) for v in values]
        for row in range(rows):
            floor = (rows - 1 - row) * 8
            cells = "".join(BLOCKS[max(0, min(8, h - floor))] for h in heights)
            label = name if row == 0 else unit if row == 1 else ""
            scale = f"{high:.0f}" if row == 0 else f"{low:.0f}" if row == rows - 1 else ""
            lines.append(
                Content.assemble((f"{label:<9}", "bold"), f"{scale:>5}▕", (cells, "$secondary"))
            )
    marks = [" "] * len(columns)
    starts: dict[int, int] = {}
    for c, column in enumerate(columns):
        starts.setdefault(column.start, c)
    for rise in rises(trace, titles, series):
        at = starts.get(rise.index)
        if at is None:  # crowded: the first column holding this sample
            at = next(c for c, r in enumerate(columns) if rise.index in r)
        marks[at] = rise.mark
    lines.append(Content.assemble(" " * 14 + "▕", ("".join(marks), "bold $warning")))
    start, end = game_clock(trace[0].clock, start_time), game_clock(trace[-1].clock, start_time)
    lines.append(Content.styled(f"{'':14} scenes in order → time {start}–{end}", "dim"))
    return lines


def legend_lines(
    trace: Sequence[TracePoint],
    titles: Mapping[str, str],
    series: Sequence[Series] = SERIES,
    start_time: StartTime = MIDNIGHT,
) -> list[Content]:
    found = rises(trace, titles, series)
    if not found:
        return [Content("No choice made these rise sharply this time.")]
    return [
        Content.assemble(
            (f"{rise.mark} ", "bold $warning"),
            (f"{game_clock(rise.clock, start_time)}  ", "dim"),
            (rise.label, "bold"),
            f" — {'; '.join(rise.changes)}",
        )
        for rise in found
    ]


class TraceChart(Widget):
    """Renders ``chart_lines`` for its width."""

    DEFAULT_CSS = """
    TraceChart { height: auto; }
    """

    def __init__(
        self,
        trace: Sequence[TracePoint],
        titles: Mapping[str, str],
        rows: int = 3,
        series: Sequence[Series] = SERIES,
        *,
        start_time: StartTime = MIDNIGHT,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.trace = tuple(trace)
        self.titles = titles
        self.rows = rows
        self.series = tuple(series)
        self.start_time = start_time

    def _lines(self, width: int) -> list[Content]:
        return chart_lines(self.trace, self.titles, width, self.rows, self.series, self.start_time)

    def render(self) -> Content:
        return Content("\n").join(self._lines(self.content_size.width or 60))

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        """One line per chart line: the plot is drawn for the width, never wrapped."""
        return len(self._lines(width))
