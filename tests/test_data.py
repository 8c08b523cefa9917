"""Invariants of the shipped glossary, terms.yaml (code tests use the tiny fixture instead)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from gloss.checks import is_code
from gloss.load import check
from gloss.normalize import normalize

from conftest import ROOT, SHARED, require_shared

TEXT_DIRS = ("seeds", "corpus/national", "corpus/provinces-2025")


def test_terms_yaml_is_valid():
    assert [str(p) for p in check(ROOT / "terms.yaml")] == []


def test_every_entry_has_a_source_and_a_meaning_or_says_it_has_none(real):
    for e in real.entries:
        assert e.sources, e.id
        assert e.documented == bool(e.definitions), e.id


def test_every_code_has_head_words_or_is_quoted_only(real):
    for e in real.entries:
        if any(is_code(normalize(s)) for s in e.surfaces):
            assert e.match.head_words or e.match.quoted_only, e.id


def test_every_documented_numbered_slogan_is_decomposed(real):
    for e in real.entries:
        if e.kind == "numbered-slogan" and e.documented:
            assert e.components, e.id


def test_official_definitions_cite_their_document(real):
    for e in real.entries:
        for d in e.definitions:
            if d.official:
                assert d.source.doc in real.documents
                assert normalize(d.zh) in normalize(d.source.quote or ""), e.id


def test_page_citations_have_a_real_title(real):
    for e in real.entries:
        for c in [d.source for d in e.definitions] + list(e.sources):
            if c.url:
                assert c.title and not re.search(r"not returned|no title|未返回", c.title), e.id


def test_senses_share_a_surface_only_when_declared(real):
    owners: dict[str, list] = {}
    for e in real.entries:
        for s in e.surfaces:
            owners.setdefault(normalize(s), []).append(e)
    for surface, entries in owners.items():
        if len({e.id for e in entries}) > 1:
            assert all(e.sense for e in entries), surface


def _document_text(name: str) -> str | None:
    """A listed document's text copy: a file name in TEXT_DIRS, or a path under corpus/ (gzip or plain)."""
    for path in [SHARED / sub / name for sub in TEXT_DIRS] + [SHARED / "corpus" / name]:
        if path.is_file():
            raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
            return _plain(normalize(raw.decode("utf-8")))
    return None


def _plain(text: str) -> str:
    """Text without the Markdown bold markers of the converted text copies (**稳中求进**): formatting, not words."""
    return text.replace("**", "")


def test_every_document_quote_is_verbatim_in_its_document(real):
    require_shared(SHARED / "seeds")
    texts = {d.id: _document_text(d.file) for d in real.documents.values() if d.file}
    missing = []
    for e in real.entries:
        cites = [d.source for d in e.definitions] + list(e.sources)
        if e.first_year_source:
            cites.append(e.first_year_source)
        for c in cites:
            if c.doc and texts.get(c.doc) is not None and _plain(normalize(c.quote)) not in texts[c.doc]:
                missing.append(f"{e.id}: {c.doc}: {c.quote[:40]}")
    assert missing == []


def test_listed_text_files_exist_beside_the_clone(real):
    require_shared(SHARED / "seeds")
    absent = [d.id for d in real.documents.values() if d.file and _document_text(d.file) is None]
    assert absent == []
