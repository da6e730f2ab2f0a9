"""The Locus Textual app: screens around one playthrough.

The app owns the story, the current ``Playthrough`` and the classroom
session; screens ask it to start, load, save and reload, and read the game
from it. All play goes through ``game.engine.machine`` (via the playthrough).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer

from game.story.printable import printable
from game.tui.launch import LaunchOptions
from game.tui.messages import PlaythroughChanged
from game.tui.screens.title import TitleScreen
from game.tui.themes import THEMES, theme_label

if TYPE_CHECKING:
    from game.classroom.session import LessonSession
    from game.engine.events import Event
    from game.engine.machine import Game
    from game.engine.profile import Profile
    from game.playthrough import Playthrough, StartOptions
    from game.story.loader import LoadResult
    from game.story.model import Story
    from game.watch import PackWatcher

STYLES = Path(__file__).parent / "styles"
# Imported in the loading thread, so the first New game does not wait for them.
PLAY_MODULES = ("game.playthrough", "game.tui.screens.play", "game.tui.screens.dialogs")


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

    def __init__(
        self, root: Path, loaded: LoadResult | None = None, launch: LaunchOptions | None = None
    ) -> None:
        """``loaded`` None: the pack loads in a thread after the title screen is
        drawn, so the game opens as fast as Textual itself (see bench/bench_tui.py)."""
        super().__init__()
        self.pack_root = root
        self.loading = loaded is None
        self.story: Story | None = loaded.story if loaded is not None else None
        self.diagnostics = loaded.diagnostics if loaded is not None else ()
        self.launch = launch or LaunchOptions()
        self.playthrough: Playthrough | None = None
        self.lesson: LessonSession | None = None
        self.watcher: PackWatcher | None = None
        self._autosave_timer: Timer | None = None
        self._autosave_failed = False
        self._pending_menu: str | None = None  # chosen on the title while the pack loaded
        for theme in THEMES:
            self.register_theme(theme)
        # The profile module is small and engine-free: reading it here lets the
        # title show progress and the saved theme from the first frame.
        from game.engine.profile import profile_path, read_profile
        from game.paths import saves_dir

        self.profile_file = profile_path(saves_dir())
        self.profile, self._profile_note = read_profile(self.profile_file)
        self._profile_failed = False
        self._profile_written: Profile | None = self.profile
        theme = self.profile.settings.get("theme", THEMES[0].name)
        self.theme = theme if theme in self.available_themes else THEMES[0].name

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
            printable(message),
            title=printable(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def get_default_screen(self) -> Screen:
        return TitleScreen()

    def on_mount(self) -> None:
        if self._profile_note:
            self.notify(self._profile_note, title="Profile", severity="warning", timeout=15)
        if self.launch.watch:
            from game.watch import PackWatcher

            self.watcher = PackWatcher(self.pack_root)
            self.set_interval(self.WATCH_INTERVAL, self.check_pack, name="watch")
        if self.loading:
            return
        if self.story is None:
            self.show_diagnostics()
            return
        self.begin_from_launch()

    def on_ready(self) -> None:
        """The first frame is on screen: now load the pack."""
        if self.loading:
            self.run_worker(self._load_in_thread, thread=True, exclusive=True, group="reload")

    def begin_from_launch(self) -> None:
        """Act on --lesson, --load, --storyline and --start; otherwise stay on the title."""
        launch = self.launch
        if launch.lesson:
            self.choose_lesson(launch.lesson, launch.student)
        elif launch.load:
            from game.engine.saves import SaveError, find_save
            from game.paths import saves_dir

            assert self.story is not None
            try:
                self.load_file(find_save(saves_dir(), self.story.id, launch.load))
            except SaveError as error:
                self.notify(str(error), title="Cannot load", severity="error")
        elif launch.storyline or launch.start:
            from game.playthrough import StartOptions

            self.new_game(StartOptions(launch.seed, launch.storyline, launch.start))

    # --- the title menu ---------------------------------------------------------

    def menu(self, ident: str) -> None:
        if ident == "quit":
            self.exit(0)
        elif ident == "help":
            self.action_help()
        elif self.loading:
            self._pending_menu = ident  # done as soon as the pack has loaded
        elif self.story is None:
            self.notify("The pack does not load.", severity="warning")
        elif ident == "new":
            from game.tui.screens.dialogs import StorylineScreen

            progress = self.profile.progress(self.story.id)
            self.push_screen(StorylineScreen(self.story, progress), self._start_storyline)
        elif ident == "continue":
            path = self.autosave_path()
            if path is None:
                self.notify("There is no autosave yet: start a new game.", severity="warning")
            else:
                self.load_file(path)
        elif ident == "load":
            self.open_saves("load")
        elif ident == "lessons":
            from game.tui.screens.dialogs import LessonScreen

            self.push_screen(LessonScreen(self.story), self._lesson_picked)
        elif ident == "codex":
            self.action_codex()

    def _start_storyline(self, storyline: str | None) -> None:
        """The storyline picker's answer: an id, "" for the whole story, or
        None when cancelled."""
        if storyline is None:
            return
        from game.playthrough import StartOptions

        self.close_lesson()
        self.new_game(StartOptions(self.launch.seed, storyline or None))

    def _lesson_picked(self, lesson_id: str | None) -> None:
        if lesson_id:
            self.choose_lesson(lesson_id, self.launch.student)

    # --- starting, loading, saving ----------------------------------------------

    def new_game(self, options: StartOptions) -> None:
        from game.engine.machine import ActionError, ContentError
        from game.playthrough import Playthrough

        assert self.story is not None
        observer = self.observe if self.lesson is not None else None
        try:
            self.playthrough = Playthrough.begin(self.story, options, observer)
        except ActionError as error:
            self.notify(str(error), title="Cannot start", severity="error")
            return
        except ContentError as error:
            self.content_error(error)
            return
        self.record_progress()
        self.autosave()
        self.call_later(self.open_play)

    def load_file(self, path: Path) -> None:
        from game.engine.saves import SaveError, read_save
        from game.playthrough import Playthrough

        assert self.story is not None
        try:
            loaded = read_save(path, self.story)
        except SaveError as error:
            self.notify(f"{path}: {error}", title="Cannot load", severity="error")
            return
        self.close_lesson()
        self.playthrough = Playthrough.from_save(self.story, loaded)
        self.record_progress()
        for warning in loaded.warnings:
            self.notify(warning, title="Save adapted to the pack", severity="warning")
        self.notify(f"Loaded “{loaded.name or path.stem}”.")
        self.call_later(self.open_play)

    def autosave_path(self) -> Path | None:
        """The latest autosave of this pack, if there is one."""
        from game.engine.saves import AUTOSAVE, slot_path
        from game.paths import saves_dir

        if self.story is None:
            return None
        path = slot_path(saves_dir(), self.story.id, AUTOSAVE)
        return path if path.is_file() else None

    def autosave(self) -> None:
        """Autosave every scene, a moment after it is drawn and in a thread, so
        a key press never waits for the disk and quick presses make one write."""
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(
            self.AUTOSAVE_DELAY, self._autosave_in_thread, name="autosave"
        )

    def _autosave_in_thread(self) -> None:
        self._autosave_timer = None
        if self.playthrough is not None:
            self.run_worker(
                partial(self._write_autosave, self.playthrough, True),
                thread=True,
                group="autosave",
                exit_on_error=False,
            )

    def flush_autosave(self) -> None:
        """Write a pending autosave and the profile now (leaving play, quitting)."""
        if self._autosave_timer is not None and self.playthrough is not None:
            self._autosave_timer.stop()
            self._autosave_timer = None
            self._write_autosave(self.playthrough, False)
        self._write_profile(self.profile, False)

    def _write_autosave(self, playthrough: Playthrough, in_thread: bool) -> None:
        """A failing autosave is reported once, not on every step."""
        from game.engine.saves import SaveError

        self._write_profile(self.profile, in_thread)
        try:
            playthrough.autosave()
        except SaveError as error:
            if not self._autosave_failed:
                self._autosave_failed = True
                notify = partial(
                    self.notify, str(error), title="Autosave failed", severity="warning"
                )
                if in_thread:
                    self.call_from_thread(notify)
                else:
                    notify()

    # --- the player's profile -------------------------------------------------------

    def record_progress(self) -> None:
        """Add what the current game has unlocked to the profile; it is
        written with the next autosave (off the UI thread)."""
        if self.playthrough is None:
            return
        game = self.playthrough.game
        self.profile = self.profile.with_game(game, self.run_xp())

    def run_xp(self) -> int:
        from game.classroom.scoring import xp_of

        return xp_of(self.playthrough.game.state) if self.playthrough is not None else 0

    def lasting_xp(self) -> int:
        """XP over every storyline's best run, this game included."""
        from game.engine.profile import storyline_key

        if self.playthrough is None or self.story is None:
            return 0
        progress = self.profile.progress(self.story.id)
        return progress.total_xp(storyline_key(self.playthrough.game), self.run_xp())

    def use_profile(self, student: str | None) -> None:
        """The student's own profile in a lesson; the user's otherwise."""
        from game.engine.profile import profile_path, read_profile
        from game.paths import saves_dir

        path = profile_path(saves_dir(), student)
        if path == self.profile_file:
            return
        self.profile_file = path
        self.profile, note = read_profile(path)
        self._profile_written = self.profile
        if note:
            self.notify(note, title="Profile", severity="warning", timeout=15)

    def _write_profile(self, profile: Profile, in_thread: bool) -> None:
        """Write the profile when it changed since the last write (the values
        are immutable, so identity says it); a failure is said once."""
        from game.engine.profile import ProfileError, write_profile

        if profile is self._profile_written:
            return
        try:
            write_profile(self.profile_file, profile)
            self._profile_written = profile
        except ProfileError as error:
            if not self._profile_failed:
                self._profile_failed = True
                notify = partial(
                    self.notify, str(error), title="Progress not saved", severity="warning"
                )
                if in_thread:
                    self.call_from_thread(notify)
                else:
                    notify()

    def open_saves(self, mode: str) -> None:
        from game.tui.screens.saves import SavesScreen

        assert self.story is not None
        self.push_screen(SavesScreen(self.story, mode, self.playthrough is not None))

    async def open_play(self) -> None:
        """Show the play screen for the current playthrough, on top of the title."""
        from game.tui.screens.play import PlayScreen

        while len(self.screen_stack) > 1:
            await self.pop_screen()
        await self.push_screen(PlayScreen())

    async def show_title(self) -> None:
        self.flush_autosave()
        while len(self.screen_stack) > 1:
            await self.pop_screen()

    # --- lessons --------------------------------------------------------------

    def choose_lesson(self, lesson_id: str, student: str | None) -> None:
        """Begin a lesson, asking for the student's name first if needed (a
        class with a roster: picked from it, game/tui/screens/roster.py)."""
        if self.launch.class_code:
            from game.tui.class_join import choose_in_class

            choose_in_class(self, lesson_id, student)
            return
        if student:
            self.begin_lesson(lesson_id, student)
            return
        from game.tui.screens.dialogs import StudentScreen

        self.push_screen(
            StudentScreen(), lambda name: self.begin_lesson(lesson_id, name) if name else None
        )

    def begin_lesson(self, lesson_id: str, student: str, class_code: str | None = None) -> None:
        from game.classroom.errors import ClassroomError
        from game.classroom.session import open_lesson
        from game.classroom.xapi.target import xapi_target
        from game.playthrough import StartOptions

        assert self.story is not None
        self.close_lesson()
        try:
            self.lesson = open_lesson(
                self.story,
                lesson_id,
                student,
                self.launch.results,
                class_code=class_code,
                xapi=xapi_target(self.launch),
            )
        except ClassroomError as error:
            self.notify(str(error), title="Cannot open the lesson", severity="error")
            return
        session = self.lesson
        self.use_profile(session.student)
        welcome = "Welcome back" if session.resumed else "Welcome"
        self.notify(
            f"{welcome}, {session.student}: {session.lesson.title}."
            " Every step is saved as you play.",
            title="Lesson",
        )
        self.new_game(StartOptions(self.launch.seed, session.first_storyline()))

    def observe(self, game: Game, events: tuple[Event, ...]) -> None:
        """Record a lesson step; a results database that fails is reported,
        and play goes on (the step is in the game, only the record is missing)."""
        from game.classroom.errors import ClassroomError

        if self.lesson is None:
            return
        try:
            self.lesson.observe(game, events)
        except ClassroomError as error:
            self.notify(str(error), title="Lesson results not saved", severity="error")

    def lesson_part(self) -> str | None:
        """ "part 1 of 2" for the status line, or None outside a lesson."""
        if self.lesson is None or self.playthrough is None:
            return None
        storylines = self.lesson.lesson.storylines
        current = self.playthrough.game.state.storyline
        if current not in storylines:
            return "lesson"
        return f"lesson {storylines.index(current) + 1}/{len(storylines)}"

    def next_lesson_storyline(self) -> bool:
        """After an ending in a lesson: start the lesson's next storyline.
        False when the lesson is over (or there is no lesson)."""
        from game.playthrough import StartOptions

        if self.lesson is None or self.playthrough is None:
            return False
        storyline = self.lesson.next_storyline(self.playthrough.game)
        if storyline is None:
            return False
        self.new_game(StartOptions(self.launch.seed, storyline))
        return True

    def close_lesson(self) -> None:
        """Release the results database (every step is already committed),
        and go back to the user's own profile."""
        if self.lesson is not None:
            self.flush_autosave()
            self.lesson.close()
            self.lesson = None
            self.use_profile(None)

    # --- errors and live reload ---------------------------------------------------

    def content_error(self, error: Exception) -> None:
        """Content that fails while playing (ContentError carries file:line)."""
        self.notify(str(error), title="Content error", severity="error", timeout=20)

    def show_diagnostics(self) -> None:
        from game.tui.screens.diagnostics import DiagnosticsScreen

        for screen in self.screen_stack:
            if isinstance(screen, DiagnosticsScreen):
                screen.show(self.diagnostics)
                return
        self.push_screen(DiagnosticsScreen(self.pack_root, self.diagnostics))

    def check_pack(self) -> None:
        """Watch-mode poll: reload in a thread when any pack file changed."""
        if self.watcher is not None and self.watcher.changed():
            self.run_worker(self._load_in_thread, thread=True, exclusive=True, group="reload")

    def _load_in_thread(self) -> None:
        """Load (or reload) the pack off the UI thread, and import what play
        needs while the player reads the title."""
        from game.story.loader import load_pack

        loaded = load_pack(self.pack_root, for_play=True)
        self.call_from_thread(self.apply_loaded, loaded)
        for module in PLAY_MODULES:
            import_module(module)

    def apply_loaded(self, loaded: LoadResult) -> None:
        """Use the (edited) pack. If it does not load: diagnostics in the app
        in watch mode; otherwise exit, and `run_tui` prints them like `locus
        check`. If it loads: replay the choices so far and resume."""
        from game.engine.machine import ActionError, ContentError
        from game.tui.screens.diagnostics import DiagnosticsScreen

        first = self.loading
        self.loading = False
        self.diagnostics = loaded.diagnostics
        if loaded.story is None:
            if first and not self.launch.watch:
                self.exit(return_code=1)
            else:
                self.show_diagnostics()
            return
        had_story = self.story is not None
        self.story = loaded.story
        for screen in self.screen_stack:
            if isinstance(screen, DiagnosticsScreen):
                screen.dismiss()
        if not had_story:
            self.begin_from_launch()
            if self._pending_menu is not None:
                self.menu(self._pending_menu)
                self._pending_menu = None
        elif self.playthrough is not None:
            try:
                report = self.playthrough.reload(loaded.story)
            except (ActionError, ContentError) as error:
                self.content_error(error)
                return
            message = f"Replayed {report.replayed} of {report.wanted} steps."
            if report.stopped_at:
                message += f" Stopped: {report.stopped_at}."
            self.notify(
                message,
                title="Pack reloaded",
                severity="information" if report.complete else "warning",
            )
        else:
            self.notify("Pack reloaded.")
        self.playthrough_changed()

    def playthrough_changed(self) -> None:
        """Tell every screen to redraw from the (new) playthrough."""
        for screen in self.screen_stack:
            screen.post_message(PlaythroughChanged())

    # --- app-wide actions -----------------------------------------------------------

    def action_help(self) -> None:
        from game.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_codex(self) -> None:
        from game.tui.screens.codex import CodexScreen

        if self.story is None or isinstance(self.screen, CodexScreen):
            return
        self.push_screen(CodexScreen(self.story, self.codex_ids()))

    def codex_ids(self) -> tuple[str, ...]:
        """Entries unlocked in any game (the profile), with the current one's."""
        if self.story is None:
            return ()
        known = set(self.profile.progress(self.story.id).codex)
        if self.playthrough is not None:
            known |= set(self.playthrough.game.state.codex)
        return tuple(ident for ident in self.story.codex if ident in known)

    def action_next_theme(self) -> None:
        names = [theme.name for theme in THEMES]
        index = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(index + 1) % len(names)]
        self.notify(f"Theme: {theme_label(self.theme)}")
        self.profile = self.profile.with_setting("theme", self.theme)
        self.run_worker(
            partial(self._write_profile, self.profile, True),
            thread=True,
            group="profile",
            exit_on_error=False,
        )

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
