"""Helpers shared by the site tests: the matching test vectors, and running them in JavaScript."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import gloss
from gloss.load import build
from gloss.site.data import matcher_data

TESTS = Path(__file__).resolve().parent
VECTORS = TESTS / "vectors" / "matching.json"
MATCHER_JS = TESTS.parent / "src" / "gloss" / "site" / "static" / "matcher.js"

# Runs every case of every suite with the JavaScript matcher; offsets are turned from UTF-16 code
# units into code points so that they compare with Python's. Each case gives [spans, choices]: the
# choices ([id, scope match, confidence, alternative ids]) are compared where a case lists them.
# Used by node and by the browser.
RUN_VECTORS_JS = """
function runVectors(M, suites) {
  function cp(text, i) { return Array.from(text.slice(0, i)).length; }
  return suites.map(function (suite) {
    var compiled = M.compile(suite.matcher);
    return suite.cases.map(function (c) {
      var found = M.annotate(compiled, c.text, {region: c.region || null, year: c.year || null});
      var ids = function (list) { return list.map(function (i) { return suite.matcher.entries[i].id; }); };
      return [found.map(function (a) {
        return [cp(c.text, a.start), cp(c.text, a.end), a.surface, suite.matcher.entries[a.entry].id];
      }), found.map(function (a) {
        return [suite.matcher.entries[a.entry].id, a.scopeMatch, a.confidence, ids(a.alternatives)];
      })];
    });
  });
}
"""


def local_glossary(entries: list[dict[str, Any]]) -> gloss.Glossary:
    """A glossary of minimal vector entries, each completed as a national, undocumented concept."""
    defaults = {
        "name_en": "",
        "kind": "concept",
        "scope": {"level": "national", "region": "全国"},
        "sources": [{"url": "https://example.org/", "title": "vector"}],
        "status": "undocumented",
    }
    data = {
        "glossary": {"title": "vectors", "version": "0"},
        "regions": [{"name": "全国", "level": "national"}],
        "documents": [],
        "entries": [{**defaults, "name_en": e["id"], **e} for e in entries],
    }
    return build(data)


def suites() -> list[tuple[str, gloss.Glossary, list[dict[str, Any]]]]:
    """(name, glossary, cases) of every suite in the vector file."""
    doc = json.loads(VECTORS.read_text("utf-8"))
    result = []
    for suite in doc["suites"]:
        if "glossary" in suite:
            glossary = gloss.load(TESTS / suite["glossary"])
        else:
            glossary = local_glossary(suite["entries"])
        result.append((suite["name"], glossary, suite["cases"]))
    return result


def js_payload() -> list[dict[str, Any]]:
    """The suites as the JavaScript runner takes them: compiled matcher data and cases."""
    return [
        {"name": name, "matcher": matcher_data(g.entries, g.regions), "cases": cases} for name, g, cases in suites()
    ]


def check_js_result(case: dict[str, Any], result: list[Any], where: str) -> None:
    """A JavaScript result of one case against the case's expectations."""
    spans, choices = result
    assert spans == case["expect"], where
    if "choices" in case:
        assert choices == case["choices"], where


def expected() -> list[list[list[Any]]]:
    return [[c["expect"] for c in cases] for _, _, cases in suites()]
