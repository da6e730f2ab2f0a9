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

ROOT = Path(__file__).resolve().parent.parent
BODY_TESTS = ROOT / "tests" / "body"
sys.path.insert(0, str(ROOT))

from bench.compiled import build_wheel, installed_tree, is_compiled  # noqa: E402
from hatch_build import PURE_ENV, compiled_modules  # noqa: E402
from tests.conftest import require_component  # noqa: E402


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
# checkout first on its path (captured_advances.py does), and says where each module came from.
_CHILD = """
import importlib, json, sys
sys.path.insert(0, sys.argv[1])
import game.body
where = {name: importlib.import_module(name).__file__ for name in sys.argv[3:]}
sys.path.append(sys.argv[2])
from test_compiled_body import digest
print(json.dumps(where))
print(digest())
"""


@pytest.fixture(scope="module")
def unpacked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    require_component("A C compiler", shutil.which(compiler) is not None, f"install {compiler}")
    out = tmp_path_factory.mktemp("wheel")
    tree = installed_tree(out)
    (wheel,) = out.glob("locus-*.whl")
    return wheel, tree


def _module(source: str) -> str:
    return source.removesuffix(".py").replace("/", ".")


def test_the_wheel_carries_every_listed_module_compiled(unpacked: tuple[Path, Path]) -> None:
    wheel, _ = unpacked
    assert not wheel.name.endswith("-none-any.whl"), "a compiled wheel names its platform"
    names = zipfile.ZipFile(wheel).namelist()
    for source in compiled_modules():
        stem = source.removesuffix(".py")
        assert source in names, f"{source}: the source ships too"
        assert any(n.startswith(stem + ".") and n != source for n in names), f"{source}: not built"


def test_the_compiled_body_gives_the_sources_numbers_to_the_bit(
    unpacked: tuple[Path, Path],
) -> None:
    _, target = unpacked
    modules = [_module(source) for source in compiled_modules()]
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(target), str(ROOT / "tests"), *modules],
        capture_output=True,
        text=True,
        check=True,
        cwd=target,
    )
    where_line, numbers = done.stdout.splitlines()
    for name, file in json.loads(where_line).items():
        assert is_compiled(file), f"{name} ran from {file}"
    assert numbers == digest()


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


# The body's and the engine's own tests in a child that has imported the compiled body first
# (so every test module gets it, whatever the path says); the sweep's source inspection is out.
_SUITE = """
import importlib, sys
sys.path.insert(0, sys.argv[1])
for name in sys.argv[3:]:
    assert importlib.import_module(name).__file__.endswith(tuple(__import__(
        "importlib.machinery").machinery.EXTENSION_SUFFIXES)), name
import pytest
sys.exit(pytest.main(["-q", "-o", "addopts=", "-p", "no:cacheprovider", sys.argv[2],
                      "tests/engine", "--deselect", sys.argv[2] + "/test_sweep_is_relax.py"]))
"""


def test_the_body_and_engine_tests_pass_against_the_compiled_body(
    unpacked: tuple[Path, Path],
) -> None:
    _, target = unpacked
    modules = [_module(source) for source in compiled_modules()]
    done = subprocess.run(
        [sys.executable, "-c", _SUITE, str(target), "tests/body", *modules],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
