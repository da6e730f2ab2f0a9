"""bench/mutation.py picks the same seeded sample of each package's mutants
every time, so a survivor can be re-checked after a new test; it knows the
equivalent mutants of bench/equivalent_mutants.toml by function and changed
line, and every entry there still names a line of today's code."""

from __future__ import annotations

import pytest

from bench.mutation import (
    FRESH_KILLED,
    KILLED,
    PACKAGES,
    Equivalent,
    _sample,
    _scores,
    changed_lines,
    fresh_run_failed,
    function_of,
    known_equivalent,
    load_equivalents,
    package_of,
    source_lines,
    wilson_interval,
)

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


# A diff as `mutmut show` prints it (game.story.expr.parser, seed 2's mutant 57).
SHOWN = """\
# game.story.expr.parser.xǁ_Parserǁexpr__mutmut_57: survived
--- game/story/expr/parser.py
+++ game/story/expr/parser.py
@@ -16,7 +16,7 @@
             left = BoolOp(kind, tuple(operands), left.start, depth)
             continue
         right = self.expr(prec + 1)
-        depth = self.deeper(1 + max(left.depth, right.depth), offset)
+        depth = self.deeper(2 + max(left.depth, right.depth), offset)
         left = Binary(kind, left, right, offset, left.start, depth)
"""
METHOD = "game.story.expr.parser.xǁ_Parserǁexpr"


def test_a_diff_gives_its_removed_and_added_lines_without_the_file_names() -> None:
    assert changed_lines(SHOWN) == (
        "depth = self.deeper(1 + max(left.depth, right.depth), offset)",
        "depth = self.deeper(2 + max(left.depth, right.depth), offset)",
    )
    assert function_of(f"{METHOD}__mutmut_57") == METHOD
    assert package_of(f"{METHOD}__mutmut_57") == "story"


def test_an_entry_matches_its_function_and_lines_whatever_the_mutant_number() -> None:
    entry = Equivalent(
        function=METHOD,
        before="depth = self.deeper(1 + max(left.depth, right.depth), offset)",
        after="depth = self.deeper(2 + max(left.depth, right.depth), offset)",
        reason="an example",
    )
    assert known_equivalent(f"{METHOD}__mutmut_57", SHOWN, [entry]) is entry
    assert known_equivalent(f"{METHOD}__mutmut_3", SHOWN, [entry]) is entry
    other_function = "game.story.expr.parser.x_parse__mutmut_57"
    assert known_equivalent(other_function, SHOWN, [entry]) is None
    other_change = SHOWN.replace("+        depth = self.deeper(2", "+        depth = self.deeper(0")
    assert known_equivalent(f"{METHOD}__mutmut_57", other_change, [entry]) is None


def test_a_method_and_a_function_are_found_in_todays_code() -> None:
    method = source_lines(METHOD)
    assert method is not None and method[0].startswith("def expr(")
    assert "depth = self.deeper(1 + max(left.depth, right.depth), offset)" in method
    function = source_lines("game.story.expr.lexer.x__number")
    assert function is not None and function[0].startswith("def _number(")
    assert source_lines("game.story.expr.parser.x_no_such_function") is None
    assert source_lines("game.story.no_such_module.x_parse") is None


@pytest.mark.parametrize("entry", load_equivalents(), ids=lambda e: f"{e.function}: {e.before}")
def test_every_listed_equivalent_still_matches_a_line_of_todays_code(entry: Equivalent) -> None:
    """A stale entry (its code rewritten or gone) fails here, not silently."""
    lines = source_lines(entry.function)
    assert lines is not None, f"{entry.function} is gone"
    for line in entry.before.splitlines():
        assert line in lines, f"{entry.function} no longer has the line {line!r}"
    assert entry.before != entry.after and entry.reason.strip()


def test_a_fresh_run_is_killed_by_a_failing_test_or_a_broken_import_only() -> None:
    assert fresh_run_failed(1, "1 failed")
    assert fresh_run_failed(2, "Interrupted: 1 error during collection")
    assert not fresh_run_failed(2, "KeyboardInterrupt")
    assert not fresh_run_failed(0, "40 passed")
    assert not fresh_run_failed(5, "no tests ran")


def test_the_table_scores_with_and_without_the_known_equivalent_survivors(
    capsys: pytest.CaptureFixture[str],
) -> None:
    names = [f"game.story.m.x_f__mutmut_{i}" for i in range(1, 11)]
    verdicts: dict[str, int | None] = {name: 1 for name in names[:7]}
    verdicts |= {names[7]: 0, names[8]: 0, names[9]: FRESH_KILLED}
    entry = Equivalent(function="game.story.m.x_f", before="a", after="b", reason="why")
    survivors = _scores(
        {"story": names}, verdicts, lambda name: entry if name == names[8] else None, "title"
    )
    assert survivors == [names[7], names[8]]
    row = capsys.readouterr().out.splitlines()[-1].split()
    # 8 of 10 killed (a fresh process killed one); 1 equivalent; 8 of 9 without it
    assert row == ["game.story", "8", "10", "80.0%", "49-94%", "1", "88.9%", "56-98%"]
