"""The built site in a real headless Chromium, opened from file://: search, entry pages, annotator, safety.

Needs Debian's `chromium` and Playwright's Python package (the `browser` extra); skips with a reason
when either is missing, and fails instead when GLOSS_REQUIRE_BROWSER=1 (as CI sets it).
Screenshots go to test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import MINI, ROOT
from site_support import RUN_VECTORS_JS, check_js_result, js_payload

import gloss
from gloss import site

CHROMIUM = os.environ.get("GLOSS_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"

# Shaped like the seed reports: PDF line breaks inside terms, a page footer, spaces around numbers.
SEED = (
    "可支配收入 31126元、增长 7.1%。项目建设提质提效。滚动开\n\n展“三个一\n\n批”活动，实施重点项目 190个。"
    "深化放管\n服改革，严格落实“13710”工\n\n作制度，\n— 12 —\n积极对接RCEP规则。全区共有13710家企业。"
)


def _unavailable(reason: str) -> None:
    if os.environ.get("GLOSS_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and GLOSS_REQUIRE_BROWSER=1 requires the browser tests")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install 'gloss[browser]')")
    if not (os.path.isfile(CHROMIUM) or shutil.which(CHROMIUM)):
        _unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium, or set GLOSS_CHROMIUM)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    # A sub-path with a space: links must stay relative and survive URL escaping.
    out = tmp_path_factory.mktemp("served") / "some path" / "glossary"
    site.build(gloss.load(MINI), out)
    return out


class Watched:
    """A page that records console errors, page errors, dialogs and any request leaving file://."""

    def __init__(self, page):
        self.page = page
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.external: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.route("**/*", self._route)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route):
        url = route.request.url
        if url.startswith("file://"):
            route.continue_()
        else:
            self.external.append(url)
            route.abort()

    def open(self, root: Path, name: str) -> None:
        self.page.goto(root.joinpath(*name.split("?")[0].split("/")).as_uri() + ("?" + name.split("?")[1] if "?" in name else ""))

    def shot(self, name: str) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(ARTIFACTS / name), full_page=True)


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    watched = Watched(context.new_page())
    yield watched
    context.close()
    assert watched.errors == [], "console errors"
    assert watched.external == [], "requests that left file://"
    assert watched.dialogs == [], "a dialog opened: something was inserted as HTML"


def _first_result(page, query: str) -> str:
    box = page.page.locator("#q")
    box.fill("")
    box.press_sequentially(query, delay=20)
    first = page.page.locator("#q-results li[role=option]").first
    first.wait_for()
    return first.inner_text()


def test_index_and_search(page, built):
    page.open(built, "index.html")
    assert page.page.title() == "gloss test fixture"
    assert page.page.locator("section.letter h2").all_inner_texts() == ["F", "G", "L", "R", "S", "Z", "0–9 and other"]
    page.shot("index.png")
    assert "三个一批" in _first_result(page, "sgyp")
    assert "三个一批" in _first_result(page, "three batches")
    assert "知识产权" in _first_result(page, "intellectual property")
    assert "国家知识产权局" in _first_result(page, "gjzscqj")
    assert "三个一批" in _first_result(page, "sān gè yī pī")
    assert "三个一批" in _first_result(page, "sangeyipi")
    assert "放管服" in _first_result(page, "fang guan fu")
    assert "三个一批" in _first_result(page, "个一")
    page.shot("index-search.png")
    # Keyboard only: arrows move the selection, Enter opens it.
    _first_result(page, "liang gao")
    page.page.locator("#q").press("ArrowDown")
    selected = page.page.locator("#q-results li[aria-selected=true]")
    assert selected.get_attribute("id") == "q-opt-1"
    page.page.locator("#q").press("ArrowUp")
    page.page.locator("#q").press("Enter")
    page.page.wait_for_url("**/entry/liang-gao-projects.html")


def test_query_in_the_url_prefills_search(page, built):
    page.open(built, "index.html?q=fgf")
    assert page.page.locator("#q").input_value() == "fgf"
    assert "放管服" in page.page.locator("#q-results li[role=option]").first.inner_text()


