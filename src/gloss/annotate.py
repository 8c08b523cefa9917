"""Text -> annotations: normalise, scan, apply the matching rules, select, resolve senses."""

from __future__ import annotations

import functools
import itertools
from collections.abc import Mapping, Sequence
from bisect import bisect_right
from typing import Any, NamedTuple
from operator import itemgetter

from . import cache, collector
from .checks import is_code
from .context import document_context
from .matcher import Matcher
from .model import Annotation, Entry, Region, make_annotation
from .normalize import ALNUM, MatchView, _speedups, match_view, normalize
from .places import NATIONAL
from .traditional import Traditional, traditional_of
from .resolve import CUE_WINDOW, Choice, RegionTree, choose, cue_forms, cue_hits, depends_on_words

QUOTES = frozenset("“”‘’「」『』\"'")
_QUOTE_CHARS = "".join(sorted(QUOTES))
_DIGITS = frozenset("0123456789")
_JOINERS = frozenset(".,")  # 136.94, 1,516: a digit joined through these is one number
_START = itemgetter(0)
_OWNERS = itemgetter(2)


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
    """The automaton over every normalised surface form, with per-key rules.

    `tables` (from `compiled_tables`) gives the rules without going through the entries, which a
    glossary loaded from the cache decodes only when they are used; only the keys with a rule are
    read in full (the others need their owners alone). Without them, and with a `cache_key` (the
    glossary's sha256), the tables are kept in the cache directory, compiled the first time. Tables
    that do not hold together are set aside and the rules compiled from the entries.
    """

    def __init__(
        self, entries: Sequence[Entry], engine: str | None = None, *, cache_key: str = "",
        tables: Mapping[str, Any] | None = None,
    ):
        self._entries = entries
        if tables is None and cache_key:
            tables = cache.derived("rules", cache_key.encode(), lambda: compiled_tables(entries),
                                   lambda value: isinstance(value, dict))
        self._tables = tables
        read = None
        if tables is not None:
            try:
                read = _from_tables(tables, len(entries))
            except (KeyError, TypeError, ValueError, IndexError):
                read = None
        if read is None:
            self._tables = None
            keys = self.keys
            texts = [k.text for k in keys]
            # Per key: its owners when no rule can veto a match (the common case), else None.
            plain = tuple(tuple(s.entry for s in k.senses) if _is_plain(k) else None for k in keys)
            national = tuple(e.scope.region == NATIONAL for e in entries)
            ruled = {i: k for i, k in enumerate(keys) if plain[i] is None}
        else:
            texts, plain, ruled, national = read
        self.plain: tuple[tuple[int, ...] | None, ...] = plain
        # The keys a rule may veto, by index.
        self.ruled: dict[int, _Key] = ruled
        # Per entry: True when national, so that its meaning holds in every document.
        self.national: tuple[bool, ...] = national
        self.matcher = Matcher(texts, engine, cache_key=cache_key)

    @functools.cached_property
    def keys(self) -> tuple[_Key, ...]:
        """Every key with its senses and rules, in the matcher's order."""
        if self._tables is not None:
            try:
                return _keys_from_tables(self._tables, len(self._entries))
            except (KeyError, TypeError, ValueError, IndexError):
                pass
        return _compile(self._entries)

    @functools.cached_property
    def traditional(self) -> Traditional:
        """The folding of traditional characters into the simplified ones the keys are written in."""
        if self._tables is not None:
            return Traditional(self._tables["traditional"])
        return traditional_of(tuple(s for e in self._entries for s in e.surfaces))


def compiled_tables(entries: Sequence[Entry]) -> dict[str, Any]:
    """The compiled rules of `entries` as JSON-ready data: what `CompiledGlossary(tables=...)` takes back.

    Lists of strings and numbers, which JSON decodes fastest: every key's text and owners, the
    keys a rule may veto in full, the normalised head words of the entries that have any.
    """
    keys = _compile(entries)
    plain = [_is_plain(k) for k in keys]
    return {
        "texts": [k.text for k in keys],
        "owners": [[s.entry for s in k.senses] for k in keys],
        "ruled": [
            [i, [[s.entry, list(s.head_words), [list(b) for b in s.blockers], s.needs_context, s.quoted_only]
                 for s in k.senses], k.alnum_start, k.alnum_end]
            for i, k in enumerate(keys) if not plain[i]
        ],
        "head_words": {str(i): [normalize(h) for h in e.match.head_words]
                       for i, e in enumerate(entries) if e.match.head_words},
        "national": [e.scope.region == NATIONAL for e in entries],
        "traditional": traditional_of(tuple(s for e in entries for s in e.surfaces)).table,
    }


