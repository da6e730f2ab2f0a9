"""The body panel: vitals with sparklines, score bars and a body diagram.

The panel is one widget that renders text for its current width, rather than
a tree of small widgets, so a new scene (or an animation frame) costs one
render. Every value carries a label, a unit and an arrow word-shape (▲ ▼), so
nothing depends on colour; colour only repeats what the symbols say.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from game import body as bm
from game.engine.machine import Game

Readouts = Mapping[str, float | str]

SPARKS = "▁▂▃▄▅▆▇█"
HISTORY = 24  # steps of history kept for the sparklines

# (readout, label, unit): the vitals shown with a sparkline; "bp" is systolic/diastolic.
VITALS: tuple[tuple[str, str, str], ...] = (
    ("heart_rate", "Heart", "bpm"),
    ("systolic", "BP", "mmHg"),
    ("resp_rate", "Breath", "/min"),
    ("glucose", "Glucose", "mg/dL"),
    ("ne", "NE brain", "%"),
    ("ne_plasma", "NE blood", "pg/mL"),
)
BARS: tuple[tuple[str, str], ...] = (
    ("focus", "Focus"),
    ("alertness", "Alert"),
    ("fatigue", "Fatigue"),
    ("anxiety", "Anxiety"),
    ("mood", "Mood"),
)
LC_MODES = {
    "low_tonic": "low tonic · drowsy",
    "phasic": "phasic · focused",
    "high_tonic": "high tonic · anxious",
}
SHORT_MODES = {"low_tonic": "low", "phasic": "phasic", "high_tonic": "high"}
# Organs in the diagram, in reading order, with the word shown beside the symbol.
ORGAN_LABELS: tuple[tuple[str, str], ...] = (
    ("lc", "LC"),
    ("pupils", "pupils"),
    ("heart", "heart"),
    ("lungs", "lungs"),
    ("liver", "liver"),
    ("gut", "gut"),
    ("muscles", "muscles"),
)
FIGURE = ("  o  ", " /|\\ ", " / \\ ")


@dataclass(frozen=True, slots=True)
class BodyFrame:
    """What the panel shows at one moment: readouts, the previous step's
    readouts (for arrows), recent history (for sparklines) and organ activity."""

    now: Readouts
    before: Readouts | None = None
    history: Mapping[str, Sequence[float]] = field(default_factory=dict)
    activity: Mapping[str, float] = field(default_factory=dict)


def frame_of(game: Game) -> BodyFrame:
    """The frame for the game's latest step, with history from earlier steps
    (so undo and loading a save give the right sparklines for free)."""
    steps = game.steps[-HISTORY:]
    samples = [bm.readouts(step.state.body) for step in steps]
    history = {name: tuple(float(sample[name]) for sample in samples) for name, _, _ in VITALS}
    before = samples[-2] if len(samples) > 1 else None
    return BodyFrame(samples[-1], before, history, bm.activity(game.state.body))


def blend(start: Readouts, end: Readouts, t: float) -> dict[str, float | str]:
    """Readouts a fraction ``t`` of the way from ``start`` to ``end`` (text
    readouts such as the LC mode switch half way)."""
    mixed: dict[str, float | str] = {}
    for name, target in end.items():
        origin = start.get(name, target)
        if isinstance(target, str) or isinstance(origin, str):
            mixed[name] = target if t >= 0.5 else origin
        else:
            mixed[name] = float(origin) + (float(target) - float(origin)) * t
    return mixed


def _bounds(name: str) -> tuple[float, float, float] | None:
    """(rest, low, high) of a number readout; None for text ones."""
    info = bm.READOUTS.get(name)
    if info is None or info.low is None or info.high is None or isinstance(info.rest, str):
        return None
    return info.rest, info.low, info.high


def _threshold(name: str) -> float:
    """The smallest change worth an arrow: 1% of the readout's range."""
    bounds = _bounds(name)
    if bounds is None:
        return 1.0
    _, low, high = bounds
    return max(0.5, (high - low) * 0.01)


def trend(name: str, now: Readouts, before: Readouts | None) -> str:
    """▲, ▼ or a space: the direction since the previous step."""
    if before is None or name not in before:
        return " "
    delta = float(now[name]) - float(before[name])
    if abs(delta) < _threshold(name):
        return " "
    return "▲" if delta > 0 else "▼"


def sparkline(values: Sequence[float], width: int, name: str) -> str:
    """The last ``width`` values as block characters. The scale always spans
    at least a tenth of the readout's range around its rest value, so noise
    stays flat and a real response stands out."""
    if width <= 0 or not values:
        return ""
    shown = list(values[-width:])
    bounds = _bounds(name)
    low, high = min(shown), max(shown)
    if bounds is not None:
        rest, floor, ceiling = bounds
        low, high = min(low, rest), max(high, rest)
        span = (ceiling - floor) * 0.1
        if high - low < span:
            middle = (high + low) / 2
            low, high = middle - span / 2, middle + span / 2
    if high - low <= 0:
        return SPARKS[0] * len(shown)
    top = len(SPARKS) - 1
    return "".join(SPARKS[round((v - low) / (high - low) * top)] for v in shown)


def bar(value: float, width: int) -> str:
    filled = round(max(0.0, min(100.0, value)) / 100 * width)
    return "█" * filled + "░" * (width - filled)


FOCUSED_FROM = 50.0  # below this Focus score, "phasic · focused" would contradict the bar


def lc_mode_text(mode: object, focus: object = 100.0) -> str:
    """The mode and what it usually means; "focused" only while focus is not low."""
    if mode == "phasic" and isinstance(focus, int | float) and focus < FOCUSED_FROM:
        return "phasic"
    return LC_MODES.get(str(mode), str(mode).replace("_", " "))


