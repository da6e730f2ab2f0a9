"""`locus graph`: the story map, like Twine's, as Mermaid or Graphviz dot.

Authors lose track of a branching story quickly; a map shows at a glance
where the story forks, where it loops and where it ends. Scenes are grouped
by the file they are written in, endings and quizzes have their own shapes
and colours, the start scenes are drawn bold, and every edge says which
choice it is; an edge that only sometimes exists (a choice with ``if`` or
``enabled_if``, a conditional branch, a random pick) is dashed and carries
its condition. Mermaid renders on GitHub and in many editors; dot renders
with Graphviz (``locus graph --format dot | dot -Tsvg > map.svg``); ``--format
html`` is one page a teacher can open in any browser, offline (see
``game.authoring.graph_html``). Nodes show the title and the id, the start
comes first, labels are wrapped rather than cut, and edges with the same two
ends are drawn once with all their labels.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from game.authoring.analysis import entry_points, reachable
from game.packs import load_or_report
from game.story import model as m

#: Labels are wrapped at this many characters a line, never cut: a teacher
#: reads the whole choice.
WRAP = 36


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    label: str
    conditional: bool


def edges(scene: m.Scene) -> Iterator[Edge]:
    """The scene's ways out, labelled with what the player does and when."""
    if scene.quiz is not None and scene.next is not None:
        yield from _route_edges(scene.id, scene.next, "answered")
    elif scene.next is not None:
        yield from _route_edges(scene.id, scene.next, "")
    for choice in scene.choices:
        label = f"{choice.number}. {' '.join(choice.text.source.split())}"
        conditions = [
            f"if {choice.condition.source}" if choice.condition else "",
            f"enabled if {choice.enabled_if.source}" if choice.enabled_if else "",
            "once" if choice.once else "",
        ]
        extra = " · ".join(c for c in conditions if c)
        yield from _route_edges(
            scene.id, choice.goto, label + (f" [{extra}]" if extra else ""), bool(extra)
        )


def _route_edges(
    source: str, route: m.Route, label: str, conditional: bool = False
) -> Iterator[Edge]:
    if route.random:
        total = sum(branch.weight for branch in route.branches)
        for branch in route.branches:
            share = f"random {100 * branch.weight / total:.0f}%"
            yield Edge(source, branch.to, _join(label, share), True)
        return
    if len(route.branches) == 1:
        yield Edge(source, route.branches[0].to, label, conditional)
        return
    for branch in route.branches:
        when = f"if {branch.condition.source}" if branch.condition else "otherwise"
        yield Edge(source, branch.to, _join(label, when), True)


def _join(label: str, more: str) -> str:
    return f"{label} ({more})" if label else more


def wrap(text: str, width: int = WRAP) -> list[str]:
    """``text`` in lines of at most ``width`` characters, broken between words."""
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def scenes_in_map(story: m.Story, storyline: str | None) -> list[m.Scene]:
    """All scenes, or those reachable from the storyline's start: the start
    scenes first (a map is read from where play begins), then file order."""
    starts = _starts(story, storyline)
    scenes = list(story.scenes.values())
    if storyline is not None:
        keep = reachable(story, [story.storylines[storyline].start])
        scenes = [scene for scene in scenes if scene.id in keep]
    order = [sid for sid in (story.start, *entry_points(story)) if sid in starts]
    first = [story.scenes[sid] for sid in dict.fromkeys(order) if sid in story.scenes]
    return first + [scene for scene in scenes if scene.id not in starts]


def node_label(scene: m.Scene) -> list[str]:
    """What a scene's box says: its title (wrapped), its id, and its kind."""
    lines = wrap(scene.title, 28)
    if scene.ending is not None:
        return [*lines, f"{scene.id} · ending: {scene.ending.kind}"]
    if scene.quiz is not None:
        return [*lines, f"{scene.id} · quiz: {scene.quiz.objective}"]
    return [*lines, scene.id]


def mermaid(story: m.Story, storyline: str | None = None) -> str:
    scenes = scenes_in_map(story, storyline)
    starts = _starts(story, storyline)
    lines = [
        "flowchart TD",
        f"  %% {story.title} ({story.id})" + (f", storyline {storyline}" if storyline else ""),
    ]
    for index, (path, group) in enumerate(_by_file(scenes)):
        lines.append(f'  subgraph file{index}["{_mermaid_text(path)}"]')
        for scene in group:
            lines.append(f"    {_mermaid_node(scene)}")
        lines.append("  end")
    for edge in edges_between(scenes):
        arrow = "-.->" if edge.conditional else "-->"
        text = "<br/>".join(_mermaid_text(line) for line in edge_lines(edge))
        label = f'|"{text}"|' if edge.label else ""
        lines.append(f"  n_{edge.source} {arrow}{label} n_{edge.target}")
    lines += [
        "  classDef good fill:#d4edda,stroke:#1e7e34,color:#000",
        "  classDef neutral fill:#fff3cd,stroke:#b38600,color:#000",
        "  classDef bad fill:#f8d7da,stroke:#b21f2d,color:#000",
        "  classDef quiz fill:#d1ecf1,stroke:#117a8b,color:#000",
        "  classDef start stroke-width:4px",
    ]
    for scene in scenes:
        for css in _classes(scene, starts):
            lines.append(f"  class n_{scene.id} {css}")
    return "\n".join(lines) + "\n"


