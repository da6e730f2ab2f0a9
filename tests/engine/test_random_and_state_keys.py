"""The game's random generator is splitmix64 exactly, and a state's key is
its identity for exploration (with or without the generator).

Saves keep the generator's state, so a saved game resumes the same random
sequence only while the generator stays the published splitmix64; and every
seeded walkthrough of a pack depends on it too.
"""

from __future__ import annotations

from game.engine.machine import Game
from game.engine.state import next_random, seed_state
from game.story.loader import load_pack
from tests.conftest import MINI_PACK

# splitmix64 seeded with 0: its first four outputs (Vigna's reference
# implementation, also java.util.SplittableRandom's mixer).
SPLITMIX64_FROM_ZERO = (
    0xE220A8397B1DCDAF,
    0x6E789E6AA1B965F4,
    0x06C45D188009454F,
    0xF88BB8A8724C81EC,
)


def test_the_generator_is_splitmix64_and_draws_its_top_53_bits() -> None:
    rng = seed_state(0)
    for expected in SPLITMIX64_FROM_ZERO:
        rng, draw = next_random(rng)
        assert draw == (expected >> 11) / 2.0**53
    assert rng == (4 * 0x9E3779B97F4A7C15) & (2**64 - 1)


def test_draws_cover_the_whole_unit_interval() -> None:
    rng, draws = seed_state(12345), []
    for _ in range(2000):
        rng, draw = next_random(rng)
        draws.append(draw)
    assert all(0.0 <= d < 1.0 for d in draws)
    assert min(draws) < 0.01 and max(draws) > 0.99
    assert 900 < sum(d >= 0.5 for d in draws) < 1100


def test_a_seed_is_kept_to_64_bits() -> None:
    assert seed_state(2**64 + 5) == 5
    assert seed_state(-1) == 2**64 - 1


def test_a_states_key_includes_its_generator_unless_asked_not_to() -> None:
    story = load_pack(MINI_PACK).story
    one, other = Game.start(story, seed=1).state, Game.start(story, seed=2).state
    assert one.key() != other.key()
    assert one.key()[0] == one.rng
    assert one.key(with_rng=False) == other.key(with_rng=False)
    assert one.key(with_rng=False)[0] is None


def test_states_a_fraction_of_a_second_apart_have_different_keys() -> None:
    """Exploration must not merge two states whose clocks differ by less than
    a second: a `time:` of 0.5s is legal content, and the story's clock, the
    trace and every later wait see the difference. Float noise far below a
    millisecond, which paths that meet produce, does not count."""
    state = Game.start(load_pack(MINI_PACK).story).state
    for apart in (0.4, 0.6, 0.001):
        later = state._replace(clock=state.clock + apart)
        assert later.key() != state.key() and later.key(with_rng=False) != state.key(False)
    noise = state._replace(clock=state.clock + 1e-9)
    assert noise.key() == state.key()
