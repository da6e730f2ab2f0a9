"""The core stays free of Textual and Rich (the layering in CONTRIBUTING.md)."""

import subprocess
import sys

import pytest


@pytest.mark.parametrize("package", ["game.story", "game.engine", "game.body"])
def test_core_imports_neither_textual_nor_rich(package):
    code = (
        "import importlib, pkgutil, sys\n"
        f"pkg = importlib.import_module({package!r})\n"
        "for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + '.'):\n"
        "    importlib.import_module(info.name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
