"""Finds every occurrence of a fixed set of keys. The only module that imports a matching engine.

Three engines sit behind one interface; they differ in speed only, never in what they report:

- ``pyahocorasick`` (the default dependency): `Automaton.iter()` over the UTF-8 bytes of the
  text (see `_build_pyahocorasick` for why bytes).
- ``ahocorasick_rs`` (extra ``fast``): the Rust aho-corasick crate with ``overlapping=True``,
  which reports every occurrence of every key, like `iter()`.
- ``hyperscan`` (extra ``fast``, x86-64 only): literal patterns on the UTF-8 bytes of the
  text.

Byte offsets are mapped back to code-point offsets in one pass (in C when gloss._speedups is
built).

`Matcher(keys)` picks the fastest one installed for the number of keys (hyperscan, then
ahocorasick_rs, then pyahocorasick; ahocorasick_rs first from LARGE_GLOSSARY keys on);
`Matcher(keys, "ahocorasick_rs")` asks for one by name.
"""

from __future__ import annotations

import importlib.util
import itertools
import json
import re
from collections.abc import Iterator, Sequence

from . import cache
from .errors import GlossError

try:  # the UTF-8 offset walk in C; the Python walk below is the fallback and the reference
    from . import _speedups
except ImportError:  # pragma: no cover - a build without a C compiler
    _speedups = None

# Fastest first: the order `auto` tries them in (measured in docs/performance.md).
ENGINES = ("hyperscan", "ahocorasick_rs", "pyahocorasick")
_MODULES = {"hyperscan": "hyperscan", "ahocorasick_rs": "ahocorasick_rs", "pyahocorasick": "ahocorasick"}


class EngineError(GlossError):
    """An unknown matching engine was named, or a known one is not installed."""


def available_engines() -> tuple[str, ...]:
    """The engines importable here, fastest first."""
    return tuple(name for name in ENGINES if importlib.util.find_spec(_MODULES[name]) is not None)


# From this many keys on, ahocorasick_rs annotates faster than hyperscan, whose Python callback
# per occurrence then costs more than its scan saves (docs/performance.md, "Engines by glossary
# size"). Below it, hyperscan is the fastest.
LARGE_GLOSSARY = 5000


def default_engine(keys: int = 0) -> str:
    """The engine `auto` resolves to for `keys` keys: the fastest one installed at that size."""
    installed = available_engines()
    if keys >= LARGE_GLOSSARY and "ahocorasick_rs" in installed:
        return "ahocorasick_rs"
    return installed[0]


def resolve_engine(engine: str | None, keys: int = 0) -> str:
    """The engine name to use for `engine` (None or "auto": the fastest installed for `keys` keys)."""
    if engine in (None, "", "auto"):
        return default_engine(keys)
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; choose one of auto, {', '.join(ENGINES)}")
    if engine not in available_engines():
        raise EngineError(f"engine {engine!r} is not installed; install it with: pip install 'gloss[fast]'")
    return engine


