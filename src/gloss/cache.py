"""The compiled-glossary cache: validated glossary data and its compiled rule tables, in the user's cache directory.

Keyed on the sha256 of terms.yaml and the gloss version. JSON, not pickle, so a tampered cache
cannot run code; anything unreadable or foreign is ignored and rewritten. Beside it, a matching
engine may keep its compiled automaton as a blob (`read_blob`, `write_blob`): hyperscan's
serialised database, which the engine checks (CRC) when loading it.

The file is a header line, then the tables line (the glossary's head and regions, the ids, and
the compiled per-key rules `gloss.annotate` needs), then one line per document and one per entry.
A load from the cache decodes the header and the tables only; a document's or an entry's line is
decoded when it is first used (`Cached.document`, `Cached.entry`), so a glossary of thousands of
entries loads without building thousands of objects (docs/performance.md).

The data was validated against the schema when it was written. `read` makes sure it is still that
data: a regular file of this user's that no one else may write, of this format and version, for
this source hash, with a digest binding every byte after the header to the source hash (a damaged
file, or another glossary's data copied in under this name, is refused); `gloss.load` then checks
the tables against the schema again, and each document and entry when it is decoded, and refuses
an id that is not a plain slug. Anything off, and the data is rebuilt from terms.yaml.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
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
    """A cache file that passed `read`'s checks: its tables decoded, its documents and entries still bytes."""

    def __init__(self, tables: dict[str, Any], body: bytes, starts: list[int], documents: int):
        self.tables = tables
        self._body = body
        self._starts = starts  # line k is body[starts[k]:starts[k + 1] - 1]: the documents, then the entries
        self.documents = documents
        self.entries = len(starts) - 1 - documents

    def _line(self, k: int) -> Any:
        return json.loads(self._body[self._starts[k]:self._starts[k + 1] - 1])

    def document(self, index: int) -> Any:
        """The raw data of document `index` (a dict once validated; the caller checks it)."""
        if not 0 <= index < self.documents:
            raise IndexError(index)
        return self._line(index)

    def entry(self, index: int) -> Any:
        """The raw data of entry `index` (a dict once validated; the caller checks it)."""
        if not 0 <= index < self.entries:
            raise IndexError(index)
        return self._line(self.documents + index)

    def data(self) -> dict[str, Any]:
        """The glossary data as terms.yaml gave it, every document and entry decoded."""
        return {
            **self.tables["data"],
            "documents": [self.document(k) for k in range(self.documents)],
            "entries": [self.entry(k) for k in range(self.entries)],
        }


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
        starts, documents = tables["starts"], tables["documents"]
        if (
            not isinstance(tables.get("data"), dict)
            or not isinstance(starts, list)
            or type(documents) is not int
            or not 0 <= documents < len(starts)
            or starts[0] != cut + 1
            or starts[-1] != len(body)
            or set(map(type, starts)) != {int}
            or starts != sorted(starts)
        ):
            return None
    except (OSError, ValueError, RecursionError, KeyError, TypeError, IndexError):
        return None
    return Cached(tables, body, starts, documents)


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
    lines = [_line(item) for item in (*data["documents"], *data["entries"])]
    rest = {k: v for k, v in data.items() if k not in ("documents", "entries")}
    # The tables line records where each line after it starts, and its own length depends on those
    # numbers: lay the lines out until the length no longer moves.
    head = b""
    while True:
        starts, at = [], len(head)
        for line in lines:
            starts.append(at)
            at += len(line)
        starts.append(at)
        again = _line({**tables, "data": rest, "documents": len(data["documents"]), "starts": starts})
        settled = len(again) == len(head)
        head = again
        if settled:
            break
    body = head + b"".join(lines)
    header = {"format": FORMAT, "gloss_version": __version__, "sha256": sha256, "digest": _digest(sha256, body)}
    try:
        target = _file(sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(str(target), _line(header) + body, mode=0o644, temp_prefix=".tmp-")
    except OSError:
        return


def derived(name: str, source: bytes, compute: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
    """`compute()`'s JSON-ready result for these `source` bytes, kept in the cache under `name`.

    For tables that cost more to derive than to read back (a YAML file parsed, a package's data
    walked): the file is named after `name`, the gloss version and the source's digest, and read
    with the same checks as the glossary's (this user's, private, the digest inside); a stored
    value that `valid` refuses is computed again.
    """
    sha256 = hashlib.sha256(source).hexdigest()
    target = directory() / f"{name}-{__version__}-{sha256[:32]}.json"
    try:
        with open_regular(target) as fh:
            if _private(os.fstat(fh.fileno())):
                stored = json.loads(fh.read().decode("utf-8"))
                if isinstance(stored, dict) and stored.get("sha256") == sha256 and valid(stored.get("value")):
                    return stored["value"]
    except (OSError, ValueError, RecursionError):
        pass
    value = compute()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"sha256": sha256, "value": value}, ensure_ascii=False, separators=(",", ":"))
        write_atomically(str(target), payload.encode("utf-8"), mode=0o644, temp_prefix=".tmp-")
    except OSError:
        pass
    return value


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
