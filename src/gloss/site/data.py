"""The data the browser needs, built at build time: search records and the compiled matching rules.

The annotator in static/matcher.js scans with keys that Python has already normalised and
classified (code, blockers, head words), so the two matchers share one definition of a key and
differ only in the scanning loop, which the shared test vectors pin down.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .. import pinyin
from ..annotate import CompiledGlossary
from ..glossary import Glossary
from ..model import Entry, Region
from ..normalize import normalize
from ..context import HEAD_CHARS
from ..places import hierarchy
from ..resolve import CUE_WINDOW, OUT_OF_SCOPE_CAP, UNKNOWN_REGION_CAP


def entry_url(entry_id: str) -> str:
    """Stable page of an entry, relative to the site root."""
    return f"entry/{entry_id}.html"


def search_record(entry: Entry) -> dict[str, Any]:
    """What search and the annotator tooltips show and match for one entry (short keys keep data.js small)."""
    tone = pinyin.tone_marked(entry)
    return {
        "id": entry.id,
        "t": entry.term,
        "a": list(entry.aliases),
        "n": entry.name_en,
        "p": tone,
        "c": pinyin.compact(tone),
        "i": pinyin.initials(entry),
        "k": entry.kind,
        "l": entry.scope.level,
        "r": entry.scope.region,
        "y": entry.first_year,
        "yl": entry.first_year_label,  # how the year is shown: "by 2021" for a bound
        "s": entry.sense_note,
        "d": entry.en,
        "z": entry.definition,
    }


def matcher_data(entries: Sequence[Entry], regions: Sequence[Region]) -> dict[str, Any]:
    """The compiled matching rules of `entries`, in the shape static/matcher.js reads."""
    compiled = CompiledGlossary(entries)
    keys = []
    for key in compiled.keys:
        senses = [
            [s.entry, list(s.head_words), [list(b) for b in s.blockers], int(s.needs_context), int(s.quoted_only)]
            for s in key.senses
        ]
        keys.append([key.text, senses, int(key.alnum_start), int(key.alnum_end)])
    return {
        "keys": keys,
        "entries": [
            {"id": e.id, "r": e.scope.region, "y": e.first_year, "b": int(e.first_year_is_bound),
             "cues": [normalize(c) for c in e.cues]}
            for e in entries
        ],
        "places": hierarchy(tuple(regions)).table(),
        "regions": [r.name for r in regions if r.level != "national"],
        "cueWindow": CUE_WINDOW,
        "headChars": HEAD_CHARS,
        "unknownCap": UNKNOWN_REGION_CAP,
        "outOfScopeCap": OUT_OF_SCOPE_CAP,
        "traditional": compiled.traditional.table,
    }


def termbase_data(glossary: Glossary) -> dict[str, Any]:
    """What the annotator's CSV and TBX export needs, cell for cell what `gloss annotate --format csv|tbx`
    writes (render/termbase.py); entries in the order of data.js. Loaded only when a reader exports."""
    from ..render import termbase

    title, description = termbase.tbx_description(glossary)
    return {
        "columns": list(termbase.CSV_COLUMNS),
        "title": title,
        "description": description,
        "entries": [
            {"row": termbase.csv_row(glossary, e), "note": termbase.entry_note(e),
             "source": termbase.definition_source(glossary, e), "aliases": list(e.aliases)}
            for e in glossary.entries
        ],
    }


def to_js(name: str, value: Any) -> bytes:
    """A script that sets window[name] to `value`: fetch() of a local JSON file fails under file://."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    # '<' only occurs inside strings; escaping it keeps the data inert even if inlined in HTML one day.
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{name} = {text};\n".encode()
