"""States the story cannot tell apart share one key (game/authoring/state_reads.py).

The random playtest's memo and the assessment's walks merge states by that key,
so it must keep every part of a state that play can depend on: the property
tests below play random stories that read the score, visits, choices taken,
badges, variables and the clock, and hold the memo's report to the one played
without it, and the assessment's path classes to those of a walk that keys by
the whole state.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.authoring import assessment, playtest
from game.authoring.playtest import random_playtest
from game.authoring.state_reads import StateReads, state_reads
from game.engine.machine import new_game
from game.engine.state import GameState
from game.paths import bundled_pack
from game.story.loader import load_pack

STORY = """\
format: 1
id: reads
title: Reads
start: s0
variables:
  x: 0
objectives:
  o: Objective o.
storylines:
  - {id: line, title: Line, start: s0}
badges:
  b: {title: B, description: A badge.}
"""

CODEX = """\
codex:
  c: {title: C, text: An entry.}
"""


def _quiz(ident: str, then: str) -> str:
    return (
        f"  {ident}:\n    title: Q\n    text: A question.\n    quiz:\n"
        f"      question: Which?\n      objective: o\n      points: 10\n      options:\n"
        f"        - {{text: Right, correct: true}}\n        - {{text: Wrong one}}\n"
        f"    next: {then}\n"
    )


@st.composite
def reading_stories(draw: st.DrawFn) -> str:
    """Scenes s0..sN with quizzes (which give points) and choices that jump ahead
    or back, guarded by what a state holds and changing it; the last is an ending."""
    count = draw(st.integers(min_value=3, max_value=8))
    text = ["scenes:\n"]
    for i in range(count):
        if i == count - 1:
            text.append(f"  s{i}: {{title: E, text: e, ending: {{kind: good, summary: e}}}}\n")
            continue
        ahead = [f"s{j}" for j in range(i + 1, count)]
        if draw(st.integers(0, 2)) == 0:
            text.append(_quiz(f"s{i}", draw(st.sampled_from(ahead))))
            continue
        earlier = [f"s{k}" for k in range(count)]
        conditions = st.sampled_from(
            [
                None,
                "score >= 10",
                "score < 20",
                f"visited({draw(st.sampled_from(earlier))}) >= 1",
                f"visited({draw(st.sampled_from(earlier))}) == 2",
                f"chose({draw(st.sampled_from(earlier))}, 1)",
                "has_badge(b)",
                "minutes >= 2",
                "x >= 1",
            ]
        )
        effects = st.sampled_from(["score: 10", "badge: b", "add: {x: 1}", "codex: c"])
        choices = []
        for number in range(draw(st.integers(min_value=1, max_value=3))):
            back = number and draw(st.integers(0, 4)) == 0
            to = draw(st.sampled_from([f"s{k}" for k in range(i)] if back and i else ahead))
            choice = f"      - text: Option {number + 1}\n        goto: {to}\n"
            if number and (condition := draw(conditions)) is not None:  # one always shown
                choice += f'        if: "{condition}"\n'
            if draw(st.booleans()):
                choice += "        once: true\n"
            if draw(st.integers(0, 5)) == 0:  # (time moves the body: paths that meet are rarer)
                choice += "        time: 1min\n"
            picked = draw(st.lists(effects, max_size=2, unique=True)) if number else []
            if picked:
                choice += "        effects:\n" + "".join(f"          - {e}\n" for e in picked)
            choices.append(choice)
        text.append(f"  s{i}:\n    title: C\n    text: c\n    choices:\n{''.join(choices)}")
    return "".join(text) + CODEX


@given(reading_stories(), st.integers(0, 3))
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_memo_keyed_by_what_is_read_reports_what_playing_alone_does(make_pack, scenes, seed):
    story = load_pack(make_pack(STORY, **{"scenes.yaml": scenes})).story
    assert story is not None
    shared = random_playtest(story, 60, seed=seed, max_steps=40)
    alone = random_playtest(story, 60, seed=seed, max_steps=40, memo=False)
    assert shared.steps == alone.steps
    assert shared.scene_hits == alone.scene_hits
    assert shared.choice_hits == alone.choice_hits
    assert shared.ending_hits == alone.ending_hits
    assert [(p.kind, p.message) for p in shared.problems] == [
        (p.kind, p.message) for p in alone.problems
    ]


@given(reading_stories())
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_the_assessment_finds_the_path_classes_of_a_walk_over_whole_states(
    make_pack, monkeypatch, scenes
):
    story = load_pack(make_pack(STORY, **{"scenes.yaml": scenes})).story
    assert story is not None
    merged = assessment.storyline_paths(story, "line")
    with monkeypatch.context() as patched:
        patched.setattr(
            assessment._Explorer,
            "_key",
            lambda self, state, depth: (depth, *state.key(with_rng=False)),
        )
        whole = assessment.storyline_paths(story, "line")
    assert (merged.method, merged.classes) == (whole.method, whole.classes)
    assert merged.states <= whole.states or merged.method == "sampled"
    played = random_playtest(story, 40, seed=1, max_steps=40, keep_steps=True)
    followed = assessment.storyline_paths(story, "line", known=played.known)
    assert (followed.method, followed.classes, followed.states) == (
        merged.method,
        merged.classes,
        merged.states,
    )


#: Two paths that meet in s3 differing in one part of the state, then a choice
#: that reads it: (what path A does, what s3's first choice asks).
MEETINGS = {
    "score": ("effects: [{score: 10}]", "score >= 10"),
    "visits": ("", "visited(s1) >= 1"),
    "choices taken": ("", "chose(s1, 1)"),
    "a once choice": ("", None),
    "badges": ("effects: [{badge: b}]", "has_badge(b)"),
    "variables": ("effects: [{add: {x: 1}}]", "x >= 1"),
}


@pytest.mark.parametrize("part", MEETINGS)
def test_paths_that_meet_differing_in_what_is_read_are_not_merged(make_pack, part):
    """Each part a story can read, on its own: with it left out of the key the
    memo would merge the two arrivals at s3 and play the second like the first."""
    does, asks = MEETINGS[part]
    once = "once: true, " if part == "a once choice" else ""
    scenes = f"""\
