"""The glossary as frozen dataclasses (and annotations as immutable records). No I/O here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import itemgetter

LEVELS = ("national", "province", "city", "county", "district")
KINDS = (
    "numbered-slogan",
    "code",
    "abbreviation",
    "slogan",
    "programme",
    "concept",
    "mechanism",
    "institution",
    "place",
    "foreign-acronym",
)


# An address inside a `where` text: "… (from https://www.ah.gov.cn/public/1681/7965241.html)".
# A pattern string, compiled on first use (re keeps it) instead of at import.
_ADDRESS = r"https?://[^\s()<>\"'，。）]+"


@dataclass(frozen=True)
class Region:
    name: str
    level: str
    parent: str | None = None


@dataclass(frozen=True)
class Document:
    """A dated document that entries quote."""

    id: str
    title: str
    issuer: str
    date: str
    region: str
    where: str
    file: str | None = None
    speaker: str | None = None
    occasion: str | None = None
    url: str | None = None

    @property
    def year(self) -> int:
        return int(self.date[:4])

    @property
    def link(self) -> str | None:
        """Its public address: `url`, else the http(s) address that `where` names (a copy's original page)."""
        if self.url:
            return self.url
        found = re.search(_ADDRESS, self.where)
        return found.group(0) if found else None


@dataclass(frozen=True)
class Citation:
    """A quote from a listed document, or a public page."""

    doc: str | None = None
    quote: str | None = None
    url: str | None = None
    title: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Definition:
    """One sourced reading of a term; several are kept when sources disagree."""

    zh: str
    en: str
    source: Citation
    official: bool = False


@dataclass(frozen=True)
class ComponentGroup:
    """What one numeral (or one digit group of a code) of a term stands for."""

    key: str | None
    items: tuple[str, ...]


@dataclass(frozen=True)
class Scope:
    level: str
    region: str


@dataclass(frozen=True)
class MatchRules:
    head_words: tuple[str, ...] = ()
    blockers: tuple[str, ...] = ()
    quoted_only: bool = False


@dataclass(frozen=True)
class Entry:
    """One sense of one piece of jargon."""

    id: str
    term: str
    name_en: str
    kind: str
    scope: Scope
    sources: tuple[Citation, ...]
    aliases: tuple[str, ...] = ()
    status: str = "documented"
    definitions: tuple[Definition, ...] = ()
    components: tuple[ComponentGroup, ...] = ()
    first_year: int | None = None
    first_year_source: Citation | None = None
    first_year_basis: str | None = None
    other_sense_uses: tuple[Citation, ...] = ()
    related: tuple[str, ...] = ()
    match: MatchRules = field(default_factory=MatchRules)
    sense: str | None = None
    cues: tuple[str, ...] = ()
    pinyin: str | None = None
    notes: str | None = None

    @property
    def surfaces(self) -> tuple[str, ...]:
        """The term and its aliases: every form the annotator looks for."""
        return (self.term, *self.aliases)

    @property
    def sense_note(self) -> str | None:
        """The sense label where it adds to the English name (not already part of it)."""
        if self.sense and self.sense.casefold() not in self.name_en.casefold():
            return self.sense
        return None

    @property
    def first_year_is_bound(self) -> bool:
        """True when first_year is only an upper bound: the term was in use by then."""
        return self.first_year_basis == "bound"

    @property
    def first_year_label(self) -> str | None:
        """The year as it must be shown: "2015", or "by 2015" for a bound."""
        if self.first_year is None:
            return None
        return f"by {self.first_year}" if self.first_year_is_bound else str(self.first_year)

    @property
    def first_year_phrase(self) -> str | None:
        """The year in running text: "first used 2015", or "in use by 2015" for a bound."""
        if self.first_year is None:
            return None
        return f"in use {self.first_year_label}" if self.first_year_is_bound else f"first used {self.first_year_label}"

    @property
    def documented(self) -> bool:
        return self.status == "documented"

    @property
    def citations(self) -> tuple[Citation, ...]:
        """Definition sources first, then usage sources, each once."""
        return tuple(dict.fromkeys([d.source for d in self.definitions] + list(self.sources)))

    @property
    def definition(self) -> str | None:
        """The primary Chinese definition, or None when undocumented."""
        return self.definitions[0].zh if self.definitions else None

    @property
    def en(self) -> str | None:
        """The primary English gloss, or None when undocumented."""
        return self.definitions[0].en if self.definitions else None


class Annotation(tuple):
    """A term found in a text. `text[start:end] == surface` on the original text.

    An immutable record with the fields start, end, surface, entry, confidence (1.0 unless
    senses competed or the scope is in doubt), alternatives (ids of the other senses) and scope_match
    (True: the entry's scope holds for the document; False: the document is from elsewhere, so the
    entry's definition is not this text's meaning; None: the document's region is unknown). A tuple subclass without a
    per-instance dict: building one costs a fifth of a frozen dataclass, and a document can
    hold hundreds of thousands of them. It compares equal only to another Annotation.
    """

    __slots__ = ()
    _fields = ("start", "end", "surface", "entry", "confidence", "alternatives", "scope_match")

    def __new__(
        cls, start: int, end: int, surface: str, entry: Entry, confidence: float = 1.0,
        alternatives: tuple[str, ...] = (), scope_match: bool | None = True,
    ) -> "Annotation":
        return tuple.__new__(cls, (start, end, surface, entry, confidence, alternatives, scope_match))

    start: int = property(itemgetter(0))  # type: ignore[assignment]
    end: int = property(itemgetter(1))  # type: ignore[assignment]
    surface: str = property(itemgetter(2))  # type: ignore[assignment]
    entry: Entry = property(itemgetter(3))  # type: ignore[assignment]
    confidence: float = property(itemgetter(4))  # type: ignore[assignment]
    alternatives: tuple[str, ...] = property(itemgetter(5))  # type: ignore[assignment]
    scope_match: bool | None = property(itemgetter(6))  # type: ignore[assignment]

    def __eq__(self, other: object) -> bool:
        return type(other) is Annotation and tuple.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = tuple.__hash__

    def __getnewargs__(self) -> tuple:  # pickling calls __new__ with the fields
        return tuple(self)

    def __repr__(self) -> str:
        return "Annotation(" + ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self)) + ")"


# Builds an Annotation from a 7-tuple without the argument handling of __new__ (the annotation
# loop makes one per match returned).
make_annotation = tuple.__new__
