"""Text -> the match view, with a map back to offsets in the original text.

The match view folds full-width ASCII to half-width and Latin letters to lower case (both one
character for one), and deletes layout: whitespace runs except a single space between two Latin
letters or digits, zero-width characters, and page-footer lines such as "— 35 —". Deleting never
joins two Latin letters or digits that visible whitespace kept apart, so "2 13710" stays two numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass
from functools import lru_cache

try:  # the C match view (built from _speedups.c); the Python one below is the reference
    from . import _speedups
except ImportError:  # pragma: no cover - a build without a C compiler
    _speedups = None

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20  # ideographic space
_FOLD.update({c: c + 32 for c in range(ord("A"), ord("Z") + 1)})
_FOLD.update({c: c + 32 - 0xFEE0 for c in range(0xFF21, 0xFF3B)})  # full-width capitals

ALNUM = frozenset("0123456789abcdefghijklmnopqrstuvwxyz")
# Invisible format characters are layout too: zero-width ones, and the bidirectional marks,
# embeddings, overrides and isolates (LRM, RLM, ALM, LRE…PDF, LRI…PDI) and the soft hyphen that
# copy-paste and web text leave inside words. site/static/matcher.js deletes the same set.
_BIDI_AND_SOFT_HYPHEN = "\u00ad\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff" + _BIDI_AND_SOFT_HYPHEN
# Footer lines of PDF text: "— 35 —", "- 12 -", with the blank lines and trailing blanks (CRLF
# included) before them. Listed first so the lines go as one deletion. The blanks are possessive:
# giving any back can never let the dash match.
_FOOTER_TAIL = r"(?:[ \t\r]*+\n)*+[ \t]*+[—–-]{1,2}[ \t]*\d{1,4}[ \t]*[—–-]{1,2}[ \t\r]*(?=\n|\Z)"
_FOOTER = r"[ \t\r]*+\n" + _FOOTER_TAIL
# The deletions, as one capturing pattern so that re.split returns the runs between the kept
# pieces: a footer, else a run of whitespace and zero-width characters. Written to open with a
# character class (the footer's first blank or line break is taken first, then the branch that
# fits it): the regex engine then skips ahead to the next whitespace character in C instead of
# trying the footer at every position, which halves the time of the split. A pattern string,
# compiled on first use (re keeps it): with the C match view, a run never needs it.
_LAYOUT_SPLIT = rf"([\s{_ZERO_WIDTH}](?:(?<=[ \t\r])[ \t\r]*+\n{_FOOTER_TAIL}|(?<=\n){_FOOTER_TAIL}|[\s{_ZERO_WIDTH}]*))"
# str.translate looks every character up in a dict; replacing only the foldable characters that
# occur is several times faster on CJK text. The frequent ones are replaced without a search.
_FOLD_CHARS = {chr(k): chr(v) for k, v in _FOLD.items()}
_FOLD_COMMON = tuple((c, _FOLD_CHARS[c]) for c in "，；：（）！？")
_FOLD_ANY = re.compile("[" + "".join(re.escape(c) for c in sorted(_FOLD_CHARS)) + "]")


def fold(text: str) -> str:
    """Full-width ASCII to half-width and Latin letters to lower case, one character for one."""
    if text.isascii():
        return text.lower()
    for wide, narrow in _FOLD_COMMON:
        text = text.replace(wide, narrow)
    for wide in set(_FOLD_ANY.findall(text)):
        text = text.replace(wide, _FOLD_CHARS[wide])
    return text


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
    if _speedups is not None:
        return MatchView(*_speedups.match_view(text, _ZERO_WIDTH))
    return match_view_python(text)


def match_view_python(text: str) -> MatchView:
    """`match_view` in pure Python: the fallback without the C extension, and its reference."""
    folded = fold(text)
    # One C-level split instead of a Python loop over matches: [piece, run, piece, run, ..., piece].
    parts = re.split(_LAYOUT_SPLIT, folded)
    if len(parts) == 1:
        return MatchView(folded, (), ())
    pieces = parts[0::2]
    runs = parts[1::2]
    # A whitespace run between two Latin letters or digits stays, as one space. An empty piece
    # means two runs touch (a footer line and a line break), and then neither side is alnum.
    kept = [
        i
        for i, (before, after) in enumerate(zip(pieces, pieces[1:]))
        if before[-1:] in ALNUM and after[:1] in ALNUM and runs[i].strip(_ZERO_WIDTH)
    ]
    if any(runs[i][0] in _ZERO_WIDTH for i in kept):
        return _assemble_slowly(parts, set(kept))
    # Everything deleted so far (cumulative) and the match-view offset after each run.
    removed = list(map(len, runs))
    grown = list(map(len, pieces))
    grown.pop()
    for i in kept:
        removed[i] -= 1
        grown[i] += 1
    shifts = list(accumulate(removed))
    starts = list(accumulate(grown))
    single = {i for i in kept if not removed[i]}
    if single:  # a single kept space shifts nothing, and has no entry
        starts = [s for i, s in enumerate(starts) if i not in single]
        shifts = [s for i, s in enumerate(shifts) if i not in single]
    parts[1::2] = [""] * len(runs)
    for i in kept:
        parts[2 * i + 1] = " "
    return MatchView("".join(parts), tuple(starts), tuple(shifts))


def _assemble_slowly(parts: list[str], kept: set[int]) -> MatchView:
    """`match_view` one run at a time, for a kept run that opens with zero-width characters.

    The kept space then maps to the run's first whitespace character, not to the zero-width one.
    """
    pieces: list[str] = []
    starts: list[int] = []
    shifts: list[int] = []
    out = deleted = 0
    for i in range(0, len(parts) - 1, 2):
        piece, run = parts[i], parts[i + 1]
        pieces.append(piece)
        out += len(piece)
        if i // 2 in kept:
            lead = len(run) - len(run.lstrip(_ZERO_WIDTH))
            if lead:
                starts.append(out)
                shifts.append(deleted + lead)
            pieces.append(" ")
            out += 1
            if len(run) == 1:
                continue
            deleted += len(run) - 1
        else:
            deleted += len(run)
        starts.append(out)
        shifts.append(deleted)
    pieces.append(parts[-1])
    return MatchView("".join(pieces), tuple(starts), tuple(shifts))


def normalize(text: str) -> str:
    """The match view of `text`, without the offset map (used for keys)."""
    if len(text) <= _SHORT:
        return _normalize_short(text)
    return match_view(text).text


# Keys, head words and cue words are normalised again and again (sense resolution does it per
# match); remembering the short ones takes that off the annotation path without holding on to
# long texts.
_SHORT = 64


@lru_cache(maxsize=16384)
def _normalize_short(text: str) -> str:
    return match_view(text).text
