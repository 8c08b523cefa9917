"""The compiled-glossary cache: validated glossary data and its compiled rule tables, in the user's cache directory.

Keyed on the sha256 of terms.yaml and the gloss version. JSON, not pickle, so a tampered cache
cannot run code; anything unreadable or foreign is ignored and rewritten. The sha256 of a file is
remembered with the file's state (`known_digest`), so that a warm run need not read and hash a
glossary of thousands of entries to find its cache. Beside it, a matching
engine may keep its compiled automaton as a blob (`read_blob`, `write_blob`): hyperscan's
serialised database, which the engine checks (CRC) when loading it.

The file is a header line, then the tables line (the glossary's head and regions, the ids, the
compiled per-key rules `gloss.annotate` needs, and where each following line starts with its
digest), then one line per document and one per entry. A load from the cache reads the header and
the tables only; a document's or an entry's line is read and decoded when it is first used
(`Cached.document`, `Cached.entry`), so a glossary of thousands of entries loads without reading,
hashing and building them all (docs/performance.md).

The data was validated against the schema when it was written. `read` makes sure it is still that
data: a regular file of this user's that no one else may write, of this format and version, for
this source hash, with a digest binding the tables line to the source hash, and through the line
digests it holds every line after it (a damaged file, or another glossary's data copied in under
this name, is refused; a damaged line when it is read). `gloss.load` then checks the tables against
the schema again, and each document and entry when it is decoded, and refuses an id that is not a
plain slug. Anything off, and the data is rebuilt from terms.yaml.
"""

from __future__ import annotations

import json
import os
import stat
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from . import __version__
from .walk import open_regular

try:  # hashlib.blake2b is this function; importing it from hashlib would load OpenSSL, which a warm run never uses
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter without the module
    from hashlib import blake2b

try:  # a faster JSON writer when installed (gloss[fast]); reading is json's (big integers stay integers)
    import orjson
except ImportError:  # pragma: no cover - depends on the install
    orjson = None

FORMAT = 4
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
    """A cache file that passed `read`'s checks: its tables decoded, its documents and entries read when asked for.

    The file stays open (closed with this object): a line is read from it by its offset, and its
    digest, which the checked tables hold, is checked before it is decoded.
    """

    def __init__(self, fh: BinaryIO, tables: dict[str, Any], base: int, starts: list[int], digests: str, documents: int):
        self.tables = tables
        self._fh = fh
        self._base = base  # the offset in the file of the first document line
        self._starts = starts  # line k is [starts[k], starts[k + 1] - 1) from base: the documents, then the entries
        self._digests = digests
        self.documents = documents
        self.entries = len(starts) - 1 - documents
        weakref.finalize(self, fh.close)

    def _line(self, k: int) -> Any:
        """Line k decoded; ValueError if it is not what the tables say."""
        at, end = self._starts[k], self._starts[k + 1] - 1
        if hasattr(os, "pread"):
            raw = os.pread(self._fh.fileno(), end - at, self._base + at)
        else:  # pragma: no cover - Windows
            self._fh.seek(self._base + at)
            raw = self._fh.read(end - at)
        if _line_digest(raw) != self._digests[_DIGEST * k:_DIGEST * (k + 1)]:
            raise ValueError("a damaged line")
        return json.loads(raw)

    def document(self, index: int) -> Any:
        """The raw data of document `index` (a dict once validated; the caller checks it); ValueError if damaged."""
        if not 0 <= index < self.documents:
            raise IndexError(index)
        return self._line(index)

    def entry(self, index: int) -> Any:
        """The raw data of entry `index` (a dict once validated; the caller checks it); ValueError if damaged."""
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


_DIGEST = 16  # hex digits of a line's digest