class Matcher:
    """All (start, end, key index) occurrences of `keys` in a text, overlapping ones included.

    Offsets are code-point offsets into the scanned string. Empty keys never match.
    """

    def __init__(self, keys: Sequence[str], engine: str | None = None, *, cache_key: str = ""):
        """`cache_key` (the glossary's sha256) lets an engine keep its compiled automaton in the cache."""
        self.keys = tuple(keys)
        self._cache_key = cache_key
        self.name = resolve_engine(engine, len(self.keys))
        self._lengths = tuple(map(len, self.keys))
        self._indexes = tuple(itertools.compress(range(len(self.keys)), self.keys))
        self._engine: object = None
        self._scan = None
        if self._indexes:
            self._scan = getattr(self, f"_build_{self.name}")([self.keys[i] for i in self._indexes])

    def __repr__(self) -> str:
        return f"<Matcher {self.name} {len(self.keys)} keys>"

    def occurrences(self, text: str) -> Iterator[tuple[int, int, int]]:
        """Yield (start, end, key index) for every occurrence, in order of end offset."""
        if self._scan is None or not text:
            return iter(())
        return iter(self._scan(text))

    def occurrence_list(self, text: str) -> list[tuple[int, int, int]]:
        """`occurrences` as a list (cheaper for engines that build one anyway)."""
        if self._scan is None or not text:
            return []
        return self._scan(text)

    # pyahocorasick: iter(), not iter_long(): the latter loses matches when a longer key shares
    # a prefix (pyahocorasick issue #133), and selection needs the short matches anyway.
    # The automaton runs over the text's UTF-8 bytes (held in a str as Latin-1 characters, one
    # per byte), not over its characters: pyahocorasick looks a node's transitions up one by one,
    # so with thousands of distinct first characters every step from the root cost thousands of
    # comparisons (measured in docs/performance.md: 30x slower at 20,000 rarely-matching keys).
    # Over bytes no node has more than 256 transitions, and a UTF-8 key can only match at
    # character boundaries (UTF-8 is self-synchronising), so the matches are the same.
    def _build_pyahocorasick(self, keys: list[str]):  # type: ignore[no-untyped-def]
        import ahocorasick

        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for index, key in zip(self._indexes, keys):
            automaton.add_word(_as_bytes(key), index)
        automaton.make_automaton()
        self._engine = automaton
        lengths = self._lengths

        def scan(text: str) -> list[tuple[int, int, int]]:
            raw = _utf8(text)
            if len(raw) == len(text):  # ASCII: bytes are code points
                return [(last + 1 - lengths[i], last + 1, i) for last, i in automaton.iter(text)]
            hits = [(last + 1, i) for last, i in automaton.iter(raw.decode("latin-1"))]
            return _utf8_spans(raw, hits, lengths)

        return scan

    # ahocorasick_rs: overlapping=True needs MatchKind.Standard and then reports every
    # occurrence, like iter(); its offsets are already code points.
    def _build_ahocorasick_rs(self, keys: list[str]):  # type: ignore[no-untyped-def]
        import ahocorasick_rs

        automaton = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard)
        self._engine = automaton
        indexes = self._indexes

        def find(text: str, overlapping: bool) -> list[tuple[int, int, int]]:
            try:
                return automaton.find_matches_as_indexes(text, overlapping=overlapping)
            except UnicodeEncodeError:  # a lone surrogate, which no key holds: one character for one
                return automaton.find_matches_as_indexes(re.sub(_SURROGATE, "\ufffd", text), overlapping=overlapping)

        if indexes == tuple(range(len(indexes))):

            def scan(text: str) -> list[tuple[int, int, int]]:
                return [(s, e, i) for i, s, e in find(text, overlapping=True)]

        else:

            def scan(text: str) -> list[tuple[int, int, int]]:
                return [(s, e, indexes[i]) for i, s, e in find(text, overlapping=True)]

        return scan

    # hyperscan: literal mode (no regex escaping; any byte may occur), block mode. Without
    # HS_FLAG_SOM_LEFTMOST it reports each (pattern, end offset) once, which for a literal is
    # one occurrence; the start follows from the key's length in code points.
    def _build_hyperscan(self, keys: list[str]):  # type: ignore[no-untyped-def]
        import hyperscan

        database = self._cached_hyperscan(hyperscan, keys)
        if database is None:
            database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
            database.compile(
                expressions=[_utf8(k) for k in keys],
                ids=list(self._indexes),
                elements=len(keys),
                flags=0,
                literal=True,
            )
            if self._cache_key:
                cache.write_blob(self._cache_key, self._blob_name(hyperscan, keys), hyperscan.dumpb(database))
        self._engine = database
        lengths = self._lengths

        def scan(text: str) -> list[tuple[int, int, int]]:
            raw = _utf8(text)
            if _speedups is not None:  # a list that records (end, id) when hyperscan calls it: no Python frame per match
                hits: list[tuple[int, int]] = _speedups.Hits()
                database.scan(raw, match_event_handler=hits)
            else:
                hits = []
                add = hits.append
                database.scan(raw, match_event_handler=lambda i, _start, end, _flags, _ctx: add((end, i)))
            if len(raw) == len(text):  # ASCII: bytes are code points
                return [(end - lengths[i], end, i) for end, i in hits]
            return _utf8_spans(raw, hits, lengths)

        return scan

    # Compiling thousands of keys takes hyperscan a second or more, in every process; its
    # serialised database loads in milliseconds. The blob is named after the engine version and
    # a digest of the keys and their ids, so a different key list never reuses it.
    def _blob_name(self, hyperscan, keys: list[str]) -> str:  # type: ignore[no-untyped-def]
        digest = cache.checksum(json.dumps([keys, self._indexes], ensure_ascii=False).encode("utf-8"), 12)
        return f"hyperscan-{hyperscan.__version__}-{digest}.db"

    def _cached_hyperscan(self, hyperscan, keys: list[str]):  # type: ignore[no-untyped-def]
        if not self._cache_key:
            return None
        blob = cache.read_blob(self._cache_key, self._blob_name(hyperscan, keys))
        if blob is None:
            return None
        try:
            database = hyperscan.loadb(blob, hyperscan.HS_MODE_BLOCK)
            # A loaded database comes without scratch space (python-hyperscan issue #153).
            database.scratch = hyperscan.Scratch(database)
        except hyperscan.error:
            return None  # damaged or foreign: compiled again and rewritten
        return database


# A pattern string, compiled on first use (re keeps it): only a text with a lone surrogate needs it.
_SURROGATE = "[\ud800-\udfff]"


def _utf8(text: str) -> bytes:
    """UTF-8 bytes of `text`; a lone surrogate takes three bytes like any other BMP code point."""
    return text.encode("utf-8", "surrogatepass")


def _as_bytes(key: str) -> str:
    """`key`'s UTF-8 bytes as a str of Latin-1 characters (what the byte-level automaton matches)."""
    return _utf8(key).decode("latin-1")


def _utf8_spans(raw: bytes, hits: list[tuple[int, int]], lengths: tuple[int, ...]) -> list[tuple[int, int, int]]:
    """(start, end, key) in code points for (byte end, key) hits reported in end order."""
    if _speedups is not None:
        try:
            return _speedups.utf8_spans(raw, hits, lengths)
        except ValueError:  # not in end order after all: sort, then walk
            hits.sort()
            return _speedups.utf8_spans(raw, hits, lengths)
    hits.sort()  # already in end order as documented; cheap insurance for the offset walk
    # Each end is a character boundary, so decoding the stretch since the previous end counts
    # its code points.
    found = []
    byte_at = char_at = 0
    for end, i in hits:
        if end != byte_at:
            char_at += len(raw[byte_at:end].decode("utf-8", "surrogatepass"))
            byte_at = end
        found.append((char_at - lengths[i], char_at, i))
    return found
