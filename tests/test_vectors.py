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
