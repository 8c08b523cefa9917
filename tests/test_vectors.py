"""The shared matching vectors against the Python matcher, and against the site's JavaScript matcher under node."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from site_support import MATCHER_JS, RUN_VECTORS_JS, check_js_result, js_payload, suites


def _cases():
    for name, glossary, cases in suites():
        for case in cases:
            yield pytest.param(glossary, case, id=f"{name}: {case['name']}")


@pytest.mark.parametrize(("glossary", "case"), list(_cases()))
def test_python_matcher(glossary, case):
    found = glossary.annotate(case["text"], region=case.get("region"), year=case.get("year"))
    assert [[a.start, a.end, a.surface, a.entry.id] for a in found] == case["expect"]
    for start, end, surface, _ in case["expect"]:
        assert case["text"][start:end] == surface
    if "choices" in case:
        assert [[a.entry.id, a.scope_match, a.confidence, list(a.alternatives)] for a in found] == case["choices"]


def test_javascript_matcher_under_node(tmp_path):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed; the browser test runs the same vectors in Chromium")
    script = tmp_path / "run.js"
    script.write_text(
        f"const M = require({json.dumps(str(MATCHER_JS))});\n{RUN_VECTORS_JS}\n"
        "const suites = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "process.stdout.write(JSON.stringify(runVectors(M, suites)));\n",
        "utf-8",
    )
    payload = js_payload()
    done = subprocess.run(
        [node, str(script)], input=json.dumps(payload), capture_output=True, text=True, encoding="utf-8", check=True
    )
    got = json.loads(done.stdout)
    for suite, results in zip(payload, got):
        for case, result in zip(suite["cases"], results):
            check_js_result(case, result, f"{suite['name']}: {case['name']}")


def test_javascript_agrees_on_real_reports(tmp_path, real):
    """The 31 provincial reports of 2025: the same matches, senses, scope and confidence in both languages."""
    from conftest import SHARED, require_shared

    from gloss.site.data import matcher_data

    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    folder = require_shared(SHARED / "corpus" / "provinces-2025")
    texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    script = tmp_path / "run.js"
    script.write_text(
        f"const M = require({json.dumps(str(MATCHER_JS))});\n"
        "const data = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
        "const compiled = M.compile(data.matcher), ids = data.matcher.entries.map(e => e.id);\n"
        "const cp = (t, i) => Array.from(t.slice(0, i)).length;\n"
        "process.stdout.write(JSON.stringify(data.texts.map(t => M.annotate(compiled, t, {}).map(a =>\n"
        "  [cp(t, a.start), ids[a.entry], a.scopeMatch, a.confidence, a.alternatives.map(i => ids[i])]))));\n",
        "utf-8",
    )
    payload = {"matcher": matcher_data(real.entries, real.regions), "texts": texts}
    done = subprocess.run([node, str(script)], input=json.dumps(payload), capture_output=True, text=True,
                          encoding="utf-8", check=True)
    expected = [[[a.start, a.entry.id, a.scope_match, a.confidence, list(a.alternatives)] for a in real.annotate(t)]
                for t in texts]
    assert json.loads(done.stdout) == expected
