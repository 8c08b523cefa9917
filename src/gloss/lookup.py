"""Finding entries by term, alias, pinyin, pinyin initials or English words."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from .glossary import Glossary
from .model import Entry
from .normalize import normalize
from .pinyin import compact, initials, strip_tones, tone_marked

_LATIN_QUERY = re.compile(r"[a-zA-Z0-9üÜ:'\s\u0300-\u036f\u00c0-\u024f-]+")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class _Row:
    entry: Entry
    surfaces: tuple[str, ...]  # normalised term and aliases
    pinyin: str  # compact toneless: sangeyipi
    initials: str  # sgyp
    english: frozenset[str]  # words of name_en and the English glosses


def _index(glossary: Glossary) -> list[_Row]:
    cached = getattr(glossary, "_lookup_rows", None)
    if cached is None:
        cached = []
        for e in glossary.entries:
            words = " ".join([e.name_en, *(d.en for d in e.definitions)]).lower()
            cached.append(
                _Row(e, tuple(normalize(s) for s in e.surfaces), compact(tone_marked(e)), initials(e),
                     frozenset(_WORD.findall(words)))
            )
        glossary._lookup_rows = cached  # type: ignore[attr-defined]
    return cached


def lookup(glossary: Glossary, query: str) -> list[Entry]:
    """Entries for `query`, best first: exact surface or id, then pinyin, initials, substrings, English."""
    query = query.strip()
    if not query:
        return []
    rows = _index(glossary)
    key = normalize(query)
    tiers: list[list[Entry]] = [[] for _ in range(6)]
    latin = _LATIN_QUERY.fullmatch(query) is not None
    spelled = compact(query) if latin else ""
    words = _WORD.findall(strip_tones(query)) if latin else []
    for row in rows:
        if key in row.surfaces or query == row.entry.id:
            tiers[0].append(row.entry)
        elif spelled and spelled == row.pinyin:
            tiers[1].append(row.entry)
        elif spelled and spelled == row.initials:
            tiers[2].append(row.entry)
        elif not latin and any(key in s for s in row.surfaces):
            tiers[3].append(row.entry)
        elif spelled and len(spelled) >= 3 and row.pinyin.startswith(spelled):
            tiers[4].append(row.entry)
        elif words and all(w in row.english or any(x.startswith(w) for x in row.english) for w in words):
            tiers[5].append(row.entry)
    return [e for tier in tiers for e in tier]


def suggest(glossary: Glossary, query: str, limit: int = 5) -> list[str]:
    """Terms that look like `query`, for a did-you-mean."""
    rows = _index(glossary)
    names: dict[str, str] = {}
    for row in rows:
        names.setdefault(row.entry.term, row.entry.term)
        names.setdefault(row.pinyin, row.entry.term)
        names.setdefault(row.entry.name_en.lower(), row.entry.term)
    probe = compact(query) if _LATIN_QUERY.fullmatch(query) else normalize(query)
    close = difflib.get_close_matches(probe, list(names), n=limit * 2, cutoff=0.6)
    out: list[str] = []
    for name in close:
        if names[name] not in out:
            out.append(names[name])
    return out[:limit]
