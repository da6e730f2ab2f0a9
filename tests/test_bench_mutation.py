"""bench/mutation.py picks the same seeded sample of each package's mutants
every time, so a survivor can be re-checked after a new test."""

from __future__ import annotations

import pytest

from bench.mutation import KILLED, PACKAGES, _sample, wilson_interval

NAMES = [f"game.{p}.m.x_f__mutmut_{i}" for p in (*PACKAGES, "tui") for i in range(1, 30)]


def test_the_sample_is_seeded_per_package_and_leaves_other_packages_out() -> None:
    first = _sample(NAMES, 5, seed=1)
    assert first == _sample(list(reversed(NAMES)), 5, seed=1)  # order of discovery is irrelevant
    assert first != _sample(NAMES, 5, seed=2)
    assert list(first) == list(PACKAGES)
    for package, names in first.items():
        assert len(names) == 5 and len(set(names)) == 5
        assert all(name.startswith(f"game.{package}.") for name in names)


def test_a_package_smaller_than_the_sample_is_taken_whole() -> None:
    assert _sample(NAMES[:3], 10, seed=1)["story"] == sorted(NAMES[:3])
    assert _sample(NAMES[:3], 10, seed=1)["engine"] == []


def test_killed_means_a_failing_test_or_a_timeout_never_a_survivor() -> None:
    assert 1 in KILLED and 36 in KILLED  # a failing test; mutmut's timeout
    assert 0 not in KILLED and 33 not in KILLED and None not in KILLED  # survived; no tests


def test_narrowing_to_one_package_draws_that_packages_same_mutants() -> None:
    everything = _sample(NAMES, 5, seed=3)
    assert _sample(NAMES, 5, seed=3, packages=("body",)) == {"body": everything["body"]}
    both = _sample(NAMES, 5, seed=3, packages=("classroom", "story"))
    assert both == {"classroom": everything["classroom"], "story": everything["story"]}


def test_the_interval_holds_the_sample_score_and_narrows_with_more_mutants() -> None:
    assert wilson_interval(36, 40) == pytest.approx((0.769, 0.960), abs=1e-3)
    assert wilson_interval(40, 40)[1] == 1.0 and wilson_interval(40, 40)[0] < 1.0
    assert wilson_interval(0, 10)[0] == 0.0
    small, large = wilson_interval(9, 10), wilson_interval(90, 100)
    assert small[0] < 0.9 < small[1] and large[0] < 0.9 < large[1]
    assert large[1] - large[0] < small[1] - small[0]
