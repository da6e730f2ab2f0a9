"""Benchmarks of the Textual game, each against a trivial Textual app.

Run: /work/venv/bin/python bench/bench_tui.py [--pack DIR] [--runs N]

1. Start-up to the first frame, headless (bench/bench_startup.py measures
   `locus play` in a real terminal, as a person sees it): a fresh process runs the app
   as `locus play` does (headless, 80×24). Timed from the script's first
   line to the first frame the app hands to the (headless) driver: the
   title screen, whose menu keys work from then on (a choice made before the
   pack has loaded is carried out when it has). The pack loads in a thread
   after that first frame; when it finished is printed too, and the process
   exits then. Baseline: a minimal Textual app showing one Static, run the
   same way. Also the whole process times (interpreter start and exit
   included). Medians of N runs, alternating the two. Target: ratio ≤ 1.3.
2. A key press on a choice to the next scene drawn, animations off, headless:
   a Key event is posted to the app; times are taken at the first frame the
   app hands to the driver after it (the new scene on screen) and at the
   last (once the game moved on and no frame came for 50 ms; they are the
   same frame unless something redraws after it, as Textual's option list did
   on every change of the choices' height until game/tui/widgets/choice_list.py
   kept it from), in wall time, and the
   process CPU time to the last frame. The game alternates "1"
   and undo so every measured press enters a scene with time passing (the
   autosave follows 0.4 s later, in a thread, outside the measurement).
   Baseline: a trivial app whose "1" key updates a Static, measured the same
   way. Target: median under 30 ms. On a shared, loaded machine the CPU time
   is the steadier number.
3. Idle CPU with the play screen open: process CPU time used over a few
   seconds of doing nothing, for the game and for the trivial app. Target:
   near zero (no busy timers).
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import ClassVar

from textual import events
from textual.app import App, ComposeResult

from game.tui.app import LocusApp

ROOT = Path(__file__).resolve().parent.parent
MINI = ROOT / "tests" / "packs" / "mini"

# Both scripts note the first frame the app hands to the (headless) driver,
# then exit once the screen settled and (for the game) the pack has loaded.
_READY = """
import asyncio
from textual.app import App
FIRST = []
_display = App._display
def _first_frame(self, screen, renderable):
    _display(self, screen, renderable)
    if renderable is not None and not FIRST:
        FIRST.append(time.perf_counter() - T0)
App._display = _first_frame

async def ready(pilot):
    app = pilot.app
    while not FIRST or getattr(app, "loading", False):
        await asyncio.sleep(0.002)
    print(f"READY {FIRST[0]:.6f}")
    print(f"LOADED {time.perf_counter() - T0:.6f}")
    app.exit()
"""

# What `locus play` does (game.tui.launch.run_tui), but headless and 80×24.
GAME_STARTUP = (
    "import time\nT0 = time.perf_counter()\n"
    + _READY
    + """
from pathlib import Path
from game.tui.app import LocusApp
LocusApp(Path(PACK_PATH)).run(headless=True, size=(80, 24), auto_pilot=ready)
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


