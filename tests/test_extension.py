"""The browser extension, loaded unpacked in a real headless Chromium on local pages.

Needs Debian's `chromium` and Playwright (the `browser` extra); skips when either is missing, and
fails instead when GLOSS_REQUIRE_BROWSER=1 (as CI sets it). Pages are served from 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading

import pytest
from conftest import MINI

import gloss
from gloss.extension import build, manifest

CHROMIUM = os.environ.get("GLOSS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

# Short excerpts shaped like the seed reports: a term split by a PDF line break, one split across
# elements, a code before its head word, and a plain number that is not the code.
PAGE = """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>报告</title></head><body>
<p>滚动开展“三个<b>一批</b>”活动，实施重点项目190个。</p>
<p>深化放管<br>服改革，严格落实“13710”工作制度。</p>
<p>全区共有13710家企业。</p>
<textarea>放管服</textarea>
<script>
  window.addLater = function () {
    var p = document.createElement("p"); p.id = "later"; p.textContent = "持续推进放管服改革。";
    document.body.appendChild(p);
  };
</script>
</body></html>"""


def _unavailable(reason: str) -> None:
    if os.environ.get("GLOSS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and GLOSS_REQUIRE_BROWSER=1 requires the browser tests")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("pages")
    (root / "page.html").write_text(PAGE, encoding="utf-8")
    big = "".join(f"<p>第{i}段：滚动开展“三个一批”活动，深化放管\n服改革，严格落实“13710”工作制度，全区企业13710家。</p>\n"
                  for i in range(12000))
    (root / "big.html").write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{big}</body></html>',
                                  encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", root
    server.shutdown()


@pytest.fixture(scope="module")
def context(tmp_path_factory):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install 'gloss[browser]')")
    if not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set GLOSS_CHROMIUM)")
    ext = tmp_path_factory.mktemp("ext")
    for name, data in build(gloss.load(MINI)).items():
        (ext / name).parent.mkdir(parents=True, exist_ok=True)
        (ext / name).write_bytes(data)
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, headless=True,
            args=ARGS + [f"--disable-extensions-except={ext}", f"--load-extension={ext}"])
        requests: list[str] = []
        ctx.on("request", lambda r: requests.append(r.url))
        worker = ctx.service_workers[0] if ctx.service_workers else ctx.wait_for_event("serviceworker")
        ctx.extension_id = worker.url.split("/")[2]
        ctx.requests = requests
        yield ctx
        ctx.close()


def _open(context, url):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url)
    page.wait_for_function("document.documentElement.hasAttribute('data-gloss-terms')", timeout=60000)
    page.errors = errors
    return page


def _terms(page) -> list[list[str]]:
    """Each underlined term as the texts of its pieces, in page order, grouped by annotation."""
    return page.evaluate("""() => {
        const groups = new Map();
        document.querySelectorAll('gloss-term').forEach(m => {
            const k = m.dataset.gloss; if (!groups.has(k)) groups.set(k, []); groups.get(k).push(m.textContent);
        });
        return [...groups.values()].map(g => g.join('|')).sort();
    }""")


def test_manifest_asks_for_no_host_access():
    m = manifest()
    assert m["manifest_version"] == 3 and m["permissions"] == ["storage"] and "host_permissions" not in m


def test_terms_are_underlined_across_elements_and_line_breaks(context, served):
    base, _ = served
    page = _open(context, f"{base}/page.html")
    assert _terms(page) == sorted(["13710", "三个|一批", "放管|服"])
    assert page.evaluate("document.querySelector('textarea').value") == "放管服"  # form fields untouched
    assert page.errors == []


def test_popup_explains_the_term(context, served):
    base, _ = served
    page = _open(context, f"{base}/page.html")
    page.click("gloss-term >> nth=0")
    text = page.evaluate("document.querySelector('gloss-popup').shadowRoot.textContent")
    entry = gloss.load(MINI).get("san-ge-yi-pi")
    assert entry.term in text and entry.name_en in text and entry.en in text
    assert f"First used: {entry.first_year_label}" in text and "Open the entry" in text
    page.keyboard.press("Escape")
    assert page.evaluate("document.querySelector('gloss-popup')") is None


def test_new_content_is_annotated(context, served):
    base, _ = served
    page = _open(context, f"{base}/page.html")
    page.evaluate("window.addLater()")
    page.wait_for_function("document.querySelector('#later gloss-term') !== null", timeout=10000)
    assert page.evaluate("document.querySelector('#later gloss-term').textContent") == "放管服"


def test_a_site_can_be_switched_off_and_on(context, served):
    base, _ = served
    page = _open(context, f"{base}/page.html")
    host = base.split("//")[1]
    popup = context.new_page()
    popup.goto(f"chrome-extension://{context.extension_id}/popup.html")
    popup.wait_for_function("document.getElementById('status').textContent !== ''")
    popup.evaluate("host => new Promise(r => chrome.storage.local.set({off: [host]}, r))", host)
    page.wait_for_function("document.querySelectorAll('gloss-term').length === 0")
    assert page.evaluate("document.body.innerText").count("三个一批") == 1  # the text is whole again
    popup.evaluate("() => new Promise(r => chrome.storage.local.set({off: []}, r))")
    page.wait_for_function("document.documentElement.dataset.glossTerms === '3'")
    assert _terms(page) == sorted(["13710", "三个|一批", "放管|服"])


def test_a_large_page_is_annotated_whole_and_nothing_leaves(context, served):
    base, root = served
    page = _open(context, f"{base}/big.html")
    expected = len(gloss.load(MINI).annotate((root / "big.html").read_text(encoding="utf-8")))
    assert int(page.evaluate("document.documentElement.dataset.glossTerms")) == expected == 12000 * 3
    total, longest, matching = map(float, page.evaluate("document.documentElement.dataset.glossMs").split())
    print(f"\n1 MB page: {total:.0f} ms in all ({matching:.0f} ms matching), longest slice {longest:.0f} ms")
    allowed = (base, f"chrome-extension://{context.extension_id}/")
    assert [u for u in context.requests if not u.startswith(allowed)] == []
    assert json.loads(json.dumps(context.requests))  # the page requests were seen at all
