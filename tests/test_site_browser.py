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
from search_support import cases as search_cases, problems as search_problems
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
    page.page.wait_for_url("**/entry/liang-gao-courts.html")  # same pinyin: ids decide, courts first


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


def test_annotator_collapses_blank_lines_and_keeps_offsets(page, built):
    text = "第一行\n\n第二行\n \n\n\n" + SEED
    page.open(built, "annotate.html")
    page.page.locator("#text").fill(text)
    page.page.locator("#output mark").first.wait_for()
    output = page.page.locator("#output")
    assert output.evaluate("o => o.textContent") == text  # the page still holds the pasted text
    shown = output.inner_text()
    assert "\n\n" not in shown and shown.startswith("第一行\n第二行\n")
    starts = output.evaluate("""o => Array.from(o.querySelectorAll('mark')).map(m => {
        const r = document.createRange(); r.setStart(o, 0); r.setEndBefore(m); return r.toString().length; })""")
    assert starts == [a.start for a in gloss.load(MINI).annotate(text)]
    # A PDF paste with a blank line after each line is no taller than the same text without them.
    lines = "\n".join(["深化放管服改革，持续开展三个一批活动。"] * 200)
    heights = []
    for pasted in (lines, lines.replace("\n", "\n\n")):
        page.page.locator("#text").fill(pasted)
        page.page.wait_for_function("document.querySelectorAll('#output mark').length === 400")
        heights.append(output.evaluate("o => o.getBoundingClientRect().height"))
    assert heights[1] == heights[0]


def test_annotator_lists_each_term_once_with_its_count(page, built):
    text = "持续开展“三个一批”活动，深化放管服改革。\n\n再抓“三个一批”。"
    page.open(built, "annotate.html")
    page.page.locator("#text").fill(text)
    rows = page.page.locator("#found tbody tr")
    rows.first.wait_for()
    assert rows.count() == 2
    assert rows.locator("td:first-child").all_inner_texts() == ["三个一批", "放管服"]
    assert rows.locator("td.count summary").all_inner_texts() == ["2", "1"]
    assert rows.first.locator("ul.occurrences").is_hidden()  # occurrences only on demand
    rows.first.locator("summary").click()
    occurrences = rows.first.locator("ul.occurrences button")
    assert occurrences.all_inner_texts() == ["持续开展“三个一批”活动，深化放管", "管服改革。再抓“三个一批”。"]
    occurrences.nth(1).click()
    assert page.page.evaluate("document.activeElement.id") == "m2"  # the second 三个一批 is the third match
    tip = page.page.locator("#tip")
    assert tip.is_visible() and "三个一批" in tip.inner_text()
    page.shot("annotator-occurrences.png")


def test_annotator_entry_links_by_keyboard_and_state_across_back(page, built):
    page.open(built, "annotate.html")
    page.page.locator("#text").fill(SEED)
    marks = page.page.locator("#output mark")
    marks.first.wait_for()
    assert marks.evaluate_all("ms => ms.map(m => m.tabIndex)") == [0, -1, -1, -1]  # one tab stop for the text
    page.page.locator("#year").focus()
    page.page.keyboard.press("Tab")
    assert page.page.evaluate("document.activeElement.id") == "m0"
    page.page.keyboard.press("ArrowRight")
    assert page.page.evaluate("document.activeElement.id") == "m1"
    assert "放管服" in page.page.locator("#tip").inner_text()
    page.page.keyboard.press("Tab")  # into the open tooltip: its entry link
    assert page.page.evaluate("document.activeElement.textContent") == "Open the entry"
    page.page.keyboard.press("Tab")  # then on to the list of terms, where every entry has its link
    assert page.page.evaluate("document.activeElement.id") == "export-csv"
    links = page.page.locator("#found tbody a")
    assert links.evaluate_all("as => as.map(a => a.tabIndex)") == [0, 0, 0, 0]
    page.page.locator("#year").fill("2024")
    page.page.wait_for_function("history.state && history.state.year === '2024'")  # rendered again
    page.page.locator("#output mark").first.focus()
    page.page.keyboard.press("ArrowRight")
    page.page.keyboard.press("Enter")  # Enter opens the tooltip and moves into its link
    page.page.keyboard.press("Enter")
    page.page.wait_for_url("**/entry/fang-guan-fu.html")
    page.page.go_back()
    page.page.wait_for_url("**/annotate.html")
    marks.first.wait_for()
    assert page.page.locator("#text").input_value() == SEED
    assert page.page.locator("#year").input_value() == "2024"
    assert marks.count() == 4 and page.page.locator("#found tbody tr").count() == 4


def _export(page, root: Path, text: str) -> tuple[str, str]:
    page.open(root, "annotate.html")
    page.page.locator("#text").fill(text)
    page.page.locator("#output mark").first.wait_for()
    return (page.page.evaluate("window.GlossAnnotator.csv()"), page.page.evaluate("window.GlossAnnotator.tbx()"))


