"""Finds every occurrence of a fixed set of keys. The only module that imports a matching engine."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import ahocorasick


class Matcher:
    """All (start, end, key index) occurrences of `keys` in a text, overlapping ones included.

    Uses `iter()` rather than `iter_long()`: the latter loses matches when a longer key shares
    a prefix (pyahocorasick issue #133), and selection needs the short matches anyway.
    """

    name = "pyahocorasick"

    def __init__(self, keys: Sequence[str], engine: str | None = None):
        if engine not in (None, "auto", self.name):
            raise ValueError(f"unknown engine {engine!r}")
        self.keys = tuple(keys)
        automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        for index, key in enumerate(self.keys):
            automaton.add_word(key, index)
        if self.keys:
            automaton.make_automaton()
        self._automaton = automaton
        self._lengths = tuple(len(k) for k in self.keys)

    def occurrences(self, text: str) -> Iterator[tuple[int, int, int]]:
        """Yield (start, end, key index) for every occurrence, in order of end offset."""
        if not self.keys:
            return
        lengths = self._lengths
        for last, index in self._automaton.iter(text):
            yield last + 1 - lengths[index], last + 1, index
