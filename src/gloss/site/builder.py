"""Rendering the site: the Jinja2 templates over the glossary, plus static files and data.js."""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from collections.abc import Sequence
from importlib import resources
from typing import Any

import jinja2
from markupsafe import Markup

from .. import __version__, pinyin
from ..glossary import Glossary
from ..model import KINDS, LEVELS, Citation, Entry
from ..normalize import normalize
from ..tiers import citation_tier
from . import timeline
from .data import entry_url, matcher_data, search_record, termbase_data, to_js

BASIS_NAMES = {
    "coinage": "a dated source describes its introduction",
    "earliest-use": "the earliest dated use found",
    "bound": "an upper bound: in use by then; its first appearance is not known",
}
PAGES = ("index.html", "timeline.html", "annotate.html", "about.html")


@functools.lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gloss.site", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_url"] = safe_url
    return env


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s); None otherwise, so a `javascript:` source never becomes a link."""
    if url and url.split(":", 1)[0].lower() in ("http", "https"):
        return url
    return None


def _static_files() -> dict[str, bytes]:
    root = resources.files("gloss.site") / "static"
    return {f"static/{p.name}": p.read_bytes() for p in sorted(root.iterdir(), key=lambda p: p.name) if p.is_file()}


def sort_key(entry: Entry) -> tuple[int, tuple[str, ...], str, str, str]:
    """Dictionary order: letter sections A–Z then '#', then syllable by syllable (八项规定 before 保交楼),
    then tones, term and id."""
    letter = pinyin.index_letter(entry)
    marked = pinyin.tone_marked(entry)
    return (1 if letter == "#" else 0, tuple(pinyin.strip_tones(marked).split()), marked, entry.term, entry.id)


def sense_groups(entries: Sequence[Entry]) -> dict[str, list[Entry]]:
    """For each entry id, every entry that shares a surface form with it (itself first, then glossary order)."""
    parent = list(range(len(entries)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, entry in enumerate(entries):
        for surface in entry.surfaces:
            key = normalize(surface)
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    members: dict[int, list[Entry]] = defaultdict(list)
    for i, entry in enumerate(entries):
        members[find(i)].append(entry)
    groups = {}
    for i, entry in enumerate(entries):
        group = members[find(i)]
        groups[entry.id] = [entry] + [e for e in group if e.id != entry.id]
    return groups


class _Context:
    """What templates ask about the glossary: citations, related entries, pinyin."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self.referrers: dict[str, list[str]] = defaultdict(list)
        for entry in glossary.entries:
            for other in entry.related:
                self.referrers[other].append(entry.id)

    def document(self, citation: Citation) -> Any:
        return self.glossary.documents.get(citation.doc) if citation.doc else None

    def tier(self, citation: Citation) -> str:
        return citation_tier(self.glossary, citation)

    def related(self, entry: Entry) -> list[Entry]:
        """Related entries both ways: those it names, then those naming it; unknown ids left out."""
        ids = list(entry.related) + [i for i in self.referrers.get(entry.id, []) if i not in entry.related]
        return [e for e in (self.glossary.get(i) for i in ids) if e is not None and e.id != entry.id]

    @staticmethod
    def pinyin(entry: Entry) -> str:
        return pinyin.tone_marked(entry)


