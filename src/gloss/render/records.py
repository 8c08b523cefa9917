"""Annotations and entries as plain JSON-ready dicts (shared by the JSON, HTML and site outputs)."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from .. import __version__
from ..glossary import Glossary
from ..model import Annotation, Citation, Entry
from ..tiers import LABELS, citation_tier


def citation(glossary: Glossary, cite: Citation) -> dict[str, Any]:
    """A citation with its document's title, issuer and date spelled out."""
    if cite.doc is not None:
        doc = glossary.documents.get(cite.doc)
        out: dict[str, Any] = {"doc": cite.doc}
        if doc is not None:
            out.update(title=doc.title, issuer=doc.issuer, date=doc.date, where=doc.where)
        out["quote"] = cite.quote
        out["tier"] = citation_tier(glossary, cite)
        return out
    out = {"url": cite.url, "title": cite.title}
    if cite.quote:
        out["quote"] = cite.quote
    if cite.date:
        out["date"] = cite.date
    out["tier"] = citation_tier(glossary, cite)
    return out


def source_label(glossary: Glossary, cite: Citation) -> str:
    """'涧西区政府工作报告（2023年）, 2023-02-21', or a page's title and address; a low source says so."""
    if cite.doc is not None:
        doc = glossary.documents.get(cite.doc)
        return f"{doc.title}, {doc.date}" if doc else cite.doc
    tier = citation_tier(glossary, cite)
    return f"{cite.title} <{cite.url}>" + (f" [{LABELS[tier]}]" if tier == "low" else "")


def entry_sources(glossary: Glossary, entry: Entry) -> list[dict[str, Any]]:
    """Definition sources first, then usage sources, without repeats."""
    return [citation(glossary, cite) for cite in entry.citations]


def entry_record(glossary: Glossary, e: Entry, pinyin: str) -> dict[str, Any]:
    """Everything about an entry as a JSON-ready dict (`gloss lookup --format json`, `gloss export`)."""
    return {
        "id": e.id, "term": e.term, "aliases": list(e.aliases), "pinyin": pinyin, "name_en": e.name_en,
        "kind": e.kind, "scope": {"level": e.scope.level, "region": e.scope.region}, "sense": e.sense,
        "status": e.status,
        "definitions": [{"zh": d.zh, "en": d.en, "official": d.official, "source": citation(glossary, d.source)}
                        for d in e.definitions],
        "components": [{"key": g.key, "items": list(g.items)} for g in e.components],
        "first_year": e.first_year, "first_year_basis": e.first_year_basis,
        "first_year_bound": e.first_year_is_bound, "first_year_label": e.first_year_label,
        "first_year_source": citation(glossary, e.first_year_source) if e.first_year_source else None,
        "other_sense_uses": [citation(glossary, c) for c in e.other_sense_uses],
        "sources": entry_sources(glossary, e), "related": list(e.related),
    }


def entry_fields(glossary: Glossary, e: Entry, scope_match: bool | None = True) -> dict[str, Any]:
    """The fields of an annotation's JSON object that depend on its entry (and whether its scope holds).

    Out of scope (`scope_match` False), the definition is not the text's meaning: `definition`, `en`
    and `readings` are left out, and `elsewhere` says what the term means in the entry's region.
    """
    fields: dict[str, Any] = {
        "id": e.id,
        "term": e.term,
        "kind": e.kind,
        "definition": e.definition if scope_match is not False else None,
        "en": e.en if scope_match is not False else None,
        "first_year": e.first_year,
        "first_year_basis": e.first_year_basis,
        "first_year_bound": e.first_year_is_bound,
        "first_year_label": e.first_year_label,
        "scope": {"level": e.scope.level, "region": e.scope.region},
        "sources": entry_sources(glossary, e),
        "name_en": e.name_en,
        "status": e.status,
    }
    if e.sense:
        fields["sense"] = e.sense
    if scope_match is False:
        fields["elsewhere"] = elsewhere(e)
    elif len(e.definitions) > 1:
        fields["readings"] = [{"zh": d.zh, "en": d.en, "source": citation(glossary, d.source)} for d in e.definitions]
    return fields


def elsewhere(e: Entry) -> dict[str, Any]:
    """What an out-of-scope entry means in its own region: shown as "in 洛阳市: …"."""
    return {"region": e.scope.region, "definition": e.definition, "en": e.en, "label": elsewhere_label(e)}


def elsewhere_label(e: Entry) -> str:
    """'in 洛阳市: 伏牛山和太行-王屋山' (or the English name when the entry is undocumented)."""
    return f"in {e.scope.region}: {e.definition or e.name_en}"


def annotation_record(glossary: Glossary, ann: Annotation, utf16: "Utf16Offsets | None" = None) -> dict[str, Any]:
    """The documented JSON object of one annotation."""
    position: dict[str, Any] = {"start": ann.start, "end": ann.end, "surface": ann.surface}
    if utf16 is not None:
        position["start_utf16"] = utf16(ann.start)
        position["end_utf16"] = utf16(ann.end)
    return {
        **position,
        **entry_fields(glossary, ann.entry, ann.scope_match),
        "alternatives": list(ann.alternatives),
        "confidence": ann.confidence,
        "scope_match": ann.scope_match,
    }


def header(glossary: Glossary) -> dict[str, Any]:
    """The fields that open every JSON document."""
    return {
        "gloss_version": __version__,
        "glossary": {"entries": len(glossary.entries), "sha256": glossary.sha256, "version": glossary.version},
    }


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class Utf16Offsets:
    """Code-point offsets -> UTF-16 code-unit offsets, for JavaScript consumers."""

    def __init__(self) -> None:
        self._astral: list[int] = []
        self._seen = 0

    def feed(self, text: str) -> None:
        """Record the astral-plane characters of the next stretch of text."""
        base = self._seen
        self._astral.extend(base + m.start() for m in _ASTRAL.finditer(text))
        self._seen += len(text)

    def __call__(self, offset: int) -> int:
        return offset + bisect_left(self._astral, offset)
