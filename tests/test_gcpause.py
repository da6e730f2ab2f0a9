"""The cyclic-GC pause used by pack loading and playtests."""

import gc

import pytest

from game.gcpause import cyclic_gc_paused


@pytest.mark.parametrize("enabled", [True, False])
def test_the_pause_ends_as_it_began_even_on_error(enabled):
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        with pytest.raises(RuntimeError), cyclic_gc_paused():
            assert not gc.isenabled()
            raise RuntimeError("boom")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
