"""How much of a corpus's coded jargon gloss annotates, and how much of what it annotates it explains.

The jargon counted is what reports mark as such: quoted numbered phrases (“三个一批”, “两个确保”),
codes (“13710”, 1+N, “9+2”) and numbered slogans written out (三清两建, 两不愁三保障), found by the same
shapes `gloss candidates` looks for. Before counting, a documented classification drops what is not
jargon: set phrases built like slogans (千方百计), counts and rankings (三个月, 十强, 百亿级), and the
phrases a curator has judged not to be jargon in `data/not_jargon.yaml` (brand names, events, dates,
rhetoric), each with its reason.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import yaml

from .candidates import IDIOMS, overlaps_any, scan_shapes
from .normalize import match_view, normalize
from .packaged import data_bytes

if TYPE_CHECKING:
    from .glossary import Glossary

# A count, a ranking or a size rather than a name: 三个月, 十强, 百强县, 百亿级, 八连冠, 第一, 5%.
_COUNT = re.compile(
    r"^(?:第?[一二两三四五六七八九十百千万]+(?:个?(?:月|年|天|季度|百分点)|强|佳|大类|级|亿级|倍|成|连冠)|\d+(?:\.\d+)?[%％])"
)


@functools.lru_cache(maxsize=1)
def not_jargon() -> dict[str, str]:
    """Phrases judged not to be jargon, each with its reason (idiom, count, brand, event, rhetoric …)."""
    raw = yaml.safe_load(data_bytes("not_jargon.yaml").decode("utf-8"))
    return {normalize(phrase): reason for reason, phrases in raw.items() for phrase in phrases}


def classify(phrase: str) -> str | None:
    """Why a jargon-shaped phrase is not jargon, or None when it counts."""
    if phrase in IDIOMS:
        return "idiom"
    if _COUNT.match(phrase):
        return "count"
    return not_jargon().get(phrase)


@dataclass
class Coverage:
    """The figures over a set of documents, and the phrases behind them."""

    documents: int = 0
    jargon: Counter[str] = field(default_factory=Counter)  # phrase -> occurrences counted
    annotated: Counter[str] = field(default_factory=Counter)  # phrase -> occurrences gloss annotated
    dropped: Counter[tuple[str, str]] = field(default_factory=Counter)  # (phrase, reason) -> occurrences
    entries: Counter[str] = field(default_factory=Counter)  # entry id -> annotations whose scope holds
    undocumented: set[str] = field(default_factory=set)  # ids of those entries with no definition
    out_of_scope: Counter[str] = field(default_factory=Counter)  # phrase -> occurrences matched only by another place's entry

    @property
    def annotated_share(self) -> float:
        total = sum(self.jargon.values())
        return sum(self.annotated.values()) / total if total else 1.0

    @property
    def documented_share(self) -> float:
        """Share of the distinct annotated entries that carry a definition."""
        return 1 - len(self.undocumented) / len(self.entries) if self.entries else 1.0

    @property
    def missed(self) -> Counter[str]:
        return self.jargon - self.annotated


def measure(glossary: Glossary, texts: Iterable[tuple[str, str]]) -> Coverage:
    """Coverage over (name, text) documents.

    A phrase counts as annotated only when an entry whose scope holds for the document (or whose
    document's place is unknown) matches it: another place's scheme of the same name gives this text
    no meaning, so such a phrase is counted as missed (and in `out_of_scope`).
    """
    result = Coverage()
    for _name, text in texts:
        result.documents += 1
        annotations = glossary.annotate(text)
        held = [a for a in annotations if a.scope_match is not False]
        spans = sorted((a.start, a.end) for a in held)
        elsewhere = sorted((a.start, a.end) for a in annotations if a.scope_match is False)
        for a in held:
            result.entries[a.entry.id] += 1
            if not a.entry.documented:
                result.undocumented.add(a.entry.id)
        view = match_view(text)
        seen: set[tuple[int, int]] = set()
        for start, end, phrase, signal in scan_shapes(view.text):
            if signal not in ("code", "numbered") or (start, end) in seen:
                continue
            seen.add((start, end))
            reason = classify(phrase)
            if reason:
                result.dropped[(phrase, reason)] += 1
                continue
            result.jargon[phrase] += 1
            span = view.span(start, end)
            if overlaps_any(spans, *span):
                result.annotated[phrase] += 1
            elif overlaps_any(elsewhere, *span):
                result.out_of_scope[phrase] += 1
    return result