@pytest.mark.parametrize("which", ["mini", "real"])
def test_annotator_export_is_what_the_cli_writes(page, built, built_real, which):
    from gloss.render.termbase import csv_text, document_terms, tbx_bytes

    glossary = gloss.load(MINI if which == "mini" else ROOT / "terms.yaml")
    text = SEED + "南京市以外，江西要“两个确保”。"
    csv, tbx = _export(page, built if which == "mini" else built_real, text)
    entries, counts = document_terms(glossary.annotate(text))
    assert len(entries) >= 2
    assert csv == csv_text(glossary, entries, counts)
    assert tbx == tbx_bytes(glossary, entries, counts).decode("utf-8")
    etree = pytest.importorskip("lxml.etree")
    schema = etree.RelaxNG(etree.parse(str(ROOT / "tests" / "fixtures" / "tbx" / "tbx-basic.rng")))
    assert schema.validate(etree.fromstring(tbx.encode("utf-8"))), schema.error_log


def test_annotator_downloads_csv_and_tbx(page, built):
    page.open(built, "annotate.html")
    page.page.locator("#text").fill(SEED)
    page.page.locator("#output mark").first.wait_for()
    for button, name in (("#export-csv", "terms.csv"), ("#export-tbx", "terms.tbx")):
        with page.page.expect_download() as info:
            page.page.click(button)
        download = info.value
        assert download.suggested_filename == name
        got = Path(download.path()).read_bytes().decode("utf-8")
        want = page.page.evaluate("window.GlossAnnotator." + name[-3:] + "()")
        assert got == want and "三个一批" in got


def test_matching_vectors_in_the_browser(page, built):
    page.open(built, "annotate.html")
    payload = js_payload()
    got = page.page.evaluate(f"payload => {{ {RUN_VECTORS_JS}; return runVectors(GlossMatcher, payload); }}", payload)
    for suite, results in zip(payload, got):
        for case, result in zip(suite["cases"], results):
            check_js_result(case, result, f"{suite['name']}: {case['name']}")


@pytest.mark.parametrize("width", [1366, 390])
def test_timeline_bounds_and_level_filter(browser, built, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    watched = Watched(context.new_page())
    page = watched.page
    watched.open(built, "timeline.html")
    assert page.locator("#timeline-filter").is_visible()  # shown once the script runs
    # Proven and bound years are told apart in the bars' own words, not only by their look.
    bars = page.locator("figure.chart:not([hidden]) svg a")
    assert bars.evaluate_all("as => as.map(a => a.getAttribute('aria-label'))") == [
        "2017: 1 entry — 1 first appeared", "2023: 1 entry — 1 in use by then (bound)"]
    assert page.locator("figure.chart:not([hidden]) rect.bound").count() == 1
    fill = page.locator("figure.chart:not([hidden]) rect.bound").evaluate("r => getComputedStyle(r).fill")
    assert fill.startswith("url(") and "hatch-" in fill
    assert page.locator("#y2023 .basis-tag.bound").inner_text() == "in use by 2023"
    watched.shot(f"timeline-{width}.png")
    page.select_option("select[name=level]", "province")
    assert page.locator("figure.chart:not([hidden])").get_attribute("data-level") == "province"
    assert page.locator("#y2017").is_hidden() and page.locator("#y2023").is_visible()
    assert page.locator("#timeline-count").inner_text() == "1 of 13 entries at province level"
    assert "level=province" in page.url
    watched.shot(f"timeline-{width}-province.png")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    watched.open(built, "timeline.html?level=national")  # a filtered view can be linked to
    assert page.locator("select[name=level]").input_value() == "national"
    assert page.locator("#y2017").is_visible() and page.locator("#y2023").is_hidden()
    page.locator("figure.chart:not([hidden]) svg a").first.focus()  # a bar is a link, by keyboard too
    page.keyboard.press("Enter")
    page.wait_for_url("**#y2017")
    context.close()
    assert watched.errors == [] and watched.external == []


def test_annotator_popup_says_by_for_a_bound(page, built):
    page.open(built, "annotate.html")
    page.page.locator("#text").fill("滚动开展“三个一批”，推进放管服改革")
    marks = page.page.locator("#output mark")
    marks.first.wait_for()
    marks.nth(0).hover()
    page.page.locator("#tip").wait_for(state="visible")
    assert "First year: by 2023 · province" in page.page.locator("#tip").inner_text()
    marks.nth(1).focus()
    assert "First year: 2017 · national" in page.page.locator("#tip").inner_text()
    years = page.page.locator("#found tbody tr td.year").all_inner_texts()
    assert years == ["by 2023", "2017"]


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


@pytest.fixture(scope="module")
def built_real(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("real") / "glossary"
    site.build(gloss.load(ROOT / "terms.yaml"), out)
    return out


def test_ranking_table_in_the_browser(page, built_real):
    page.open(built_real, "index.html")
    queries = [c["q"] for c in search_cases()]
    got = page.page.evaluate(
        "qs => window.GlossSearch.load().then(() => qs.map(q => window.GlossSearch.ranked(q).map(x => [x.tier, x.e.id, x.e.t])))",
        queries)
    wrong = {c["q"]: p for c, ranked in zip(search_cases(), got) if (p := search_problems(c, [tuple(r) for r in ranked]))}
    assert wrong == {}
    real = gloss.load(ROOT / "terms.yaml")
    from gloss.lookup import ranked as rank

    python = [[[t, e.id, e.term] for t, e in rank(real, q)] for q in queries]
    assert got == python  # one rule: the whole ranking agrees, not just the first result


def test_show_all_results_and_nearest_entries(page, built_real):
    page.open(built_real, "index.html")
    box = page.page.locator("#q")
    box.fill("si")
    more = page.page.locator("#q-results li.more button")
    assert more.inner_text().startswith("Show all ")
    total = int(more.inner_text().split()[2])
    more.dispatch_event("mousedown")
    assert page.page.locator("#q-results li[role=option]").count() == total
    box.fill("三个一劈")
    none = page.page.locator("#q-results li.none")
    assert "No entry matches." in none.inner_text() and "三个一批" in none.inner_text()
    page.shot("search-nearest.png")


def test_an_entry_page_loads_the_search_index_only_when_search_is_used(page, built):
    loaded: list[str] = []
    page.page.on("request", lambda r: loaded.append(r.url.rsplit("/", 1)[-1]))
    page.open(built, "entry/san-ge-yi-pi.html")
    page.page.wait_for_load_state("load")
    assert "data.js" not in loaded
    assert "三个一批" in _first_result(page, "sgyp")
    assert "data.js" in loaded


def test_code_entry_heading_components_and_labels(page, built_real):
    page.open(built_real, "entry/13710.html")
    assert page.page.locator("h1").inner_text().strip() == "13710"  # no pinyin repeating the code
    entry = gloss.load(ROOT / "terms.yaml").get("13710")
    assert page.page.locator("dl.components dt").all_inner_texts() == [g.key for g in entry.components]
    assert page.page.locator("dl.components dd").all_inner_texts() == [g.items[0] for g in entry.components]
    for e in gloss.load(ROOT / "terms.yaml").entries:
        if e.sense and e.sense.casefold() in e.name_en.casefold():
            page.open(built_real, f"entry/{e.id}.html")
            heading = page.page.locator(f"#t-{e.id}").inner_text()
            assert heading.count(e.sense) == 1, heading
            break
    else:
        pytest.skip("no entry repeats its sense in its English name")


@pytest.mark.parametrize("width", [390, 1366])
def test_real_site_fits_the_screen_light_and_dark(browser, built_real, width):
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme,
                                      is_mobile=width < 500)
        watched = Watched(context.new_page())
        for name in ("index.html", "entry/13710.html", "entry/san-ge-yi-pi.html", "annotate.html", "timeline.html",
                     "about.html"):
            watched.open(built_real, name)
            overflow = watched.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} at {width} px ({scheme})"
            ARTIFACTS.mkdir(exist_ok=True)
            watched.page.screenshot(path=str(ARTIFACTS / f"{width}-{scheme}-{name.replace('/', '-')}.png"))
        background = watched.page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(22, 21, 20)") == (scheme == "dark")
        context.close()
        assert watched.errors == [] and watched.external == []