def _line_digest(line: bytes) -> str:
    return checksum(line, _DIGEST // 2)


def checksum(data: bytes, size: int = 32) -> str:
    """Hex BLAKE2b of `data` (`size` bytes): the cache's own digests, which name and bind its files.

    A glossary is known by the sha256 of its file; what the cache derives from it is checked with
    BLAKE2b, which Python computes in about half the instructions of sha256 (docs/performance.md).
    """
    return blake2b(data, digest_size=size).hexdigest()


def read(sha256: str) -> Cached | None:
    """The cached glossary for this hash, or None if absent, unreadable or foreign."""
    fh = None
    try:
        fh = open_regular(_file(sha256))
        if not _private(os.fstat(fh.fileno())):
            fh.close()
            return None
        header = json.loads(fh.readline())
        line = fh.readline()
        base = fh.tell()
        if (
            not isinstance(header, dict)
            or header.get("format") != FORMAT
            or header.get("gloss_version") != __version__
            or header.get("sha256") != sha256
            or header.get("digest") != _digest(sha256, line)
        ):
            fh.close()
            return None
        tables = json.loads(line)
        starts, digests, documents = tables["starts"], tables["digests"], tables["documents"]
        if (
            not isinstance(tables.get("data"), dict)
            or not isinstance(starts, list)
            or not isinstance(digests, str)
            or len(digests) != _DIGEST * (len(starts) - 1)
            or type(documents) is not int
            or not 0 <= documents < len(starts)
            or starts[0] != 0
            or set(map(type, starts)) != {int}
            or starts != sorted(starts)
        ):
            fh.close()
            return None
    except (OSError, ValueError, RecursionError, KeyError, TypeError, IndexError):
        if fh is not None:
            fh.close()
        return None
    return Cached(fh, tables, base, starts, digests, documents)


def _private(st: os.stat_result) -> bool:
    """Owned by this user and writable by no one else (POSIX; elsewhere the directory's ACLs rule)."""
    if not hasattr(os, "getuid"):
        return True
    return st.st_uid == os.getuid() and not st.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _digest(sha256: str, tables: bytes) -> str:
    """Binds the tables line (and through its line digests, every line after it) to the source it was read from."""
    return checksum(sha256.encode() + b"\n" + tables)


def _line(value: Any) -> bytes:
    # JSON escapes line breaks inside strings, so one value is one line.
    return _dumps(value) + b"\n"


def _dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON of `value`."""
    if orjson is not None:
        try:
            return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS)
        except TypeError:  # what orjson cannot write (an integer beyond 64 bits): the standard codec can
            pass
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def write(sha256: str, data: dict[str, Any], tables: dict[str, Any]) -> None:
    """Store validated data and its compiled `tables`; a cache that cannot be written is silently skipped."""
    lines = [_line(item) for item in (*data["documents"], *data["entries"])]
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    head = _line({
        **tables,
        "data": {k: v for k, v in data.items() if k not in ("documents", "entries")},
        "documents": len(data["documents"]),
        "starts": starts,
        "digests": "".join(_line_digest(line[:-1]) for line in lines),
    })
    header = {"format": FORMAT, "gloss_version": __version__, "sha256": sha256, "digest": _digest(sha256, head)}
    _store(_file(sha256), _line(header) + head + b"".join(lines))


def _store(target: Path, payload: bytes) -> None:
    """Write `payload` to the cache file `target` atomically; a cache that cannot be written is skipped."""
    from .outfile import write_atomically

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(str(target), payload, mode=0o644, temp_prefix=".tmp-")
    except OSError:
        return


def derived(name: str, source: bytes, compute: Callable[[], Any], valid: Callable[[Any], bool]) -> Any:
    """`compute()`'s JSON-ready result for these `source` bytes, kept in the cache under `name`.

    For tables that cost more to derive than to read back (a YAML file parsed, a package's data
    walked): the file is named after `name`, the gloss version and the source's digest, and read
    with the same checks as the glossary's (this user's, private, the digest inside); a stored
    value that `valid` refuses is computed again.
    """
    digest = checksum(source)
    target = directory() / f"{name}-{__version__}-{digest[:32]}.json"
    try:
        with open_regular(target) as fh:
            if _private(os.fstat(fh.fileno())):
                stored = json.loads(fh.read())
                if isinstance(stored, dict) and stored.get("digest") == digest and valid(stored.get("value")):
                    return stored["value"]
    except (OSError, ValueError, RecursionError):
        pass
    value = compute()
    _store(target, _dumps({"digest": digest, "value": value}))
    return value


# A file's digest is remembered only when it was taken this long after the file last changed: a
# change within the same tick of a coarse file-system clock (two seconds on FAT) could otherwise
# leave its size and times as they were when the digest was taken.
_SETTLED_NS = 2_000_000_000


def _identity(st: os.stat_result) -> list[int]:
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _digest_file(path: str | os.PathLike[str]) -> Path:
    name = checksum(os.path.abspath(path).encode("utf-8", "surrogateescape"))
    return directory() / f"source-{__version__}-{name[:32]}.json"


def known_digest(path: str | os.PathLike[str]) -> str | None:
    """The sha256 of the file at `path` as `read_and_digest` remembered it, if the file is still as it was then.

    Hashing a glossary of thousands of entries costs more than the rest of a load from the cache;
    a file whose device, inode, size, modification and change times are those it had when it was
    hashed is taken to hold the same bytes (as version control does for its working files).
    """
    try:
        st = os.stat(path)
        with open_regular(_digest_file(path)) as fh:
            if not _private(os.fstat(fh.fileno())):
                return None
            stored = json.loads(fh.read())
    except (OSError, ValueError, RecursionError):
        return None
    if (
        isinstance(stored, dict)
        and stored.get("path") == os.path.abspath(path)
        and stored.get("stat") == _identity(st)
        and isinstance(stored.get("sha256"), str)
        and len(stored["sha256"]) == 64
    ):
        return stored["sha256"]
    return None


def file_digest(path: str | os.PathLike[str]) -> str:
    """The sha256 of the file at `path`: remembered (`known_digest`), else read, hashed and remembered."""
    known = known_digest(path)
    return known if known is not None else read_and_digest(path)[1]


def read_and_digest(path: str | os.PathLike[str]) -> tuple[bytes, str]:
    """A regular file's bytes and their sha256, which is remembered when the file did not change while it was read."""
    with open_regular(path) as fh:
        before = os.fstat(fh.fileno())
        raw = fh.read()
        after = os.fstat(fh.fileno())
    import hashlib

    sha256 = hashlib.sha256(raw).hexdigest()
    unchanged = (before.st_size, before.st_mtime_ns, before.st_ctime_ns) == (
        len(raw), after.st_mtime_ns, after.st_ctime_ns)
    if unchanged:
        _remember_digest(path, before, sha256)
    return raw, sha256


def _remember_digest(path: str | os.PathLike[str], st: os.stat_result, sha256: str) -> None:
    """Remember that the file at `path`, in the state `st` it had before and after it was read, hashes to `sha256`."""
    if not stat.S_ISREG(st.st_mode) or time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < _SETTLED_NS:
        return
    _store(_digest_file(path), _dumps({"path": os.path.abspath(path), "stat": _identity(st), "sha256": sha256}))


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
    _store(_blob_file(sha256, name), blob)
