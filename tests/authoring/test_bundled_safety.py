"""Safety promises of the bundled story that must hold on every path, not only
on the paths the walkthroughs play.

The proof reads the story graph with every condition ignored (as
game.authoring.analysis does), so a route that some condition rules out still
counts as taken: if no ending can be reached without passing a guarded scene,
no real playthrough can do it either.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

import pytest

from game.authoring.analysis import story_graph
from game.paths import bundled_pack
from game.story import model as m
from game.story.loader import load_pack

#: The line every player of the depression storyline must see.
SAFETY_LINE = "talk to someone now"


@pytest.fixture(scope="module")
def story() -> m.Story:
    result = load_pack(bundled_pack())
    assert result.ok, result.diagnostics
    return result.story


def endings_avoiding(story: m.Story, start: str, guard: Callable[[m.Scene], bool]) -> set[str]:
    """Endings reachable from ``start`` along routes that never enter a scene
    where ``guard`` holds (the start itself included)."""
    graph = story_graph(story)
    seen: set[str] = set()
    queue = deque([start])
    while queue:
        sid = queue.popleft()
        if sid in seen or guard(story.scenes[sid]):
            continue
        seen.add(sid)
        queue.extend(graph[sid])
    return {sid for sid in seen if story.scenes[sid].ending is not None}


def always_shows(scene: m.Scene, words: str) -> bool:
    """Whether an unconditional paragraph of the scene contains ``words``."""
    return any(p.condition is None and words in p.text.source for p in scene.text)


def unlocks(scene: m.Scene, codex_id: str) -> bool:
    return any(
        isinstance(effect, m.UnlockCodex) and codex_id in effect.ids for effect in scene.on_enter
    )


def test_every_path_of_the_depression_storyline_shows_the_safety_line(story):
    start = story.storylines["back_on_track"].start
    showing = [s.id for s in story.scenes.values() if always_shows(s, SAFETY_LINE)]
    assert showing, f"no scene always shows {SAFETY_LINE!r}"
    assert endings_avoiding(story, start, lambda s: always_shows(s, SAFETY_LINE)) == set()


def test_the_safety_proof_would_catch_a_path_without_the_line(story):
    start = story.storylines["back_on_track"].start
    assert endings_avoiding(story, start, lambda s: False)


def test_every_path_through_the_chest_pain_scene_reaches_the_emergency_call(story):
    # The scenes that unlock `chest_pain` are the ones where the ambulance is called.
    calls = [s for s in story.scenes.values() if unlocks(s, "chest_pain")]
    assert calls and all(always_shows(s, "ambulance") for s in calls)
    assert story.scenes["tm_service"].choices
    assert endings_avoiding(story, "tm_service", lambda s: unlocks(s, "chest_pain")) == set()