def _compile(entries: Sequence[Entry]) -> tuple[_Key, ...]:
    """The keys and their rules from the entries."""
    by_key: dict[str, list[int]] = {}
    for index, entry in enumerate(entries):
        for surface in entry.surfaces:
            owners = by_key.setdefault(normalize(surface), [])
            if index not in owners:
                owners.append(index)
    keys = []
    for key, owners in by_key.items():
        senses = tuple(_sense(key, entries[i], i) for i in owners)
        keys.append(_Key(key, senses, key[0] in ALNUM, key[-1] in ALNUM))
    return tuple(keys)


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


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise TypeError("not a list of strings")
    return tuple(value)


def _from_tables(
    tables: Mapping[str, Any], count: int,
) -> tuple[list[str], tuple[tuple[int, ...] | None, ...], dict[int, _Key], tuple[bool, ...]]:
    """(key texts, owners of plain keys, ruled keys, national flags) from `compiled_tables` data.

    Every value is checked for its type (TypeError, ValueError if one is off).
    """
    texts, owners, national, traditional = tables["texts"], tables["owners"], tables["national"], tables["traditional"]
    ruled = {}
    for index, senses, alnum_start, alnum_end in tables["ruled"]:
        key = ruled[index] = _key_from_table(texts[index], senses, alnum_start, alnum_end, count)
        if [s.entry for s in key.senses] != owners[index]:
            raise ValueError("a ruled key whose owners differ")
    lists = set(map(type, owners)) <= {list}
    flat = list(itertools.chain.from_iterable(owners)) if lists else []
    if (
        len(owners) != len(texts)
        or set(map(type, texts)) - {str}
        or not all(texts)
        or not lists
        or not all(owners)
        or set(map(type, flat)) - {int}
        or (flat and (min(flat) < 0 or max(flat) >= count))
        or set(map(type, national)) - {bool}
        or len(national) != count
        or not isinstance(traditional, dict)
        or not all(isinstance(k, str) and isinstance(v, str) and len(k) == len(v) == 1 for k, v in traditional.items())
    ):
        raise ValueError("tables of another glossary")
    plain: list[tuple[int, ...] | None] = list(map(tuple, owners))
    for index in ruled:
        plain[index] = None
    return texts, tuple(plain), ruled, tuple(national)


def _keys_from_tables(tables: Mapping[str, Any], count: int) -> tuple[_Key, ...]:
    """Every key of `compiled_tables` data in full (TypeError, ValueError if a value is off)."""
    texts, plain, ruled, _ = _from_tables(tables, count)
    head_words = {int(i): _strings(h) for i, h in tables["head_words"].items()}
    return tuple(
        ruled[i] if owners is None else _Key(texts[i], tuple(_Sense(e, head_words.get(e, ()), (), False, False)
                                                              for e in owners), False, False)
        for i, owners in enumerate(plain)
    )


def _key_from_table(text: Any, senses: Any, alnum_start: Any, alnum_end: Any, count: int) -> _Key:
    if not isinstance(text, str) or not text or not senses:
        raise ValueError("a key without text or senses")
    parsed = []
    for entry, head_words, blockers, needs_context, quoted_only in senses:
        if type(entry) is not int or not 0 <= entry < count:
            raise ValueError("an entry index out of range")
        pairs = []
        for blocker, at in blockers:
            if not isinstance(blocker, str) or type(at) is not int or blocker[at:at + len(text)] != text:
                raise ValueError("a blocker that does not hold its key")
            pairs.append((blocker, at))
        parsed.append(_Sense(entry, _strings(head_words), tuple(pairs), _flag(needs_context), _flag(quoted_only)))
    return _Key(text, tuple(parsed), _flag(alnum_start), _flag(alnum_end))


def _flag(value: Any) -> bool:
    if type(value) is not bool:
        raise TypeError("not a boolean")
    return value


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
    occurrences = compiled.matcher.occurrence_list(view)
    if _speedups is not None:
        found = _speedups.candidates(occurrences, compiled.plain, compiled.ruled, view, _QUOTE_CHARS)
    else:
        found = _candidates_python(occurrences, compiled.plain, compiled.ruled, view)
    # Occurrences come in order of end offset, and no two share both start and end (keys are
    # distinct), so reversing and then a stable sort on the start gives (start, longest first)
    # without building a key tuple per match.
    found.reverse()
    found.sort(key=_START)
    return found


def _candidates_python(
    occurrences: list[tuple[int, int, int]], plain: tuple[tuple[int, ...] | None, ...], ruled: dict[int, _Key], view: str,
) -> list[tuple[int, int, tuple[int, ...]]]:
    """`_speedups.candidates` without the C extension (and its reference)."""
    found = []
    add = found.append
    for start, end, k in occurrences:
        owners = plain[k]
        if owners is not None:
            add((start, end, owners))
            continue
        key = ruled[k]
        if (key.alnum_start or key.alnum_end) and not _edges_ok(view, start, end, key):
            continue
        allowed = tuple(s.entry for s in key.senses if _sense_ok(view, start, end, s))
        if allowed:
            add((start, end, allowed))
    return found


