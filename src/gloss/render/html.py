"""A standalone annotated HTML page: every term a tooltip on hover and keyboard focus.

Everything from the glossary or the document is escaped; the page loads nothing from outside.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..glossary import Glossary
from ..model import Annotation
from .records import elsewhere_label, source_label

_STYLE = """
body{font:16px/1.8 system-ui,"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;background:#fff}
.doc{white-space:pre-wrap}
.t{position:relative;background:#fff3b0;border-bottom:2px solid #b58900;cursor:help}
.t.undocumented{background:#e8e8e8;border-bottom-color:#666}
.t.elsewhere{background:none;border-bottom:2px dashed #999;color:#555}
.t:focus{outline:3px solid #0050b3;outline-offset:1px}
.t .tip{display:none;position:absolute;left:0;top:1.9em;z-index:10;width:min(24rem,80vw);padding:.6rem .8rem;background:#1f2933;color:#fff;border-radius:4px;font-size:.875rem;line-height:1.5;white-space:normal}
.t:hover .tip,.t:focus .tip,.t:focus-within .tip{display:block}
.tip b{display:block}.tip small{display:block;color:#cbd2d9;margin-top:.3rem}
table{border-collapse:collapse;width:100%;margin-top:2rem}td,th{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}
@media print{.t .tip{display:none!important}.t{background:none}}
"""


def _tip(glossary: Glossary, ann: Annotation) -> str:
    e = ann.entry
    parts = [f"<b>{escape(e.term)} · {escape(e.name_en)}</b>"]
    if ann.scope_match is False:
        parts.append("<span lang=\"en\">Not this document's meaning: the entry is another place's term.</span>")
        parts.append(f"<span>{escape(elsewhere_label(e))}</span>")
    elif e.documented:
        parts.append(f"<span>{escape(e.definitions[0].zh)}</span>")
        parts.append(f"<span lang=\"en\">{escape(e.definitions[0].en)}</span>")
    else:
        parts.append("<span lang=\"en\">Meaning undocumented: no source we have explains it.</span>")
    meta = []
    if e.first_year_phrase:
        meta.append(e.first_year_phrase)
    meta.append("source: " + source_label(glossary, e.citations[0]))
    if ann.scope_match is None:
        meta.append(f"the meaning in {e.scope.region}; the document's region is unknown (confidence {ann.confidence:.0%})")
    if ann.alternatives:
        meta.append(f"sense chosen with confidence {ann.confidence:.0%}; other senses: {', '.join(ann.alternatives)}")
    parts.append(f"<small>{escape(' · '.join(meta))}</small>")
    return "".join(parts)


def _row(ann: Annotation) -> str:
    e = ann.entry
    if ann.scope_match is False:
        meaning, english = f"not this document's meaning — {elsewhere_label(e)}", e.name_en
    else:
        meaning, english = e.definition or "undocumented", e.en or e.name_en
    cls = ' class="elsewhere"' if ann.scope_match is False else ""
    return (f"<tr{cls}><td>{escape(e.term)}</td><td>{escape(meaning)}</td>"
            f"<td lang=\"en\">{escape(english)}</td><td>{e.first_year_label or ''}</td></tr>")


def render_page(glossary: Glossary, text: str, annotations: Sequence[Annotation], *, title: str) -> str:
    """The whole page as a string."""
    body = []
    pos = 0
    found = []
    for ann in sorted(annotations, key=lambda a: (a.start, -a.end)):
        if ann.start < pos:
            continue
        body.append(escape(text[pos:ann.start]))
        cls = "t elsewhere" if ann.scope_match is False else ("t" if ann.entry.documented else "t undocumented")
        body.append(
            f'<span class="{cls}" tabindex="0" data-id="{escape(ann.entry.id)}">{escape(ann.surface)}'
            f'<span class="tip" role="tooltip">{_tip(glossary, ann)}</span></span>'
        )
        pos = ann.end
        if all(ann.entry is not a.entry for a in found):
            found.append(ann)
    body.append(escape(text[pos:]))
    rows = "".join(_row(a) for a in found)
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{escape(title)} — gloss</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n"
        f"<h1>{escape(title)}</h1>\n<p lang=\"en\">{len(annotations)} annotations, {len(found)} terms "
        f"(glossary {escape(glossary.version)}).</p>\n"
        f"<div class=\"doc\">{''.join(body)}</div>\n"
        f"<table><thead><tr><th>术语</th><th>释义</th><th lang=\"en\">English</th><th lang=\"en\">First year</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>\n</body>\n</html>\n"
    )
