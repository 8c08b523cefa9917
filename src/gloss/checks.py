"""Checks of a glossary that a JSON Schema cannot express: references, counts, dates, clashes."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from .errors import Problem
from .normalize import normalize
from .numerals import component_problems

Path = tuple[Any, ...]
CODE_KEY = re.compile(r"(?=.*[0-9])[0-9a-z+·×]+")


def is_code(key: str) -> bool:
    """A normalised surface made of digits, Latin letters and + · × only, with a digit."""
    return CODE_KEY.fullmatch(key) is not None


class _Report:
    def __init__(self, name: str, data: dict[str, Any], positions: dict[Path, tuple[int, int]]):
        self.name = name
        self.data = data
        self.positions = positions
        self.problems: list[Problem] = []

    def add(self, path: Path, message: str) -> None:
        probe = path
        while probe and probe not in self.positions:
            probe = probe[:-1]
        line, col = self.positions.get(probe, (1, 1))
        entry = None
        if len(path) >= 2 and path[0] == "entries":
            raw = self.data["entries"][path[1]]
            entry = raw.get("id") if isinstance(raw, dict) else None
        self.problems.append(Problem(self.name, line, col, entry, message))


def semantic_problems(
    name: str, data: dict[str, Any], positions: dict[Path, tuple[int, int]], skip: set[int]
) -> list[Problem]:
    """Every semantic problem of schema-valid `data`; entries in `skip` failed the schema."""
    report = _Report(name, data, positions)
    regions = _check_regions(report)
    documents = _check_documents(report, regions)
    entries = [(i, e) for i, e in enumerate(data["entries"]) if i not in skip]
    ids: dict[str, int] = {}
    for i, entry in entries:
        if entry["id"] in ids:
            report.add(("entries", i, "id"), f"duplicate id (first used by entry #{ids[entry['id']] + 1})")
        else:
            ids[entry["id"]] = i
    all_ids = {e.get("id") for e in data["entries"] if isinstance(e, dict)}
    surfaces: dict[str, list[int]] = defaultdict(list)
    for i, entry in entries:
        _check_entry(report, i, entry, regions, documents, all_ids, surfaces)
    for key, owners in surfaces.items():
        distinct = sorted(set(owners))
        if len(distinct) > 1 and any("sense" not in data["entries"][i] for i in distinct):
            names = ", ".join(data["entries"][i]["id"] for i in distinct)
            for i in distinct:
                if "sense" not in data["entries"][i]:
                    report.add(("entries", i), f"surface form {key!r} is claimed by {names}, which are "
                               "not declared senses of one term: give each a 'sense'")
    return report.problems


def _check_regions(report: _Report) -> dict[str, dict[str, Any]]:
    regions: dict[str, dict[str, Any]] = {}
    for i, region in enumerate(report.data["regions"]):
        if region["name"] in regions:
            report.add(("regions", i, "name"), f"duplicate region {region['name']!r}")
        regions[region["name"]] = region
    for i, region in enumerate(report.data["regions"]):
        parent = region.get("parent")
        if parent is not None and parent not in regions:
            report.add(("regions", i, "parent"), f"unknown parent region {parent!r}")
        if parent is None and region["level"] != "national":
            report.add(("regions", i), "only the national region has no parent")
    return regions


def _check_documents(report: _Report, regions: dict[str, Any]) -> dict[str, dict[str, Any]]:
    documents: dict[str, dict[str, Any]] = {}
    for i, doc in enumerate(report.data["documents"]):
        if doc["id"] in documents:
            report.add(("documents", i, "id"), f"duplicate document id {doc['id']!r}")
        documents[doc["id"]] = doc
        if doc["region"] not in regions:
            report.add(("documents", i, "region"), f"unknown region {doc['region']!r}; add it under regions")
    return documents


def _citation_year(citation: dict[str, Any], documents: dict[str, Any]) -> int | None:
    if "doc" in citation:
        doc = documents.get(citation["doc"])
        return int(str(doc["date"])[:4]) if doc else None
    return int(citation["date"][:4]) if citation.get("date") else None


def _check_citation(report: _Report, path: Path, citation: dict[str, Any], documents: dict[str, Any]) -> None:
    if "doc" in citation and citation["doc"] not in documents:
        report.add(path + ("doc",), f"unknown document {citation['doc']!r}; list it under documents")


def _check_entry(report, i, entry, regions, documents, all_ids, surfaces) -> None:
    here = ("entries", i)
    forms = [entry["term"], *entry.get("aliases", [])]
    keys = []
    for j, form in enumerate(forms):
        key = normalize(form)
        path = here + (("term",) if j == 0 else ("aliases", j - 1))
        if not key:
            report.add(path, "surface form is empty once whitespace is removed")
            continue
        if key in keys:
            report.add(path, f"surface form {form!r} is listed twice")
            continue
        keys.append(key)
        surfaces[key].append(i)
    scope = entry["scope"]
    region = regions.get(scope["region"])
    if region is None:
        report.add(here + ("scope", "region"), f"unknown region {scope['region']!r}; add it under regions")
    elif region["level"] != scope["level"]:
        report.add(here + ("scope", "level"), f"{scope['region']} is a {region['level']}, not a {scope['level']}")

    citations: list[tuple[Path, dict[str, Any]]] = []
    for j, definition in enumerate(entry.get("definitions", [])):
        path = here + ("definitions", j)
        source = definition["source"]
        citations.append((path + ("source",), source))
        if definition.get("official"):
            if "doc" not in source:
                report.add(path + ("official",), "an official definition must cite its document")
            elif normalize(definition["zh"]) not in normalize(source["quote"]):
                report.add(path + ("zh",), "an official definition must be quoted verbatim in its source quote")
    citations += [(here + ("sources", j), c) for j, c in enumerate(entry["sources"])]
    if "first_year_source" in entry:
        citations.append((here + ("first_year_source",), entry["first_year_source"]))
    # Earlier uses of the same string in another sense are exempt from the first_year check below.
    other_senses = [(here + ("other_sense_uses", j), c) for j, c in enumerate(entry.get("other_sense_uses", []))]
    for path, citation in citations + other_senses:
        _check_citation(report, path, citation, documents)

    _check_first_year(report, here, entry, keys, citations, documents)
    _check_components(report, here, entry)
    for j, related in enumerate(entry.get("related", [])):
        if related == entry["id"]:
            report.add(here + ("related", j), "an entry cannot be related to itself")
        elif related not in all_ids:
            report.add(here + ("related", j), f"related id {related!r} does not exist")
    match = entry.get("match", {})
    for j, blocker in enumerate(match.get("blockers", [])):
        if not any(k in normalize(blocker) for k in keys):
            report.add(here + ("match", "blockers", j), f"blocker {blocker!r} does not contain the term or an alias")
    if any(is_code(k) for k in keys) and not match.get("head_words") and not match.get("quoted_only"):
        report.add(here + ("match",), "a code needs head_words or quoted_only: true (bare numbers are never annotated)")


def _check_first_year(report, here, entry, keys, citations, documents) -> None:
    first = entry.get("first_year")
    if first is None:
        return
    proof = entry["first_year_source"]
    proof_year = _citation_year(proof, documents)
    if proof_year is None:
        if "doc" not in proof:
            report.add(here + ("first_year_source",), "first_year_source must be a dated document or a page with a date")
    elif proof_year != first:
        report.add(here + ("first_year",), f"first_year is {first} but first_year_source is dated {proof_year}")
    if "doc" in proof and not any(k in normalize(proof["quote"]) for k in keys):
        report.add(here + ("first_year_source", "quote"), "first_year_source quote does not use the term")
    for path, citation in citations:
        year = _citation_year(citation, documents)
        quote = normalize(citation.get("quote", ""))
        if year is not None and year < first and any(k in quote for k in keys):
            report.add(path, f"first_year is {first}, but this source quoting the term is dated {year}")


def _check_components(report, here, entry) -> None:
    kind = entry["kind"]
    components = entry.get("components")
    if kind not in ("numbered-slogan", "code"):
        return
    if not components:
        # A code's digits are spelled out only where a source does so; a slogan's numerals always are.
        if kind == "numbered-slogan" and entry.get("status") != "undocumented":
            report.add(here, "a documented numbered slogan needs components")
        return
    if isinstance(components[0], str):
        groups = [(None, len(components))]
    else:
        groups = [(g.get("key"), len(g["items"])) for g in components]
    for message in component_problems(kind, entry["term"], groups):
        report.add(here + ("components",), message)
