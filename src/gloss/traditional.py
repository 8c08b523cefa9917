"""Traditional characters folded to the simplified ones the glossary is written in.

Hong Kong, Taiwan and overseas media quote the slogans in traditional script (兩個維護, 三個一批),
often mixed with simplified characters. The fold is character by character, so offsets into a text
never move: the table maps each traditional form (mainland, Taiwan and Hong Kong standards, as
OpenCC converts) of a character used in the glossary's terms to that character. A table limited to
the glossary's own characters cannot turn an unrelated word into a term.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from .normalize import _speedups

_CONFIGS = ("s2t.json", "s2tw.json", "s2hk.json")


@functools.lru_cache(maxsize=None)
def _converters() -> tuple:
    import opencc

    return tuple(opencc.OpenCC(c) for c in _CONFIGS), opencc.OpenCC("t2s.json")


def folding_table(surfaces: Iterable[str]) -> dict[str, str]:
    """{traditional character: simplified character} for the characters of `surfaces`.

    A character that is also a simplified character in its own right (著 in 显著) is left out: folding
    it would rewrite ordinary simplified text.
    """
    to_traditional, to_simplified = _converters()
    table: dict[str, str] = {}
    texts = sorted(set(surfaces))
    for converter in to_traditional:
        for text in texts:
            converted = converter.convert(text)
            if len(converted) != len(text):
                continue  # a phrase conversion that changed the length cannot be aligned by character
            for simple, trad in zip(text, converted):
                if trad != simple and trad not in table and to_simplified.convert(trad) == simple:
                    table[trad] = simple
    return table


class Traditional:
    """Folds a text's traditional characters, one for one, so that offsets into it stay the same."""

    def __init__(self, table: dict[str, str]):
        self.table = table
        self._translation = {ord(trad): simple for trad, simple in table.items()}
        self._sources = "".join(sorted(table))
        self._targets = "".join(table[c] for c in self._sources)

    def fold(self, text: str) -> str:
        """`text` with its traditional characters folded (`text` itself when it has none)."""
        if _speedups is not None:
            return _speedups.fold_chars(text, self._sources, self._targets)
        if self._any is None or self._any.search(text) is None:
            return text
        return text.translate(self._translation)

    @functools.cached_property
    def _any(self) -> re.Pattern[str] | None:
        # Most texts hold none of these characters: one scan says so, and the text is returned as is.
        return re.compile("[" + re.escape(self._sources) + "]") if self.table else None


@functools.lru_cache(maxsize=8)
def traditional_of(surfaces: tuple[str, ...]) -> Traditional:
    """The folding for a glossary's surface forms, built once however many parts of gloss ask for it."""
    return Traditional(folding_table(surfaces))
