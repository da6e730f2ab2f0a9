"""How this install was built: whether the body model's inner loop runs compiled.

A wheel compiles it with mypyc where it can (hatch_build.py); an editable
install, and a wheel built without a C compiler, run the sources. `locus
--version` says which; bench/compiled.py and tests/test_compiled_body.py ask
here too.
"""

from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES


def is_compiled(path: str | None) -> bool:
    """Whether a module's file (or a wheel's member) is a compiled extension."""
    return path is not None and path.endswith(tuple(EXTENSION_SUFFIXES))


def body_build() -> str:
    """What `locus --version` says of the body model."""
    from game.body import sweep

    return "body model compiled" if is_compiled(sweep.__file__) else "body model in pure Python"
