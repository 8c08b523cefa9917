"""The development corpus next to the repository (../shared): skipped when absent, unless required.

CI checks out the corpus and sets GLOSS_REQUIRE_SHARED=1, so a missing folder fails there instead
of silently skipping the integration tests.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip (fail when GLOSS_REQUIRE_SHARED=1) when it is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("GLOSS_REQUIRE_SHARED") == "1":
            pytest.fail(f"{path} is missing and GLOSS_REQUIRE_SHARED=1")
        pytest.skip(f"{path} is not available")
    return path
