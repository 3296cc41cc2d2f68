"""Shared test setup: hypothesis profiles, an isolated user preset folder and the
bad-policy corpus written out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from .bad_policies import BASE, CASES, KEPT_DIR
from .corpus import write_corpus

# `ci`: derandomized and bounded so CI is repeatable (.ci/run sets it); `local`, the
# default: as many examples but random, so every local run can find something new;
# `dev`: thorough (HYPOTHESIS_PROFILE=dev python3 dev.py test).
settings.register_profile(
    "ci",
    max_examples=150,
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "local",
    max_examples=150,
    deadline=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=2_000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "local"))


@pytest.fixture(autouse=True)
def user_config_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user's config (and preset) folder at an empty temporary folder."""
    config = tmp_path / "config"
    monkeypatch.setenv("CREDIT_WHATIF_CONFIG_DIR", str(config))
    return config


@pytest.fixture(scope="session")
def bad_policy_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The bad-policy corpus (tests/bad_policies.py) written out, by case name."""
    return write_corpus(CASES, BASE, KEPT_DIR, tmp_path_factory.mktemp("bad_policies"))
