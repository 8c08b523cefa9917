"""Markdown output: the text with a footnote after each term's first mention."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..glossary import Glossary
from ..model import Annotation
from .records import elsewhere_label, source_label

_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _esc(text: str) -> str:
    return _SPECIAL.sub(r"\\\1", text)


def _text(text: str) -> str:
    """The document's own text: its HTML shown, never rendered (footnote references stay Markdown)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render_markdown(glossary: Glossary, text: str, annotations: Sequence[Annotation]) -> str:
    """The document with [^n] footnote references and the footnotes at the end."""
    numbers: dict[str, int] = {}
    out = []
    pos = 0
    for ann in sorted(annotations, key=lambda a: (a.start, -a.end)):
        if ann.start < pos:
            continue
        out.append(_text(text[pos:ann.end]))
        if ann.entry.id not in numbers:
            numbers[ann.entry.id] = len(numbers) + 1
            out.append(f"[^{numbers[ann.entry.id]}]")
        pos = ann.end
    out.append(_text(text[pos:]))
    notes = []
    first: dict[str, Annotation] = {}
    for a in annotations:
        first.setdefault(a.entry.id, a)
    for entry_id, n in numbers.items():
        ann = first[entry_id]
        e = ann.entry
        if ann.scope_match is False:
            body = f"*not this document's meaning* (another place's term; {_esc(elsewhere_label(e))})"
        elif e.documented:
            body = f"{_esc(e.definitions[0].zh)} — {_esc(e.definitions[0].en.rstrip('.'))}"
        else:
            body = "meaning undocumented"
        if ann.scope_match is None:
            body += f" (the meaning in {_esc(e.scope.region)}; the document's region is unknown)"
        year = f" {e.first_year_phrase[0].upper()}{e.first_year_phrase[1:]}." if e.first_year_phrase else ""
        notes.append(f"[^{n}]: **{_esc(e.term)}** ({_esc(e.name_en)}): {body}.{year} "
                     f"Source: {_esc(source_label(glossary, e.citations[0]))}.")
    tail = "\n\n" + "\n".join(notes) + "\n" if notes else ""
    return "".join(out).rstrip("\n") + tail