scenes:
  s0:
    title: C
    text: c
    choices:
      - {{text: A, goto: s1}}
      - {{text: B, goto: s2}}
  s1: {{title: C, text: c, choices: [{{text: A, goto: s3, {once}{does}}}, {{text: B, goto: s3}}]}}
  s2: {{title: C, text: c, choices: [{{text: A, goto: s3}}]}}
  s3:
    title: C
    text: c
    choices:
      - {{text: A, goto: s4{f', if: "{asks}"' if asks else ""}}}
      - {{text: B, goto: s5}}
  s4: {{title: E, text: e, ending: {{kind: good, summary: e}}}}
  s5: {{title: E, text: e, ending: {{kind: good, summary: e}}}}
""".replace(", }", "}")
    if part == "a once choice":  # back to s1, where the once choice may be gone
        scenes = scenes.replace("goto: s5}", "goto: s1}\n      - {text: C, goto: s5}")
    story = load_pack(make_pack(STORY, **{"scenes.yaml": scenes})).story
    assert story is not None, scenes
    shared = random_playtest(story, 60, seed=1)
    alone = random_playtest(story, 60, seed=1, memo=False)
    assert shared.choice_hits == alone.choice_hits
    assert shared.steps == alone.steps


def _start(story) -> GameState:
    return new_game(story).state


def test_a_score_nothing_reads_does_not_tell_states_apart(make_pack):
    root = make_pack(
        STORY,
        **{
            "scenes.yaml": "scenes:\n  s0: {title: E, text: e, ending: {kind: good, summary: e}}\n"
            + CODEX
        },
    )
    story = load_pack(root).story
    assert story is not None
    reads = state_reads(story)
    state = _start(story)
    assert reads.key(state) == reads.key(state._replace(score=30, codex=("c",)))
    assert reads.key(state) != reads.key(state._replace(vars={"x": 1}))


def test_what_expressions_name_is_kept(make_pack):
    scenes = """\
    scenes:
      s0:
        title: C
        text: "Points ${score}"
        choices:
          - {text: A, goto: s1, if: "visited(s1) > 0 or chose(s2, 1)"}
          - {text: B, goto: s2, once: true}
          - {text: C, goto: s1, if: "has_badge(b)"}
      s1: {title: E, text: e, ending: {kind: good, summary: e}}
      s2:
        title: C
        text: c
        choices:
          - {text: A, goto: s1}
    """
    story = load_pack(make_pack(STORY, **{"scenes.yaml": scenes})).story
    assert story is not None
    reads = state_reads(story)
    assert state_reads(story) is reads  # found once for a story, not for every walk
    assert reads.score
    assert reads.visits == {"s0", "s1"}  # the storyline's start, and what visited() asks
    assert reads.taken == {("s0", 2), ("s2", 1)}  # a once choice, and chose()'s scene
    assert reads.badges == {"b"}
    state = _start(story)
    assert reads.key(state) != reads.key(state._replace(score=10))
    assert reads.key(state) != reads.key(state._replace(badges=("b",)))
    assert reads.key(state) != reads.key(state._replace(taken=frozenset({("s2", 1)})))
    assert reads.key(state) == reads.key(state._replace(taken=frozenset({("s0", 1)})))
    assert reads.key(state) == reads.key(state._replace(visits={"s0": 1, "s2": 4}))


def _shared(report) -> int:
    return int(report.memo.split("memo: ")[1].split("%")[0])


def test_the_bundled_pack_reads_no_score_and_shares_more_steps(monkeypatch):
    """Every quiz answered gives a path its own score, which no scene reads."""
    story = load_pack(bundled_pack()).story
    assert story is not None
    assert not state_reads(story).score
    by_reads = random_playtest(story, 400, seed=1)
    whole = SimpleNamespace(key=lambda state: state.key(with_rng=False))
    monkeypatch.setattr(playtest, "state_reads", lambda story: whole)
    by_whole_states = random_playtest(story, 400, seed=1)
    assert by_reads.choice_hits == by_whole_states.choice_hits
    assert _shared(by_reads) >= _shared(by_whole_states) + 10, (by_reads.memo, by_whole_states.memo)


def test_the_assessment_after_a_playtest_follows_its_steps_to_the_same_figures(monkeypatch):
    """`locus test --random` hands the playtest's steps to the assessment's walks,
    which then take few steps themselves (a third of them after 400 games of the
    bundled pack) and find the same path classes."""
    story = load_pack(bundled_pack()).story
    assert story is not None
    played = random_playtest(story, 400, seed=1, keep_steps=True)
    assert played.known is not None and len(played.known) > 1000
    acts = []
    taken = assessment.act
    monkeypatch.setattr(assessment, "act", lambda *a, **k: acts.append(1) or taken(*a, **k))
    alone = assessment.storyline_paths(story, "fight_or_flight")
    alone_acts, acts[:] = len(acts), []
    followed = assessment.storyline_paths(story, "fight_or_flight", known=played.known)
    assert (followed.method, followed.classes, followed.states) == (
        alone.method,
        alone.classes,
        alone.states,
    )
    assert len(acts) < alone_acts / 2, (len(acts), alone_acts)


def test_a_dropped_memo_keeps_no_steps(tmp_path):
    from bench.samegraph import graph, locus_pack

    story = load_pack(locus_pack(tmp_path, graph(300, seed=3), trail=True)).story
    assert story is not None
    report = random_playtest(story, 150, seed=2, keep_steps=True)
    assert report.memo.startswith("memo dropped") and report.known is None


def test_a_key_grows_with_the_path_not_with_what_the_pack_asks_about(make_pack):
    """A pack may ask `visited()` of thousands of scenes and `has_badge()` of
    thousands of badges: a state's key holds only those it has met."""
    root = make_pack(
        STORY,
        **{"scenes.yaml": "scenes:\n  s0: {title: E, text: e, ending: {kind: good, summary: e}}\n"},
    )
    story = load_pack(root).story
    assert story is not None
    many = frozenset(f"s{i}" for i in range(20_000))
    reads = StateReads(False, many, frozenset(), frozenset(f"b{i}" for i in range(20_000)))
    state = _start(story)._replace(visits={"s0": 1, "s7": 2, "elsewhere": 1}, badges=("b3",))
    key = reads.key(state)
    assert (("s0", 1), ("s7", 2)) in key and frozenset({"b3"}) in key
    assert len(repr(key)) < 2_000
