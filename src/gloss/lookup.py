"""Finding entries by what people type: a term, a phrase containing one, pinyin, initials or English.

One ranking rule, shared with the site's search (static/site.js) and pinned by the test table in
tests/vectors/search.json, which runs against both:

0. the query is a term or alias (or an entry id);
1. Latin letters and digits that begin the pinyin or the pinyin initials (`si`, `sgyp`, `fangguan`);
   the whole pinyin or initials first;
2. a term contained in the query (三个一批项目 → 三个一批, 放管服改革 → 放管服), longest first;
3. the query contained in a term (三个 → 三个一批);
4. English words that are all whole words of the English name; 5. that all begin words of the name;
   6. that are all whole words of the name and the primary English gloss; 7. that all begin them.

Within a tier, national entries come first, then provincial, city and district ones; then shorter
terms, then dictionary (pinyin) order. Full-width characters and
traditional characters (三個一批, 兩個維護) are folded before matching.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .glossary import Glossary
from .model import LEVELS, Entry
from .pinyin import compact, initials, strip_tones, tone_marked
from .traditional import Traditional, traditional_of

_LATIN_QUERY = re.compile(r"[a-zA-Z0-9üÜ:'\s\u0300-\u036f\u00c0-\u024f-]+")
# Within a tier, the wider the scope the earlier: a national slogan before a district scheme of the same shape.
LEVEL_RANK = {level: rank for rank, level in enumerate(LEVELS)}
_WORD = re.compile(r"[a-z0-9]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class _Row:
    entry: Entry
    forms: tuple[str, ...]  # term and aliases, folded
    pinyin: str  # compact toneless: sangeyipi
    initials: str  # sgyp
    name_words: frozenset[str]  # words of name_en
    english: frozenset[str]  # words of name_en and the primary English gloss
    order: tuple[int, int, str, str]  # tie-break within a tier: scope level, term length, pinyin, id


@dataclass(frozen=True)
class _Index:
    rows: tuple[_Row, ...]
    traditional: Traditional


def fold(text: str, traditional: Traditional) -> str:
    """Lower case, full-width ASCII as ASCII, traditional characters as simplified ones."""
    text = "".join(chr(ord(c) - 0xFEE0) if "\uff01" <= c <= "\uff5e" else c for c in text.lower())
    return traditional.fold(text)


def english_words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(strip_tones(text)))


def _index(glossary: Glossary) -> _Index:
    cached = getattr(glossary, "_lookup_index", None)
    if cached is None:
        traditional = traditional_of(tuple(s for e in glossary.entries for s in e.surfaces))
        rows = []
        for e in glossary.entries:
            pinyin = compact(tone_marked(e))
            rows.append(_Row(e, tuple(fold(s, traditional) for s in e.surfaces), pinyin, initials(e),
                             english_words(e.name_en), english_words(f"{e.name_en} {e.en or ''}"),
                             (LEVEL_RANK[e.scope.level], len(e.term), pinyin, e.id)))
        cached = _Index(tuple(rows), traditional)
        glossary._lookup_index = cached  # type: ignore[attr-defined]
    return cached


def _tier(row: _Row, query: str, key: str, latin: bool, spelled: str, words: list[str]) -> tuple[int, int] | None:
    if key in row.forms or query == row.entry.id:
        return 0, 0
    if latin and spelled and (row.pinyin.startswith(spelled) or row.initials.startswith(spelled)):
        return 1, 0 if spelled in (row.pinyin, row.initials) else 1
    if not latin:
        inside = [len(f) for f in row.forms if len(f) >= 2 and f in key]
        if inside:
            return 2, -max(inside)
        if any(key in f for f in row.forms):
            return 3, 0
    if not words:
        return None
    for tier, vocabulary in ((4, row.name_words), (6, row.english)):
        if all(w in vocabulary for w in words):
            return tier, 0
        if all(any(x.startswith(w) for x in vocabulary) for w in words):
            return tier + 1, 0
    return None


def ranked(glossary: Glossary, query: str) -> list[tuple[int, Entry]]:
    """(tier, entry) for every entry matching `query`, best first (see the module docstring)."""
    query = query.strip()
    if not query:
        return []
    index = _index(glossary)
    folded = fold(query, index.traditional)
    key = _SPACE.sub("", folded)
    latin = _LATIN_QUERY.fullmatch(folded) is not None
    spelled = compact(folded) if latin else ""
    words = _WORD.findall(strip_tones(folded)) if latin else []
    found = []
    for row in index.rows:
        tier = _tier(row, query, key, latin, spelled, words)
        if tier is not None:
            found.append((tier, row.order, row.entry))
    found.sort(key=lambda t: (t[0], t[1]))
    return [(tier[0], entry) for tier, _, entry in found]


def lookup(glossary: Glossary, query: str) -> list[Entry]:
    """Entries for `query`, best first."""
    return [entry for _, entry in ranked(glossary, query)]


def suggest(glossary: Glossary, query: str, limit: int = 5) -> list[str]:
    """Terms that look like `query`, for a did-you-mean."""
    rows = _index(glossary).rows
    names: dict[str, str] = {}
    for row in rows:
        names.setdefault(row.entry.term, row.entry.term)
        names.setdefault(row.pinyin, row.entry.term)
        names.setdefault(row.entry.name_en.lower(), row.entry.term)
    probe = compact(query) if _LATIN_QUERY.fullmatch(query) else fold(query, _index(glossary).traditional)
    close = difflib.get_close_matches(probe, list(names), n=limit * 2, cutoff=0.6)
    out: list[str] = []
    for name in close:
        if names[name] not in out:
            out.append(names[name])
    return out[:limit]
