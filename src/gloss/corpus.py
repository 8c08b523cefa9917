"""Which documents of a dated corpus use each entry, and whether first_year agrees with them.

Matching goes through the annotator (`gloss.annotate`), so a use counted here is exactly what
`gloss annotate` shows in that document, with the sense it resolves there (the document's year and
region as context): a use attributed to another sense entry of the same string is not a use of
this entry. Documents are plain or gzip text. A document's date comes, in order of trust, from a
sidecar file next to it (`NAME.meta.json` or `NAME.meta.yaml` with a `date`), the glossary's own
`documents:` list (a document whose `file` is a path suffix of the corpus file: a curated date, which
corrects a collection's wrong label), the report's heading line ("——2022年4月10日在…会议": the
document's own date) where it is within a year of the reference-corpus first line
(`# <title> | <date> | <source>`) and that line's title does not name its own day (新闻联播 2018-12-11: a
heading there is a speech the broadcast reads out), else that first line, a `# 2017年…` header, and last
the file name.
"""

from __future__ import annotations

import functools
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .docinfo import DocInfo, date_from_filename, first_line, place_in_title, read_info
from .errors import GlossError
from .harvest import clean, sentence_at
from .model import Scope
from .resolve import RegionTree
from .walk import DOCUMENT_PATTERNS

if TYPE_CHECKING:
    from .glossary import Glossary

SIDECAR_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml")
_DATE = re.compile(r"^(?:19|20)\d{2}(?:-\d{2}(?:-\d{2})?)?$")


class CorpusError(GlossError):
    """The corpus directory or one of its files cannot be read."""


@dataclass(frozen=True)
class CorpusDocument:
    name: str  # path relative to the corpus directory (prefixed by the directory when scanning several)
    date: str | None
    date_basis: str | None  # sidecar, first-line, heading, glossary, header, filename
    path: str = ""  # the file as found on disk
    region: str | None = None  # where the document says it comes from (see document_region)

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


@dataclass(frozen=True)
class Use:
    document: str
    date: str | None
    count: int
    quote: str  # the first sentence in that document using the term
    surface: str = ""  # the form found there first, layout removed
    path: str = ""  # the document's file
    region: str | None = None  # the document's region, when known


@dataclass
class TermUsage:
    """Where one entry occurs in the corpus."""

    entry_id: str
    term: str
    first_year: int | None
    uses: list[Use] = field(default_factory=list)
    first_year_label: str | None = None  # as shown: "2015", or "by 2015" for a bound
    first_year_basis: str | None = None
    scope: Scope | None = None

    @property
    def count(self) -> int:
        return sum(u.count for u in self.uses)

    @property
    def years(self) -> list[int]:
        return sorted({int(u.date[:4]) for u in self.uses if u.date})

    @property
    def earliest(self) -> Use | None:
        """The earliest dated use (ties broken by document name)."""
        dated = [u for u in self.uses if u.date]
        return min(dated, key=lambda u: (u.date, u.document)) if dated else None


@dataclass(frozen=True)
class Finding:
    """A --check result: 'early-use' (first_year later than an attested use) or 'unused'."""

    entry_id: str
    kind: str
    message: str


@dataclass
class Scan:
    documents: list[CorpusDocument]
    usage: dict[str, TermUsage]  # entry id -> usage, every entry of the glossary
    other_senses: dict[str, tuple[str, ...]] = field(default_factory=dict)  # entry id -> files of other-sense uses
    regions: RegionTree | None = None  # the glossary's regions, to place documents against scopes
    failures: list[str] = field(default_factory=list)  # one message per file or folder that could not be read


