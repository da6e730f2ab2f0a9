"""The wheel's build hook: the body model's inner loop compiled with mypyc, or pure Python.

The body's sub-steps (game/body/sweep.py and the modules it runs on) are most
of the CPU a playthrough with a body costs. Compiled by mypyc (C from the same
typed Python, the modules' names and behaviour unchanged) they cost a fraction
of it, with the same numbers to the bit: floating point is not contracted
(``-ffp-contract=off``), so each operation rounds as CPython's does
(tests/test_compiled_body.py checks a wheel against this source).

A wheel (``pip install .``) gets the compiled modules beside their sources,
which stay as the fallback Python would use if the compiled ones were removed.
An editable install (``pip install -e .``, the test command) stays pure Python,
so an edit takes effect at once. Where nothing can be compiled (no C compiler, or
mypyc failing), or with ``LOCUS_PURE_PYTHON=1``, the build says so and makes a
pure-Python wheel: the game is the same, only slower.

The modules are listed once, in pyproject.toml
(``[tool.hatch.build.targets.wheel.hooks.custom] compile``).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import tomllib
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

ROOT = Path(__file__).resolve().parent
PURE_ENV = "LOCUS_PURE_PYTHON"
#: The shared library mypyc builds for the compiled modules (one, with their runtime).
GROUP = "game_body_native"


def compiled_modules(root: Path = ROOT) -> list[str]:
    """The source files the wheel compiles, as pyproject.toml lists them."""
    with (root / "pyproject.toml").open("rb") as file:
        config = tomllib.load(file)
    return list(config["tool"]["hatch"]["build"]["targets"]["wheel"]["hooks"]["custom"]["compile"])


def compile_modules(root: Path, sources: list[str], out: Path, work: Path) -> list[Path]:
    """Compile ``sources`` (paths relative to ``root``) with mypyc; the built files, under ``out``.

    ``work`` takes the generated C and the object files. Raises whatever mypyc or
    the compiler raises; the hook turns that into a pure wheel.
    """
    from mypyc.build import mypycify  # (build-time only: the hook's dependencies)
    from setuptools import Distribution  # type: ignore[import-untyped]

    here = Path.cwd()
    os.chdir(root)  # mypycify names the modules by their paths from the working folder
    try:
        extensions = mypycify(
            ["--no-warn-unused-configs", "--cache-dir", str(work / "mypy"), *sources],
            opt_level="3",
            target_dir=str(work / "c"),
            group_name=GROUP,
        )
        if sys.platform != "win32":  # gcc and clang; MSVC does not contract by default
            for extension in extensions:
                extension.extra_compile_args.append("-ffp-contract=off")
        command = Distribution({"name": "locus-native", "ext_modules": extensions})
        build = command.get_command_obj("build_ext")
        build.build_lib = str(out)
        build.build_temp = str(work / "obj")
        build.ensure_finalized()
        build.run()
        return [Path(path) for path in build.get_outputs()]
    finally:
        os.chdir(here)


class CompiledBodyHook(BuildHookInterface):  # type: ignore[type-arg]
    """Adds the compiled body modules to a (non-editable) wheel, or builds it pure."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        self._work: str | None = None
        if version == "editable":
            return
        if os.environ.get(PURE_ENV):
            self.app.display_info(f"{PURE_ENV} is set: a pure-Python wheel")
            return
        root = Path(self.root)
        self._work = tempfile.mkdtemp(prefix="locus-native-")
        out = Path(self._work) / "lib"
        try:
            built = compile_modules(root, compiled_modules(root), out, Path(self._work))
        except (Exception, SystemExit) as error:  # (distutils reports a failed compiler so)
            self.app.display_warning(
                f"the body model could not be compiled ({type(error).__name__}: {error}); "
                "building a pure-Python wheel (the same game, slower)"
            )
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for path in built:
            build_data["force_include"][str(path)] = path.relative_to(out).as_posix()

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        if self._work:
            shutil.rmtree(self._work, ignore_errors=True)
