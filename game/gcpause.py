"""Pausing the cyclic garbage collector around bulk work that makes no cycles.

Loading a pack and random playtests allocate hundreds of thousands of small
acyclic objects (YAML nodes, model values, game states) and keep many of
them. Each allocation burst triggers generational collections that walk
everything still alive, which grew to a large share of both. Reference
counting still frees all of it; only cycles wait until the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
