"""`locus graph --format html`: the story map as one page a teacher can open.

The page needs no network and no script: the map is an inline SVG, drawn by
Graphviz (``dot -Tsvg``) when it is installed, else by the small layered
layout below, so the same command works on a school laptop without
Graphviz. The layout puts each scene on the row of its shortest distance
from a start (the start on top), orders each row by where its scenes come
from, draws choices that go back up along the side, and draws a scene's
choices that lead back to itself as one loop with all their labels beside
the scene, where nothing else is drawn. Under the map, a table lists every
scene with its file and line. All pack text is escaped: it is data.
"""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from html import escape
from itertools import pairwise

from game.authoring.graph import Edge, dot, edge_lines, edges_between, node_label, scenes_in_map
from game.authoring.graph import _starts as map_starts
from game.story import model as m

CHAR_W = 7.0  # px a character, at the 12px font of the boxes and labels
LINE_H = 15.0
PAD = 10.0
H_GAP = 48.0
V_GAP = 70.0
WIDE = 1400.0  # px: wider maps are drawn from the left, not centred
FILLS = {"good": "#d4edda", "neutral": "#fff3cd", "bad": "#f8d7da", "quiz": "#d1ecf1"}
STROKES = {"good": "#1e7e34", "neutral": "#b38600", "bad": "#b21f2d", "quiz": "#117a8b"}


