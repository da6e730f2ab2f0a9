"""Bounded memos of the body's pure functions, each owned by one object.

The model is a pure function of its inputs and time, and play revisits the
same (body, interval) pairs all the time: undo and redo, reloads in watch
mode, and above all automatic playtests, whose playthroughs share their
first scenes and, across story paths, the same bodies. A ``Memo`` remembers
the most recent results of one function, least recently used out first, up
to a number of entries its owner sets; ``approx_bytes`` tells a caller with a
memory budget what it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import _lru_cache_wrapper, lru_cache
from typing import Generic, ParamSpec, TypeVar, cast

_P = ParamSpec("_P")
_R = TypeVar("_R")


class Memo(Generic[_P, _R]):
    """``fn`` remembered: call ``memo.call(...)``, never more than ``entries`` results kept.

    ``entry_bytes`` is the memory one remembered call takes (its arguments,
    its result and the memo's own node), measured for the function it wraps
    (tests/body/test_memo.py checks the figure), so a budget in bytes can be
    turned into entries and back.
    """

    def __init__(self, fn: Callable[_P, _R], entries: int, entry_bytes: int) -> None:
        self._fn = fn
        self.entry_bytes = entry_bytes
        self._cache = self._remembering(fn, entries)
        self._entries = entries
        self._give_up: Callable[[], None] = _nothing_to_give_up  # (see ``widened``)
        # The cache itself, called straight from C: the hot path pays no method call.
        self.call: Callable[_P, _R] = cast("Callable[_P, _R]", self._cache)

    @staticmethod
    def _remembering(fn: Callable[_P, _R], entries: int) -> _lru_cache_wrapper[_R]:
        if isinstance(entries, bool) or not isinstance(entries, int) or entries < 0:
            raise ValueError(f"a memo holds a whole number of entries >= 0, not {entries!r}")
        return lru_cache(maxsize=entries)(fn)

    def _use(self, cache: _lru_cache_wrapper[_R], entries: int) -> None:
        self._cache, self._entries = cache, entries
        self.call = cast("Callable[_P, _R]", cache)

    @property
    def entries(self) -> int:
        """The most results it keeps."""
        return self._entries

    def __len__(self) -> int:
        """The results it holds now."""
        return self._cache.cache_info().currsize

    def approx_bytes(self) -> int:
        """About how much memory the results it holds take."""
        return len(self) * self.entry_bytes

    def entries_within(self, max_bytes: float) -> int:
        """How many entries fit in ``max_bytes``."""
        return max(0, int(max_bytes // self.entry_bytes))

    def resize(self, entries: int) -> None:
        """Keep at most ``entries`` results from now on (what it held is forgotten)."""
        self._use(self._remembering(self._fn, entries), entries)

    @contextmanager
    def widened(self, entries: int) -> Iterator[Callable[[], None]]:
        """At least ``entries`` (never fewer than now) while the block runs, then as before.

        A wider block starts with an empty memo of that size, and the memo as it
        was (with what it held) comes back after it. Only what is remembered
        changes, never a result, so another thread calling meanwhile is merely
        remembered in the bigger memo. The block gets a function that gives up
        the extra room early, for a caller that finds its calls do not repeat:
        the memo is then an empty one of the usual size until the block ends (a
        wide memo of calls that never come back only costs memory).

        A memo already that wide (inside a wider block) is kept as it is, with
        what it holds: one command that plays a pack and then walks its states
        (``locus test``) widens once, and the walks find the bodies the
        playthroughs computed. Such a block gets the enclosing block's function,
        since the room is that block's to give up.
        """
        if entries <= self._entries:
            yield self._give_up
            return
        before, size, give_up = self._cache, self._entries, self._give_up
        self._use(self._remembering(self._fn, entries), entries)

        def usual_size() -> None:
            self._use(self._remembering(self._fn, size), size)

        self._give_up = usual_size
        try:
            yield usual_size
        finally:
            self._use(before, size)
            self._give_up = give_up


def _nothing_to_give_up() -> None:
    """What a block that did not widen a memo gives up early: nothing."""