def list_documents(
    directory: str | os.PathLike[str], pattern: str | Sequence[str] = DOCUMENT_PATTERNS
) -> tuple[list[Path], list[str]]:
    """The corpus files under `directory` matching `pattern` (one glob or several), sorted; READMEs and
    sidecars are not documents. Also a message for each folder that cannot be listed and each FIFO
    or device named like a document."""
    from fnmatch import fnmatchcase

    from .walk import walk_files

    root = Path(directory)
    if not root.is_dir():
        raise CorpusError(f"{directory}: not a directory")
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)

    def wanted(name: str) -> bool:
        return (any(fnmatchcase(name, p) for p in patterns) and not name.upper().startswith("README")
                and not name.endswith(SIDECAR_SUFFIXES))

    files, problems = [], []
    for hit in walk_files(str(root), wanted):
        if isinstance(hit, str):
            files.append(Path(hit))
        else:
            problems.append(str(hit))
    return files, problems


def file_matches(path: str | os.PathLike[str], file: str) -> bool:
    """Whether a glossary document's `file` names this corpus file: its path ends with those components."""
    want = PurePosixPath(file.replace("\\", "/")).parts
    have = Path(os.path.abspath(path)).parts
    return bool(want) and len(want) <= len(have) and tuple(have[-len(want):]) == want


@functools.lru_cache(maxsize=64)
def _sidecars_in(directory: Path) -> frozenset[str]:
    """Names of the sidecar files of a directory (listed once per scan, not probed per document)."""
    try:
        return frozenset(n for n in os.listdir(directory) if n.endswith(SIDECAR_SUFFIXES))
    except OSError:
        return frozenset()


def _sidecar_date(path: Path) -> str | None:
    import yaml

    present = _sidecars_in(path.parent)
    if not present:
        return None
    for suffix in SIDECAR_SUFFIXES:
        side = path.with_name(path.name.rsplit(".", 1)[0] + suffix)
        if side.name not in present:
            side = path.with_name(path.name + suffix)
            if side.name not in present:
                continue
        try:
            raw = side.read_text("utf-8")
            if suffix == ".meta.json":
                data = json.loads(raw)
            else:
                data = yaml.safe_load(raw)
        except (OSError, ValueError, yaml.YAMLError) as exc:
            raise CorpusError(f"{side}: unreadable metadata ({exc})") from None
        date = str(data.get("date", "")) if isinstance(data, dict) else ""
        if not _DATE.match(date):
            raise CorpusError(f"{side}: 'date' must be YYYY, YYYY-MM or YYYY-MM-DD, got {date!r}")
        return date
    return None


def _listed_document(path: Path, glossary: Glossary | None) -> Any:
    """The glossary's document whose `file` names this corpus file, or None."""
    if glossary is None:
        return None
    index = glossary.__dict__.get("_corpus_files")
    if index is None:  # by base name, so each corpus file is compared with a few documents, not all
        index = {}
        for doc in glossary.documents.values():
            if doc.file:
                index.setdefault(PurePosixPath(doc.file.replace("\\", "/")).name, []).append(doc)
        glossary.__dict__["_corpus_files"] = index
    return next((doc for doc in index.get(path.name, ()) if file_matches(path, doc.file)), None)


def document_date(
    path: Path, text: str, glossary: Glossary | None = None, info: DocInfo | None = None
) -> tuple[str | None, str | None]:
    """(date, basis) of a corpus document; see the module docstring for the order of sources.

    `info` is the document's `read_info`, when the caller has it already."""
    date = _sidecar_date(path)
    if date:
        return date, "sidecar"
    listed = _listed_document(path, glossary)
    if listed is not None:
        return listed.date, "glossary"  # a curated date beats a collection's label
    info = info or read_info(text)
    if info.date:
        return info.date, info.date_basis
    date = date_from_filename(path.name)
    return (date, "filename") if date else (None, None)


def document_region(
    path: Path, text: str, glossary: Glossary | None = None, info: DocInfo | None = None
) -> str | None:
    """The region a corpus document comes from, where it says: the glossary's document, the place in a
    first line's report title (2017年山西省政府工作报告), or the report's heading; else None."""
    listed = _listed_document(path, glossary)
    if listed is not None:
        return listed.region
    found = first_line(text)
    if found is not None:
        return place_in_title(found[0])
    return (info or read_info(text)).region


