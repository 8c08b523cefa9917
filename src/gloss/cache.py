"""The compiled-glossary cache: validated glossary data and its compiled rule tables, in the user's cache directory.

Keyed on the sha256 of terms.yaml and the gloss version. JSON, not pickle, so a tampered cache
cannot run code; anything unreadable or foreign is ignored and rewritten. Beside it, a matching
engine may keep its compiled automaton as a blob (`read_blob`, `write_blob`): hyperscan's
serialised database, which the engine checks (CRC) when loading it.

The file is a header line, then the tables line (everything but the entries, plus the compiled
per-key rules `gloss.annotate` needs), then one line per entry. A load from the cache decodes the
header and the tables only; an entry's line is decoded when that entry is first used
(`Cached.entry`), so a glossary of thousands of entries loads without building thousands of
objects (docs/performance.md).

The data was validated against the schema when it was written. `read` makes sure it is still that
data: a regular file of this user's that no one else may write, of this format and version, for
this source hash, with a digest binding every byte after the header to the source hash (a damaged
file, or another glossary's data copied in under this name, is refused); `gloss.load` then checks
the tables against the schema again, and each entry when it is decoded, and `build` refuses an id
that is not a plain slug. Anything off, and the data is rebuilt from terms.yaml.
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

FORMAT = 3
ENV_DIR = "GLOSS_CACHE_DIR"


def directory() -> Path:
    """$GLOSS_CACHE_DIR, else the platform's user cache directory for gloss."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("gloss", appauthor=False))


def _file(sha256: str) -> Path:
    return directory() / f"glossary-{__version__}-{sha256[:32]}.jsonl"


class Cached:
    """A cache file that passed `read`'s checks: its tables decoded, its entries still bytes."""

    def __init__(self, tables: dict[str, Any], body: bytes, starts: list[int]):
        self.tables = tables
        self._body = body
        self._starts = starts  # entry k is body[starts[k]:starts[k + 1] - 1]

    def __len__(self) -> int:
        return len(self._starts) - 1

    def entry(self, index: int) -> Any:
        """The raw data of entry `index` (a dict once validated; the caller checks it)."""
        if not 0 <= index < len(self):
            raise IndexError(index)
        return json.loads(self._body[self._starts[index]:self._starts[index + 1] - 1])

    def data(self) -> dict[str, Any]:
        """The glossary data as terms.yaml gave it, every entry decoded."""
        return {**self.tables["data"], "entries": [self.entry(k) for k in range(len(self))]}


def read(sha256: str) -> Cached | None:
    """The cached glossary for this hash, or None if absent, unreadable or foreign."""
    try:
        with open_regular(_file(sha256)) as fh:
            if not _private(os.fstat(fh.fileno())):
                return None
            raw = fh.read()
        cut = raw.index(b"\n")
        header = json.loads(raw[:cut])
        body = raw[cut + 1:]
        if (
            not isinstance(header, dict)
            or header.get("format") != FORMAT
            or header.get("gloss_version") != __version__
            or header.get("sha256") != sha256
            or header.get("digest") != _digest(sha256, body)
        ):
            return None
        cut = body.index(b"\n")
        tables = json.loads(body[:cut])
        starts = tables["starts"]
        if (
            not isinstance(tables, dict)
            or not isinstance(tables.get("data"), dict)
            or not isinstance(starts, list)
            or not starts
            or starts[0] != cut + 1
            or starts[-1] != len(body)
            or any(not isinstance(s, int) or s <= 0 or body[s - 1] != 10 for s in starts)
        ):
            return None
    except (OSError, ValueError, RecursionError, KeyError, TypeError, IndexError):
        return None
    return Cached(tables, body, starts)


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (POSIX; elsewhere the directory's ACLs rule)."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _digest(sha256: str, body: bytes) -> str:
    """Binds the bytes after the header to the source they were read from."""
    return hashlib.sha256(sha256.encode() + b"\n" + body).hexdigest()


def _line(value: Any) -> bytes:
    # JSON escapes line breaks inside strings, so one value is one line.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"


def write(sha256: str, data: dict[str, Any], tables: dict[str, Any]) -> None:
    """Store validated data and its compiled `tables`; a cache that cannot be written is silently skipped."""
    entries = [_line(e) for e in data["entries"]]
    rest = {k: v for k, v in data.items() if k != "entries"}
    # The tables line records where each entry line starts, and its own length depends on those
    # numbers: lay the lines out until the length no longer moves.
    head = b""
    while True:
        starts, at = [], len(head)
        for line in entries:
            starts.append(at)
            at += len(line)
        starts.append(at)
        again = _line({**tables, "data": rest, "starts": starts})
        settled = len(again) == len(head)
        head = again
        if settled:
            break
    body = head + b"".join(entries)
    header = {"format": FORMAT, "gloss_version": __version__, "sha256": sha256, "digest": _digest(sha256, body)}
    try:
        target = _file(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(str(target), _line(header) + body, mode=0o644, temp_prefix=".tmp-")
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
