"""Start-up as a person sees it: `locus play` in a real terminal, against a
bare Textual app showing one Static.

Run: .venv/bin/python bench/bench_startup.py [--runs N] [--pack DIR]

Both run in one tmux pane of 80×24, interleaved, N times each (after one
untimed run of each, which warms the file cache, the bytecode and the game's
pack cache). Each is timed from the moment the pane is told to start it to
the moment its text is on the pane (polled with `tmux capture-pane`):

* the game: the interactive title, i.e. the pack's title and the menu (the
  title shows the pack's title only once it knows the pack: from the cache
  in game/story/pack_cache.py, or once the pack has loaded);
* the baseline: the Static's text.

Prints both medians and their ratio (target: ≤ 1.3). Polling costs a few
milliseconds a look, the same for both. The game runs with LOCUS_HOME in a
temporary folder (its own profile and cache) and the same interpreter.

Wall time on a shared machine is mostly load: ``--callgrind`` also counts
the instructions each takes to its first frame (valgrind's callgrind, both
headless at 80×24, the game with the cache the tmux runs wrote), a figure
the load does not move.

The game's modules are byte-compiled first, as installing the package does
(Textual's are, in site-packages): with PYTHONDONTWRITEBYTECODE set, as on
some shared machines, a source checkout would otherwise compile every module
of the game at every start, which no installed game does.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SESSION = f"locus-bench-startup-{os.getpid()}"
BARE_TEXT = "A bare Textual app"
BARE = f"""
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static({BARE_TEXT!r})

Bare().run()
"""
TIMEOUT = 30.0  # seconds before a run counts as failed
CALLGRIND = ("valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null")


def at_first_frame(action: str = "") -> str:
    """Source to put before a child's program: it runs headless at 80×24 and, at the
    first frame handed to the driver, runs ``action`` (code that sees the app as
    ``self`` and the screen as ``screen``) and exits. tests/tui/test_tui_launch.py
    notes what the title has imported there."""
    body = textwrap.indent(textwrap.dedent(action).strip(), " " * 8)
    return f"""
from textual.app import App
_display = App._display
def _first_frame(self, screen, update):
    _display(self, screen, update)
    if update is not None and not getattr(App, "drawn", False):
        App.drawn = True
{body + chr(10) if body else ""}        self.exit()
App._display = _first_frame
_run = App.run
App.run = lambda self, **options: _run(self, headless=True, size=(80, 24))
"""


# Run headless at 80×24 and stop at the first frame handed to the driver.
TO_FIRST_FRAME = at_first_frame()


def tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=True).stdout


def time_to_text(command: str, wanted: tuple[str, ...]) -> float:
    """Seconds from starting ``command`` in the pane to every ``wanted``
    string on it."""
    start = time.perf_counter()
    tmux("respawn-pane", "-k", "-t", SESSION, command)
    while True:
        screen = tmux("capture-pane", "-p", "-t", SESSION)
        if all(text in screen for text in wanted):
            return time.perf_counter() - start
        if time.perf_counter() - start > TIMEOUT:
            raise SystemExit(f"no {wanted} on screen after {TIMEOUT:.0f} s:\n{screen}")
        time.sleep(0.003)


def instructions(script: str, env: dict[str, str]) -> int:
    """What callgrind counts for ``python -c script`` (fixed hash seed)."""
    done = subprocess.run(
        [*CALLGRIND, sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**env, "PYTHONHASHSEED": "0"},
        cwd=ROOT,
    )
    counted = [line for line in done.stderr.splitlines() if "Collected :" in line]
    if done.returncode != 0 or not counted:
        raise SystemExit(f"callgrind failed:\n{done.stderr[-2000:]}")
    return int(counted[-1].split()[-1])


def count_to_first_frames(pack: Path, home: str) -> tuple[int, int]:
    """Instructions of `locus play` and of the bare app to their first frames."""
    if shutil.which("valgrind") is None:
        raise SystemExit("--callgrind needs valgrind (Debian: apt-get install valgrind)")
    env = {**os.environ, "LOCUS_HOME": home}
    play = f"from game.cli import main\nmain(['play', {str(pack)!r}])\n"
    return instructions(TO_FIRST_FRAME + play, env), instructions(TO_FIRST_FRAME + BARE, env)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="timed runs of each")
    parser.add_argument("--pack", default=None, help="pack folder (default: the bundled pack)")
    parser.add_argument(
        "--callgrind", action="store_true", help="also count instructions to the first frame"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    compileall.compile_dir(ROOT / "game", quiet=1)
    from game.paths import bundled_pack
    from game.story.loader import load_pack

    pack = Path(args.pack) if args.pack else bundled_pack()
    story = load_pack(pack, for_play=True).story
    if story is None:
        raise SystemExit(f"{pack} does not load")
    locus = Path(sys.executable).with_name("locus")
    with tempfile.TemporaryDirectory() as home:
        env = f"cd {shlex.quote(str(ROOT))} && LOCUS_HOME={shlex.quote(home)} exec "
        game = env + shlex.join([str(locus), "play", str(pack)])
        bare = env + shlex.join([sys.executable, "-c", BARE])
        game_wanted = (story.title[:60], "New game")
        tmux("new-session", "-d", "-s", SESSION, "-x", "80", "-y", "24", "sleep 600")
        try:
            time_to_text(game, game_wanted)  # untimed: warms caches, writes the pack cache
            time_to_text(bare, (BARE_TEXT,))
            games: list[float] = []
            bares: list[float] = []
            for _ in range(args.runs):
                games.append(time_to_text(game, game_wanted))
                bares.append(time_to_text(bare, (BARE_TEXT,)))
        finally:
            subprocess.run(["tmux", "kill-session", "-t", SESSION], check=False)
        counts = count_to_first_frames(pack, home) if args.callgrind else None
    g, b = statistics.median(games), statistics.median(bares)
    print(f"pack: {pack}; {args.runs} runs each, interleaved, tmux 80x24")
    print(
        f"  locus play to the interactive title: median {g * 1e3:.0f} ms"
        f" (runs {', '.join(f'{x * 1e3:.0f}' for x in games)})"
    )
    print(
        f"  bare Textual app to its Static:      median {b * 1e3:.0f} ms"
        f" (runs {', '.join(f'{x * 1e3:.0f}' for x in bares)})"
    )
    print(f"  ratio {g / b:.2f} (target ≤ 1.3)")
    if counts is not None:
        ours, theirs = counts
        print(
            f"  callgrind to the first frame (headless): locus play {ours / 1e6:,.1f}M"
            f" instructions, bare app {theirs / 1e6:,.1f}M, ratio {ours / theirs:.3f}"
        )


if __name__ == "__main__":
    main()
