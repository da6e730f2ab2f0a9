"""The plain front end: numbered lines on standard output, a number on input.

For screen readers, pipes and scripted runs, it prints everything the TUI
shows as text and reads one command a line: a choice number, `u` to undo,
`s NAME` to save, `?` for help, `q` to quit. The end of input exits cleanly.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TextIO

from game.engine.events import BODY, CHOICE, ENTER, START, Event
from game.engine.machine import ActionError, ContentError, Game
from game.engine.saves import SaveError, read_save, slot_path, write_save
from game.engine.vitals import vitals_line
from game.paths import saves_dir
from game.story.model import Story
from game.story.printable import printable
from game.story.styles import plain_text

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
    for line in source:
        command = line.strip()
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
