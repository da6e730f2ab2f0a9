"""The plain front end: numbered lines on standard output, a number on input.

For screen readers, pipes and scripted runs, it prints everything the TUI
shows as text and reads one command a line: a choice number, `u` to undo,
`s NAME` to save, `?` for help, `q` to quit. The end of input exits cleanly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from game.engine.events import BODY, CHOICE, ENTER, START, Event
from game.engine.machine import ActionError, ContentError, Game
from game.engine.saves import SaveError, read_save, slot_path, write_save
from game.engine.vitals import vitals_line
from game.packs import pack_dir
from game.paths import saves_dir
from game.story.model import Story
from game.story.printable import printable
from game.story.styles import plain_text

if TYPE_CHECKING:
    from game.tui.watch import PackWatcher

Observer = Callable[[Game, tuple[Event, ...]], None]

HELP = """Commands:
  1, 2, 3 ...  take that choice (or answer)
  u            undo the last step
  s [NAME]     save (to a named slot)
  ?            this help
  q            quit"""


def play_plain(
    story: Story,
    args: argparse.Namespace,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    observer: Observer | None = None,
) -> int:
    source = stdin or sys.stdin
    out = stdout or sys.stdout

    def say(text: str = "") -> None:
        print(printable(text), file=out, flush=True)

    try:
        if args.load:
            loaded = read_save(args.load, story)
            game = loaded.game
            for warning in loaded.warnings:
                say(f"Note: {warning}")
        else:
            game = Game.start(story, seed=args.seed, storyline=args.storyline, start=args.start)
    except (ActionError, SaveError, ContentError) as error:
        print(printable(f"locus: {error}"), file=sys.stderr)
        return 1
    if observer:
        observer(game, game.last_events)
    _show_events(game.last_events, say)
    if not _shown(game, say):
        return 1
    watcher = _watcher(args)
    for line in source:
        command = line.strip()
        if watcher is not None and watcher.changed():
            story, game = _reloaded(watcher.root, story, game, say)
        if not command:
            continue
        if command in ("q", "quit", "exit"):
            return 0
        if command in ("?", "h", "help"):
            say(HELP)
            continue
        if command == "u":
            if not game.can_undo:
                say("Nothing to undo.")
                continue
            game = game.undo()
            say("Undone.")
            if not _shown(game, say):
                return 1
            continue
        if command == "s" or command.startswith("s "):
            name = command[1:].strip() or "quicksave"
            try:
                path = write_save(slot_path(saves_dir(), story.id, name), game, name)
                say(f"Saved to {path}")
            except SaveError as error:
                say(f"Could not save: {error}")
            continue
        if game.ended:
            say("The story has ended. u undoes, q quits.")
            continue
        if not command.isdigit():
            say("Type a number, or ? for help.")
            continue
        try:
            game = game.act(int(command))
        except ActionError as error:
            say(str(error))
            continue
        except ContentError as error:
            _content_error(error)
            return 1
        if observer:
            observer(game, game.last_events)
        _show_events(game.last_events, say)
        if not _shown(game, say):
            return 1
    return 0


def _watcher(args: argparse.Namespace) -> PackWatcher | None:
    """With ``--watch``, something that notices edits to the pack."""
    if not getattr(args, "watch", False):
        return None
    from game.tui.watch import PackWatcher

    return PackWatcher(pack_dir(getattr(args, "pack", None)))


def _reloaded(
    root: Path, story: Story, game: Game, say: Callable[[str], None]
) -> tuple[Story, Game]:
    """After an edit (noticed when the next command is typed): the edited
    pack with the choices so far replayed, and a line saying so; or, when
    the edit broke the pack, the old one and its first errors."""
    from game.story.loader import load_pack
    from game.tui.playthrough import Playthrough, start_options_of

    loaded = load_pack(root, for_play=True)
    if loaded.story is None:
        errors = loaded.errors
        plural = "s" * (len(errors) != 1)
        say(
            f"The pack changed but has {len(errors)} error{plural}; still playing the last version:"
        )
        for diagnostic in errors[:3]:
            say(f"  {diagnostic.loc}: {diagnostic.message}")
        return story, game
    run = Playthrough(story, game, start_options_of(game))
    try:
        report = run.reload(loaded.story)
    except (ActionError, ContentError) as error:
        say(f"The pack changed, but its start fails ({error}); still playing the last version.")
        return story, game
    line = f"Reloaded the pack: replayed {report.replayed} of {report.wanted} steps."
    if report.stopped_at:
        line += f" Stopped: {report.stopped_at}."
    say(line)
    _shown(run.game, say)
    return loaded.story, run.game


def _shown(game: Game, say: Callable[[str], None]) -> bool:
    """Show the scene; False (and the content error, with its file and line,
    on standard error) when its text cannot be shown: a ``${x / y}`` with
    ``y`` zero cannot be known before play."""
    try:
        _show_scene(game, say)
    except ContentError as error:
        _content_error(error)
        return False
    return True


def _content_error(error: ContentError) -> None:
    print(printable(f"locus: content error at {error}"), file=sys.stderr)
    print(
        "locus: a mistake in the pack that only shows in play: fix it at that line", file=sys.stderr
    )


def _show_events(events: tuple[Event, ...], say: Callable[[str], None]) -> None:
    for item in events:
        if item.kind in (ENTER, START, CHOICE):
            continue
        prefix = "  → " if item.kind == BODY else "  · "
        say(prefix + item.text)


def _show_scene(game: Game, say: Callable[[str], None]) -> None:
    view = game.view()
    say()
    say(f"== {view.title} ==")
    if view.art:
        say(view.art.rstrip("\n"))
    for paragraph in view.paragraphs:
        say()
        say(plain_text(paragraph).strip())
    say()
    say(f"[{vitals_line(game.state.body)}]")
    if view.kind == "ending":
        say()
        say(f"THE END ({view.ending_kind}): {view.ending_summary}")
        say(f"Score: {game.state.score}")
        return
    if view.question:
        say()
        say(f"Checkpoint: {view.question}")
    for option in game.options():
        if option.enabled:
            say(f"  {option.number}. {option.text}")
        else:
            reason = f" ({option.hint})" if option.hint else ""
            say(f"  {option.number}. [unavailable] {option.text}{reason}")
