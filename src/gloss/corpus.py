"""Which documents of a dated corpus use each entry, and whether first_year agrees with them.

Matching goes through `Glossary.annotate`, so a use counted here is exactly what `gloss annotate`
shows in that document. A document's date comes, in order of trust, from a sidecar file next to it
(`NAME.meta.json` or `NAME.meta.yaml` with a `date`), the glossary's own `documents:` list (matched
on `file`), the report's heading line ("——2022年4月10日在…会议上") or `# 2017年…` header, and last
the file name.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .docinfo import date_from_filename, read_info
from .errors import GlossError, InputError
from .harvest import clean, sentence_at

if TYPE_CHECKING:
    from .glossary import Glossary

SIDECAR_SUFFIXES = (".meta.json", ".meta.yaml", ".meta.yml")
_DATE = re.compile(r"^(?:19|20)\d{2}(?:-\d{2}(?:-\d{2})?)?$")


class CorpusError(GlossError):
    """The corpus directory or one of its files cannot be read."""


@dataclass(frozen=True)
class CorpusDocument:
    name: str  # path relative to the corpus directory
    date: str | None
    date_basis: str | None  # sidecar, glossary, heading, header, filename

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


@dataclass(frozen=True)
class Use:
    document: str
    date: str | None
    count: int
    quote: str  # the first sentence in that document using the term


@dataclass
class TermUsage:
    """Where one entry occurs in the corpus."""

    entry_id: str
    term: str
    first_year: int | None
    uses: list[Use] = field(default_factory=list)

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
    failures: list[str] = field(default_factory=list)  # one message per file or folder that could not be read


def list_documents(directory: str | os.PathLike[str], pattern: str = "*.txt") -> tuple[list[Path], list[str]]:
    """The corpus files under `directory` matching `pattern`, sorted; READMEs and sidecars are not documents.

    Also returns a message for each folder that cannot be listed and each FIFO or device named like a document.
    """
    from fnmatch import fnmatchcase

    from .walk import walk_files

    root = Path(directory)
    if not root.is_dir():
        raise CorpusError(f"{directory}: not a directory")

    def wanted(name: str) -> bool:
        return fnmatchcase(name, pattern) and not name.upper().startswith("README") and not name.endswith(SIDECAR_SUFFIXES)

    files, problems = [], []
    for hit in walk_files(str(root), wanted):
        if isinstance(hit, str):
            files.append(Path(hit))
        else:
            problems.append(str(hit))
    return files, problems


def _sidecar_date(path: Path) -> str | None:
    import yaml

    for suffix in SIDECAR_SUFFIXES:
        side = path.with_name(path.name.rsplit(".", 1)[0] + suffix)
        if not side.is_file():
            side = path.with_name(path.name + suffix)
            if not side.is_file():
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


def document_date(path: Path, text: str, glossary: Glossary | None = None) -> tuple[str | None, str | None]:
    """(date, basis) of a corpus document; see the module docstring for the order of sources."""
    date = _sidecar_date(path)
    if date:
        return date, "sidecar"
    if glossary is not None:
        for doc in glossary.documents.values():
            if doc.file and doc.file == path.name:
                return doc.date, "glossary"
    info = read_info(text)
    if info.date:
        return info.date, info.date_basis
    date = date_from_filename(path.name)
    return (date, "filename") if date else (None, None)


def _read(path: Path) -> str:
    """The text as `gloss annotate` would read it (same encoding detection, same errors)."""
    from .decode import read_text

    return read_text(str(path), None)


def scan(directory: str | os.PathLike[str], glossary: Glossary, pattern: str = "*.txt") -> Scan:
    """Annotate every document of the corpus and collect, per entry, its uses."""
    root = Path(directory)
    usage = {e.id: TermUsage(e.id, e.term, e.first_year) for e in glossary.entries}
    documents = []
    paths, failures = list_documents(root, pattern)
    for path in paths:
        try:
            text = _read(path)
            date, basis = document_date(path, text, glossary)
        except InputError as exc:
            failures.append(str(exc))
            continue
        name = path.relative_to(root).as_posix()
        documents.append(CorpusDocument(name, date, basis))
        counts: dict[str, int] = {}
        first: dict[str, tuple[int, int]] = {}
        for a in glossary.annotate(text):
            counts[a.entry.id] = counts.get(a.entry.id, 0) + 1
            first.setdefault(a.entry.id, (a.start, a.end))
        for entry_id, count in counts.items():
            start, end = first[entry_id]
            quote = clean(sentence_at(text, start, end, limit=80, stops="。！？；!?;"))
            usage[entry_id].uses.append(Use(name, date, count, quote))
    return Scan(documents, usage, failures)


def check(result: Scan) -> list[Finding]:
    """Entries whose first_year is later than a dated use, then entries the corpus never uses."""
    early, unused = [], []
    for item in result.usage.values():
        first = item.earliest
        if first is None and not item.uses:
            unused.append(Finding(item.entry_id, "unused", f"{item.term}: not found in the corpus"))
            continue
        if item.first_year is not None and first is not None and int(first.date[:4]) < item.first_year:
            early.append(Finding(
                item.entry_id,
                "early-use",
                f"{item.term}: first_year is {item.first_year}, but {first.document} ({first.date}) "
                f"uses it: {first.quote}",
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
            "count": item.count,
            "documents": [u.document for u in item.uses],
            "years": item.years,
            "earliest": None if first is None else {"document": first.document, "date": first.date, "quote": first.quote},
            "uses": [{"document": u.document, "date": u.date, "count": u.count} for u in item.uses],
        })
    return {
        "documents": [{"name": d.name, "date": d.date, "date_basis": d.date_basis} for d in result.documents],
        "terms": terms,
    }
