"""Harvests compared with a glossary and written for a curator: terms.yaml fragments, JSON, JSONL."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..normalize import normalize
from .terms import QUOTE_CHARS, Pair

if TYPE_CHECKING:
    from ..glossary import Glossary
    from . import Harvest


@dataclass(frozen=True)
class Verdict:
    """A pair compared with a glossary: new, same, conflict, or undocumented (the entry has no definition)."""

    pair: Pair
    status: str
    entry_ids: tuple[str, ...] = ()
    existing: tuple[str, ...] = ()  # the existing definitions, when they differ


def compare(harvest: Harvest, glossary: Glossary) -> list[Verdict]:
    """Each pair against the glossary: new, same as an existing definition, conflict, or undocumented."""
    return Comparer(glossary).verdicts(harvest)


class Comparer:
    """A glossary indexed by surface once, to compare many harvests with it."""

    def __init__(self, glossary: Glossary) -> None:
        self._by_surface: dict[str, list] = {}
        for entry in glossary.entries:
            for surface in entry.surfaces:
                self._by_surface.setdefault(normalize(surface), []).append(entry)

    def verdicts(self, harvest: Harvest) -> list[Verdict]:
        return [self.verdict(pair) for pair in harvest.pairs]

    def verdict(self, pair: Pair) -> Verdict:
        keys = {normalize(pair.term), normalize(QUOTE_CHARS.sub("", pair.heading))}
        entries: list = []
        for key in keys:
            for entry in self._by_surface.get(key, ()):
                if entry not in entries:
                    entries.append(entry)
        if not entries:
            return Verdict(pair, "new")
        ids = tuple(e.id for e in entries)
        definitions = [d.zh for e in entries for d in e.definitions]
        if not definitions:
            return Verdict(pair, "undocumented", ids)
        if any(_same(d, pair.definition) for d in definitions):
            return Verdict(pair, "same", ids)
        return Verdict(pair, "conflict", ids, tuple(definitions))


def _same(a: str, b: str) -> bool:
    """Definitions agree when they are equal up to layout, width and final punctuation."""
    strip = "。.；;，, "
    return normalize(a).strip(strip) == normalize(b).strip(strip)


def document_stub(harvest: Harvest, file_name: str | None = None) -> dict[str, str]:
    """The `documents:` item to add for a harvested report; unknown required fields are left empty."""
    info = harvest.info
    title = info.title
    if not title or title == "政府工作报告":
        year = f"（{info.date[:4]}年）" if info.date else ""
        title = f"{info.region or ''}政府工作报告{year}"
    stub = {
        "id": harvest.doc_id,
        "title": title,
        "issuer": info.issuer or "",
        "date": info.date or "",
        "region": info.region or "",
        "where": harvest.where,
    }
    if file_name:
        stub["file"] = file_name
    if info.speaker:
        stub["speaker"] = info.speaker
    if info.occasion:
        stub["occasion"] = info.occasion
    return stub


def entry_dict(pair: Pair, harvest: Harvest) -> dict:
    """The terms.yaml entry a pair proposes; name_en and en are left for the curator to write."""
    doc = harvest.doc_id
    entry: dict = {"id": pair.entry_id, "term": pair.term, "name_en": "", "kind": pair.kind}
    if harvest.info.region and harvest.info.level:
        entry["scope"] = {"level": harvest.info.level, "region": harvest.info.region}
    definition = {"zh": pair.definition, "en": ""}
    if pair.origin == "appendix":
        definition["official"] = True
    definition["source"] = {"doc": doc, "quote": pair.quote}
    entry["definitions"] = [definition]
    if pair.components:
        if len(pair.components) == 1 and pair.components[0].key is None:
            entry["components"] = list(pair.components[0].items)
        else:
            entry["components"] = [{"key": g.key, "items": list(g.items)} for g in pair.components]
    entry["sources"] = [{"doc": doc, "quote": pair.usage or pair.quote}]
    match: dict = {}
    if pair.head_words:
        match["head_words"] = list(pair.head_words)
    if pair.quoted_only:
        match["quoted_only"] = True
    if match:
        entry["match"] = match
    return entry


def _verdict_note(verdict: Verdict | None) -> str:
    if verdict is None:
        return ""
    ids = ", ".join(verdict.entry_ids)
    if verdict.status == "same":
        return f" · same as {ids}"
    if verdict.status == "undocumented":
        return f" · documents {ids}, which has no definition yet"
    if verdict.status == "conflict":
        return f" · conflicts with {ids}"
    return " · new"


def to_yaml(harvests: Sequence[tuple[Harvest, str | None]], verdicts: dict[int, Verdict] | None = None) -> str:
    """terms.yaml fragments: the documents to add, then one entry per pair, each headed by where it came from.

    `verdicts` maps id(pair) to its comparison with a glossary; a conflict lists the existing
    definitions in comments so both readings are in front of the curator.
    """
    import yaml

    def dump(value: object) -> str:
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=None)

    out = ["# Harvested by gloss; review every entry, write name_en and en, then run 'gloss validate'."]
    out.append("documents:")
    for harvest, file_name in harvests:
        stub = yaml.safe_dump([document_stub(harvest, file_name)], allow_unicode=True, sort_keys=False, width=10_000)
        out.append(_indent(stub, "  "))
    out.append("entries:")
    for harvest, _ in harvests:
        for pair in harvest.pairs:
            verdict = verdicts.get(id(pair)) if verdicts else None
            out.append(f"  # {harvest.name}:{pair.line} ({pair.origin}: {pair.heading}){_verdict_note(verdict)}")
            if verdict is not None and verdict.status == "conflict":
                out += [f"  #   existing: {d}" for d in verdict.existing]
            out.append(_indent(dump([entry_dict(pair, harvest)]), "  "))
    return "\n".join(out) + "\n"


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.rstrip("\n").split("\n"))


def _pair_data(pair: Pair, harvest: Harvest, verdict: Verdict | None) -> dict:
    item = {
        "term": pair.term,
        "heading": pair.heading,
        "definition": pair.definition,
        "quote": pair.quote,
        "line": pair.line,
        "origin": pair.origin,
        "layout": pair.layout,
        "kind": pair.kind,
        "entry_id": pair.entry_id,
        "components": [{"key": g.key, "items": list(g.items)} for g in pair.components],
        "head_words": list(pair.head_words),
        "quoted_only": pair.quoted_only,
        "usage": pair.usage,
        "entry": entry_dict(pair, harvest),
    }
    if verdict is not None:
        item["status"] = verdict.status
        item["entry_ids"] = list(verdict.entry_ids)
        item["existing"] = list(verdict.existing)
    return item


def to_json_data(harvests: Sequence[tuple[Harvest, str | None]], verdicts: dict[int, Verdict] | None = None) -> list:
    """Plain data for JSON output: per document, where the appendix was, the notes and every pair."""
    result = []
    for harvest, file_name in harvests:
        appendix = None
        if harvest.appendix is not None:
            a = harvest.appendix
            appendix = {"heading": a.heading, "line": a.line, "last_line": a.last_line,
                        "layout": a.layout, "numbered": a.numbered, "stopped": a.stopped}
        pairs = [_pair_data(p, harvest, verdicts.get(id(p)) if verdicts else None) for p in harvest.pairs]
        result.append({
            "file": harvest.name,
            "document": document_stub(harvest, file_name),
            "date": harvest.info.date,
            "appendix": appendix,
            "notes": list(harvest.notes),
            "pairs": pairs,
        })
    return result


def to_records(harvest: Harvest, file_name: str | None = None,
               verdicts: dict[int, Verdict] | None = None) -> Iterator[dict]:
    """One flat record per pair, for JSONL: the pair with its place, date and document on every line."""
    document = document_stub(harvest, file_name)
    place = {"region": harvest.info.region, "level": harvest.info.level, "place": harvest.info.place}
    for pair in harvest.pairs:
        record = {"file": harvest.name, **place, "date": harvest.info.date, "document": document}
        record.update(_pair_data(pair, harvest, verdicts.get(id(pair)) if verdicts else None))
        yield record
