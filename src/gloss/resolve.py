"""Choosing among the senses of one surface form: by region, year and cue words."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from .model import Entry, Region
from .normalize import normalize

CUE_WINDOW = 80  # characters of match view either side of a match where cue words count


class RegionTree:
    """Ancestry of the glossary's regions."""

    def __init__(self, regions: Sequence[Region]):
        self._parent: Mapping[str, str | None] = {r.name: r.parent for r in regions}

    def ancestors(self, name: str) -> list[str]:
        """`name` and its ancestors, nearest first."""
        chain = []
        seen = set()
        current: str | None = name
        while current is not None and current not in seen:
            chain.append(current)
            seen.add(current)
            current = self._parent.get(current)
        return chain


def region_score(entry: Entry, region: str | None, tree: RegionTree) -> float:
    """How well the entry's scope fits a document of `region` (0 when unknown or unrelated)."""
    if region is None:
        return 0.0
    chain = tree.ancestors(region)
    if entry.scope.region in chain:
        return 4.0 - 0.5 * chain.index(entry.scope.region)
    if region in tree.ancestors(entry.scope.region):
        return 1.0  # a narrower sense inside the document's region
    return 0.0


def choose(
    senses: Sequence[Entry],
    *,
    region: str | None,
    year: int | None,
    window: str,
    tree: RegionTree,
) -> tuple[Entry, float, tuple[str, ...]]:
    """The best sense, a confidence in [0, 1], and the ids of the others."""
    if len(senses) == 1:
        return senses[0], 1.0, ()
    scores = []
    for entry in senses:
        score = region_score(entry, region, tree)
        if year is not None and entry.first_year is not None and entry.first_year > year:
            score -= 2.0  # the sense was not yet in use
        score += min(3, sum(1 for cue in entry.cues if normalize(cue) in window))
        scores.append(score)
    best = max(range(len(senses)), key=lambda i: (scores[i], -i))
    total = sum(math.exp(s) for s in scores)
    confidence = round(math.exp(scores[best]) / total, 2)
    others = tuple(e.id for i, e in enumerate(senses) if i != best)
    return senses[best], confidence, others
