"""Text -> the match view, with a map back to offsets in the original text.

The match view folds full-width ASCII to half-width and Latin letters to lower case (both one
character for one), and deletes layout: whitespace runs except a single space between two Latin
letters or digits, zero-width characters, and page-footer lines such as "— 35 —". Deleting never
joins two Latin letters or digits that the original kept apart, so "2 13710" stays two numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20  # ideographic space
_FOLD.update({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})
_FOLD.update({c: c + 32 - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # full-width capitals
_FOLD_TABLE = str.maketrans(_FOLD)

ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Footer lines of PDF text: "— 35 —", "- 12 -". Listed first so the line goes as one deletion.
_LAYOUT = re.compile(
    r"\n[ \t]*[—–-]{1,2}[ \t]*\d{1,4}[ \t]*[—–-]{1,2}[ \t]*(?=\n|\Z)"
    rf"|[\s{_ZERO_WIDTH}]+"
)


def fold(text: str) -> str:
    """Full-width ASCII to half-width and Latin letters to lower case, one character for one."""
    return text.translate(_FOLD_TABLE)


@dataclass(frozen=True)
class MatchView:
    """The normalised text and the map from its offsets back to the original's."""

    text: str
    _starts: tuple[int, ...]
    _shifts: tuple[int, ...]

    def to_original(self, index: int) -> int:
        """Original offset of the character at `index` of the match view."""
        k = bisect_right(self._starts, index) - 1
        return index + (self._shifts[k] if k >= 0 else 0)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of the match-view span [start, end); end > start."""
        return self.to_original(start), self.to_original(end - 1) + 1


def match_view(text: str) -> MatchView:
    """Normalise `text` for matching, keeping the offset map."""
    folded = text.translate(_FOLD_TABLE)
    pieces: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    pos = 0
    deleted = 0
    n = len(folded)
    for m in _LAYOUT.finditer(folded):
        a, b = m.span()
        pieces.append(folded[pos:a])
        pos = b
        if _keeps_space(folded, a, b, n):
            pieces.append(" ")
            if b - a == 1:
                continue
            deleted += b - a - 1
        else:
            deleted += b - a
        starts.append(b - deleted)
        shifts.append(deleted)
    pieces.append(folded[pos:])
    return MatchView("".join(pieces), tuple(starts), tuple(shifts))


def _keeps_space(folded: str, a: int, b: int, n: int) -> bool:
    """A whitespace run between two Latin letters or digits stays, as one space."""
    if a == 0 or b >= n or folded[a - 1] not in ALNUM or folded[b] not in ALNUM:
        return False
    run = folded[a:b]
    return all(c.isspace() or c in _ZERO_WIDTH for c in run) and any(c.isspace() for c in run)


def normalize(text: str) -> str:
    """The match view of `text`, without the offset map (used for keys)."""
    return match_view(text).text