def run_startup(script: str) -> tuple[float, float, float]:
    """(whole process, script start to first frame, to pack loaded) in seconds."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    whole = time.perf_counter() - start
    marks = dict(line.split() for line in done.stdout.splitlines() if line[:1].isupper())
    return whole, float(marks["READY"]), float(marks["LOADED"])


def bench_startup(pack: Path, runs: int) -> None:
    compileall.compile_dir(ROOT / "game", quiet=1)  # as installed: see bench/bench_startup.py
    game_script = GAME_STARTUP.replace("PACK_PATH", repr(str(pack)))
    run_startup(game_script)  # warm the file cache and bytecode for both
    run_startup(MINIMAL_STARTUP)
    game: list[tuple[float, float, float]] = []
    minimal: list[tuple[float, float, float]] = []
    for _ in range(runs):
        game.append(run_startup(game_script))
        minimal.append(run_startup(MINIMAL_STARTUP))
    for index, label in ((0, "whole process"), (1, "script start to title drawn")):
        g = statistics.median(r[index] for r in game)
        m = statistics.median(r[index] for r in minimal)
        print(
            f"start-up ({label}): game {g * 1e3:.0f} ms, minimal Static app {m * 1e3:.0f} ms,"
            f" ratio {g / m:.2f} (target ≤ 1.3)"
        )
    loaded = statistics.median(r[2] for r in game)
    print(f"  the pack finished loading (menu fully enabled) at {loaded * 1e3:.0f} ms")


class FrameClock:
    """Records when the app hands a finished frame to the terminal driver
    (headless: the moment it would be written), in wall and CPU time."""

    def __init__(self, app: App[object]) -> None:
        self.frames: list[tuple[float, float]] = []
        original = app._display

        def display(screen: object, renderable: object) -> None:
            original(screen, renderable)  # type: ignore[arg-type]
            if renderable is not None:
                self.frames.append((time.perf_counter(), time.process_time()))

        app._display = display  # type: ignore[method-assign]

    async def latency(
        self, app: App[object], key: str, changed: Callable[[], bool]
    ) -> tuple[float, float, float]:
        """Post ``key``; once ``changed()`` holds and no frame came for 50 ms:
        wall time to the first frame (the new scene on screen), and wall and
        CPU time to the last frame (everything settled)."""
        self.frames.clear()
        start, cpu = time.perf_counter(), time.process_time()
        app.post_message(events.Key(key, key))
        while not (changed() and self.frames and time.perf_counter() - self.frames[-1][0] > 0.05):
            await asyncio.sleep(0.002)
        last, last_cpu = self.frames[-1]
        return self.frames[0][0] - start, last - start, last_cpu - cpu


def moved(app: LocusApp, before: object) -> bool:
    return app.playthrough is not None and app.playthrough.game is not before


async def bench_keypress(pack: Path, presses: int) -> None:
    from textual.widgets import Static

    from game.story.loader import load_pack
    from game.tui.screens.play import PlayScreen

    app = LocusApp(pack, load_pack(pack))
    app.animation_level = "none"
    times: list[tuple[float, float, float]] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        while not isinstance(app.screen, PlayScreen):
            await pilot.pause(0.01)
        await pilot.pause()
        clock = FrameClock(app)
        for _ in range(presses):
            before = app.playthrough.game if app.playthrough else None
            times.append(await clock.latency(app, "1", lambda b=before: moved(app, b)))
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

    base: list[tuple[float, float, float]] = []
    trivial = Trivial()
    async with trivial.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        clock = FrameClock(trivial)
        for _ in range(presses):
            base.append(
                await clock.latency(trivial, "1", lambda c=trivial.count: trivial.count != c)
            )
    labels = ((0, "first frame, wall"), (1, "last frame, wall"), (2, "last frame, CPU"))
    for index, label in labels:
        ours = sorted(t[index] for t in times)
        g, b = statistics.median(ours), statistics.median(t[index] for t in base)
        print(
            f"key press to next scene drawn ({label}): median {g * 1e3:.1f} ms"
            f" (p90 {ours[int(len(ours) * 0.9)] * 1e3:.1f} ms) over {presses} presses;"
            f" trivial app {b * 1e3:.1f} ms; ratio {g / b:.1f} (target: median < 30 ms)"
        )


async def bench_idle(pack: Path, seconds: float) -> None:
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
    parser.add_argument(
        "--only", choices=("startup", "keypress", "idle"), help="run one of the three"
    )
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
        if args.only in (None, "startup"):
            bench_startup(pack, args.runs)
        if args.only in (None, "keypress"):
            asyncio.run(bench_keypress(pack, args.presses))
        if args.only in (None, "idle"):
            asyncio.run(bench_idle(pack, args.idle))


if __name__ == "__main__":
    main()
