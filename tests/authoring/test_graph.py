"""The story map: every scene and edge, endings and quizzes marked, conditional
edges labelled, and --storyline restricting to what that storyline reaches."""

from __future__ import annotations

import argparse
import re

import pytest

from game.authoring import graph
from game.story.loader import load_pack


@pytest.fixture(scope="module")
def story():
    from tests.conftest import MINI_PACK

    return load_pack(MINI_PACK).story


def test_mermaid_nodes_edges_and_marks(story):
    text = graph.mermaid(story)
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes = set(re.findall(r"^    n_(\w+)[\[\(\{]", text, re.M))
    assert nodes == set(story.scenes)
    assert '    n_check{{"Checkpoint<br/>check · quiz: ne_heart"}}' in lines
    assert '    n_end_safe(["Safe<br/>end_safe · ending: good"])' in lines
    assert "  class n_end_lost bad" in lines and "  class n_check quiz" in lines
    assert "  class n_intro start" in lines and "  class n_trail start" in lines
    assert '  n_intro -->|"1. Walk into the woods"| n_trail' in lines
    sprint = '"2. Sprint up the hill [enabled if<br/>body.fatigue #lt; 5]"'
    assert f"  n_trail -.->|{sprint}| n_hill" in lines
    assert '  n_bear -.->|"2. Wait and see (random 75%)"| n_bear_leaves' in lines
    assert '  n_bear_leaves -.->|"if courage #gt;= 2"| n_end_brave' in lines
    assert '  n_bear_leaves -.->|"otherwise"| n_check' in lines
    assert "  n_library --> n_intro" in lines
    edges = re.findall(r"^  n_(\w+) -\.?->(?:\|\"[^\"]*\"\|)? n_(\w+)$", text, re.M)
    assert len(edges) == 15
    assert all(a in nodes and b in nodes for a, b in edges)
    assert text.count("subgraph") == text.count("\n  end\n") == 2


def test_mermaid_escapes_quotes_and_reserved_words(make_pack):
    root = make_pack(
        """\
        format: 1
        id: t
        title: 'A "quoted" title'
        start: end
        """,
        **{
            "s.yaml": """\
        scenes:
          end:
            title: 'Say "hi" <now>'
            text: x
            choices:
              - {text: 'Go "on"', goto: graph}
          graph:
            title: G
            text: y
            ending: {kind: good, summary: z}
        """
        },
    )
    story = load_pack(root).story
    text = graph.mermaid(story)
    # `end` alone would break Mermaid
    assert '    n_end["Say #quot;hi#quot; #lt;now#gt;<br/>end"]' in text
    assert '|"1. Go #quot;on#quot;"|' in text
    dot_text = graph.dot(story)
    assert '"end" [label="Say \\"hi\\" <now>\\nend", penwidth="3"];' in dot_text


def test_dot_is_well_formed(story):
    text = graph.dot(story)
    assert text.startswith('digraph "mini" {') and text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")
    assert '"check" [label="Checkpoint\\ncheck · quiz: ne_heart", shape="hexagon"' in text
    assert 'shape="doubleoctagon", fillcolor="#f8d7da"' in text  # end_lost, bad
    call = 'label="3. Call your guide [if met_guide ·\\nonce]", style="dashed"'
    assert f'"trail" -> "trail" [{call}];' in text
    assert '"hill" -> "bear";' in text
    assert len(re.findall(r" -> ", text)) == 15


def test_storyline_restricts_to_reachable_scenes(story):
    text = graph.mermaid(story, "woods")
    nodes = set(re.findall(r"^    n_(\w+)[\[\(\{]", text, re.M))
    assert nodes == set(story.scenes) - {"intro", "library"}
    assert "n_intro" not in text
    assert "  class n_trail start" in text
    dot_text = graph.dot(story, "woods")
    assert '"intro"' not in dot_text and "woods/trail.yaml" in dot_text


def test_command(mini_pack, capsys):
    args = argparse.Namespace(pack=str(mini_pack), format="dot", storyline=None)
    assert graph.run(args) == 0
    assert capsys.readouterr().out.startswith("digraph")
    args.storyline = "nope"
    assert graph.run(args) == 1
    assert "unknown storyline 'nope' (storylines: woods)" in capsys.readouterr().err
