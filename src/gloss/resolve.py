"""Choosing the meaning of a match: by the scope of each sense, the document's region and year, and cue words.

An entry scoped to region R gives the meaning only in a document of R or of a place inside R. In a
document from elsewhere the match is still reported, but out of scope: no definition is presented as
its meaning, its sense is listed as what the term means in R, and the confidence is low. A national
sense, or a sense of the document's own region, wins when one exists. When the document's region is
unknown, a local sense stays possible, at a confidence of at most 0.5.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence
from typing import NamedTuple

from .model import Entry, Region
from .normalize import normalize
from .places import NATIONAL, Hierarchy, hierarchy

CUE_WINDOW = 80  # characters of match view either side of a match where cue words count
UNKNOWN_REGION_CAP = 0.5  # the most a local sense can be trusted when the document's region is unknown
OUT_OF_SCOPE_CAP = 0.2  # the most an out-of-scope sense can be trusted


class RegionTree:
    """Ancestry of any region: the glossary's regions over the administrative-division hierarchy."""

    def __init__(self, regions: Sequence[Region]):
        self.places: Hierarchy = hierarchy(tuple(regions))
        self._chains: dict[str, tuple[str, ...]] = {}  # a document's region is asked for at every match

    def ancestors(self, name: str) -> tuple[str, ...]:
        """`name` and its ancestors, nearest first."""
        chain = self._chains.get(name)
        if chain is None:
            chain = self._chains[name] = tuple(self.places.ancestors(name))
        return chain


def in_scope(entry: Entry, region: str | None, tree: RegionTree) -> bool | None:
    """True when the entry's meaning holds in a document of `region`, False when not, None when unknown."""
    if entry.scope.region == NATIONAL:
        return True
    if region is None:
        return None
    return entry.scope.region in tree.ancestors(region)


class Choice(NamedTuple):
    """The sense chosen for one match: a named tuple, so that an annotation is built from its fields as they are."""

    entry: Entry
    confidence: float
    alternatives: tuple[str, ...]
    scope_match: bool | None


def _score(entry: Entry, match: bool | None, region: str | None, year: int | None, window: str, tree: RegionTree) -> float:
    score = 0.0
    if match:
        # The nearer the scope to the document's region, the better: its own region beats the nation.
        chain = tree.ancestors(region) if region is not None else [NATIONAL]
        depth = chain.index(entry.scope.region) if entry.scope.region in chain else len(chain)
        score += 4.0 - 0.5 * min(depth, 4)
    elif match is None:
        score += 2.5  # a local sense with an unknown region: two cue words beat a national sense without any
    if year is not None and entry.first_year is not None and entry.first_year > year and not entry.first_year_is_bound:
        score -= 2.0  # the sense was not yet in use
    score += cue_hits(cue_forms(entry), window)
    return score


def cue_forms(entry: Entry) -> tuple[str, ...]:
    """The entry's cue words as they appear in a match view."""
    return _normalized(entry.cues)


def cue_hits(forms: tuple[str, ...], window: str) -> int:
    """How many of these cue forms occur in `window`, up to three: all that `choose` reads of the window."""
    return min(3, sum(map(window.__contains__, forms)))


@functools.lru_cache(maxsize=4096)
def _normalized(cues: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(normalize(cue) for cue in cues)


def depends_on_words(senses: Sequence[Entry]) -> bool:
    """Whether the choice among these senses can depend on the words around a match (their cues)."""
    return len(senses) > 1 and any(e.cues for e in senses)


def choose(
    senses: Sequence[Entry],
    *,
    region: str | None,
    year: int | None,
    window: str,
    tree: RegionTree,
) -> Choice:
    """The sense to show for a match with these candidate senses, its confidence and the other senses."""
    matches = [in_scope(e, region, tree) for e in senses]
    if len(senses) == 1:
        match = matches[0]
        confidence = 1.0 if match else (UNKNOWN_REGION_CAP if match is None else OUT_OF_SCOPE_CAP)
        return Choice(senses[0], confidence, (), match)
    scores = [_score(e, m, region, year, window, tree) for e, m in zip(senses, matches)]
    # A sense that holds here always beats one that does not; among the others, score then file order.
    rank = {True: 1, None: 1, False: 0}
    best = max(range(len(senses)), key=lambda i: (rank[matches[i]], scores[i], -i))
    total = sum(math.exp(s) for s in scores)
    confidence = round(math.exp(scores[best]) / total, 2)
    if matches[best] is None:
        confidence = min(confidence, UNKNOWN_REGION_CAP)
    elif matches[best] is False:
        confidence = min(confidence, OUT_OF_SCOPE_CAP)
    others = tuple(e.id for i, e in enumerate(senses) if i != best)
    return Choice(senses[best], confidence, others, matches[best])
