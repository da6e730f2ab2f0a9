"""The bundled story, guarded like code: its walkthroughs pass, `locus check
--strict` is clean, and seeded random playthroughs reach every scene and
every ending without a runtime error, dead end or endless loop.

Nothing here counts scenes or tests: the pack is read through the same
public functions the `check` and `test` commands use, so content edits need
no test edits; only a broken story fails.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.authoring.playtest import random_playtest
from game.authoring.walkthrough import run_tests
from game.cli import main
from game.paths import bundled_pack
from game.story import model as m
from game.story.loader import load_pack

#: Enough playthroughs for the rarest ending of the bundled story (about 1
#: in 300 at the time of writing), a couple of seconds; fixed, so a failure
#: replays with `locus test scenes --random 1000 --seed 1`.
PLAYTHROUGHS = 1000
SEED = 1


@pytest.fixture(scope="module")
def story() -> m.Story:
    result = load_pack(bundled_pack())
    assert result.story is not None, "\n".join(str(d) for d in result.diagnostics)
    return result.story


def test_check_strict_is_clean(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--strict", str(bundled_pack())])
    out, err = capsys.readouterr()
    assert code == 0, out + err
    assert out == ""  # not one warning


def test_every_walkthrough_passes(story: m.Story) -> None:
    files = sorted((bundled_pack() / "tests").glob("*.yaml"))
    assert files, "the bundled pack has walkthroughs in scenes/tests/"
    results = run_tests(story)
    # every file is a test that loaded (a broken one would stop load_pack)
    assert {Path(r.test.loc.path).name for r in results} == {f.name for f in files}
    failed = [f"{r.test.name}: {r.failure.loc}: {r.failure.message}" for r in results if r.failure]
    assert not failed, "\n".join(failed)


def test_random_playthroughs_reach_every_scene_and_ending(story: m.Story) -> None:
    report = random_playtest(story, PLAYTHROUGHS, seed=SEED)
    problems = [
        f"{p.kind}: {p.message} at {p.loc} via {' > '.join(map(str, p.path))}"
        for p in report.problems
    ]
    assert not problems, "\n".join(problems)
    unreached = sorted(set(story.scenes) - set(report.scene_hits))
    assert not unreached, f"scenes never reached: {unreached}"
    endings = {ident for ident, scene in story.scenes.items() if scene.ending is not None}
    assert endings
    missed = sorted(endings - set(report.ending_hits))
    assert not missed, f"endings never reached: {missed}"