def page(story: m.Story, storyline: str | None = None) -> str:
    """The whole HTML page."""
    svg = graphviz_svg(story, storyline) or draw_svg(story, storyline)
    title = story.title + (f" — storyline {storyline}" if storyline else "")
    rows = "\n".join(
        f"<tr><td><code>{escape(scene.id)}</code></td><td>{escape(scene.title)}</td>"
        f"<td>{escape(_kind(scene))}</td>"
        f"<td><code>{escape(scene.loc.path)}:{scene.loc.line}</code></td></tr>"
        for scene in scenes_in_map(story, storyline)
    )
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{escape(title)} — story map</title>
<style>
  body {{ font-family: Helvetica, Arial, sans-serif; margin: 1.5em; color: #222; }}
  .map {{ overflow: auto; border: 1px solid #ccc; padding: 0.5em; background: #fff; }}
  .legend span {{ display: inline-block; margin-right: 1.2em; }}
  .swatch {{ display: inline-block; width: 1em; height: 1em; vertical-align: middle;
            border: 1px solid #555; margin-right: 0.3em; }}
  table {{ border-collapse: collapse; margin-top: 1.5em; }}
  td, th {{ border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; }}
</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p class="legend">
  <span><b>Bold border</b>: where play starts</span>
  <span><i class="swatch" style="background:{FILLS["good"]}"></i>good ending</span>
  <span><i class="swatch" style="background:{FILLS["neutral"]}"></i>neutral ending</span>
  <span><i class="swatch" style="background:{FILLS["bad"]}"></i>bad ending</span>
  <span><i class="swatch" style="background:{FILLS["quiz"]}"></i>quiz</span>
  <span>dashed arrow: only sometimes (a condition, once, or chance)</span>
</p>
<div class="map">
{svg}
</div>
<table>
<tr><th>id</th><th>title</th><th>kind</th><th>written in</th></tr>
{rows}
</table>
<p><small>Made by <code>locus graph --format html</code>.</small></p>
</body>
</html>
"""


def _kind(scene: m.Scene) -> str:
    if scene.ending is not None:
        return f"ending ({scene.ending.kind})"
    if scene.quiz is not None:
        return f"quiz ({scene.quiz.objective})"
    return "scene"


def graphviz_svg(story: m.Story, storyline: str | None) -> str | None:
    """Graphviz's drawing, when ``dot`` is installed and succeeds."""
    program = shutil.which("dot")
    if program is None:
        return None
    try:
        done = subprocess.run(
            [program, "-Tsvg"],
            input=dot(story, storyline),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    start = done.stdout.find("<svg")
    return done.stdout[start:] if done.returncode == 0 and start >= 0 else None


# --- the layered drawing ------------------------------------------------------------------


@dataclass
class _Box:
    """A scene's box, or (``scene`` None) a point an arrow passes on a row
    it crosses, which keeps the row's boxes out of its way."""

    scene: m.Scene | None
    lines: list[str]
    width: float
    height: float
    layer: int = 0
    x: float = 0.0  # left edge
    y: float = 0.0  # top edge
    loop: Edge | None = None  # the merged self-loop, drawn beside the box

    @property
    def slot(self) -> float:
        """Width the box takes in its row, with its self-loop's label."""
        return self.width + (_label_width(self.loop) + 40 if self.loop else 0)


def _label_width(edge: Edge | None) -> float:
    lines = edge_lines(edge) if edge and edge.label else [""]
    return max(len(line) for line in lines) * CHAR_W * 0.9 + 8


def draw_svg(story: m.Story, storyline: str | None) -> str:
    scenes = scenes_in_map(story, storyline)
    starts = map_starts(story, storyline)
    all_edges = edges_between(scenes)
    boxes = {}
    for scene in scenes:
        lines = node_label(scene)
        width = max(110.0, max(len(line) for line in lines) * CHAR_W + 2 * PAD)
        boxes[scene.id] = _Box(scene, lines, width, len(lines) * LINE_H + 2 * PAD)
    edges = []
    for edge in all_edges:
        if edge.source == edge.target:
            boxes[edge.source].loop = edge
        else:
            edges.append(edge)
    rows, chains = _layers(scenes, edges, starts, boxes)
    width, height = _place(rows, edges, boxes)
    fan_out = Counter(edge.source for edge in edges)
    fan_in = Counter(edge.target for edge in edges)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
        f'viewBox="0 0 {width:.0f} {height:.0f}" font-family="Helvetica, Arial, sans-serif" '
        'font-size="12" role="img">',
        "<defs><marker id='arrow' viewBox='0 0 10 10' refX='10' refY='5' markerWidth='7' "
        "markerHeight='7' orient='auto-start-reverse'><path d='M0,0 L10,5 L0,10 z' "
        "fill='#555'/></marker></defs>",
    ]
    labels: list[_Label] = []
    for index, edge in enumerate(edges):
        # a label sits nearer the end where the arrows spread out
        t = 0.7 if fan_out[edge.source] > fan_in[edge.target] else 0.3
        way = [boxes[sid] for sid in chains.get((edge.source, edge.target), ())]
        parts.append(_edge(edge, boxes, way, index, t, labels, width))
    for box in boxes.values():
        if box.scene is None:
            continue
        parts.append(_node(box, box.scene.id in starts))
        if box.loop is not None:
            parts.append(_self_loop(box, labels))
    _unpile(labels, list(boxes.values()))
    parts.extend(_label(label) for label in labels)  # last: on top of every line
    parts.append("</svg>")
    return "\n".join(parts)


def _layers(
    scenes: list[m.Scene], edges: list[Edge], starts: set[str], boxes: dict[str, _Box]
) -> tuple[list[list[str]], dict[tuple[str, str], list[str]]]:
    """Rows of scene ids. Edges that close a cycle (found depth-first from
    the starts, then from each scene not yet seen) are set aside; on what
    remains every scene goes one row below the lowest scene leading into it,
    so every other arrow points down; an arrow that crosses rows gets a
    waypoint on each (returned by its two ends). Each row is then ordered by
    the mean position of what leads into it."""
    forward: dict[str, list[str]] = {}
    for edge in edges:
        forward.setdefault(edge.source, []).append(edge.target)
    roots = [scene.id for scene in scenes if scene.id in starts]
    roots += [scene.id for scene in scenes if scene.id not in starts]
    back: set[tuple[str, str]] = set()
    done: set[str] = set()
    order: list[str] = []  # depth-first finishing order, reversed below: a topological order
    for root in roots:
        if root in done:
            continue
        done.add(root)
        stack = [(root, iter(forward.get(root, ())))]
        on_path = {root}
        while stack:
            sid, targets = stack[-1]
            target = next(targets, None)
            if target is None:
                stack.pop()
                on_path.discard(sid)
                order.append(sid)
            elif target in on_path:
                back.add((sid, target))
            elif target not in done:
                done.add(target)
                on_path.add(target)
                stack.append((target, iter(forward.get(target, ()))))
    layer = dict.fromkeys(order, 0)
    for sid in reversed(order):
        for target in forward.get(sid, ()):
            if (sid, target) not in back:
                layer[target] = max(layer[target], layer[sid] + 1)
    rows: list[list[str]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for scene in scenes:
        rows[layer[scene.id]].append(scene.id)
        boxes[scene.id].layer = layer[scene.id]
    into: dict[str, list[str]] = {}
    chains: dict[tuple[str, str], list[str]] = {}
    for edge in edges:
        low, high = boxes[edge.source].layer, boxes[edge.target].layer
        if low >= high:
            continue
        previous = edge.source
        for row in range(low + 1, high):
            way = f"~{len(boxes)}"
            boxes[way] = _Box(None, [], 16.0, 0.0, row)
            rows[row].append(way)
            chains.setdefault((edge.source, edge.target), []).append(way)
            into[way] = [previous]
            previous = way
        into.setdefault(edge.target, []).append(previous)
    for _ in range(3):
        position = {sid: i for row in rows for i, sid in enumerate(row)}
        for row in rows[1:]:
            row.sort(key=lambda sid: _mean([position[s] for s in into.get(sid, [sid])]))
    return rows, chains


def _mean(values: list[int]) -> float:
    return sum(values) / len(values)


def _place(rows: list[list[str]], edges: list[Edge], boxes: dict[str, _Box]) -> tuple[float, float]:
    """Coordinates of every box; the drawing's width and height. Rows are
    centred; the gap under a row grows with the labels of its edges, and a
    left margin leaves room for edges that go back up."""
    label_lines: dict[int, int] = {}
    for edge in edges:
        layer = boxes[edge.source].layer
        label_lines[layer] = max(
            label_lines.get(layer, 0), len(edge_lines(edge)) if edge.label else 0
        )
    back = [e for e in edges if boxes[e.target].layer <= boxes[e.source].layer]
    margin = 60.0 + max((_label_width(e) for e in back), default=0)
    row_widths = [sum(boxes[s].slot for s in row) + H_GAP * (len(row) - 1) for row in rows]
    widest = max(row_widths, default=0)
    # A map wider than a screen is read from its top left corner, where the
    # start is: its rows start at the left instead of being centred.
    centred = widest <= WIDE
    y = 30.0
    for index, row in enumerate(rows):
        x = margin + ((widest - row_widths[index]) / 2 if centred else 0)
        height = max((boxes[s].height for s in row), default=0)
        for sid in row:
            box = boxes[sid]
            box.x, box.y = x, y + (height - box.height) / 2
            x += box.slot + H_GAP
        y += height + V_GAP + label_lines.get(index, 0) * LINE_H
    return 2 * margin + widest, y


def _node(box: _Box, start: bool) -> str:
    scene = box.scene
    kind = scene.ending.kind if scene.ending else ("quiz" if scene.quiz else "")
    fill = FILLS.get(kind, "#ffffff")
    stroke = STROKES.get(kind, "#333333")
    width = 3 if start else 1.2
    x, y, w, h = box.x, box.y, box.width, box.height
    if scene.quiz is not None:
        k = 12
        corners = [(x + k, y), (x + w - k, y), (x + w, y + h / 2)]
        corners += [(x + w - k, y + h), (x + k, y + h), (x, y + h / 2)]
        points = " ".join(f"{px:.1f},{py:.1f}" for px, py in corners)
        shape = (
            f'<polygon points="{points}" fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
        )
    else:
        radius = h / 2 if scene.ending is not None else 6
        shape = (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" rx="{radius:.1f}" '
            f'fill="{fill}" stroke="{stroke}" stroke-width="{width}"/>'
        )
    texts = []
    for index, line in enumerate(box.lines):
        last = index == len(box.lines) - 1
        style = ' fill="#555" font-size="11"' if last else ' font-weight="bold"'
        ty = y + PAD + LINE_H * (index + 0.8)
        texts.append(
            f'<text x="{x + w / 2:.1f}" y="{ty:.1f}" text-anchor="middle"{style}>'
            f"{escape(line)}</text>"
        )
    where = f"{scene.id}: {scene.loc.path}:{scene.loc.line}"
    return f"<g><title>{escape(where)}</title>{shape}{''.join(texts)}</g>"


@dataclass
class _Label:
    x: float
    y: float
    lines: list[str]
    anchor: str = "middle"

    @property
    def box(self) -> tuple[float, float, float, float]:
        """left, top, width, height of its white background."""
        width = max(len(line) for line in self.lines) * CHAR_W * 0.9 + 8
        left = {"middle": self.x - width / 2, "start": self.x - 4, "end": self.x - width + 4}
        return left[self.anchor], self.y, width, len(self.lines) * LINE_H + 4


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _unpile(labels: list[_Label], boxes: list[_Box]) -> None:
    """Move each label that would cover a scene or a label placed before it
    a little up or down its arrow, so everything can be read."""
    placed = [(b.x, b.y, b.width, b.height) for b in boxes if b.scene is not None]
    for label in labels:
        start_x, start_y = label.x, label.y
        for dx, dy in _NUDGES:
            label.x, label.y = start_x + dx, start_y + dy
            if not any(_overlap(label.box, other) for other in placed):
                break
        else:
            label.x, label.y = start_x, start_y
        placed.append(label.box)


#: Where ``_unpile`` tries a label, nearest first: up and down its arrow,
#: then a little to either side.
_NUDGES = sorted(
    (
        (dx, dy)
        for dx in (0.0, -60.0, 60.0, -120.0, 120.0)
        for dy in [LINE_H / 2 * k for k in range(-12, 13)]
    ),
    key=lambda d: abs(d[0]) * 0.5 + abs(d[1]),
)


def _label(label: _Label) -> str:
    x, y, lines, anchor = label.x, label.y, label.lines, label.anchor
    left, _top, width, height = label.box
    spans = "".join(
        f'<tspan x="{x:.1f}" dy="{LINE_H if i else LINE_H * 0.8:.1f}">{escape(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return (
        f'<rect x="{left:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
        f'fill="#ffffff" fill-opacity="0.9" rx="3"/>'
        f'<text x="{x:.1f}" y="{y + 1:.1f}" text-anchor="{anchor}" font-size="11" '
        f'fill="#333">{spans}</text>'
    )


def _edge(
    edge: Edge,
    boxes: dict[str, _Box],
    way: list[_Box],
    index: int,
    t: float,
    labels: list[_Label],
    width: float,
) -> str:
    """An arrow: down the rows as S-curves through its waypoints; back up
    along the nearer side of the map."""
    source, target = boxes[edge.source], boxes[edge.target]
    dash = ' stroke-dasharray="6,4"' if edge.conditional else ""
    style = f'fill="none" stroke="#555" stroke-width="1.3"{dash} marker-end="url(#arrow)"'
    lines = edge_lines(edge) if edge.label else []
    if target.layer > source.layer:
        points = [(source.x + source.width / 2, source.y + source.height)]
        points += [(w.x + w.width / 2, w.y) for w in way]
        points.append((target.x + target.width / 2, target.y))
        path = f"M{points[0][0]:.1f},{points[0][1]:.1f}"
        for (x1, y1), (x2, y2) in pairwise(points):
            bend = (y2 - y1) / 2
            path += f" C{x1:.1f},{y1 + bend:.1f} {x2:.1f},{y2 - bend:.1f} {x2:.1f},{y2:.1f}"
        # the label on the first stretch (or the last, when t says the arrows
        # spread out near the target)
        (x1, y1), (x2, y2) = points[:2] if t < 0.5 or len(points) == 2 else points[-2:]
        bend = (y2 - y1) / 2
        lx = _bezier(x1, x1, x2, x2, t)
        ly = _bezier(y1, y1 + bend, y2 - bend, y2, t)
        if lines:
            labels.append(_Label(lx, ly - len(lines) * LINE_H / 2, lines))
        return f'<path d="{path}" {style}/>'
    # back up the map: out along the nearer side and round
    right = source.x + target.x + (source.width + target.width) / 2 > width
    if right:
        x1, x2 = source.x + source.width, target.x + target.width
        out = max(x1, x2) + 30 + 12 * (index % 4)
    else:
        x1, x2 = source.x, target.x
        out = min(x1, x2) - 30 - 12 * (index % 4)
    y1, y2 = source.y + source.height / 2, target.y + target.height / 2
    path = f"M{x1:.1f},{y1:.1f} C{out:.1f},{y1:.1f} {out:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
    if lines:
        anchor = "start" if right else "end"
        ly = (y1 + y2) / 2 - len(lines) * LINE_H / 2
        labels.append(_Label(out + (4 if right else -4), ly, lines, anchor))
    return f'<path d="{path}" {style}/>'


def _self_loop(box: _Box, labels: list[_Label]) -> str:
    assert box.loop is not None
    dash = ' stroke-dasharray="6,4"' if box.loop.conditional else ""
    x = box.x + box.width
    top, bottom = box.y + box.height * 0.3, box.y + box.height * 0.7
    path = (
        f"M{x:.1f},{top:.1f} C{x + 36:.1f},{top - 14:.1f} "
        f"{x + 36:.1f},{bottom + 14:.1f} {x:.1f},{bottom:.1f}"
    )
    if box.loop.label:
        lines = edge_lines(box.loop)
        labels.append(
            _Label(x + 34, box.y + box.height / 2 - len(lines) * LINE_H / 2, lines, "start")
        )
    style = f'fill="none" stroke="#555" stroke-width="1.3"{dash} marker-end="url(#arrow)"'
    return f'<path d="{path}" {style}/>'


def _bezier(p0: float, p1: float, p2: float, p3: float, t: float) -> float:
    u = 1 - t
    return u * u * u * p0 + 3 * u * u * t * p1 + 3 * u * t * t * p2 + t * t * t * p3
