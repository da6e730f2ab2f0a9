"""`locus play`: load the pack, then hand it to the plain or the Textual front end.

A classroom lesson (``--lesson``) in the plain front end is played by
``game.classroom.plain_lesson``; the Textual front end gets the same options
and drives the lesson itself through ``game.classroom.session``.
"""

from __future__ import annotations

import argparse
import sys


def run(args: argparse.Namespace) -> int:
    if args.plain:
        # Imported here, not above: the Textual front end loads the pack after
        # its title is drawn, and the loader is most of a start-up's imports.
        from game.packs import load_or_report

        story = load_or_report(args.pack, for_play=True, lesson=args.lesson)
        if story is None:
            return 1
        if args.lesson or getattr(args, "class_code", None):
            from game.classroom.plain_lesson import play_lesson_plain

            return play_lesson_plain(story, args)
        if args.student or args.results:
            print("locus: note: --student and --results only matter with --lesson", file=sys.stderr)
        from game.classroom.scoring import xp_of
        from game.plain import play_plain

        return play_plain(story, args, xp=xp_of)
    if args.load and not _save_loads(args):
        return 1
    from game.tui.launch import run_tui

    return run_tui(args)


def _save_loads(args: argparse.Namespace) -> bool:
    """A save given with --load is checked before the app opens, so a bad one
    is a message and exit 1, as in plain mode, not a game that opens on the
    title screen."""
    from game.engine.saves import SaveError, find_save, read_save
    from game.packs import load_or_report
    from game.paths import saves_dir
    from game.story.printable import printable

    story = load_or_report(args.pack, for_play=True)
    if story is None:
        return False
    try:
        read_save(find_save(saves_dir(), story.id, args.load), story)
    except SaveError as error:
        print(printable(f"locus: {error}"), file=sys.stderr)
        return False
    return True
