"""The story map for people: ids and titles, the start first, labels never
cut, one loop per scene, and an HTML page that needs no network."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from game.authoring import graph
from game.authoring.graph_html import draw_svg, page
from game.cli import main
from game.story.loader import load_pack
from tests.conftest import MINI_PACK, require_component

LONG = "Walk slowly backwards, never turning your back, and keep talking calmly to the bear"
SCENES = f"""\
scenes:
  b_end:
    title: Safe & sound
    text: Done.
    ending: {{kind: good, summary: Done.}}
  a:
    title: The <Clearing>
    text: Choose.
    choices:
      - text: {LONG}
        goto: b_end
      - text: Look around
        goto: a
      - text: Listen again
        goto: a
        once: true
"""


@pytest.fixture
def story(make_pack):
    return load_pack(make_pack(**{"s.yaml": SCENES})).story


def test_start_comes_first_and_nodes_show_id_and_title(story):
    text = graph.mermaid(story)
    nodes = re.findall(r"^    (n_\w+)", text, re.M)
    assert nodes[0] == "n_a"  # the start, though written second
    assert '    n_a["The #lt;Clearing#gt;<br/>a"]' in text
    dot_text = graph.dot(story)
    assert dot_text.index('"a" [') < dot_text.index('"b_end" [')


def test_labels_are_wrapped_never_cut(story):
    (edge,) = [
        e for e in graph.edges_between(graph.scenes_in_map(story, None)) if e.target == "b_end"
    ]
    lines = graph.edge_lines(edge)
    assert " ".join(lines) == f"1. {LONG}"
    assert all(len(line) <= graph.WRAP for line in lines) and len(lines) > 1
    assert "…" not in graph.mermaid(story)


def test_choices_back_to_the_scene_are_one_loop_with_every_label(story):
    loops = [e for e in graph.edges_between(graph.scenes_in_map(story, None)) if e.target == "a"]
    assert [(e.label, e.conditional) for e in loops] == [
        ("2. Look around\n3. Listen again [once]", False)
    ]
    dot_text = graph.dot(story)
    assert dot_text.count('"a" -> "a"') == 1
    assert '"a" -> "a" [label="2. Look around\\n3. Listen again [once]"];' in dot_text


def _rects(svg: str, pattern: str) -> list[tuple[float, float, float, float]]:
    found = re.findall(
        r'<rect x="([-\d.]+)" y="([-\d.]+)" width="([\d.]+)" height="([\d.]+)"[^>]*' + pattern,
        svg,
    )
    return [tuple(map(float, r)) for r in found]


@pytest.mark.parametrize("pack", ["mini", "bundled"])
def test_self_drawn_map_labels_cover_no_scene_and_no_label(pack):
    from game.paths import bundled_pack

    story = load_pack(MINI_PACK if pack == "mini" else bundled_pack()).story
    svg = draw_svg(story, None)
    labels = _rects(svg, 'fill-opacity="0.9"')
    scenes = _rects(svg, "stroke-width")
    assert len(scenes) >= len([s for s in story.scenes.values() if s.quiz is None])

    def overlap(a, b):
        return (
            a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]
        )

    covered = [
        (a, b) for i, a in enumerate(labels) for b in labels[i + 1 :] + scenes if overlap(a, b)
    ]
    # a crowded map may leave a few that no nudge could part; a small map none
    assert len(covered) <= (0 if pack == "mini" else len(labels) // 10)  # bundled: 8 of 121


def test_html_page_is_self_contained_and_escaped(story, monkeypatch):
    monkeypatch.setenv("PATH", "")  # no Graphviz: the map is drawn by Locus itself
    html = page(story)
    assert html.startswith("<!DOCTYPE html>") and "<svg" in html
    assert "<script" not in html and "src=" not in html and "href=" not in html
    assert re.findall(r"https?://[^\s\"']+", html) == ["http://www.w3.org/2000/svg"]
    assert "The &lt;Clearing&gt;" in html and "Safe &amp; sound" in html
    assert "<code>s.yaml:6</code>" in html  # the scene table says where each scene is


def test_command_writes_the_page(tmp_path, capsys):
    target = tmp_path / "map.html"
    assert main(["graph", str(MINI_PACK), "--format", "html", "-o", str(target)]) == 0
    assert "The Bear Leaves" in target.read_text(encoding="utf-8")
    assert main(["graph", str(MINI_PACK), "-o", str(tmp_path / "none" / "x.md")]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_page_renders_in_a_browser_offline(tmp_path):
    require_component("Chromium", shutil.which("chromium") is not None, "install Debian's chromium")
    target = tmp_path / "map.html"
    assert main(["graph", str(MINI_PACK), "--format", "html", "-o", str(target)]) == 0
    done = subprocess.run(
        [
            "chromium",
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--dump-dom",
            target.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "<svg" in done.stdout and "The Bear Stays" in done.stdout


def test_page_uses_graphviz_when_installed(story):
    require_component("Graphviz", shutil.which("dot") is not None, "install Debian's graphviz")
    html = page(story)
    assert '<g id="graph0" class="graph"' in html  # Graphviz's own SVG
    assert "<script" not in html and "The &lt;Clearing&gt;" in html