def organ_symbol(level: float) -> str:
    """● strong, • responding, ○ quiet: shape, not colour, carries the level.
    (Not a half-filled circle: browser fonts clip it to a half circle.)"""
    if level >= 0.6:
        return "●"
    if level >= 0.25:
        return "•"
    return "○"


def _organ_style(level: float) -> str:
    if level >= 0.6:
        return "bold $warning"
    if level >= 0.25:
        return "$accent"
    return "dim"


def _value(name: str, now: Readouts) -> str:
    if name == "systolic":
        return f"{float(now['systolic']):.0f}/{float(now['diastolic']):.0f}"
    return f"{float(now[name]):.0f}"


def _vital_row(frame: BodyFrame, name: str, label: str, unit: str, spark: int) -> Content:
    arrow = trend(name, frame.now, frame.before)
    value = f"{_value(name, frame.now)} {unit}"
    parts: list[str | tuple[str, str]] = [
        (f"{label:<8} ", "bold"),
        f"{value:<12} ",
        (arrow, "$warning" if arrow == "▲" else "$accent"),
    ]
    if spark > 0:
        parts.append(" ")
        parts.append((sparkline(frame.history.get(name, ()), spark, name), "$secondary"))
    return Content.assemble(*parts)


def _bar_row(frame: BodyFrame, name: str, label: str, width: int) -> Content:
    value = float(frame.now[name])
    arrow = trend(name, frame.now, frame.before)
    return Content.assemble(
        (f"{label:<8} ", "bold"),
        (bar(value, width), "$primary"),
        f" {value:3.0f} ",
        (arrow, "$warning" if arrow == "▲" else "$accent"),
    )


def diagram(activity: Mapping[str, float], width: int) -> list[Content]:
    """A small figure with the organs beside it, each with a level symbol."""
    cells = [
        Content.assemble(
            (organ_symbol(activity.get(organ, 0.0)), _organ_style(activity.get(organ, 0.0))),
            f" {label}",
        )
        for organ, label in ORGAN_LABELS
    ]
    per_row = 2 if width < 34 else 3
    cell_width = 10 if per_row == 2 else 11
    rows: list[Content] = []
    for index in range(0, len(cells), per_row):
        line = Content(FIGURE[len(rows)] if len(rows) < len(FIGURE) else " " * 5)
        for cell in cells[index : index + per_row]:
            line = line + Content(" ") + cell.pad_right(cell_width - cell.cell_length)
        rows.append(line.rstrip())
    return rows


def panel_lines(frame: BodyFrame, width: int) -> list[Content]:
    """Everything in the panel, fitted to ``width`` cells."""
    spark = max(0, min(HISTORY, width - 24))
    bar_width = max(5, min(20, width - 15))
    lines = [
        Content.assemble(
            ("LC ", "bold"),
            lc_mode_text(frame.now.get("lc_mode", ""), frame.now.get("focus", 100.0)),
        ),
    ]
    lines += [_vital_row(frame, name, label, unit, spark) for name, label, unit in VITALS]
    lines += [_bar_row(frame, name, label, bar_width) for name, label in BARS]
    lines += diagram(frame.activity, width)
    return lines


def summary_line(frame: BodyFrame, width: int = 58) -> Content:
    """The one-line panel for narrow terminals; the gaps shrink before
    anything is cut."""
    now = frame.now

    def item(label: str, name: str, unit: str = "") -> Content:
        arrow = trend(name, now, frame.before).strip()
        style = "$warning" if arrow == "▲" else "$accent"
        return Content.assemble((label, "bold"), f" {_value(name, now)}{unit}", (arrow, style))

    mode = now.get("lc_mode", "")
    items = [
        item("HR", "heart_rate"),
        item("BP", "systolic"),
        item("RR", "resp_rate"),
        item("NE", "ne", "%"),
        item("focus", "focus"),
        Content.assemble(("LC ", "bold"), SHORT_MODES.get(str(mode), str(mode))),
    ]
    wide = Content("  ").join(items)
    return wide if wide.cell_length <= width else Content(" ").join(items)


class BodyPanel(Widget):
    """The living body beside the story; renders a ``BodyFrame``."""

    # Lines are fitted to the width already; not wrapping them renders faster.
    DEFAULT_CSS = """
    BodyPanel { height: auto; text-wrap: nowrap; text-overflow: clip; }
    """

    def __init__(self, frame: BodyFrame, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.frame = frame
        self.border_title = "Body"
        self._drawn: tuple[BodyFrame, int, Content] | None = None

    def show(self, frame: BodyFrame) -> None:
        """Repaint only: the panel's height depends on its width alone, so a
        new frame never needs a layout."""
        self.frame = frame
        self.refresh()

    def _text(self, width: int) -> Content:
        """The panel for this frame and width, drawn once for measuring and rendering."""
        if self._drawn is None or self._drawn[0] is not self.frame or self._drawn[1] != width:
            self._drawn = (self.frame, width, Content("\n").join(panel_lines(self.frame, width)))
        return self._drawn[2]

    def render(self) -> Content:
        return self._text(self.content_size.width or 30)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self._text(width).plain.count("\n") + 1


class BodyLine(Widget):
    """The body panel folded into one line (shown instead of it when narrow)."""

    DEFAULT_CSS = """
    BodyLine { height: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    """

    def __init__(self, frame: BodyFrame, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.frame = frame

    def show(self, frame: BodyFrame) -> None:
        self.frame = frame
        self.refresh()

    def render(self) -> Content:
        return summary_line(self.frame, self.content_size.width or 58)
