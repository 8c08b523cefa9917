"""The compiled-glossary cache: validated glossary data as JSON in the user's cache directory.

Keyed on the sha256 of terms.yaml and the gloss version. JSON, not pickle, so a tampered cache
cannot run code; anything unreadable or foreign is ignored and rewritten. Beside it, a matching
engine may keep its compiled automaton as a blob (`read_blob`, `write_blob`): hyperscan's
serialised database, which the engine checks (CRC) when loading it.

The data was validated against the schema when it was written. `read` makes sure it is still that
data: a regular file of this user's that no one else may write, of this format and version, for
this source hash, with a digest binding the data to the source hash (a damaged file, or another
glossary's data copied in under this name, is refused); `gloss.load` then checks it against the
schema again (the compiled check, about a millisecond) and `build` refuses an id that is not a
plain slug. Anything off, and the data is rebuilt from terms.yaml.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from pathlib import Path
from typing import Any

from . import __version__
from .outfile import write_atomically
from .walk import open_regular

FORMAT = 2
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
            if not _private(os.fstat(fh.fileno())):
                return None
            raw = fh.read()
        payload = json.loads(raw.decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    at = raw.find(_DATA)
    if (
        not isinstance(payload, dict)
        or payload.get("format") != FORMAT
        or payload.get("gloss_version") != __version__
        or payload.get("sha256") != sha256
        or not isinstance(payload.get("data"), dict)
        or at < 0
        or payload.get("digest") != _digest(sha256, raw[at + len(_DATA):-1])
    ):
        return None
    return payload["data"]


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (POSIX; elsewhere the directory's ACLs rule)."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


# The data is written last, after this key, so its exact bytes can be hashed without re-encoding it.
_DATA = b',"data":'


def _digest(sha256: str, data: bytes) -> str:
    """Binds the data's bytes to the source it was read from."""
    return hashlib.sha256(sha256.encode() + b"\n" + data).hexdigest()


def write(sha256: str, data: dict[str, Any]) -> None:
    """Store validated data; a cache that cannot be written is silently skipped."""
    encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    header = {"format": FORMAT, "gloss_version": __version__, "sha256": sha256, "digest": _digest(sha256, encoded)}
    data_bytes = json.dumps(header, separators=(",", ":")).encode()[:-1] + _DATA + encoded + b"}"
    try:
        target = _file(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(str(target), data_bytes, mode=0o644, temp_prefix=".tmp-")
    except OSError:
        return


def _blob_file(sha256: str, name: str) -> Path:
    return directory() / f"glossary-{__version__}-{sha256[:32]}.{name}"


def read_blob(sha256: str, name: str) -> bytes | None:
    """The bytes stored under `name` for this glossary hash, or None."""
    try:
        with open_regular(_blob_file(sha256, name)) as fh:
            return fh.read()
    except OSError:
        return None


def write_blob(sha256: str, name: str, blob: bytes) -> None:
    """Store `blob` under `name` for this glossary hash, atomically; skipped if it cannot be written."""
    try:
        target = _blob_file(sha256, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(str(target), blob, mode=0o644, temp_prefix=".tmp-")
    except OSError:
        return