def _scan_one(item: tuple[str, str]) -> tuple[str | None, str | None, str | None, list[tuple[int, int, str, str]]]:
    """In a worker: one document's (date, basis, region, [(entry index, count, surface, quote)])."""
    from .annotate import annotate
    from .decode import read_text
    from .parallel import worker_glossary

    path, _name = item
    glossary = worker_glossary()
    text = read_text(path, None)  # as `gloss annotate` reads it: gzip, encoding detection, same errors
    info = read_info(text)  # the opening lines, read once for the date and the region
    date, basis = document_date(Path(path), text, glossary, info)
    region = document_region(Path(path), text, glossary, info)
    year = int(date[:4]) if date else None
    known = region if region in _region_names(glossary) else None  # else the annotator reads the heading
    counts: dict[int, int] = {}
    first: dict[int, tuple[int, int]] = {}
    index = _entry_index(glossary)
    for a in annotate(glossary.compiled, glossary.entries, glossary.regions, text, region=known, year=year,
                      name=path):
        i = index[id(a.entry)]
        counts[i] = counts.get(i, 0) + 1
        first.setdefault(i, (a.start, a.end))
    uses = []
    if counts and text.startswith("#"):  # a header line is not part of any quoted sentence
        header = text.find("\n") + 1 or len(text)
        text = " " * header + text[header:]
    for i, count in counts.items():
        start, end = first[i]
        quote = clean(sentence_at(text, start, end, limit=80, stops="。！？；!?;"))
        uses.append((i, count, clean(text[start:end]), quote))
    return date, basis, region, uses


def _region_names(glossary: Glossary) -> frozenset[str]:
    cached = glossary.__dict__.get("_corpus_regions")
    if cached is None:
        cached = glossary.__dict__["_corpus_regions"] = frozenset(r.name for r in glossary.regions)
    return cached


def _entry_index(glossary: Glossary) -> dict[int, int]:
    cached = glossary.__dict__.get("_corpus_index")
    if cached is None:
        cached = glossary.__dict__["_corpus_index"] = {id(e): i for i, e in enumerate(glossary.entries)}
    return cached


def scan(
    directory: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    glossary: Glossary,
    pattern: str | Sequence[str] = DOCUMENT_PATTERNS,
    *,
    jobs: int = 1,
) -> Scan:
    """Annotate every document of the corpus (one directory or several), in `jobs` worker processes,
    and collect, per entry, its uses."""
    from .parallel import map_files

    roots = [directory] if isinstance(directory, (str, os.PathLike)) else list(directory)
    items: list[tuple[str, str]] = []
    failures: list[str] = []
    for root in roots:
        paths, problems = list_documents(root, pattern)
        failures += problems
        for path in paths:
            rel = path.relative_to(root).as_posix()
            name = rel if len(roots) == 1 else f"{Path(root).as_posix()}/{rel}"
            items.append((str(path), name))
    _sidecars_in.cache_clear()  # listings are cached for one scan only
    entries = glossary.entries
    usage = {
        e.id: TermUsage(e.id, e.term, e.first_year, [], e.first_year_label, e.first_year_basis, e.scope)
        for e in entries
    }
    documents = []
    work = functools.partial(_guarded, _scan_one)
    for (path, name), (error, result) in zip(items, map_files(glossary, items, work, jobs=jobs, lost=_lost)):
        if error is not None:
            failures.append(error)  # one unreadable document does not stop the scan
            continue
        date, basis, region, uses = result
        documents.append(CorpusDocument(name, date, basis, path, region))
        for i, count, surface, quote in uses:
            usage[entries[i].id].uses.append(Use(name, date, count, quote, surface, path, region))
    return Scan(documents, usage, _other_sense_files(glossary), RegionTree(glossary.regions), failures)


def _lost(item: tuple[str, str]) -> tuple[str, None]:
    return f"{item[0]}: the worker process died while reading it (killed, or out of memory?)", None


