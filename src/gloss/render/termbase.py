"""Entries as a translator's termbase: CSV with the columns CAT tools map, and TBX-Basic.

TBX is the terminology exchange format of ISO 30042; TBX-Basic is its dialect for translators'
tools, written here as the `martif` document of the 2008 edition that CAT tools import. Each entry
is one termEntry with a zh-Hans and an en language section; a definition carries its source, an
undocumented entry says so in a note, and a low-authority source is named as such.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .. import __version__
from .records import source_label

if TYPE_CHECKING:
    from ..glossary import Glossary
    from ..model import Annotation, Entry

CSV_COLUMNS = ("term_zh", "term_en", "definition_zh", "definition_en", "source", "first_year", "scope", "id")
UNDOCUMENTED = "meaning undocumented: no source found explains it"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def document_terms(annotations: Sequence[Annotation]) -> tuple[list[Entry], dict[str, int]]:
    """The entries a document uses, in order of first use, and how often; a match whose meaning in
    the document is another place's (scope_match False) is left out: it has no entry to give."""
    counts: dict[str, int] = {}
    entries: list[Entry] = []
    for a in annotations:
        if a.scope_match is False:
            continue
        if a.entry.id not in counts:
            entries.append(a.entry)
        counts[a.entry.id] = counts.get(a.entry.id, 0) + 1
    return entries, counts


def _scope(e: Entry) -> str:
    return f"{e.scope.level} · {e.scope.region}"


def entry_note(e: Entry) -> str:
    """What a translator should know besides the definition: sense, scope, first year, gaps."""
    parts = [f"scope: {_scope(e)}"]
    if e.sense:
        parts.append(f"sense: {e.sense}")
    if e.first_year_label:
        parts.append(f"first used: {e.first_year_label}")
    if not e.documented:
        parts.append(UNDOCUMENTED)
    return "; ".join(parts)


def csv_text(glossary: Glossary, entries: Sequence[Entry], counts: Mapping[str, int] | None = None) -> str:
    """A CSV document with a header row; with `counts`, a last column `count` (occurrences in a text)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS + (("count",) if counts is not None else ()))
    for e in entries:
        writer.writerow(csv_row(glossary, e) + ([str(counts.get(e.id, 0))] if counts is not None else []))
    return out.getvalue()


def csv_row(glossary: Glossary, e: Entry) -> list[str]:
    """An entry's cells under CSV_COLUMNS (the site's annotator exports the same cells)."""
    return [e.term, e.name_en, e.definition or "", e.en or "",
            source_label(glossary, e.citations[0]) if e.citations else "", e.first_year_label or "",
            _scope(e), e.id]


def tbx_description(glossary: Glossary) -> tuple[str, str]:
    """The title and the source description of a TBX header."""
    return (str(glossary.meta.get("title", "gloss")),
            f"gloss {__version__}, glossary version {glossary.version}, licence {glossary.meta.get('licence', '')}")


def definition_source(glossary: Glossary, e: Entry) -> str | None:
    """The label of the source of an entry's definition, None when it has none."""
    return source_label(glossary, e.definitions[0].source) if e.definitions else None


def tbx_bytes(glossary: Glossary, entries: Sequence[Entry], counts: Mapping[str, int] | None = None) -> bytes:
    """A TBX-Basic document (UTF-8 XML) of the entries; with `counts`, each entry's count in a note."""
    martif = ET.Element("martif", {"type": "TBX-Basic", _XML_LANG: "en"})
    header = ET.SubElement(martif, "martifHeader")
    file_desc = ET.SubElement(header, "fileDesc")
    title, description = tbx_description(glossary)
    ET.SubElement(ET.SubElement(file_desc, "titleStmt"), "title").text = title
    ET.SubElement(ET.SubElement(file_desc, "sourceDesc"), "p").text = description
    ET.SubElement(ET.SubElement(header, "encodingDesc"), "p", {"type": "XCSURI"}).text = "TBXBasicXCSV02.xcs"
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for e in entries:
        entry = ET.SubElement(body, "termEntry", {"id": f"gloss-{e.id}"})  # an XML ID may not start with a digit
        ET.SubElement(entry, "descrip", {"type": "subjectField"}).text = "Chinese government and party policy"
        note = entry_note(e)
        if counts is not None:
            note += f"; occurrences in the document: {counts.get(e.id, 0)}"
        ET.SubElement(entry, "note").text = note
        _lang_set(entry, "zh-Hans", e.definition, glossary, e, [e.term, *e.aliases])
        _lang_set(entry, "en", e.en, glossary, e, [e.name_en])
    ET.indent(martif)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(martif, encoding="utf-8") + b"\n"


def _lang_set(entry: ET.Element, lang: str, definition: str | None, glossary: Glossary, e: Entry,
              terms: list[str]) -> None:
    lang_set = ET.SubElement(entry, "langSet", {_XML_LANG: lang})
    if definition:
        group = ET.SubElement(lang_set, "descripGrp")
        ET.SubElement(group, "descrip", {"type": "definition"}).text = definition
        ET.SubElement(group, "admin", {"type": "source"}).text = definition_source(glossary, e)
    for i, term in enumerate(terms):
        tig = ET.SubElement(lang_set, "tig")
        ET.SubElement(tig, "term").text = term
        ET.SubElement(tig, "termNote", {"type": "partOfSpeech"}).text = "noun"
        if i:
            ET.SubElement(tig, "termNote", {"type": "termType"}).text = "variant"
