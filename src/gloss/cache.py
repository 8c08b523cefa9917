"""The compiled-glossary cache: validated glossary data as JSON in the user's cache directory.

Keyed on the sha256 of terms.yaml and the gloss version. JSON, not pickle, so a tampered cache
cannot run code; anything unreadable or foreign is ignored and rewritten.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from . import __version__
from .outfile import write_atomically
from .walk import open_regular

FORMAT = 1
ENV_DIR = "GLOSS_CACHE_DIR"


def directory() -> Path:
    """$GLOSS_CACHE_DIR, else the platform's user cache directory for gloss."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("gloss", appauthor=False))


def _file(sha256: str) -> Path:
    return directory() / f"glossary-{__version__}-{sha256[:32]}.json"


def read(sha256: str) -> dict[str, Any] | None:
    """The cached data for this glossary hash, or None if absent, unreadable or foreign."""
    try:
        with open_regular(_file(sha256)) as fh:
            payload = json.loads(fh.read().decode("utf-8"))
    except (OSError, ValueError):
        return None
    if (
        not isinstance(payload, dict)
        or payload.get("format") != FORMAT
        or payload.get("gloss_version") != __version__
        or payload.get("sha256") != sha256
        or not isinstance(payload.get("data"), dict)
    ):
        return None
    return payload["data"]


def write(sha256: str, data: dict[str, Any]) -> None:
    """Store validated data; a cache that cannot be written is silently skipped."""
    payload = {"format": FORMAT, "gloss_version": __version__, "sha256": sha256, "data": data}
    data_bytes = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    try:
        target = _file(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(str(target), data_bytes, mode=0o644, temp_prefix=".tmp-")
    except OSError:
        return