def _guarded(work: Any, item: tuple[str, str]) -> tuple[str | None, Any]:
    """(error, None) instead of raising in a worker, so the message reaches the caller as one line."""
    try:
        return None, work(item)
    except GlossError as exc:
        return str(exc), None
    except OSError as exc:
        return f"{item[0]}: {exc.strerror or exc}", None


def _other_sense_files(glossary: Glossary) -> dict[str, tuple[str, ...]]:
    """Entry id -> the files of the documents its other_sense_uses cite."""
    out = {}
    for e in glossary.entries:
        files = []
        for c in e.other_sense_uses:
            doc = glossary.documents.get(c.doc) if c.doc else None
            if doc is not None and doc.file:
                files.append(doc.file)
        if files:
            out[e.id] = tuple(files)
    return out


def _year(date: str | None) -> int | None:
    return int(date[:4]) if date else None


def in_scope(scope: Scope | None, region: str | None, tree: RegionTree | None) -> bool:
    """Whether a use in a document of `region` can be a use of an entry with this scope.

    A national entry: anywhere. A local entry: in a document of its region, of a region above it (the
    province's or the national report) or inside it, and in a document whose region is not known; not
    in a document of an unrelated place, whose same-named scheme is that place's own.
    """
    if scope is None or scope.level == "national" or region is None or tree is None:
        return True
    return region in tree.ancestors(scope.region) or scope.region in tree.ancestors(region)


def early_uses(result: Scan, item: TermUsage, all_regions: bool = False) -> list[Use]:
    """The dated uses of an entry before its first_year, in its scope (or anywhere with `all_regions`),
    that its other_sense_uses do not explain; earliest first."""
    if item.first_year is None:
        return []
    others = result.other_senses.get(item.entry_id, ())
    early = [
        u for u in item.uses
        if u.date and _year(u.date) < item.first_year
        and (all_regions or in_scope(item.scope, u.region, result.regions))
        and not any(file_matches(u.path, f) for f in others)
    ]
    return sorted(early, key=lambda u: (u.date, u.document))


def check(result: Scan, all_regions: bool = False) -> list[Finding]:
    """One 'early-use' finding per dated use before an entry's first_year that is not listed as another
    sense (and, unless `all_regions`, is in a document that can be in the entry's scope: see `in_scope`);
    then 'unused' for entries the corpus never uses."""
    early, unused = [], []
    for item in result.usage.values():
        if not item.uses:
            unused.append(Finding(item.entry_id, "unused", f"{item.term}: not found in the corpus"))
            continue
        shown = item.first_year_label or str(item.first_year)
        basis = f" ({item.first_year_basis})" if item.first_year_basis else ""
        for use in early_uses(result, item, all_regions):
            early.append(Finding(
                item.entry_id,
                "early-use",
                f"{item.term}: first_year {shown}{basis}, but {use.document} ({use.date}) uses "
                f"“{use.surface}”: {use.quote}",
            ))
    return early + unused


def to_data(result: Scan, entries: Sequence[str] | None = None) -> dict:
    """Plain data for JSON output."""
    wanted = set(entries) if entries else None
    terms = []
    for item in result.usage.values():
        if wanted is not None and item.entry_id not in wanted:
            continue
        first = item.earliest
        terms.append({
            "entry": item.entry_id,
            "term": item.term,
            "first_year": item.first_year,
            "first_year_label": item.first_year_label,
            "first_year_bound": item.first_year_basis == "bound",
            "count": item.count,
            "documents": [u.document for u in item.uses],
            "years": item.years,
            "earliest": None if first is None else {"document": first.document, "date": first.date, "quote": first.quote},
            "uses": [{"document": u.document, "date": u.date, "count": u.count} for u in item.uses],
        })
    return {
        "documents": [{"name": d.name, "date": d.date, "date_basis": d.date_basis, "region": d.region}
                      for d in result.documents],
        "terms": terms,
    }
