"""Finds every occurrence of a fixed set of keys. The only module that imports a matching engine.

Three engines sit behind one interface; they differ in speed only, never in what they report:

- ``pyahocorasick`` (the default dependency): `Automaton.iter()`.
- ``ahocorasick_rs`` (extra ``fast``): the Rust aho-corasick crate with ``overlapping=True``,
  which reports every occurrence of every key, like `iter()`.
- ``hyperscan`` (extra ``fast``, x86-64 only): literal patterns on the UTF-8 bytes of the
  text; byte offsets are mapped back to code-point offsets.

`Matcher(keys)` picks the fastest one installed (hyperscan, then ahocorasick_rs, then
pyahocorasick); `Matcher(keys, "ahocorasick_rs")` asks for one by name.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterator, Sequence

from .errors import GlossError

# Fastest first: the order `auto` tries them in (measured in docs/performance.md).
ENGINES = ("hyperscan", "ahocorasick_rs", "pyahocorasick")
_MODULES = {"hyperscan": "hyperscan", "ahocorasick_rs": "ahocorasick_rs", "pyahocorasick": "ahocorasick"}


_SURROGATE = re.compile("[\ud800-\udfff]")
_NONCHARACTERS = [chr(c) for c in range(0xFDD0, 0xFDF0)]


class EngineError(GlossError):
    """An unknown matching engine was named, or a known one is not installed."""


def available_engines() -> tuple[str, ...]:
    """The engines importable here, fastest first."""
    return tuple(name for name in ENGINES if importlib.util.find_spec(_MODULES[name]) is not None)


def default_engine() -> str:
    """The engine `auto` resolves to: the fastest one installed."""
    return available_engines()[0]


def resolve_engine(engine: str | None) -> str:
    """The engine name to use for `engine` (None or "auto": the fastest installed)."""
    if engine in (None, "", "auto"):
        return default_engine()
    if engine not in ENGINES:
        raise EngineError(f"unknown engine {engine!r}; choose one of auto, {', '.join(ENGINES)}")
    if engine not in available_engines():
        raise EngineError(f"engine {engine!r} is not installed; install it with: pip install 'gloss[fast]'")
    return engine


class Matcher:
    """All (start, end, key index) occurrences of `keys` in a text, overlapping ones included.

    Offsets are code-point offsets into the scanned string. Empty keys never match.
    """

    def __init__(self, keys: Sequence[str], engine: str | None = None):
        self.keys = tuple(keys)
        self.name = resolve_engine(engine)
        self._lengths = tuple(len(k) for k in self.keys)
        self._indexes = tuple(i for i, k in enumerate(self.keys) if k)
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
    def _build_pyahocorasick(self, keys: list[str]):  # type: ignore[no-untyped-def]
        import ahocorasick

        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for index, key in zip(self._indexes, keys):
            automaton.add_word(key, index)
        automaton.make_automaton()
        self._engine = automaton
        lengths = self._lengths

        def scan(text: str) -> list[tuple[int, int, int]]:
            return [(last + 1 - lengths[i], last + 1, i) for last, i in automaton.iter(text)]

        return scan

    # ahocorasick_rs: overlapping=True needs MatchKind.Standard and then reports every
    # occurrence, like iter(); its offsets are already code points.
    def _build_ahocorasick_rs(self, keys: list[str]):  # type: ignore[no-untyped-def]
        import ahocorasick_rs

        automaton = ahocorasick_rs.AhoCorasick(keys, matchkind=ahocorasick_rs.MatchKind.Standard)
        self._engine = automaton
        find_str = automaton.find_matches_as_indexes

        def find(text: str, overlapping: bool) -> list[tuple[int, int, int]]:
            # A Rust string cannot hold a lone surrogate: scan a copy with each one replaced by a
            # noncharacter (one code point for one, so offsets hold) that no key contains.
            try:
                return find_str(text, overlapping=overlapping)
            except UnicodeEncodeError:
                return find_str(_SURROGATE.sub(placeholder, text), overlapping=overlapping)

        placeholder = next(c for c in _NONCHARACTERS if not any(c in k for k in keys))
        indexes = self._indexes
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

        database = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
        database.compile(
            expressions=[k.encode("utf-8") for k in keys],
            ids=list(self._indexes),
            elements=len(keys),
            flags=0,
            literal=True,
        )
        self._engine = database
        lengths = self._lengths

        def scan(text: str) -> list[tuple[int, int, int]]:
            # surrogatepass: a lone surrogate (possible in a Python str) is bytes like any other.
            raw = text.encode("utf-8", "surrogatepass")
            hits: list[tuple[int, int]] = []
            add = hits.append
            database.scan(raw, match_event_handler=lambda i, _start, end, _flags, _ctx: add((end, i)))
            hits.sort()  # already in end order as documented; cheap insurance for the offset walk
            if len(raw) == len(text):  # ASCII: bytes are code points
                return [(end - lengths[i], end, i) for end, i in hits]
            # Hyperscan reports in end order; each end is a character boundary, so decoding the
            # stretch since the previous end counts its code points.
            found = []
            byte_at = char_at = 0
            for end, i in hits:
                if end != byte_at:
                    char_at += len(raw[byte_at:end].decode("utf-8", "surrogatepass"))
                    byte_at = end
                found.append((char_at - lengths[i], char_at, i))
            return found

        return scan
