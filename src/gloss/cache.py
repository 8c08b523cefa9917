"""The compiled-glossary cache: validated glossary data as JSON in the user's cache directory.

Keyed on the sha256 of terms.yaml and the gloss version. JSON, not pickle, so a tampered cache
cannot run code; anything unreadable or foreign is ignored and rewritten. Beside it, a matching
engine may keep its compiled automaton as a blob (`read_blob`, `write_blob`): hyperscan's
serialised database, which the engine checks (CRC) when loading it.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from . import __version__

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
        with open(_file(sha256), encoding="utf-8") as fh:
            payload = json.load(fh)
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
    try:
        target = _file(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp, target)
    except OSError:
        return


def _blob_file(sha256: str, name: str) -> Path:
    return directory() / f"glossary-{__version__}-{sha256[:32]}.{name}"


def read_blob(sha256: str, name: str) -> bytes | None:
    """The bytes stored under `name` for this glossary hash, or None."""
    try:
        return _blob_file(sha256, name).read_bytes()
    except OSError:
        return None


def write_blob(sha256: str, name: str, blob: bytes) -> None:
    """Store `blob` under `name` for this glossary hash, atomically; skipped if it cannot be written."""
    try:
        target = _blob_file(sha256, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".blob")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, target)
    except OSError:
        return
