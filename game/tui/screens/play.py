"""The play screen: the story in the middle, the body beside it, the log below.

A step is: ask the playthrough to act, redraw from the new game, and tell the
app (``Stepped``: the profile and the autosave follow). Changes from
elsewhere (a load, a live reload, undo in the debrief) arrive through the
app's ``playthrough`` reactive, which this screen watches. When
game time passed, the body panel walks from the old readouts to the new ones
over about a second (a short-lived timer, none when animations are off), so
the player sees the body respond rather than jump.
"""

from __future__ import annotations

from dataclasses import replace
from time import monotonic
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer

from game import body as bm
from game.engine import events as ev
from game.engine.events import Event
from game.engine.machine import ActionError, ContentError, Game
from game.tui.messages import CodexRequested, Stepped, TitleRequested
from game.tui.notice import Notice, content_notice
from game.tui.screens.debrief import DebriefScreen
from game.tui.screens.history import HistoryScreen
from game.tui.screens.saves import SavesScreen
from game.tui.widgets.body_panel import (
    BodyFrame,
    BodyLine,
    BodyPanel,
    Readouts,
    blend,
    frame_of,
)
from game.tui.widgets.choice_list import ChoiceList
from game.tui.widgets.event_log import NOTICED, EventLog, step_notice
from game.tui.widgets.fixed_view import FixedRow
from game.tui.widgets.footer import KeysFooter
from game.tui.widgets.status import StatusBar
from game.tui.widgets.story_column import StoryColumn
from game.tui.widgets.story_text import StoryText
from game.tui.widgets.too_small import MIN_HEIGHT, MIN_WIDTH, TOO_NARROW, TOO_SHORT, TooSmall

if TYPE_CHECKING:
    from game.playthrough import Playthrough
    from game.tui.app import LocusApp

# The layout classes by terminal size (play.tcss). Module constants, because
# Textual declares the breakpoints ClassVar-or-None, which a list literal here
# could satisfy for only one of ruff and mypy.
WIDTHS = [TOO_NARROW, (MIN_WIDTH, "-narrow"), (70, "-normal"), (110, "-wide")]
HEIGHTS = [TOO_SHORT, (MIN_HEIGHT, "-short"), (28, "-tall")]
ANIMATION_SECONDS = 1.2
ANIMATION_FPS = 20


def feedback_text(events: tuple[Event, ...]) -> Content | None:
    """Immediate quiz feedback from the step's answer event, in words."""
    for item in events:
        if not isinstance(item, ev.AnswerGiven):
            continue
        points = f"+{item.points} of {item.possible} points"
        if item.correct:
            return Content.assemble(("✔ Correct", "bold $success"), f" · {points}. {item.feedback}")
        right = f" The right answer was option {item.correct_option}."
        return Content.assemble(
            ("✘ Not quite", "bold $error"), f" · {points}.{right} {item.feedback}"
        )
    return None


