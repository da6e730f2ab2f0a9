"""One story graph written out for three engines: Locus, ChoiceScript and ink.

The per-step comparison with ChoiceScript's randomtest and inkjs needs the
same story in each engine's own language: the same scenes and links, the
same variables and conditions, the same text interpolation, so that a step
costs each engine the same work. ``bench/bench_steps.py`` plays the Locus
form; the ChoiceScript and ink forms are written beside it so anyone with
those engines installed can time them on the same graph.

The graph: ``scenes`` scenes in a line, each with three choices that jump
forward by a seeded random 1 to ``2 * mean_jump - 1`` scenes (so a
playthrough takes about ``scenes / mean_jump`` steps), one of them shown
only when a counter is high enough, one that raises the counter, and every
text printing the counter and a flag. The last scene ends the story. No
time passes and the body is never touched, unless ``body`` is asked for.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Link:
    text: str
    to: int
    needs_courage: int | None = None  # shown only when courage > this
    adds_courage: bool = False
    sets_flag: bool = False


def graph(scenes: int = 500, mean_jump: float = 5.4, seed: int = 1) -> list[list[Link]]:
    """The choices of every scene but the last (which ends the story)."""
    rng = random.Random(seed)
    top = max(1, round(2 * mean_jump - 1))
    out: list[list[Link]] = []
    for index in range(scenes - 1):
        a, b, c = (min(scenes - 1, index + rng.randint(1, top)) for _ in range(3))
        out.append(
            [
                Link("Press on", a, adds_courage=True),
                Link("Take the side path", b, needs_courage=2),
                Link("Rest and look around", c, sets_flag=True),
            ]
        )
    return out


def locus_pack(
    root: Path, links: list[list[Link]], *, body: bool = False, trail: bool = False
) -> Path:
    """The Locus form: story.yaml and one scene file. ``trail`` makes
    playthroughs that never meet (for tests of the playtest memo): every choice
    adds its own amount to a ``trail`` the texts show, so the state remembers
    the path taken, and two paths to a scene are two states."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "story.yaml").write_text(
        "format: 1\nid: samegraph\ntitle: Same graph\nstart: s0\n"
        "variables:\n  courage: 0\n  rested: false\n" + ("  trail: 0\n" if trail else ""),
        encoding="utf-8",
    )
    amounts = random.Random(len(links))
    lines = ["scenes:\n"]
    for index, choices in enumerate(links):
        lines.append(f"  s{index}:\n    title: Scene {index}\n")
        shown = ", trail ${trail}" if trail else ""
        lines.append(
            f'    text: "Step {index}. Courage ${{courage}}, rested ${{rested}}{shown}."\n'
        )
        if body:
            lines.append("    time: 1min\n")
        lines.append("    choices:\n")
        for link in choices:
            lines.append(f"      - text: {link.text}\n        goto: s{link.to}\n")
            if link.needs_courage is not None:
                lines.append(f'        if: "courage > {link.needs_courage}"\n')
            effects = []
            if link.adds_courage:
                effects.append("add: {courage: 1}")
                if body:
                    effects.append("body: {threat: 0.3}")
            if link.sets_flag:
                effects.append("set: {rested: true}")
                if body:
                    effects.append("body: {threat: 0, calm: 0.5}")
            if trail:
                effects.append(f"add: {{trail: {amounts.randint(1, 10**6)}}}")
            if effects:
                lines.append("        effects:\n")
                lines.extend(f"          - {effect}\n" for effect in effects)
    last = len(links)
    lines.append(
        f"  s{last}:\n    title: The end\n    text: You arrive.\n"
        "    ending: {kind: good, summary: You made it.}\n"
    )
    (root / "scenes.yaml").write_text("".join(lines), encoding="utf-8")
    return root


def choicescript(root: Path, links: list[list[Link]]) -> Path:
    """The ChoiceScript form: ``startup.txt`` holds the whole story (one file,
    as the benchmark ran it), for ChoiceScript's randomtest."""
    root.mkdir(parents=True, exist_ok=True)
    out = [
        "*title Same graph\n*author bench\n*scene_list\n  startup\n",
        "*create courage 0\n*create rested false\n*goto s0\n",
    ]
    for index, choices in enumerate(links):
        out.append(f"*label s{index}\nStep {index}. Courage ${{courage}}, rested ${{rested}}.\n")
        out.append("*choice\n")
        for link in choices:
            guard = (
                f"*if (courage > {link.needs_courage}) " if link.needs_courage is not None else ""
            )
            out.append(f"  {guard}#{link.text}\n")
            if link.adds_courage:
                out.append("    *set courage +1\n")
            if link.sets_flag:
                out.append("    *set rested true\n")
            out.append(f"    *goto s{link.to}\n")
    out.append(f"*label s{len(links)}\nYou arrive.\n*finish\n")
    (root / "startup.txt").write_text("".join(out), encoding="utf-8")
    return root


def ink(root: Path, links: list[list[Link]]) -> Path:
    """The ink form (``story.ink``), for inklecate and an inkjs random player."""
    root.mkdir(parents=True, exist_ok=True)
    out = ["VAR courage = 0\nVAR rested = false\n-> s0\n"]
    for index, choices in enumerate(links):
        out.append(f"=== s{index} ===\nStep {index}. Courage {{courage}}, rested {{rested}}.\n")
        for link in choices:
            guard = f"{{courage > {link.needs_courage}}} " if link.needs_courage is not None else ""
            out.append(f"+ {guard}[{link.text}]\n")
            if link.adds_courage:
                out.append("  ~ courage = courage + 1\n")
            if link.sets_flag:
                out.append("  ~ rested = true\n")
            out.append(f"  -> s{link.to}\n")
    out.append(f"=== s{len(links)} ===\nYou arrive.\n-> END\n")
    (root / "story.ink").write_text("".join(out), encoding="utf-8")
    return root


def write_all(root: Path, scenes: int = 500, seed: int = 1) -> dict[str, Path]:
    """All three forms of one graph under ``root``: locus/, choicescript/, ink/."""
    links = graph(scenes, seed=seed)
    return {
        "locus": locus_pack(root / "locus", links),
        "locus_body": locus_pack(root / "locus_body", links, body=True),
        "choicescript": choicescript(root / "choicescript", links),
        "ink": ink(root / "ink", links),
    }


if __name__ == "__main__":
    import sys

    target = Path(sys.argv[1] if len(sys.argv) > 1 else "samegraph")
    for name, path in write_all(target).items():
        print(f"{name}: {path}")
