"""`locus play`: load the pack, then hand it to the plain or the Textual front end.

A classroom lesson (``--lesson``) in the plain front end is played by
``game.classroom.plain_lesson``; the Textual front end gets the same options
and drives the lesson itself through ``game.classroom.session``.
"""

from __future__ import annotations

import argparse
import sys

from game.packs import load_or_report


def run(args: argparse.Namespace) -> int:
    if args.plain:
        story = load_or_report(args.pack, for_play=True, lesson=args.lesson)
        if story is None:
            return 1
        if args.lesson:
            from game.classroom.plain_lesson import play_lesson_plain

            return play_lesson_plain(story, args)
        if args.student or args.results:
            print("locus: note: --student and --results only matter with --lesson", file=sys.stderr)
        from game.plain import play_plain

        return play_plain(story, args)
    from game.tui.launch import run_tui

    return run_tui(args)