class PlayScreen(Screen[None]):
    """Story, choices, body panel, event log and the status line."""

    CSS_PATH = "../styles/play.tcss"

    HORIZONTAL_BREAKPOINTS = WIDTHS
    VERTICAL_BREAKPOINTS = HEIGHTS
    BINDINGS: ClassVar = [
        Binding("1", "pick(1)", "Choose", key_display="1-9"),
        *(Binding(str(n), f"pick({n})", f"Choose {n}", show=False) for n in range(2, 10)),
        Binding("u", "undo", "Undo"),
        Binding("ctrl+z", "undo", "Undo", show=False),
        Binding("s", "save", "Save"),
        Binding("l", "load", "Load"),
        Binding("c", "codex", "Codex"),
        Binding("h", "history", "History"),
        Binding("pagedown", "scroll_story(1)", "Story down", show=False, priority=True),
        Binding("pageup", "scroll_story(-1)", "Story up", show=False, priority=True),
        Binding("d", "debrief", "Debrief", show=False),
        Binding("escape", "title", "Title"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None
        self._from: Readouts = {}
        self._started = 0.0
        self._drawn: Game | None = None  # the game on screen

    @property
    def locus(self) -> LocusApp:
        return cast("LocusApp", self.app)

    @property
    def playthrough(self) -> Playthrough:
        run = self.locus.playthrough
        assert run is not None, "the play screen needs a playthrough"
        return run

    def compose(self) -> ComposeResult:
        frame = frame_of(self.playthrough.game)
        yield StatusBar(id="status")
        with FixedRow(id="main"):
            with StoryColumn(id="story-column"):
                yield BodyLine(frame, id="body-line")
                yield StoryText(id="story")
                yield ChoiceList(id="choices")
            yield BodyPanel(frame, id="body")
        yield EventLog(id="log")
        yield KeysFooter()
        yield TooSmall()

    def on_mount(self) -> None:
        self.watch(self.locus, "playthrough", self._changed, init=False)
        self.redraw()

    def _changed(self, run: Playthrough | None) -> None:
        """Another game, or this one changed elsewhere: redraw, unless it is
        the game this screen just drew (its own steps draw themselves)."""
        if run is not None and run.game is not self._drawn:
            self.redraw()

    # --- drawing ------------------------------------------------------------------

    def redraw(
        self,
        animate_from: Readouts | None = None,
        notice: Content | None = None,
        folded: frozenset[str] = frozenset(),
    ) -> None:
        """Draw everything from the playthrough's game; with ``animate_from``
        the body panel moves from those readouts to the new ones, and
        ``notice`` heads the log (which then leaves out the ``folded`` kinds
        of event it says)."""
        run = self.playthrough
        game = run.game
        self._drawn = game
        try:
            view = game.view()
            options = game.options()
        except ContentError as error:
            self._tell(content_notice(error))
            return
        controller = self.locus.controller
        assert controller is not None, "the play screen needs a controller"
        self.query_one(StatusBar).show(
            run.story, game, controller.lesson_part(), controller.lasting_xp()
        )
        feedback = feedback_text(game.last_events) if game.can_undo else None
        self.query_one(StoryText).show(view, feedback)
        choices = self.query_one(ChoiceList)
        choices.show(options, extra="See the debrief" if view.kind == "ending" else None)
        choices.border_title = {"quiz": "Answer", "ending": "The end"}.get(view.kind, "Choose")
        choices.focus()
        self.query_one(StoryColumn).share_rows()
        self.query_one(EventLog).show(game, notice, folded if notice is not None else frozenset())
        self._show_body(game, animate_from)

    def _show_body(self, game: Game, animate_from: Readouts | None) -> None:
        self._stop_animation()
        frame = frame_of(game)
        if animate_from is None or self.app.animation_level == "none":
            self._paint(frame)
            return
        self._from = animate_from
        self._started = monotonic()
        self._paint(self._frame_at(frame, 0.0))
        self._timer = self.set_interval(1 / ANIMATION_FPS, self._tick, name="body-animation")

    def _frame_at(self, frame: BodyFrame, t: float) -> BodyFrame:
        now = blend(self._from, frame.now, t)
        history = {name: (*values[:-1], float(now[name])) for name, values in frame.history.items()}
        return replace(frame, now=now, history=history)

    def _tick(self) -> None:
        t = min(1.0, (monotonic() - self._started) / ANIMATION_SECONDS)
        frame = frame_of(self.playthrough.game)
        self._paint(self._frame_at(frame, t * t * (3 - 2 * t)))  # smoothstep: ease in and out
        if t >= 1.0:
            self._stop_animation()

    def _stop_animation(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _paint(self, frame: BodyFrame) -> None:
        self.query_one(BodyPanel).show(frame)
        self.query_one(BodyLine).show(frame)

    # --- acting ---------------------------------------------------------------------

    def on_choice_list_picked(self, message: ChoiceList.Picked) -> None:
        self.action_pick(message.number)

    def action_pick(self, number: int) -> None:
        run = self.playthrough
        game = run.game
        if game.ended:
            if number == 1:
                self.action_debrief()
            return
        before = bm.readouts(game.state.body)
        try:
            events = run.act(number)
        except ActionError as error:
            self._notice(f"✗ {str(error)[:1].upper()}{str(error)[1:]}.")
            return
        except ContentError as error:
            self._tell(content_notice(error))
            return
        self.post_message(Stepped())
        passed = any(isinstance(item, ev.TimePassed) for item in events)
        self.redraw(before if passed else None, step_notice(events, run.story), NOTICED)

    def action_undo(self) -> None:
        if self.playthrough.undo():
            self.redraw(notice=Content.styled("↶ Undone.", "bold $accent"))
        else:
            self._notice("Nothing to undo.")

    def _tell(self, notice: Notice) -> None:
        self.notify(
            notice.message, title=notice.title, severity=notice.severity, timeout=notice.timeout
        )

    def _notice(self, text: str) -> None:
        """A notice in words at the top of the log, where the eye can find it
        and nothing is covered."""
        self.query_one(EventLog).show(self.playthrough.game, Content.styled(text, "bold $warning"))

    def action_save(self) -> None:
        self.app.push_screen(SavesScreen(self.playthrough.story, "save", True))

    def action_load(self) -> None:
        self.app.push_screen(SavesScreen(self.playthrough.story, "load", True))

    def action_codex(self) -> None:
        self.post_message(CodexRequested())

    def action_scroll_story(self, pages: int) -> None:
        self.query_one(StoryText).action_scroll(pages)

    def action_history(self) -> None:
        self.app.push_screen(HistoryScreen(self.playthrough.game))

    def action_debrief(self) -> None:
        if not self.playthrough.game.ended:
            self._notice("The debrief opens at an ending.")
            return
        self.app.push_screen(DebriefScreen())

    def action_title(self) -> None:
        self.post_message(TitleRequested())
