"""Generate a large synthetic pack for benchmarks: N scenes, 3 choices each,
with conditions, effects, templates and a quiz every 50 scenes; and the
shared CSafeLoader baseline the load and check benchmarks compare against."""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import yaml

STORY = """\
format: 1
id: big
title: Generated pack
start: s0
variables:
  courage: 0
  trust: 0.5
  met_guide: false
  word: "calm"
objectives:
  ne_heart: NE speeds the heart.
storylines:
  - {id: main, title: Main, start: s0}
badges:
  brave: {title: Brave, description: Brave.}
"""


def scene_yaml(index: int, count: int, rng: random.Random) -> str:
    targets = [rng.randrange(count) for _ in range(3)]
    if index % 50 == 49:
        return (
            f"  s{index}:\n"
            f"    title: Checkpoint {index}\n"
            f"    text: A question about the heart.\n"
            f"    quiz:\n"
            f"      question: What does NE do to the heart?\n"
            f"      objective: ne_heart\n"
            f"      options:\n"
            f"        - {{text: Speeds it up, correct: true, feedback: Beta-1 receptors.}}\n"
            f"        - {{text: Slows it down, feedback: That is the vagus nerve.}}\n"
            f"    next: s{targets[0]}\n"
        )
    if index == count - 1:
        return (
            f"  s{index}:\n    title: The End\n    text: Done.\n"
            f"    ending: {{kind: good, summary: You made it.}}\n"
        )
    return (
        f"  s{index}:\n"
        f"    title: Scene {index}\n"
        f"    text:\n"
        f"      - You walk on. Your heart beats ${{body.heart_rate}} times a minute.\n"
        f'      - if: "body.heart_rate > 120"\n'
        f"        text: You can hear your own pulse.\n"
        f"    time: 1min\n"
        f"    choices:\n"
        f"      - text: Go left\n"
        f"        goto: s{targets[0]}\n"
        f"        effects:\n"
        f"          - add: {{courage: 1}}\n"
        f"          - body: {{threat: 0.4}}\n"
        f"      - text: Go right\n"
        f"        goto:\n"
        f'          - {{if: "courage > 3 and body.focus >= 40", to: s{targets[1]}}}\n'
        f"          - {{to: s{targets[2]}}}\n"
        f'        enabled_if: "body.fatigue < 80"\n'
        f"        hint: Too tired.\n"
        f"      - text: Rest a while\n"
        f"        goto: s{targets[2]}\n"
        f'        if: "visited(s{targets[1]}) < 3 or met_guide"\n'
        f"        effects:\n"
        f"          - set: {{met_guide: true}}\n"
        f"          - body: {{threat: 0, calm: 0.5}}\n"
        f"        time: 5min\n"
    )


def generate(root: Path, scenes: int = 5000, per_file: int = 250, seed: int = 1) -> Path:
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "story.yaml").write_text(STORY, encoding="utf-8")
    for start in range(0, scenes, per_file):
        parts = ["scenes:\n"]
        parts.extend(
            scene_yaml(i, scenes, rng) for i in range(start, min(start + per_file, scenes))
        )
        (root / f"part_{start // per_file:03d}.yaml").write_text("".join(parts), encoding="utf-8")
    return root


def best_of(repeats: int, action: Callable[[], object]) -> float:
    """The fastest of several runs: the least disturbed by other processes."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def median_of(repeats: int, action: Callable[[], object], *, warm_up: bool = False) -> float:
    """The median of several runs (after one unmeasured run if ``warm_up``):
    the typical cost, for timings whose spread matters more than their best."""
    if warm_up:
        action()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def csafeloader_baseline(files: Sequence[Path]) -> None:
    """What parsing the pack's files costs with libyaml alone."""
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
