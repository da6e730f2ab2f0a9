"""The wheel's compiled body (hatch_build.py) gives the pure-Python body's numbers, to the bit.

A regular install (``pip install .``) runs the body's inner loop compiled by
mypyc; the test command's editable install runs the sources. So the wheel is
built here as pip builds it (offline, this venv's mypy and compiler), unpacked,
and a child process imports the game from it: every listed module must come
from its compiled file, and every captured advance (tests/body/captured_advances.py:
its random chains of play, with conditions, medications and their onsets, sleep,
the two-speed quantities, the fatigue kinks, played again), and each captured
result advanced once more (the reused targets of game/body/dynamics.py), must
give back exactly the numbers this process gets from the sources; and the
body's and the engine's own tests (refusals, properties, calibration) must pass
with the compiled body imported.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from bench.compiled import build_wheel
from game.build import is_compiled
from hatch_build import PURE_ENV, compiled_modules
from tests.conftest import require_component

ROOT = Path(__file__).resolve().parent.parent
BODY_TESTS = ROOT / "tests" / "body"
MODULES = [source.removesuffix(".py").replace("/", ".") for source in compiled_modules()]


def digest() -> str:
    """The captured chains played again, and each captured advance repeated from its result."""
    if str(BODY_TESTS) not in sys.path:
        sys.path.append(str(BODY_TESTS))
    import captured_advances as captured

    from game.body import advance_state

    again = [
        captured.encode(advance_state(captured.decode(after), seconds))
        for _, seconds, after in captured.load()["advances"]
    ]
    return json.dumps([captured.capture(), again])


# The child imports the game from the unpacked wheel before anything else can put this
# checkout first on its path (captured_advances.py does), so every later import, a test
# module's too, gets the compiled body; it refuses to go on if a module is not compiled.
# Then it prints the digest, or runs the test folders it is given (the sweep's source
# inspection left out).
_CHILD = """
import importlib, sys
tree, tests, *folders = sys.argv[1:]
sys.path.insert(0, tree)
from game.build import is_compiled
for name in {modules!r}:
    file = importlib.import_module(name).__file__
    assert is_compiled(file), f"{{name}} ran from {{file}}"
sys.path.append(tests)
if not folders:
    from test_compiled_body import digest
    print(digest())
else:
    import pytest
    sys.exit(pytest.main(["-q", "-o", "addopts=", "-p", "no:cacheprovider", *folders,
                          "--deselect", "tests/body/test_sweep_is_relax.py"]))
"""


@pytest.fixture(scope="module")
def compiled(built_wheel: tuple[Path, Path]) -> tuple[Path, Path]:
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    require_component("A C compiler", shutil.which(compiler) is not None, f"install {compiler}")
    return built_wheel


def _child(tree: Path, *folders: str) -> subprocess.CompletedProcess[str]:
    code = _CHILD.format(modules=MODULES)
    return subprocess.run(
        [sys.executable, "-c", code, str(tree), str(ROOT / "tests"), *folders],
        capture_output=True,
        text=True,
        cwd=ROOT if folders else tree,
    )


def test_the_wheel_carries_every_listed_module_compiled(compiled: tuple[Path, Path]) -> None:
    wheel, _ = compiled
    assert not wheel.name.endswith("-none-any.whl"), "a compiled wheel names its platform"
    names = zipfile.ZipFile(wheel).namelist()
    for source in compiled_modules():
        stem = source.removesuffix(".py")
        assert source in names, f"{source}: the source ships too"
        assert any(n.startswith(stem + ".") and n != source for n in names), f"{source}: not built"


def test_the_compiled_body_gives_the_sources_numbers_to_the_bit(
    compiled: tuple[Path, Path],
) -> None:
    done = _child(compiled[1])
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == digest()


def test_the_body_and_engine_tests_pass_against_the_compiled_body(
    compiled: tuple[Path, Path],
) -> None:
    done = _child(compiled[1], "tests/body", "tests/engine")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout


def test_without_a_compiler_the_wheel_is_pure_python_and_says_so(tmp_path: Path) -> None:
    wheel, output = build_wheel(tmp_path, CC="/bin/false", LDSHARED="/bin/false")
    assert wheel.name.endswith("-py3-none-any.whl")
    assert "the body model could not be compiled" in output
    assert "building a pure-Python wheel" in output
    names = zipfile.ZipFile(wheel).namelist()
    assert not [n for n in names if is_compiled(n)]
    assert "game/body/sweep.py" in names


def test_a_pure_wheel_on_request(tmp_path: Path) -> None:
    wheel, output = build_wheel(tmp_path, **{PURE_ENV: "1"})
    assert wheel.name.endswith("-py3-none-any.whl")
    assert f"{PURE_ENV} is set" in output