AXE = ROOT / "tests" / "fixtures" / "axe" / "axe.min.js"
AXE_RUN = """() => axe.run(document, {resultTypes: ["violations"], preload: false}).then(r => r.violations
    .filter(v => v.impact === "serious" || v.impact === "critical")
    .map(v => v.id + " (" + v.impact + "): " + v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")))"""


def _axe(watched: Watched, root: Path, name: str) -> list[str]:
    watched.open(root, name)
    if name == "annotate.html":  # with results: highlights, the list of terms, an open count and a tooltip
        watched.page.locator("#text").fill(SEED + "\n\n深化放管服改革，再抓“三个一批”。")
        watched.page.locator("#output mark").first.wait_for()
        watched.page.locator("#found summary").first.click()
        watched.page.locator("#output mark").first.hover()
        watched.page.locator("#tip").wait_for(state="visible")
    watched.page.add_script_tag(path=str(AXE))
    return [f"{name}: {v}" for v in watched.page.evaluate(AXE_RUN)]


@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(browser, built, built_real, width, scheme):
    """axe-core (tests/fixtures/axe) on every kind of page, the annotator with results; the fixture
    site for the long pages (axe takes tens of seconds on the real index and documents table),
    the real one for an entry and the annotator."""
    context = browser.new_context(viewport={"width": width, "height": 800}, color_scheme=scheme, is_mobile=width < 500)
    watched = Watched(context.new_page())
    found = []
    for root, name in ((built, "index.html"), (built, "entry/liang-gao-courts.html"), (built, "about.html"),
                       (built, "timeline.html"), (built, "annotate.html"), (built_real, "entry/13710.html"),
                       (built_real, "annotate.html")):
        found += _axe(watched, root, name)
        overflow = watched.page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} at {width} px ({scheme})"
    watched.shot(f"annotator-results-{width}-{scheme}.png")
    context.close()
    assert found == []
    assert watched.errors == [] and watched.external == []
