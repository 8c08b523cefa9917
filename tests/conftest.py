"""Shared fixtures: the tiny fixture glossary, and the development texts beside the clone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import gloss

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
MINI = FIXTURES / "mini.yaml"
SHARED = Path(os.environ.get("GLOSS_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"


def require_shared(path: Path) -> Path:
    """Skip when the development texts are absent; fail instead where CI requires them."""
    if path.exists():
        return path
    if os.environ.get("GLOSS_REQUIRE_SHARED") == "1":
        pytest.fail(f"{path} is missing, and GLOSS_REQUIRE_SHARED=1 requires it")
    pytest.skip(f"{path} not present (development texts live beside the clone)")


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("GLOSS_TERMS", raising=False)


@pytest.fixture(scope="session")
def mini() -> gloss.Glossary:
    return gloss.load(MINI)


@pytest.fixture(scope="session")
def real() -> gloss.Glossary:
    return gloss.load(ROOT / "terms.yaml")


@pytest.fixture
def seeds() -> Path:
    return require_shared(SEEDS)
