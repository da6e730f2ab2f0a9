"""require_component: a missing real component skips a test on a developer's
machine and fails it in CI."""

from __future__ import annotations

import pytest

from tests.conftest import require_component


def test_an_available_component_lets_the_test_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    require_component("Chromium", True, "install chromium")


def test_a_missing_component_skips_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not available: install it"):
        require_component("Chromium", False, "install it")


def test_a_missing_component_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match=r"PostgreSQL is missing in CI \(CI=true\)"):
        require_component("PostgreSQL", False, "start it in .ci/run")
