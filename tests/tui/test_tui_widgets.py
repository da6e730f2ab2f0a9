"""The text the widgets draw: arrows, sparklines, bars, the folded body line,
the chart's marks, the log's order, wrapped choices and the status line."""

from __future__ import annotations

from game import body as bm
from game.engine.machine import ChoiceView, Game
from game.engine.state import TRACE_READOUTS, TracePoint
from game.paths import bundled_pack
from game.story.clock import StartTime
from game.story.loader import load_pack
from game.tui.widgets.body_panel import (
    BodyFrame,
    bar,
    blend,
    frame_of,
    lc_mode_text,
    organ_symbol,
    panel_lines,
    sparkline,
    summary_line,
    trend,
)
from game.tui.widgets.chart import chart_lines, legend_lines, rises
from game.tui.widgets.choice_list import choice_prompt
from game.tui.widgets.event_log import step_lines
from game.tui.widgets.status import StatusText, game_clock, status_text
from tests.tui.tui_helpers import MINI


def story():  # type: ignore[no-untyped-def]
    loaded = load_pack(MINI).story
    assert loaded is not None
    return loaded


def test_trend_words_not_colour() -> None:
    assert trend("heart_rate", {"heart_rate": 90.0}, {"heart_rate": 70.0}) == "▲"
    assert trend("heart_rate", {"heart_rate": 60.0}, {"heart_rate": 70.0}) == "▼"
    assert trend("heart_rate", {"heart_rate": 70.2}, {"heart_rate": 70.0}) == " "
    assert trend("heart_rate", {"heart_rate": 70.0}, None) == " "


def test_sparkline_keeps_noise_flat_and_shows_a_response() -> None:
    flat = sparkline([70.0, 70.4, 69.8, 70.1], 4, "heart_rate")
    assert len(set(flat)) <= 2
    rise = sparkline([70.0, 70.0, 150.0], 3, "heart_rate")
    assert rise[0] == "▁" and rise[-1] == "█"
    assert sparkline([1.0, 2.0, 3.0], 0, "heart_rate") == ""
    assert len(sparkline([float(v) for v in range(40)], 10, "glucose")) == 10


def test_bars_and_organ_symbols() -> None:
    assert bar(50, 10) == "█████░░░░░"
    assert bar(150, 4) == "████" and bar(-5, 4) == "░░░░"
    assert [organ_symbol(v) for v in (0.0, 0.3, 0.9)] == ["○", "•", "●"]


def test_blend_moves_numbers_and_switches_words_half_way() -> None:
    start = {"heart_rate": 70.0, "lc_mode": "phasic"}
    end = {"heart_rate": 130.0, "lc_mode": "high_tonic"}
    assert blend(start, end, 0.5)["heart_rate"] == 100.0
    assert blend(start, end, 0.4)["lc_mode"] == "phasic"
    assert blend(start, end, 0.6)["lc_mode"] == "high_tonic"


def test_panel_fits_its_width_and_has_every_readout() -> None:
    game = Game.start(story()).act(1).act(1)
    frame = frame_of(game)
    for width in (28, 42):
        lines = panel_lines(frame, width)
        assert all(line.cell_length <= width for line in lines)
        text = "\n".join(line.plain for line in lines)
        for label in (
            "Heart",
            "BP",
            "Breath",
            "Glucose",
            "NE brain",
            "NE blood",
            "Focus",
            "Alert",
            "Fatigue",
            "Anxiety",
            "Mood",
            "LC",
            "pupils",
            "muscles",
        ):
            assert label in text
        assert "bpm" in text and "mmHg" in text and "pg/mL" in text


def test_the_folded_line_fits_60_columns_at_extremes() -> None:
    worst = {name: info.high for name, info in bm.READOUTS.items() if info.kind != "text"}
    worst["lc_mode"] = "high_tonic"
    before = {name: info.low for name, info in bm.READOUTS.items() if info.kind != "text"}
    line = summary_line(BodyFrame(worst, before))
    assert line.cell_length <= 58, line.plain
    assert "▲" in line.plain and "LC high" in line.plain


def test_chart_marks_the_choice_that_raised_the_heart() -> None:
    def point(clock: float, heart: float, label: str | None, scene: str = "s") -> TracePoint:
        values = [100.0] * len(TRACE_READOUTS)
        values[TRACE_READOUTS.index("heart_rate")] = heart
        values[TRACE_READOUTS.index("systolic")] = 120.0
        return TracePoint(clock, scene, tuple(values), label)

    trace = [
        point(0, 70, None),
        point(60, 72, "Walk"),
        point(120, 140, None, "bear"),
        point(700, 80, "Back away"),
    ]
    found = rises(trace, {"bear": "The Bear"})
    assert [(r.mark, r.label) for r in found] == [("1", "reaching The Bear")]
    lines = chart_lines(trace, {}, 60)
    assert len(lines) == 3 * 3 + 2
    assert all(line.cell_length <= 60 for line in lines)
    assert "1" in lines[-2].plain
    legend = legend_lines(trace, {"bear": "The Bear"})[0].plain
    assert legend.startswith("1 00:02") and "Heart ▲ 72 → 140 bpm" in legend
    assert "Not enough" in chart_lines(trace[:1], {}, 60)[0].plain


