"""Helpers the classroom tests share (a fake clock, playing observed steps)."""

from __future__ import annotations


class FakeClock:
    """Wall-clock stand-in: each call moves on by ``step`` seconds."""

    def __init__(self, start: float = 1_700_000_000.0, step: float = 10.0) -> None:
        self.now = start
        self.step = step

    def __call__(self) -> float:
        self.now += self.step
        return self.now


def play(session, game, *numbers: int):
    """Act ``numbers`` in turn, observing every step as a front end must."""
    for number in numbers:
        game = game.act(number)
        session.observe(game, game.last_events)
    return game
