"""The game the TUI is showing: the story, the playthrough and the lesson.

The app (game/tui/app.py) is the shell around this object: it turns the
screens' messages into calls here, runs the slow parts in workers and shows
screens. The rules live here: starting, loading and saving a game, replaying
it into an edited pack, lessons and their next part, what the profile
records. Nothing here imports Textual; it talks back through return values,
``report`` (a notice for the player) and ``publish`` (the playthrough
changed: the app's ``playthrough`` reactive, which screens watch), so it is
tested without a terminal.

It brings the engine, the body model and the classroom with it, so the app
imports it lazily (game/tui/lazy.py) and creates it once the pack has loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from game.classroom.errors import ClassroomError
from game.classroom.scoring import xp_of
from game.classroom.session import LessonSession, open_lesson
from game.classroom.xapi.target import xapi_target
from game.engine.events import Event
from game.engine.machine import ActionError, ContentError, Game
from game.engine.profile import storyline_key
from game.engine.save_slots import autosave_of
from game.engine.saves import SaveError, find_save, read_save
from game.paths import saves_dir
from game.playthrough import Playthrough, ReplayReport, StartOptions
from game.story.model import Story
from game.tui.launch import LaunchOptions
from game.tui.notice import Notice, content_notice
from game.tui.profile_keeper import ProfileKeeper

Publish = Callable[[Playthrough | None], None]
Report = Callable[[Notice], None]


class Controller:
    """Owns the story, the playthrough and the lesson of one app."""

    def __init__(
        self,
        story: Story,
        launch: LaunchOptions,
        keeper: ProfileKeeper,
        publish: Publish,
        report: Report,
    ) -> None:
        self.story = story
        self.launch = launch
        self.keeper = keeper
        self.playthrough: Playthrough | None = None
        self.lesson: LessonSession | None = None
        self._publish = publish
        self._report = report
        self._autosave_failed = False

    # --- what the screens read --------------------------------------------------

    def autosave_path(self) -> Path | None:
        """The latest autosave of this pack, if there is one."""
        return autosave_of(saves_dir(), self.story.id)

    def run_xp(self) -> int:
        return xp_of(self.playthrough.game.state) if self.playthrough is not None else 0

    def lasting_xp(self) -> int:
        """XP over every storyline's best run, this game included."""
        if self.playthrough is None:
            return 0
        progress = self.keeper.profile.progress(self.story.id)
        return progress.total_xp(storyline_key(self.playthrough.game), self.run_xp())

    def lesson_part(self) -> str | None:
        """ "lesson 1/2" for the status line, or None outside a lesson."""
        if self.lesson is None or self.playthrough is None:
            return None
        storylines = self.lesson.lesson.storylines
        current = self.playthrough.game.state.storyline
        if current not in storylines:
            return "lesson"
        return f"lesson {storylines.index(current) + 1}/{len(storylines)}"

    def codex_ids(self) -> tuple[str, ...]:
        """Entries unlocked in any game (the profile), with the current one's."""
        known = set(self.keeper.profile.progress(self.story.id).codex)
        if self.playthrough is not None:
            known |= set(self.playthrough.game.state.codex)
        return tuple(ident for ident in self.story.codex if ident in known)

    # --- games ------------------------------------------------------------------

    def start(self, options: StartOptions) -> bool:
        """Begin a new game (in the lesson, if one is open); False when it
        cannot start (the player has been told why)."""
        observer = self.observe if self.lesson is not None else None
        try:
            run = Playthrough.begin(self.story, options, observer)
        except ActionError as error:
            self._report(Notice(str(error), "Cannot start", "error"))
            return False
        except ContentError as error:
            self._report(content_notice(error))
            return False
        self._show(run)
        return True

    def start_storyline(self, storyline: str | None) -> bool:
        """A new game outside any lesson: ``storyline`` None is the whole story."""
        self.close_lesson()
        return self.start(StartOptions(self.launch.seed, storyline))

    def load(self, path: Path) -> bool:
        """Open a save (outside any lesson); False when it cannot be read."""
        try:
            loaded = read_save(path, self.story)
        except SaveError as error:
            self._report(Notice(f"{path}: {error}", "Cannot load", "error"))
            return False
        self.close_lesson()
        self._show(Playthrough.from_save(self.story, loaded))
        for warning in loaded.warnings:
            self._report(Notice(warning, "Save adapted to the pack", "warning"))
        self._report(Notice(f"Loaded “{loaded.name or path.stem}”."))
        return True

    def load_named(self, name: str) -> bool:
        """--load NAME: the save of that name (or path) for this pack."""
        try:
            path = find_save(saves_dir(), self.story.id, name)
        except SaveError as error:
            self._report(Notice(str(error), "Cannot load", "error"))
            return False
        return self.load(path)

    def save(self, name: str) -> bool:
        if self.playthrough is None:
            return False
        try:
            self.playthrough.save(name)
        except SaveError as error:
            self._report(Notice(str(error), "Cannot save", "error"))
            return False
        self._report(Notice(f"Saved as “{name}”."))
        return True

    def stepped(self) -> None:
        """The play screen took a step: the profile records what it unlocked
        (written with the next autosave, off the UI thread)."""
        if self.playthrough is not None:
            self.keeper.profile = self.keeper.profile.with_game(
                self.playthrough.game, self.run_xp()
            )

    def undo(self) -> bool:
        if self.playthrough is None or not self.playthrough.undo():
            return False
        self._publish(self.playthrough)
        return True

    def write_autosave(self, run: Playthrough) -> tuple[Notice, ...]:
        """Write the profile and the autosave of ``run`` (safe in a worker
        thread). Returns what failed, each failure said once."""
        failures: list[Notice] = []
        profile_failure = self.keeper.write()
        if profile_failure:
            failures.append(Notice(profile_failure, "Progress not saved", "warning"))
        try:
            run.autosave()
        except SaveError as error:
            if not self._autosave_failed:
                self._autosave_failed = True
                failures.append(Notice(str(error), "Autosave failed", "warning"))
        return tuple(failures)

    def _show(self, run: Playthrough) -> None:
        self.playthrough = run
        self.stepped()
        self._publish(run)

    # --- lessons ----------------------------------------------------------------

    def begin_lesson(self, lesson_id: str, student: str, class_code: str | None = None) -> bool:
        """Open (or resume) the lesson's results and start its first part."""
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
            self._report(Notice(str(error), "Cannot open the lesson", "error"))
            return False
        session = self.lesson
        note = self.keeper.switch(session.student)
        if note:
            self._report(Notice(note, "Profile", "warning", 15))
        welcome = "Welcome back" if session.resumed else "Welcome"
        self._report(
            Notice(
                f"{welcome}, {session.student}: {session.lesson.title}."
                " Every step is saved as you play.",
                "Lesson",
            )
        )
        return self.start(StartOptions(self.launch.seed, session.first_storyline()))

    def observe(self, game: Game, events: tuple[Event, ...]) -> None:
        """Record a lesson step; a results database that fails is reported,
        and play goes on (the step is in the game, only the record is missing)."""
        if self.lesson is None:
            return
        try:
            self.lesson.observe(game, events)
        except ClassroomError as error:
            self._report(Notice(str(error), "Lesson results not saved", "error"))

    def next_lesson_part(self) -> bool:
        """After an ending in a lesson: start the lesson's next storyline.
        False when the lesson is over (or there is no lesson)."""
        if self.lesson is None or self.playthrough is None:
            return False
        storyline = self.lesson.next_storyline(self.playthrough.game)
        if storyline is None:
            return False
        return self.start(StartOptions(self.launch.seed, storyline))

    def close_lesson(self) -> None:
        """Release the results database (every step is already committed),
        and go back to the user's own profile, once the lesson's autosave and
        profile are written."""
        if self.lesson is not None:
            if self.playthrough is not None:
                for failure in self.write_autosave(self.playthrough):
                    self._report(failure)
            self.lesson.close()
            self.lesson = None
            note = self.keeper.switch(None)
            if note:
                self._report(Notice(note, "Profile", "warning", 15))

    # --- an edited pack -----------------------------------------------------------

    def reload(self, story: Story) -> None:
        """Use the edited pack: replay the choices so far and say how far it got."""
        self.story = story
        run = self.playthrough
        if run is None:
            self._report(Notice("Pack reloaded."))
            return
        try:
            report = run.reload(story)
        except (ActionError, ContentError) as error:
            self._report(content_notice(error))
            return
        self._report(replay_notice(report))
        self._publish(run)


def replay_notice(report: ReplayReport) -> Notice:
    message = f"Replayed {report.replayed} of {report.wanted} steps."
    if report.stopped_at:
        message += f" Stopped: {report.stopped_at}."
    return Notice(message, "Pack reloaded", "information" if report.complete else "warning")
