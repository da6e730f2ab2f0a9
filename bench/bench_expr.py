"""Benchmark: parsing and evaluating story expressions.

Run: /work/venv/bin/python bench/bench_expr.py [--quick]

Loading a big pack parses about 20,000 conditions, and random playtesting
evaluates conditions thousands of times a second, so both are measured
against a baseline taken in the same run on the same machine:

* parse: ``ast.parse`` of the same source text (CPython's C parser building
  a tree; our parser is pure Python and also compiles closures), uncached,
  and then the cached ``parse`` a real pack load mostly hits;
* evaluate: hand-written Python functions computing the same conditions
  through the same context object (the floor for any interpreter).

Each figure is the best of several repeats, printed per operation with the
ratio to its baseline.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.genpack import best_of
from game.story.expr import Value, parse
from game.story.templates import parse_template

TEMPLATES = [
    "body.fatigue < {n}",
    "met_guide",
    "courage >= {k} and not met_guide",
    "visited(ff_bear_{n}) > 0",
    "chose(ff_trailhead, {k})",
    "body.heart_rate > {n} or score >= {k}",
    "has_condition(parkinsons) and on_medication(levodopa)",
    "minutes % 60 < {n}",
    "round(body.glucose) != {n}",
    "day >= {k} and (courage + score) / 2 > {n}.5",
    "body.lc_mode == 'phasic'",
    "not visited(ff_car_{n}) and body.heart_rate - {n} > 10",
]


class Ctx:
    """A dict-backed context, like the engine's but without the game state."""

    values: dict[str, Value] = {  # noqa: RUF012 - fixed benchmark data
        "body.fatigue": 40.5,
        "met_guide": True,
        "courage": 3,
        "body.heart_rate": 121.5,
        "score": 10,
        "minutes": 95,
        "body.glucose": 97.4,
        "day": 2,
        "body.lc_mode": "phasic",
    }

    def lookup(self, name: str) -> Value:
        return self.values[name]

    def call(self, function: str, args: tuple[Value, ...]) -> Value:
        return 1 if function == "visited" else True


# The same conditions written directly in Python, through the same context.
NATIVE: dict[str, Callable[[Ctx], Value]] = {
    "body.fatigue < 70": lambda c: c.lookup("body.fatigue") < 70,
    "met_guide": lambda c: c.lookup("met_guide"),
    "courage >= 2 and not met_guide": lambda c: (
        c.lookup("courage") >= 2 and not c.lookup("met_guide")
    ),
    "visited(ff_bear) > 0": lambda c: c.call("visited", ("ff_bear",)) > 0,  # type: ignore[operator]
    "body.heart_rate > 120 or score >= 50": lambda c: (
        c.lookup("body.heart_rate") > 120 or c.lookup("score") >= 50
    ),
    "minutes % 60 < 30": lambda c: c.lookup("minutes") % 60 < 30,  # type: ignore[operator]
    "day >= 3 and (courage + score) / 2 > 10": lambda c: (
        c.lookup("day") >= 3 and (c.lookup("courage") + c.lookup("score")) / 2 > 10
    ),  # type: ignore[operator]
    "body.lc_mode == 'phasic'": lambda c: c.lookup("body.lc_mode") == "phasic",
}


def row(label: str, seconds: float, count: int, baseline: float | None = None) -> None:
    per_op = seconds / count * 1e6
    ratio = f"{seconds / baseline:6.2f}x baseline" if baseline else "baseline"
    print(f"  {label:<44} {per_op:8.2f} µs/op   {ratio}")


def main() -> None:
    quick = "--quick" in sys.argv
    n_parse = 2_000 if quick else 20_000
    n_eval = 100_000 if quick else 1_000_000
    repeats = 3

    sources = [
        TEMPLATES[i % len(TEMPLATES)].format(n=i % 997 + 3, k=i % 7 + 1) for i in range(n_parse)
    ]
    uncached = parse.__wrapped__  # type: ignore[attr-defined]

    print(f"parse {n_parse:,} typical conditions ({len(set(sources)):,} distinct)")
    base = best_of(repeats, lambda: [ast.parse(s, mode="eval") for s in sources])
    row("ast.parse (C parser, tree only)", base, n_parse)
    ours = best_of(repeats, lambda: [uncached(s) for s in sources])
    row("expr.parse, uncached (tree + closures)", ours, n_parse, base)
    parse.cache_clear()
    cached = best_of(repeats, lambda: [parse(s) for s in sources])
    row("expr.parse, cached (as a pack load)", cached, n_parse, base)

    print(f"\nevaluate {n_eval:,} times ({len(NATIVE)} conditions, round robin)")
    ctx = Ctx()
    exprs = [parse(s) for s in NATIVE]
    for expr, native in zip(exprs, NATIVE.values(), strict=True):
        assert expr.evaluate(ctx) == native(ctx), expr.source
    rounds = n_eval // len(NATIVE)

    def run_native() -> None:
        for fn in NATIVE.values():
            for _ in range(rounds):
                fn(ctx)

    def run_ours() -> None:
        for expr in exprs:
            evaluate = expr.evaluate
            for _ in range(rounds):
                evaluate(ctx)

    base = best_of(repeats, run_native)
    row("native Python functions", base, n_eval)
    row("Expr.evaluate", best_of(repeats, run_ours), n_eval, base)

    print("\nper condition (evaluate / native)")
    count = 20_000 if quick else 100_000
    for expr, native in zip(exprs, NATIVE.values(), strict=True):
        evaluate = expr.evaluate
        b = best_of(repeats, lambda fn=native: [fn(ctx) for _ in range(count)])  # type: ignore[misc]
        o = best_of(repeats, lambda ev=evaluate: [ev(ctx) for _ in range(count)])  # type: ignore[misc]
        print(f"  {expr.source:<44} {o / count * 1e9:7.0f} ns   {o / b:5.2f}x")

    template = parse_template(
        "Your heart beats ${body.heart_rate} times; glucose ${body.glucose:.0f}."
    )
    count = 20_000 if quick else 200_000
    seconds = best_of(repeats, lambda: [template.render(ctx) for _ in range(count)])
    direct = best_of(
        repeats,
        lambda: [
            f"Your heart beats {ctx.lookup('body.heart_rate'):.1f} times; "
            f"glucose {ctx.lookup('body.glucose'):.0f}."
            for _ in range(count)
        ],
    )
    print(f"\nrender a two-placeholder template {count:,} times")
    row("f-string through the same context", direct, count)
    row("Template.render", seconds, count, direct)


if __name__ == "__main__":
    main()