def render(glossary: Glossary) -> dict[str, bytes]:
    """Every file of the site as {relative posix path: bytes}."""
    env = _environment()
    entries = glossary.entries
    ctx = _Context(glossary)
    ordered = sorted(entries, key=sort_key)
    sections: dict[str, list[Entry]] = {}
    for entry in ordered:
        sections.setdefault(pinyin.index_letter(entry), []).append(entry)
    years = Counter(e.first_year for e in entries if e.first_year is not None)
    by_year: dict[int, list[Entry]] = defaultdict(list)
    for entry in ordered:
        if entry.first_year is not None:
            by_year[entry.first_year].append(entry)
    dated_levels = [lv for lv in LEVELS if any(e.scope.level == lv and e.first_year is not None for e in entries)]
    common = {
        "glossary": glossary,
        "title": glossary.meta.get("title", "gloss"),
        "version": glossary.version,
        "gloss_version": __version__,
        "ctx": ctx,
        "basis_names": BASIS_NAMES,
        "entry_url": entry_url,
    }
    files: dict[str, bytes] = {}

    def page(name: str, template: str, root: str, **values: Any) -> None:
        html = env.get_template(template).render(common, root=root, page=name, **values)
        files[name] = html.encode("utf-8")

    letters = list(sections)
    page(
        "index.html",
        "index.html",
        "",
        sections=sections,
        letters=letters,
        kinds=[k for k in KINDS if any(e.kind == k for e in entries)],
        levels=[lv for lv in LEVELS if any(e.scope.level == lv for e in entries)],
        regions=[r.name for r in glossary.regions if any(e.scope.region == r.name for e in entries)],
        years=sorted(years),
    )
    page(
        "timeline.html",
        "timeline.html",
        "",
        charts=[(level, n, Markup(chart)) for level, n, chart in _timeline_charts(entries, dated_levels)],
        by_year=[(year, [e for e in items if not e.first_year_is_bound], [e for e in items if e.first_year_is_bound])
                 for year, items in sorted(by_year.items())],
        undated=[e for e in ordered if e.first_year is None],
    )
    page("annotate.html", "annotate.html", "", regions=[r.name for r in glossary.regions])
    page("about.html", "about.html", "", counts=_counts(glossary))
    groups = sense_groups(entries)
    for entry in entries:
        page(entry_url(entry.id), "entry.html", "../", entry=entry, senses=groups[entry.id])
    files.update(_static_files())
    files["data.js"] = to_js(
        "GLOSS_DATA",
        {
            "version": glossary.version,
            "levels": list(LEVELS),  # search ranks a wider scope first within a tier, by this order
            "entries": [search_record(e) for e in entries],
            "matcher": matcher_data(entries, glossary.regions),
        },
    )
    files["termbase.js"] = to_js("GLOSS_TERMBASE", termbase_data(glossary))
    return dict(sorted(files.items()))


def _timeline_charts(entries: Sequence[Entry], levels: Sequence[str]) -> list[tuple[str, int, str]]:
    """(level, dated entries, SVG) for every level ("" for all): proven years and bounds counted apart."""
    out = []
    for level in ["", *levels]:
        chosen = [e for e in entries if e.first_year is not None and (not level or e.scope.level == level)]
        proven = Counter(e.first_year for e in chosen if not e.first_year_is_bound)
        bound = Counter(e.first_year for e in chosen if e.first_year_is_bound)
        out.append((level, len(chosen), timeline.chart(proven, bound, key=level or "all",
                                                        label=f"{level} entries" if level else "all levels")))
    return out


def _counts(glossary: Glossary) -> dict[str, Any]:
    entries = glossary.entries
    surfaces: Counter[str] = Counter()
    for entry in entries:
        for key in {normalize(s) for s in entry.surfaces}:
            surfaces[key] += 1
    return {
        "entries": len(entries),
        "documented": sum(1 for e in entries if e.documented),
        "undocumented": sum(1 for e in entries if not e.documented),
        "official": sum(1 for e in entries if any(d.official for d in e.definitions)),
        "ambiguous": sum(1 for n in surfaces.values() if n > 1),
        "dated": sum(1 for e in entries if e.first_year is not None),
        "documents": len(glossary.documents),
        "regions": len(glossary.regions),
        "kinds": [(k, n) for k in KINDS if (n := sum(1 for e in entries if e.kind == k))],
        "levels": [(lv, n) for lv in LEVELS if (n := sum(1 for e in entries if e.scope.level == lv))],
        "bases": [(b, n) for b in BASIS_NAMES if (n := sum(1 for e in entries if e.first_year_basis == b))],
    }
