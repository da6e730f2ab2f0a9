"""The Locus Textual app: the shell around one controller.

Screens post typed messages (game/tui/messages.py); the handlers here ask
the controller (game/tui/controller.py, which owns the story, the
playthrough and the lesson) to act, show the screens that follow, and run
the slow parts (loading the pack, autosaving) in workers that answer with
messages too. What changed reaches the screens through two reactives they
watch: ``playthrough`` (the game being shown) and ``pack`` (what the title
says about the pack). Heavy modules come through game/tui/lazy.py, so the
title is drawn before the engine is imported (bench/bench_startup.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme
from textual.timer import Timer

from game.engine.save_slots import autosave_of
from game.paths import data_dir, saves_dir
from game.story.pack_cache import PackCache, PackSummary, content_key, stamps_of
from game.tui import lazy
from game.tui.launch import LaunchOptions
from game.tui.messages import (
    CodexRequested,
    LoadRequested,
    MenuItem,
    MenuPicked,
    NextRequested,
    PackLoaded,
    SaveRequested,
    Stepped,
    TitleRequested,
    UndoRequested,
    WriteFailed,
)
from game.tui.profile_keeper import ProfileKeeper
from game.tui.screens.title import TitleScreen
from game.tui.themes import LOOKS, THEMES, first_theme, theme_label

if TYPE_CHECKING:
    from game.playthrough import Playthrough
    from game.story.diagnostics import Diagnostic
    from game.story.loader import LoadResult
    from game.story.model import Story
    from game.tui.controller import Controller
    from game.tui.notice import Notice
    from game.watch import PackWatcher

STYLES = Path(__file__).parent / "styles"


class LocusApp(App[int]):
    """A game about norepinephrine, the locus coeruleus and the stress response."""

    TITLE = "Locus"
    # The title is the default screen, whose own CSS_PATH Textual does not read;
    # every other screen brings its .tcss when it is first shown.
    CSS_PATH: ClassVar = [STYLES / "app.tcss", STYLES / "title.tcss"]
    BINDINGS: ClassVar = [
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("ctrl+t", "next_theme", "Theme", show=False),
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
    ]
    WATCH_INTERVAL = 0.75  # seconds between pack checks in watch mode
    AUTOSAVE_DELAY = 0.4  # seconds after a step before its autosave is written

    # The game on screen, set only by the controller (through _publish). The
    # same playthrough changes in place (undo, a reload), so every set counts.
    playthrough: reactive[Playthrough | None] = reactive(
        None, init=False, always_update=True, repaint=False
    )
    # What the title shows of the pack: from the cache at start, then the pack.
    pack: reactive[PackSummary | None] = reactive(None, init=False, repaint=False)

    def __init__(
        self, root: Path, loaded: LoadResult | None = None, launch: LaunchOptions | None = None
    ) -> None:
        """``loaded`` None: the pack loads in a worker after the title screen
        is drawn; the title shows the cached summary of the pack meanwhile."""
        # The player's theme is the first one: set after App.__init__, every
        # stylesheet would be parsed twice at start-up (see get_theme).
        self.keeper = ProfileKeeper()
        self.set_reactive(LocusApp.theme, first_theme(self.keeper.profile.settings.get("theme")))
        super().__init__()
        self.pack_root = root
        self.launch = launch or LaunchOptions()
        self.loading = loaded is None
        self.diagnostics: tuple[Diagnostic, ...] = loaded.diagnostics if loaded else ()
        self.controller: Controller | None = None
        self.cache = PackCache(data_dir() / "cache")
        self.watcher: PackWatcher | None = None
        self._autosave_timer: Timer | None = None
        self._pending_menu: MenuItem | None = None  # chosen on the title while the pack loaded
        for look in THEMES:
            self.register_theme(look)  # for switching; get_theme knows them already
        if loaded is None:
            self.pack = self.cache.lookup(root)
        elif loaded.story is not None:
            self._adopt(loaded.story)

    def get_theme(self, theme_name: str) -> Theme | None:
        """Locus's looks are known before App.__init__ builds the first
        stylesheet from the current theme, so it is built in the player's
        look, not rebuilt for it."""
        return LOOKS.get(theme_name) or super().get_theme(theme_name)

    @property
    def story(self) -> Story | None:
        return self.controller.story if self.controller is not None else None

    def autosave_path(self) -> Path | None:
        """The pack's latest autosave, known from the pack's summary alone, so
        Continue works on the title before the pack has loaded (picked then,
        it opens once the pack has)."""
        return autosave_of(saves_dir(), self.pack.id) if self.pack is not None else None

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification is literal text: messages carry names, save names,
        pack titles and error text, any of which may hold ``[@click=...]`` or a
        control character. ``markup`` is accepted (widgets pass it) and ignored."""
        del markup
        super().notify(
            lazy.printable(message),
            title=lazy.printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def report(self, notice: Notice) -> None:
        """The controller's notices, shown as notifications."""
        self.notify(
            notice.message, title=notice.title, severity=notice.severity, timeout=notice.timeout
        )

    def get_default_screen(self) -> Screen:
        return TitleScreen()

    def on_mount(self) -> None:
        if self.keeper.note:
            self.notify(self.keeper.note, title="Profile", severity="warning", timeout=15)
        if self.launch.watch:
            self.watcher = lazy.PackWatcher(self.pack_root)
            self.set_interval(self.WATCH_INTERVAL, self._check_pack, name="watch")
        if self.loading:
            return
        if self.controller is None:
            self._show_diagnostics()
            return
        self._begin_from_launch()

    def on_ready(self) -> None:
        """The first frame is on screen: now load the pack."""
        if self.loading:
            self._load_pack()

    # --- the pack -------------------------------------------------------------------

    def _adopt(self, story: Story) -> None:
        """The pack loaded: the first time, the controller is made for it."""
        if self.controller is None:
            self.controller = lazy.Controller(
                story, self.launch, self.keeper, self._publish, self.report
            )
        else:
            self.controller.reload(story)
        self.pack = PackSummary.of(story)

    def _publish(self, run: Playthrough | None) -> None:
        self.playthrough = run

    @work(thread=True, exclusive=True, group="reload")
    def _load_pack(self) -> None:
        """Load (or reload) the pack off the UI thread; keep its summary for
        the next start; then import what play needs while the player reads
        the title."""
        stamps, key = stamps_of(self.pack_root), content_key(self.pack_root)
        loaded = lazy.load_pack(self.pack_root, for_play=True)
        if loaded.story is not None and content_key(self.pack_root) == key:
            self.cache.write(self.pack_root, key, PackSummary.of(loaded.story), stamps)
        lazy.preload(lazy.FOR_LOADED)
        self.post_message(PackLoaded(loaded))
        lazy.preload(lazy.FOR_PLAY)

    def _check_pack(self) -> None:
        """Watch-mode poll: reload in a worker when any pack file changed."""
        if self.watcher is not None and self.watcher.changed():
            self._load_pack()

    @on(PackLoaded)
    def _pack_loaded(self, message: PackLoaded) -> None:
        """Use the (edited) pack. If it does not load: diagnostics in the app
        in watch mode; otherwise exit, and `run_tui` prints them like `locus
        check`. If it loads: replay the choices so far and resume."""
        loaded = message.loaded
        first = self.loading
        self.loading = False
        self.diagnostics = loaded.diagnostics
        if loaded.story is None:
            self.pack = None
            if first and not self.launch.watch:
                self.exit(return_code=1)
            else:
                self._show_diagnostics()
            return
        had_story = self.controller is not None
        self._adopt(loaded.story)
        for screen in self.screen_stack:
            if isinstance(screen, lazy.DiagnosticsScreen):
                screen.dismiss()
        if not had_story:
            self._begin_from_launch()
            if self._pending_menu is not None:
                self._menu(self._pending_menu)
                self._pending_menu = None

    def _show_diagnostics(self) -> None:
        for screen in self.screen_stack:
            if isinstance(screen, lazy.DiagnosticsScreen):
                screen.show(self.diagnostics)
                return
        self.push_screen(lazy.DiagnosticsScreen(self.pack_root, self.diagnostics))

    def _begin_from_launch(self) -> None:
        """Act on --lesson, --load, --storyline and --start; otherwise stay on the title."""
        launch, controller = self.launch, self.controller
        assert controller is not None
        if launch.lesson:
            self._choose_lesson(launch.lesson, launch.student)
        elif launch.load:
            self._opened(controller.load_named(launch.load))
        elif launch.storyline or launch.start:
            options = lazy.StartOptions(launch.seed, launch.storyline, launch.start)
            self._started(controller.start(options))

    # --- the menu -------------------------------------------------------------------

    @on(MenuPicked)
    def _menu_picked(self, message: MenuPicked) -> None:
        self._menu(message.item)

    def _menu(self, item: MenuItem) -> None:
        if item is MenuItem.QUIT:
            self.exit(0)
            return
        if item is MenuItem.HELP:
            self.action_help()
            return
        if self.loading:
            self._pending_menu = item  # done as soon as the pack has loaded
            return
        controller = self.controller
        if controller is None:
            self.notify("The pack does not load.", severity="warning")
        elif item is MenuItem.NEW:
            progress = self.keeper.profile.progress(controller.story.id)
            self.push_screen(
                lazy.StorylineScreen(controller.story, progress), self._storyline_picked
            )
        elif item is MenuItem.CONTINUE:
            path = controller.autosave_path()
            if path is None:
                self.notify("There is no autosave yet: start a new game.", severity="warning")
            else:
                self._opened(controller.load(path))
        elif item is MenuItem.LOAD:
            self._open_saves("load")
        elif item is MenuItem.LESSONS:
            self.push_screen(lazy.LessonScreen(controller.story), self._lesson_picked)
        elif item is MenuItem.CODEX:
            self.action_codex()

    def _storyline_picked(self, storyline: str | None) -> None:
        """The storyline picker's answer: an id, "" for the whole story, or
        None when cancelled."""
        if storyline is not None and self.controller is not None:
            self.flush_autosave()
            self._started(self.controller.start_storyline(storyline or None))

    def _lesson_picked(self, lesson_id: str | None) -> None:
        if lesson_id:
            self._choose_lesson(lesson_id, self.launch.student)

    def _started(self, started: bool) -> None:
        """A new game began: autosave it and show it."""
        if started:
            self.autosave()
            self._opened(True)

    def _opened(self, opened: bool) -> None:
        """A game was started or loaded: show it."""
        if opened:
            self.call_later(self._open_play)

    # --- play, saves, the title ---------------------------------------------------

    async def _open_play(self) -> None:
        """Show the play screen for the current playthrough, on top of the title."""
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self.push_screen(lazy.PlayScreen())

    def _open_saves(self, mode: str) -> None:
        if self.controller is not None:
            playing = self.playthrough is not None
            self.push_screen(lazy.SavesScreen(self.controller.story, mode, playing))

    @on(SaveRequested)
    def _save_requested(self, message: SaveRequested) -> None:
        if self.controller is not None and self.controller.save(message.name):
            message.dialog.dismiss()

    @on(LoadRequested)
    def _load_requested(self, message: LoadRequested) -> None:
        if self.controller is not None:
            self.flush_autosave()
            self._opened(self.controller.load(message.path))

    @on(Stepped)
    def _stepped(self) -> None:
        if self.controller is not None:
            self.controller.stepped()
            self.autosave()

    @on(UndoRequested)
    def _undo_requested(self) -> None:
        if self.controller is not None and self.controller.undo():
            self.notify("Undone.", timeout=2)

    @on(TitleRequested)
    async def show_title(self) -> None:
        self.flush_autosave()
        while len(self.screen_stack) > 1:
            await self.pop_screen()

    @on(NextRequested)
    async def _next_requested(self) -> None:
        """After the debrief: the lesson's next part, or the lesson's end, or a new game."""
        controller = self.controller
        if controller is None:
            return
        if controller.lesson is not None:
            self.flush_autosave()
            if controller.next_lesson_part():
                self._started(True)
                return
            self.notify("The lesson is complete. Well done!", title="Lesson")
            self.close_lesson()
            await self.show_title()
            return
        await self.show_title()
        self._menu(MenuItem.NEW)

    @on(CodexRequested)
    def _codex_requested(self) -> None:
        self.action_codex()

    # --- autosave -------------------------------------------------------------------

    def autosave(self) -> None:
        """Autosave every scene, a moment after it is drawn and in a worker, so
        a key press never waits for the disk and quick presses make one write."""
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(
            self.AUTOSAVE_DELAY, self._autosave_due, name="autosave"
        )

    def _autosave_due(self) -> None:
        self._autosave_timer = None
        if self.controller is not None and self.playthrough is not None:
            self._write_autosave(self.controller, self.playthrough)

    @work(thread=True, group="autosave", exit_on_error=False)
    def _write_autosave(self, controller: Controller, run: Playthrough) -> None:
        failures = controller.write_autosave(run)
        if failures:
            self.post_message(WriteFailed(failures))

    @on(WriteFailed)
    def _write_failed(self, message: WriteFailed) -> None:
        for failure in message.failures:
            self.report(failure)

    def flush_autosave(self) -> None:
        """Write a pending autosave and the profile now (leaving play, quitting)."""
        pending, self._autosave_timer = self._autosave_timer, None
        if pending is not None:
            pending.stop()
            if self.controller is not None and self.playthrough is not None:
                for notice in self.controller.write_autosave(self.playthrough):
                    self.report(notice)
                return
        failure = self.keeper.write()
        if failure:
            self.report(lazy.Notice(failure, "Progress not saved", "warning"))

    # --- lessons --------------------------------------------------------------------

    def _choose_lesson(self, lesson_id: str, student: str | None) -> None:
        """Begin a lesson, asking for the student's name first if needed (a
        class with a roster: picked from it, game/tui/screens/roster.py)."""
        if self.launch.class_code:
            lazy.choose_in_class(self, lesson_id, student)
        elif student:
            self.begin_lesson(lesson_id, student)
        else:
            self.push_screen(
                lazy.StudentScreen(),
                lambda name: self.begin_lesson(lesson_id, name) if name else None,
            )

    def begin_lesson(self, lesson_id: str, student: str, class_code: str | None = None) -> None:
        if self.controller is not None:
            self.flush_autosave()
            self._started(self.controller.begin_lesson(lesson_id, student, class_code))

    def close_lesson(self) -> None:
        """Write the autosave, then release the lesson's results database."""
        if self.controller is not None:
            self.flush_autosave()
            self.controller.close_lesson()

    # --- app-wide actions -----------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, lazy.HelpScreen):
            self.push_screen(lazy.HelpScreen())

    def action_codex(self) -> None:
        controller = self.controller
        if controller is None or isinstance(self.screen, lazy.CodexScreen):
            return
        self.push_screen(lazy.CodexScreen(controller.story, controller.codex_ids()))

    def action_next_theme(self) -> None:
        names = [theme.name for theme in THEMES]
        index = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(index + 1) % len(names)]
        self.notify(f"Theme: {theme_label(self.theme)}")
        self.keeper.profile = self.keeper.profile.with_setting("theme", self.theme)
        self._write_profile()

    @work(thread=True, group="profile", exit_on_error=False)
    def _write_profile(self) -> None:
        failure = self.keeper.write()
        if failure:
            self.post_message(WriteFailed((lazy.Notice(failure, "Progress not saved", "warning"),)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette offers the same actions as the keys of the current screen."""
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Next theme", "Dark, light, high contrast (ctrl+t)", self.action_next_theme
        )
        yield SystemCommand("Help", "Every key and symbol (?)", self.action_help)
        for binding in getattr(screen, "BINDINGS", ()):
            if isinstance(binding, Binding) and binding.show and binding.description:
                key = binding.key_display or binding.key
                yield SystemCommand(
                    binding.description,
                    f"key: {key}",
                    partial(screen.run_action, binding.action),
                )
