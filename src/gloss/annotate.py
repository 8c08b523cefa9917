"""Text -> annotations: normalise, scan, apply the matching rules, select, resolve senses."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from bisect import bisect_right
from typing import NamedTuple
from operator import itemgetter

from .checks import is_code
from .context import document_context
from .matcher import Matcher
from .model import Annotation, Entry, Region, make_annotation
from .normalize import ALNUM, MatchView, _speedups, match_view, normalize
from .places import NATIONAL
from .traditional import Traditional, traditional_of
from .resolve import CUE_WINDOW, RegionTree, choose

QUOTES = frozenset("“”‘’「」『』\"'")
_DIGITS = frozenset("0123456789")
_JOINERS = frozenset(".,")  # 136.94, 1,516: a digit joined through these is one number
_START = itemgetter(0)


# Named tuples, not frozen dataclasses: a glossary of thousands of entries builds one of each per
# key whenever it is compiled, and a named tuple is several times cheaper to build.
class _Sense(NamedTuple):
    """One entry reachable through one key, with the rules that apply to it there."""

    entry: int
    head_words: tuple[str, ...]
    blockers: tuple[tuple[str, int], ...]  # (normalised blocker, offset of the key inside it)
    needs_context: bool  # a code: quoted or followed by a head word
    quoted_only: bool


class _Key(NamedTuple):
    text: str
    senses: tuple[_Sense, ...]
    alnum_start: bool
    alnum_end: bool


class CompiledGlossary:
    """The automaton over every normalised surface form, with per-key rules."""

    def __init__(self, entries: Sequence[Entry], engine: str | None = None, *, cache_key: str = ""):
        by_key: dict[str, list[int]] = {}
        for index, entry in enumerate(entries):
            for surface in entry.surfaces:
                owners = by_key.setdefault(normalize(surface), [])
                if index not in owners:
                    owners.append(index)
        keys = []
        for key, owners in by_key.items():
            senses = tuple(self._sense(key, entries[i], i) for i in owners)
            keys.append(_Key(key, senses, key[0] in ALNUM, key[-1] in ALNUM))
        self.keys: tuple[_Key, ...] = tuple(keys)
        # Per key: its owners when no rule can veto a match (the common case), else None.
        self.plain: tuple[tuple[int, ...] | None, ...] = tuple(
            tuple(s.entry for s in k.senses) if _is_plain(k) else None for k in keys
        )
        self.matcher = Matcher([k.text for k in keys], engine, cache_key=cache_key)
        # Per entry: True when national, so that its meaning holds in every document.
        self.national: tuple[bool, ...] = tuple(e.scope.region == NATIONAL for e in entries)
        self._surfaces = tuple(s for e in entries for s in e.surfaces)

    @functools.cached_property
    def traditional(self) -> Traditional:
        """The folding of traditional characters into the simplified ones the keys are written in."""
        return traditional_of(self._surfaces)

    @staticmethod
    def _sense(key: str, entry: Entry, index: int) -> _Sense:
        blockers = []
        for blocker in entry.match.blockers:
            norm = normalize(blocker)
            at = norm.find(key)
            while at != -1:
                blockers.append((norm, at))
                at = norm.find(key, at + 1)
        return _Sense(
            entry=index,
            head_words=tuple(normalize(h) for h in entry.match.head_words),
            blockers=tuple(blockers),
            needs_context=is_code(key),
            quoted_only=entry.match.quoted_only,
        )


def _is_plain(key: _Key) -> bool:
    """A key without edge rules whose senses have no context, quoting or blocker rule: every
    match stands, with all its senses."""
    if key.alnum_start or key.alnum_end:
        return False
    return not any(s.needs_context or s.quoted_only or s.blockers for s in key.senses)


def _edges_ok(view: str, start: int, end: int, key: _Key) -> bool:
    """A Latin/digit edge must not touch another Latin letter or digit, nor a number through . or ,"""
    if key.alnum_start and start > 0:
        before = view[start - 1]
        if before in ALNUM:
            return False
        if before in _JOINERS and start > 1 and view[start - 2] in _DIGITS and key.text[0] in _DIGITS:
            return False
    if key.alnum_end and end < len(view):
        after = view[end]
        if after in ALNUM:
            return False
        if after in _JOINERS and end + 1 < len(view) and view[end + 1] in _DIGITS and key.text[-1] in _DIGITS:
            return False
    return True


def _quoted(view: str, start: int, end: int) -> bool:
    return start > 0 and end < len(view) and view[start - 1] in QUOTES and view[end] in QUOTES


def _sense_ok(view: str, start: int, end: int, sense: _Sense) -> bool:
    if sense.quoted_only and not _quoted(view, start, end):
        return False
    if sense.needs_context and not (_quoted(view, start, end) or any(view.startswith(h, end) for h in sense.head_words)):
        return False
    for blocker, offset in sense.blockers:
        at = start - offset
        if at >= 0 and view.startswith(blocker, at):
            return False
    return True


def candidates(compiled: CompiledGlossary, view: str) -> list[tuple[int, int, tuple[int, ...]]]:
    """Every rule-abiding match in the match view: (start, end, entry indexes), sorted leftmost-longest first."""
    keys = compiled.keys
    plain = compiled.plain
    found = []
    add = found.append
    for start, end, k in compiled.matcher.occurrence_list(view):
        owners = plain[k]
        if owners is not None:
            add((start, end, owners))
            continue
        key = keys[k]
        if (key.alnum_start or key.alnum_end) and not _edges_ok(view, start, end, key):
            continue
        senses = key.senses
        if len(senses) == 1 and not (senses[0].needs_context or senses[0].quoted_only or senses[0].blockers):
            add((start, end, (senses[0].entry,)))
            continue
        allowed = tuple(s.entry for s in senses if _sense_ok(view, start, end, s))
        if allowed:
            add((start, end, allowed))
    # Occurrences come in order of end offset, and no two share both start and end (keys are
    # distinct), so reversing and then a stable sort on the start gives (start, longest first)
    # without building a key tuple per match.
    found.reverse()
    found.sort(key=_START)
    return found


def select(found: list[tuple[int, int, tuple[int, ...]]], overlapping: bool) -> list[tuple[int, int, tuple[int, ...]]]:
    """Leftmost-longest non-overlapping matches, or all of them when `overlapping`."""
    if overlapping:
        return found
    chosen = []
    last_end = -1
    for cand in found:
        if cand[0] >= last_end:
            chosen.append(cand)
            last_end = cand[1]
    return chosen


def annotate(
    compiled: CompiledGlossary,
    entries: Sequence[Entry],
    regions: Sequence[Region],
    text: str,
    *,
    region: str | None = None,
    year: int | None = None,
    overlapping: bool = False,
    name: str = "",
) -> list[Annotation]:
    """Annotations of `text`, offsets into `text` itself.

    `region` and `year` default to those the document's head (and file `name`) says.
    """
    region, year = document_context(text, regions, region, year, name)
    view = match_view(compiled.traditional.fold(text))
    return annotate_view(compiled, entries, regions, text, view, region=region, year=year, overlapping=overlapping)


def annotate_view(
    compiled: CompiledGlossary,
    entries: Sequence[Entry],
    regions: Sequence[Region],
    text: str,
    view: MatchView,
    *,
    region: str | None,
    year: int | None,
    overlapping: bool,
    offset: int = 0,
) -> list[Annotation]:
    """Annotations from an already-built match view of a document of `region` and `year` (None: unknown).

    `offset` is added to every position.
    """
    chosen = select(candidates(compiled, view.text), overlapping)
    if _speedups is None:
        return _annotations_python(chosen, compiled.national, entries, regions, text, view, region, year, offset)
    # Every match of a single national sense becomes an Annotation in one C call; the others (None:
    # several senses, or a local one whose scope must be checked) are resolved here.
    result = _speedups.annotations(
        Annotation, chosen, view._starts, view._shifts, text, tuple(entries), compiled.national, offset
    )
    pending = [k for k, ann in enumerate(result) if ann is None]
    if pending:
        resolver = _Resolver(entries, regions, view.text, region, year)
        for k in pending:
            start, end, owners = chosen[k]
            a, b = view.span(start, end)
            result[k] = resolver.annotation(start, end, owners, a + offset, b + offset, text[a:b])
    return result


def _annotations_python(
    chosen: list[tuple[int, int, tuple[int, ...]]],
    national: tuple[bool, ...],
    entries: Sequence[Entry],
    regions: Sequence[Region],
    text: str,
    view: MatchView,
    region: str | None,
    year: int | None,
    offset: int,
) -> list[Annotation]:
    """The annotation step of `annotate_view` without the C extension (and its reference)."""
    resolver = None
    result = []
    add = result.append
    # view.span() inlined: one call per annotation is most of this loop's cost otherwise.
    starts, shifts = view._starts, view._shifts
    for start, end, owners in chosen:
        k = bisect_right(starts, start) - 1
        a = start + (shifts[k] if k >= 0 else 0)
        k = bisect_right(starts, end - 1) - 1
        b = end + (shifts[k] if k >= 0 else 0)
        if len(owners) == 1 and national[owners[0]]:
            add(make_annotation(Annotation, (a + offset, b + offset, text[a:b], entries[owners[0]], 1.0, (), True)))
            continue
        if resolver is None:
            resolver = _Resolver(entries, regions, view.text, region, year)
        add(resolver.annotation(start, end, owners, a + offset, b + offset, text[a:b]))
    return result


class _Resolver:
    """Sense and scope resolution for the matches of one document of a known (or unknown) region and year."""

    def __init__(self, entries: Sequence[Entry], regions: Sequence[Region], view: str, region: str | None, year: int | None):
        self.entries = entries
        self.view = view
        self.tree = RegionTree(regions)
        self.region = region
        self.year = year

    def annotation(self, start: int, end: int, owners: tuple[int, ...], a: int, b: int, surface: str) -> Annotation:
        """The Annotation of a match-view span [start, end): its sense, and whether its scope holds."""
        window = self.view[max(0, start - CUE_WINDOW): end + CUE_WINDOW]
        choice = choose([self.entries[i] for i in owners], region=self.region, year=self.year, window=window,
                        tree=self.tree)
        return Annotation(a, b, surface, choice.entry, choice.confidence, choice.alternatives, choice.scope_match)