def _mermaid_node(scene: m.Scene) -> str:
    label = "<br/>".join(_mermaid_text(line) for line in node_label(scene))
    if scene.ending is not None:
        return f'n_{scene.id}(["{label}"])'
    if scene.quiz is not None:
        return f'n_{scene.id}{{{{"{label}"}}}}'
    return f'n_{scene.id}["{label}"]'


def _mermaid_text(text: str) -> str:
    """Quoted Mermaid text: quotes and markup-like characters as entities."""
    return (
        text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    )


def dot(story: m.Story, storyline: str | None = None) -> str:
    scenes = scenes_in_map(story, storyline)
    starts = _starts(story, storyline)
    lines = [
        f"digraph {_dot_id(story.id)} {{",
        f"  label={_dot_id(story.title + (f' — {storyline}' if storyline else ''))};",
        "  labelloc=t; rankdir=TB;",
        '  node [shape=box, style="rounded,filled", fillcolor=white, fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    fills = {"good": "#d4edda", "neutral": "#fff3cd", "bad": "#f8d7da"}
    for index, (path, group) in enumerate(_by_file(scenes)):
        lines.append(f"  subgraph cluster_{index} {{")
        lines.append(f'    label={_dot_id(path)}; style=dashed; color="#999999";')
        for scene in group:
            attrs = {"label": "\n".join(node_label(scene))}
            if scene.ending is not None:
                attrs.update(shape="doubleoctagon", fillcolor=fills[scene.ending.kind])
            elif scene.quiz is not None:
                attrs.update(shape="hexagon", fillcolor="#d1ecf1")
            if scene.id in starts:
                attrs["penwidth"] = "3"
            lines.append(f"    {_dot_id(scene.id)} [{_dot_attrs(attrs)}];")
        lines.append("  }")
    for edge in edges_between(scenes):
        attrs = {"label": "\n".join(edge_lines(edge))} if edge.label else {}
        if edge.conditional:
            attrs["style"] = "dashed"
        suffix = f" [{_dot_attrs(attrs)}]" if attrs else ""
        lines.append(f"  {_dot_id(edge.source)} -> {_dot_id(edge.target)}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _dot_id(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


def _dot_attrs(attrs: dict[str, str]) -> str:
    return ", ".join(f"{key}={_dot_id(value)}" for key, value in attrs.items())


def edges_between(scenes: list[m.Scene]) -> list[Edge]:
    """The edges of ``scenes`` that lead to one of them (a storyline map leaves
    out the rest). Edges with the same ends are drawn as one, their labels
    one under the other: two choices that lead back to the same scene would
    otherwise put their labels on top of each other."""
    shown = {scene.id for scene in scenes}
    merged: dict[tuple[str, str], Edge] = {}
    for scene in scenes:
        for edge in edges(scene):
            if edge.target not in shown:
                continue
            known = merged.get((edge.source, edge.target))
            if known is None:
                merged[edge.source, edge.target] = edge
                continue
            label = "\n".join(part for part in (known.label, edge.label) if part)
            merged[edge.source, edge.target] = Edge(
                edge.source, edge.target, label, known.conditional and edge.conditional
            )
    return list(merged.values())


def edge_lines(edge: Edge) -> list[str]:
    """An edge's label as lines: one or more a choice, never cut."""
    return [line for part in edge.label.split("\n") for line in wrap(part)]


def _by_file(scenes: list[m.Scene]) -> list[tuple[str, list[m.Scene]]]:
    """Scenes grouped by file, the file of the first scene (the start) first."""
    groups: dict[str, list[m.Scene]] = {}
    for scene in scenes:
        groups.setdefault(scene.loc.path, []).append(scene)
    return list(groups.items())


def _starts(story: m.Story, storyline: str | None) -> set[str]:
    if storyline is not None:
        return {story.storylines[storyline].start}
    return set(entry_points(story))


def _classes(scene: m.Scene, starts: set[str]) -> list[str]:
    classes = []
    if scene.ending is not None:
        classes.append(scene.ending.kind)
    elif scene.quiz is not None:
        classes.append("quiz")
    if scene.id in starts:
        classes.append("start")
    return classes


def run(args: argparse.Namespace) -> int:
    story = load_or_report(args.pack)
    if story is None:
        return 1
    if args.storyline is not None and args.storyline not in story.storylines:
        known = ", ".join(story.storylines) or "none"
        print(f"unknown storyline '{args.storyline}' (storylines: {known})", file=sys.stderr)
        return 1
    if args.format == "html":
        from game.authoring.graph_html import page

        text = page(story, args.storyline)
    else:
        text = (dot if args.format == "dot" else mermaid)(story, args.storyline)
    output = getattr(args, "output", None)
    if not output:
        sys.stdout.write(text)
        return 0
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as error:
        print(f"locus: cannot write {output}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"wrote {output}", file=sys.stderr)
    return 0