def select(found: list[tuple[int, int, tuple[int, ...]]], overlapping: bool) -> list[tuple[int, int, tuple[int, ...]]]:
    """Leftmost-longest non-overlapping matches, or all of them when `overlapping`."""
    if overlapping:
        return found
    if _speedups is not None:
        return _speedups.select(found)
    return _select_python(found)


def _select_python(found: list[tuple[int, int, tuple[int, ...]]]) -> list[tuple[int, int, tuple[int, ...]]]:
    """`_speedups.select` without the C extension (and its reference)."""
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


@collector.paused
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
    resolver = _Resolver(compiled.national, entries, regions, view.text, region, year)
    # The sense of most matches depends only on the key's entries and the document: it is settled
    # once per set of entries, and every such match becomes an Annotation in one pass (in C when
    # built). The others (None), whose senses have cue words, are resolved one by one.
    fixed = resolver.fixed(set(map(_OWNERS, chosen)))
    if _speedups is None:
        result = _annotations_python(chosen, fixed, text, view, offset)
    else:
        result = _speedups.annotations(Annotation, chosen, view._starts, view._shifts, text, fixed, offset)
    for k, annotation in enumerate(result):
        if annotation is None:
            start, end, owners = chosen[k]
            a, b = view.span(start, end)
            result[k] = resolver.annotation(start, end, owners, a + offset, b + offset, text[a:b])
    return result


def _annotations_python(
    chosen: list[tuple[int, int, tuple[int, ...]]],
    fixed: dict[tuple[int, ...], Choice],
    text: str,
    view: MatchView,
    offset: int,
) -> list[Annotation | None]:
    """`_speedups.annotations` without the C extension (and its reference)."""
    result: list[Annotation | None] = []
    add = result.append
    # view.span() inlined: one call per annotation is most of this loop's cost otherwise.
    starts, shifts = view._starts, view._shifts
    for start, end, owners in chosen:
        choice = fixed.get(owners)
        if choice is None:
            add(None)
            continue
        k = bisect_right(starts, start) - 1
        a = start + (shifts[k] if k >= 0 else 0)
        k = bisect_right(starts, end - 1) - 1
        b = end + (shifts[k] if k >= 0 else 0)
        add(make_annotation(Annotation, (a + offset, b + offset, text[a:b], *choice)))
    return result


class _Resolver:
    """Sense and scope resolution for the matches of one document of a known (or unknown) region and year."""

    def __init__(self, national: tuple[bool, ...], entries: Sequence[Entry], regions: Sequence[Region], view: str,
                 region: str | None, year: int | None):
        self.national = national
        self.entries = entries
        self.regions = regions
        self.view = view
        self.region = region
        self.year = year
        # Per set of owners, its senses and their cue forms; choices by (owners, cue hits of each
        # sense): the same hits give the same choice.
        self._cued: dict[tuple[int, ...], tuple[list[Entry], list[tuple[str, ...]]]] = {}
        self._chosen: dict[tuple[tuple[int, ...], tuple[int, ...]], Choice] = {}

    @functools.cached_property
    def tree(self) -> RegionTree:
        return RegionTree(self.regions)

    def fixed(self, owner_sets: set[tuple[int, ...]]) -> dict[tuple[int, ...], Choice]:
        """The choice for each set of owners that no cue word can change."""
        fixed = {}
        for owners in owner_sets:
            if len(owners) == 1 and self.national[owners[0]]:
                fixed[owners] = Choice(self.entries[owners[0]], 1.0, (), True)
                continue
            senses = [self.entries[i] for i in owners]
            if not depends_on_words(senses):
                fixed[owners] = choose(senses, region=self.region, year=self.year, window="", tree=self.tree)
        return fixed

    def annotation(self, start: int, end: int, owners: tuple[int, ...], a: int, b: int, surface: str) -> Annotation:
        """The Annotation of a match-view span [start, end): its sense, and whether its scope holds."""
        window = self.view[max(0, start - CUE_WINDOW): end + CUE_WINDOW]
        cued = self._cued.get(owners)
        if cued is None:
            senses = [self.entries[i] for i in owners]
            cued = self._cued[owners] = (senses, [cue_forms(e) for e in senses])
        senses, forms = cued
        seen = (owners, tuple([cue_hits(f, window) for f in forms]))
        choice = self._chosen.get(seen)
        if choice is None:
            choice = self._chosen[seen] = choose(senses, region=self.region, year=self.year, window=window,
                                                 tree=self.tree)
        return make_annotation(Annotation, (a, b, surface, *choice))