def test_filters(page, built):
    page.open(built, "index.html")
    rows = page.page.locator("table.entries tbody tr:visible")
    total = rows.count()
    page.page.select_option("select[name=kind]", "code")
    assert rows.count() == 3
    assert page.page.locator("section.letter:visible h2").all_inner_texts() == ["0–9 and other"]
    page.page.select_option("select[name=kind]", "")
    page.page.fill("input[name=from]", "2020")
    assert rows.count() == 1  # only 三个一批 (2023) is dated 2020 or later
    page.page.click("button[type=reset]")
    page.page.wait_for_function(f"document.querySelectorAll('table.entries tbody tr:not([hidden])').length === {total}")


def test_entry_page_and_related_link(page, built):
    page.open(built, "index.html")
    page.page.get_by_role("link", name="两高").first.click()
    page.page.wait_for_url("**/entry/liang-gao-*.html")
    page.open(built, "entry/liang-gao-courts.html")
    assert page.page.locator("section.sense").count() == 2
    page.shot("entry.png")
    page.page.locator("#liang-gao-courts ul.related a").click()
    page.page.wait_for_url("**/entry/liang-gao-projects.html")
    assert "高耗能" in page.page.locator("#liang-gao-projects").inner_text()
    page.open(built, "entry/san-ge-yi-pi.html")
    assert page.page.locator("ol.components li").all_inner_texts() == ["签约一批", "开工一批", "投产一批"]
    assert page.page.locator("h1 [lang=zh-CN]").inner_text() == "三个一批"
    page.shot("entry-san-ge-yi-pi.png")


def test_annotator_highlights_like_python(page, built):
    page.open(built, "annotate.html")
    page.page.locator("#text").fill(SEED)
    marks = page.page.locator("#output mark")
    marks.first.wait_for()
    expected = [a.surface for a in gloss.load(MINI).annotate(SEED)]
    assert expected == ["三个一\n\n批", "放管\n服", "13710", "RCEP"]
    assert marks.evaluate_all("ms => ms.map(m => m.textContent)") == expected
    assert page.page.locator("#output").evaluate("o => o.textContent") == SEED  # text kept exactly
    marks.first.hover()
    tip = page.page.locator("#tip")
    tip.wait_for(state="visible")
    assert "签约一批" in tip.inner_text() and "2023" in tip.inner_text()
    assert page.page.locator("#found tbody tr").count() == 4
    page.shot("annotator.png")


def test_matching_vectors_in_the_browser(page, built):
    page.open(built, "annotate.html")
    payload = js_payload()
    got = page.page.evaluate(f"payload => {{ {RUN_VECTORS_JS}; return runVectors(GlossMatcher, payload); }}", payload)
    for suite, results in zip(payload, got):
        for case, result in zip(suite["cases"], results):
            check_js_result(case, result, f"{suite['name']}: {case['name']}")


def test_phone_width_has_no_horizontal_scroll(browser, built):
    context = browser.new_context(viewport={"width": 375, "height": 740}, device_scale_factor=2, is_mobile=True)
    watched = Watched(context.new_page())
    for name in ("index.html", "entry/san-ge-yi-pi.html", "annotate.html", "timeline.html", "about.html"):
        watched.open(built, name)
        overflow = watched.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, name
    watched.open(built, "index.html")
    watched.shot("index-phone.png")
    context.close()
    assert watched.errors == [] and watched.external == []


def test_hostile_glossary_and_text_stay_text(page, tmp_path):
    from test_site import EVIL, EVIL_YAML

    path = tmp_path / "evil.yaml"
    path.write_text(EVIL_YAML, "utf-8")
    out = tmp_path / "evil-site"
    site.build(gloss.load(path), out)
    page.open(out, "entry/evil.html")
    assert EVIL in page.page.locator("section.sense").inner_text()
    assert page.page.locator("main img").count() == 0
    assert "alert" in _first_result(page, "坏词")
    page.open(out, "annotate.html")
    page.page.locator("#text").fill(f"坏词{EVIL}<script>alert(5)</script>")
    page.page.locator("#output mark").first.hover()
    page.page.locator("#tip").wait_for(state="visible")
    assert page.page.locator("#output img, #tip img, #output script").count() == 0
    assert json.dumps(EVIL)[1:-1] in page.page.locator("#tip").inner_text()