def test_log_puts_the_causes_first_and_skips_empty_continues() -> None:
    game = Game.start(story()).act(1).act(1)
    lines = [line.plain for line in step_lines(game.last_events)]
    assert lines[0] == "▸ Take the shortcut"
    inputs = next(i for i, line in enumerate(lines) if line.startswith("◆"))
    body = next(i for i, line in enumerate(lines) if line.startswith("→"))
    time = next(i for i, line in enumerate(lines) if line.startswith("◷"))
    assert inputs < body < time
    library = Game.start(story()).act(2)
    assert step_lines(library.act(1).last_events) == []  # a Continue that changed nothing


def test_long_choices_wrap_under_their_text() -> None:
    choice = ChoiceView(3, "Stand tall, raise your arms and talk to it in a loud, firm voice")
    lines = choice_prompt(choice, 30).plain.splitlines()
    assert lines[0].startswith(" 3  ") and all(line.startswith("    ") for line in lines[1:])
    assert all(len(line) <= 30 for line in lines)
    disabled = ChoiceView(2, "Sprint", enabled=False, hint="Too tired.")
    assert choice_prompt(disabled, 30).plain.splitlines()[1] == "    ✗ Too tired."


def test_status_line_shortens_the_place_not_the_numbers() -> None:
    game = Game.start(story(), storyline="woods")
    text = status_text(story(), game, "lesson 1/1")
    assert text.fit(100).plain.startswith("Locus · Into the Woods · lesson 1/1")
    narrow = text.fit(58).plain
    assert len(narrow) <= 58 and "score 0" in narrow and "level" in narrow
    assert "…" in narrow
    assert isinstance(text, StatusText)


def test_game_clock() -> None:
    assert game_clock(0) == "00:00"
    assert game_clock(3 * 3600 + 5 * 60) == "03:05"
    assert game_clock(2 * 86400 + 60) == "day 2 · 00:01"
    thursday = StartTime(18.5 * 3600, 0, 3)  # starts_at: "Thu 18:30"
    assert game_clock(5 * 60, thursday) == "Thu 18:35"
    assert game_clock(6 * 3600, thursday) == "Fri 00:30"


def test_the_header_shows_the_story_clock() -> None:
    pack = load_pack(bundled_pack()).story
    assert pack is not None
    game = Game.start(pack, storyline="inside_the_lc")
    assert "time 21:00 · score" in status_text(pack, game, None).fit(100).plain


def test_the_lc_mode_says_focused_only_while_focus_is_not_low() -> None:
    assert lc_mode_text("phasic", 72.0) == "phasic · focused"
    assert lc_mode_text("phasic", 35.0) == "phasic"
    assert lc_mode_text("high_tonic", 35.0) == "high tonic · anxious"


def test_a_storyline_charts_its_own_readouts_first_from_where_play_started() -> None:
    from game.engine.machine import Game
    from game.paths import bundled_pack
    from game.story.loader import load_pack
    from game.tui.widgets.chart import chart_lines, played, series_for

    story = load_pack(bundled_pack()).story
    assert story is not None
    line = story.storylines["back_on_track"]
    assert line.chart[0] == "mood"
    game = Game.start(story, storyline="back_on_track").act(1)
    trace = played(game)
    assert trace[0] == game.steps[0].state.trace[-1]  # the first scene as it was shown
    assert trace[0].clock > 0 == game.state.trace[0].clock  # not the 00:00 sample before it
    lines = [line.plain for line in chart_lines(trace, {}, 60, series=series_for(line.chart))]
    assert lines[0].startswith("Mood") and lines[3].startswith("Fatigue")
    assert lines[6].startswith("Brain NE")


def test_codex_text_is_reflowed() -> None:
    from game.story.model import CodexEntry
    from game.tui.screens.codex import entry_text

    entry = CodexEntry("x", "X", "One line\nbroken in the\nsource.\n\nA second\nparagraph.", None)  # type: ignore[arg-type]
    assert entry.paragraphs == ("One line broken in the source.", "A second paragraph.")
    assert "One line broken in the source.\n\nA second paragraph." in entry_text(entry, None).plain  # type: ignore[arg-type]
