"""Benchmarks of the Textual game, each against a trivial Textual app.

Run: /work/venv/bin/python bench/bench_tui.py [--pack DIR] [--runs N]

1. Start-up to the first interactive screen: a fresh process that loads the
   pack, imports and runs the app headless and exits as soon as the title
   screen is mounted and drawn (Textual's auto-pilot starts once the app is
   ready; it waits for the screen to settle, then exits). The baseline is
   the same for a minimal Textual app showing one Static. Both are timed as
   whole processes (interpreter start included) and from inside (first line
   of the script to ready); medians of N runs, alternating the two. Target:
   ratio at most 1.3.
2. A key press on a choice to the next scene drawn, animations off, headless:
   the time of ``pilot.press("1")`` plus the pilot's pause, which lays out and
   composes the new frame. The game alternates "1" and undo so every measured
   press enters a scene with time passing (autosave included). Baseline: a
   trivial app whose "1" key updates a Static, measured the same way.
   Target: median under 30 ms.
3. Idle CPU with the play screen open: process CPU time used over a few
   seconds of doing nothing, for the game and for the trivial app. Target:
   near zero (no busy timers).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "packs" / "mini"

_READY = """
async def ready(pilot):
    await pilot.pause()
    print(f"READY {time.perf_counter() - T0:.6f}")
    pilot.app.exit()
"""

GAME_STARTUP = (
    "import time\nT0 = time.perf_counter()\n"
    + _READY
    + """
from pathlib import Path
from typing import ClassVar
from game.story.loader import load_pack
root = Path(PACK_PATH)
loaded = load_pack(root)
from game.tui.app import LocusApp
LocusApp(root, loaded).run(headless=True, size=(80, 24), auto_pilot=ready)
"""
)

MINIMAL_STARTUP = (
    "import time\nT0 = time.perf_counter()\n"
    + _READY
    + """
from textual.app import App
from textual.widgets import Static
class Minimal(App):
    def compose(self):
        yield Static("Hello")
Minimal().run(headless=True, size=(80, 24), auto_pilot=ready)
"""
)


def run_startup(script: str) -> tuple[float, float]:
    """(whole process seconds, in-process seconds to ready) for one run."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    whole = time.perf_counter() - start
    inside = next(
        float(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("READY")
    )
    return whole, inside


def bench_startup(pack: Path, runs: int) -> None:
    game_script = GAME_STARTUP.replace("PACK_PATH", repr(str(pack)))
    run_startup(game_script)  # warm the file cache and bytecode for both
    run_startup(MINIMAL_STARTUP)
    game: list[tuple[float, float]] = []
    minimal: list[tuple[float, float]] = []
    for _ in range(runs):
        game.append(run_startup(game_script))
        minimal.append(run_startup(MINIMAL_STARTUP))
    for index, label in ((0, "whole process"), (1, "script start to ready")):
        g = statistics.median(r[index] for r in game)
        m = statistics.median(r[index] for r in minimal)
        print(
            f"start-up ({label}): game {g * 1e3:.0f} ms, minimal Static app {m * 1e3:.0f} ms,"
            f" ratio {g / m:.2f} (target ≤ 1.3)"
        )


async def bench_keypress(pack: Path, presses: int) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from game.story.loader import load_pack
    from game.tui.app import LocusApp
    from game.tui.screens.play import PlayScreen

    app = LocusApp(pack, load_pack(pack))
    app.animation_level = "none"
    times: list[float] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        while not isinstance(app.screen, PlayScreen):
            await pilot.pause(0.01)
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press("1")
            await pilot.pause()
            times.append(time.perf_counter() - start)
            await pilot.press("u")
            await pilot.pause()
        await app.workers.wait_for_complete()

    class Trivial(App[None]):
        BINDINGS: ClassVar = [("1", "bump", "Bump")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Static("0", id="n")

        def action_bump(self) -> None:
            self.count += 1
            self.query_one("#n", Static).update(str(self.count))

    base: list[float] = []
    trivial = Trivial()
    async with trivial.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(presses):
            start = time.perf_counter()
            await pilot.press("1")
            await pilot.pause()
            base.append(time.perf_counter() - start)
    g, b = statistics.median(times), statistics.median(base)
    print(
        f"key press to next scene drawn: median {g * 1e3:.1f} ms (p90 "
        f"{sorted(times)[int(len(times) * 0.9)] * 1e3:.1f} ms) over {presses} presses;"
        f" trivial app {b * 1e3:.1f} ms; ratio {g / b:.1f} (target: median < 30 ms)"
    )


async def bench_idle(pack: Path, seconds: float) -> None:
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    from game.story.loader import load_pack
    from game.tui.app import LocusApp
    from game.tui.screens.play import PlayScreen

    app = LocusApp(pack, load_pack(pack))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        while not isinstance(app.screen, PlayScreen):
            await pilot.pause(0.01)
        await pilot.press("1")  # a step with its body animation, then rest
        await pilot.pause(2.0)
        await app.workers.wait_for_complete()
        start = time.process_time()
        await asyncio.sleep(seconds)
        game_cpu = time.process_time() - start

    class Minimal(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Hello")

    minimal = Minimal()
    async with minimal.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
        start = time.process_time()
        await asyncio.sleep(seconds)
        base_cpu = time.process_time() - start
    print(
        f"idle CPU over {seconds:.0f} s with the play screen open: {game_cpu * 1e3:.1f} ms"
        f" ({game_cpu / seconds * 100:.2f}% of a core); minimal app {base_cpu * 1e3:.1f} ms"
        " (target: near zero)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pack", default=None, help="pack folder (default: the bundled pack)")
    parser.add_argument("--runs", type=int, default=7, help="start-up runs of each app")
    parser.add_argument("--presses", type=int, default=40)
    parser.add_argument("--idle", type=float, default=3.0, help="seconds of idle to measure")
    args = parser.parse_args()
    from game.paths import bundled_pack
    from game.story.loader import load_pack

    pack = Path(args.pack) if args.pack else bundled_pack()
    if not load_pack(pack).ok:
        print(f"{pack} does not load; using the mini test pack")
        pack = MINI
    print(f"pack: {pack}")
    with tempfile.TemporaryDirectory() as home:
        os.environ["LOCUS_HOME"] = home  # autosaves of the benchmark go to a temporary folder
        bench_startup(pack, args.runs)
        asyncio.run(bench_keypress(pack, args.presses))
        asyncio.run(bench_idle(pack, args.idle))


if __name__ == "__main__":
    main()
