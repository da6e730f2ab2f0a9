"""The playthrough a front end is showing, kept free of Textual.

It lives outside ``game.tui`` because plain mode's --watch replays edits with
it too, and the layering lets plain import nothing from the TUI.

Screens ask this object to act, undo, save, load and reload; it drives
``game.engine.machine`` and nothing else changes the game. Keeping it out of
the widgets means the save, lesson and live-reload rules are tested without a
terminal, and every screen sees the same game.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from game.engine import events as ev
from game.engine.events import Event
from game.engine.machine import ActionError, ContentError, Game
from game.engine.saves import AUTOSAVE, LoadedSave, read_save, slot_path, write_save
from game.paths import saves_dir
from game.story.model import Story

Observer = Callable[[Game, tuple[Event, ...]], None]


@dataclass(frozen=True, slots=True)
class StartOptions:
    """How the current playthrough began, so a reload can begin it again."""

    seed: int = 0
    storyline: str | None = None
    start: str | None = None


@dataclass(frozen=True, slots=True)
class ReplayAction:
    """One step the player took: enough to take it again in an edited pack.

    ``text`` is matched first (authors reorder choices more often than they
    rename them); ``source`` is the choice's position in the scene, used when
    the text changed.
    """

    scene: str
    kind: str  # "choice" or "answer": the kind of the event it was read from
    text: str
    source: int


@dataclass(frozen=True, slots=True)
class ReplayReport:
    """What a live reload managed to replay, for the message the author sees."""

    replayed: int
    wanted: int
    stopped_at: str | None = None  # why the replay stopped early

    @property
    def complete(self) -> bool:
        return self.replayed == self.wanted


def actions_of(game: Game) -> list[ReplayAction]:
    """The player's actions, read back from the events of each step.

    Deriving them from the game (rather than recording them beside it) keeps
    them right after undo and after loading a save.
    """
    actions: list[ReplayAction] = []
    for step in game.steps[1:]:
        for item in step.events:
            if isinstance(item, ev.ChoiceTaken):
                actions.append(ReplayAction(item.scene, item.kind, item.text, item.number))
                break
            if isinstance(item, ev.AnswerGiven):
                actions.append(ReplayAction(item.scene, item.kind, item.option_text, item.option))
                break
    return actions


def start_options_of(game: Game) -> StartOptions:
    """Recover the start options of a loaded game from its start event."""
    for item in game.steps[0].events:
        if isinstance(item, ev.GameStarted):
            return StartOptions(item.seed, item.storyline or None)
    return StartOptions()


class Playthrough:
    """One game in progress: the story, the game value and how it began.

    ``observer`` is the classroom session's ``observe`` in a lesson; it sees
    every step (start and each action) so results are committed as play goes.
    """

    def __init__(
        self,
        story: Story,
        game: Game,
        options: StartOptions,
        observer: Observer | None = None,
        saves: Path | None = None,
    ) -> None:
        self.story = story
        self.game = game
        self.options = options
        self.observer = observer
        self.saves = saves if saves is not None else saves_dir()

    @classmethod
    def begin(
        cls,
        story: Story,
        options: StartOptions,
        observer: Observer | None = None,
    ) -> Playthrough:
        """Start a new game; raises ActionError (unknown storyline or scene)
        or ContentError (content failing in the first scene)."""
        game = Game.start(
            story, seed=options.seed, storyline=options.storyline, start=options.start
        )
        run = cls(story, game, options, observer)
        if observer is not None:
            observer(game, game.last_events)
        return run

    @classmethod
    def from_save(cls, story: Story, loaded: LoadedSave) -> Playthrough:
        return cls(story, loaded.game, start_options_of(loaded.game))

    # --- acting ---------------------------------------------------------------

    def act(self, number: int) -> tuple[Event, ...]:
        """Take option ``number``; raises ActionError or ContentError and then
        leaves the game as it was."""
        self.game = self.game.act(number)
        if self.observer is not None:
            self.observer(self.game, self.game.last_events)
        return self.game.last_events

    def undo(self) -> bool:
        if not self.game.can_undo:
            return False
        self.game = self.game.undo()
        return True

    # --- saves ----------------------------------------------------------------

    def slot(self, name: str) -> Path:
        return slot_path(self.saves, self.story.id, name)

    def save(self, name: str) -> Path:
        """Write a named slot; raises SaveError with a message for the player."""
        return write_save(self.slot(name), self.game, name)

    def autosave(self) -> Path:
        return write_save(self.slot(AUTOSAVE), self.game, AUTOSAVE)

    def load(self, path: Path) -> tuple[str, ...]:
        """Replace the game with a saved one; returns the save's warnings."""
        loaded = read_save(path, self.story)
        self.game = loaded.game
        self.options = start_options_of(loaded.game)
        return loaded.warnings

    # --- live reload ----------------------------------------------------------

    def reload(self, story: Story) -> ReplayReport:
        """Begin again in an edited pack and take the same actions, as far as
        they still fit. The game stays as it was if not even the start works."""
        wanted = actions_of(self.game)
        options = self.options
        if options.storyline and options.storyline not in story.storylines:
            options = StartOptions(options.seed)
        if options.start and options.start not in story.scenes:
            options = StartOptions(options.seed, options.storyline)
        game = Game.start(
            story, seed=options.seed, storyline=options.storyline, start=options.start
        )
        replayed = 0
        stopped: str | None = None
        for action in wanted:
            number = _find(game, action)
            if number is None:
                stopped = f"'{action.text}' is no longer offered in '{game.state.scene}'"
                break
            try:
                game = game.act(number)
            except (ActionError, ContentError) as error:
                stopped = str(error)
                break
            replayed += 1
        self.story = story
        self.game = game
        self.options = options
        return ReplayReport(replayed, len(wanted), stopped)


def _find(game: Game, action: ReplayAction) -> int | None:
    """The visible number of the option that matches ``action`` now, if any."""
    if game.state.scene != action.scene or game.ended:
        return None
    options = [o for o in game.options() if o.enabled]
    for option in options:
        if option.text == action.text:
            return option.number
    for option in options:
        if option.source == action.source:
            return option.number
    return None
