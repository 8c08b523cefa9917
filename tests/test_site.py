"""The static site: pages present, deterministic builds, --check, escaping, search data, links."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import MINI, ROOT

import gloss
from gloss import site

EVIL = "<img src=x onerror=alert(1)>"
EVIL_YAML = f"""
glossary: {{title: "evil <b>title</b>", version: "1", licence: CC-BY-4.0}}
regions:
  - {{name: 全国, level: national}}
documents: []
entries:
  - id: evil
    term: 坏词
    name_en: "</script><script>alert(2)</script>"
    kind: concept
    scope: {{level: national, region: 全国}}
    definitions:
      - zh: "定义{EVIL}"
        en: "{EVIL}"
        source: {{url: "https://example.org/x\\" onmouseover=\\"alert(3)", title: "{EVIL}"}}
    sources:
      - {{url: "https://example.org/?a=1&b=<2>", title: 来源, quote: "\\"引号\\" & <i>"}}
    notes: "{EVIL}"
"""

EMPTY_YAML = """
glossary: {title: empty, version: "0", licence: CC-BY-4.0}
regions:
  - {name: 全国, level: national}
documents: []
entries: []
"""


def _data(files: dict[str, bytes]) -> dict:
    text = files["data.js"].decode("utf-8")
    prefix = "window.GLOSS_DATA = "
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix) : -2])


@pytest.fixture(scope="module")
def files(mini):
    return site.render(mini)


def test_every_page_is_built(mini, files):
    for name in ("index.html", "timeline.html", "annotate.html", "about.html", "data.js", "static/style.css",
                 "static/site.js", "static/matcher.js", "static/annotate.js"):
        assert name in files
    for entry in mini.entries:
        assert f"entry/{entry.id}.html" in files


def test_build_is_deterministic(mini, files, tmp_path):
    assert site.render(mini) == files
    site.build(mini, tmp_path / "a")
    site.build(mini, tmp_path / "b")
    a = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in (tmp_path / "a").rglob("*") if p.is_file()}
    b = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in (tmp_path / "b").rglob("*") if p.is_file()}
    assert a == b and len(a) == len(files)


def test_check_reports_stale_files(mini, tmp_path):
    out = tmp_path / "glossary"
    assert site.check(mini, out) == sorted(site.render(mini))  # missing: everything differs
    site.build(mini, out)
    assert site.check(mini, out) == []
    (out / "index.html").write_text("stale", "utf-8")
    (out / "extra.html").write_text("extra", "utf-8")
    (out / "entry" / "rcep.html").unlink()
    assert site.check(mini, out) == ["entry/rcep.html", "extra.html", "index.html"]


def test_rebuild_replaces_the_old_site(mini, tmp_path):
    out = tmp_path / "glossary"
    site.build(mini, out)
    (out / "stray.html").write_text("old", "utf-8")
    site.build(mini, out)
    assert not (out / "stray.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["glossary"]  # no temporary directory left behind


def test_refuses_to_replace_a_directory_that_is_not_a_site(mini, tmp_path):
    (tmp_path / "notes.txt").write_text("keep me", "utf-8")
    with pytest.raises(site.SiteError, match="not a gloss site"):
        site.build(mini, tmp_path)
    assert (tmp_path / "notes.txt").read_text("utf-8") == "keep me"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.run(
        [sys.executable, "-m", "gloss", "site", *args, "--terms", str(MINI)],
        cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8",
    )


def test_cli_builds_and_checks(tmp_path):
    done = _cli(cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "glossary" / "index.html").is_file()
    assert "13 entries" in done.stderr
    assert _cli("--check", cwd=tmp_path).returncode == 0
    (tmp_path / "glossary" / "about.html").write_text("stale", "utf-8")
    done = _cli("--check", "glossary", cwd=tmp_path)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "about.html" in lines[0] and "gloss site -o glossary" in lines[0]
    assert _cli("-o", "out", cwd=tmp_path).returncode == 0
    assert (tmp_path / "out" / "data.js").is_file()
    assert _cli("-o", "a", "--check", "b", cwd=tmp_path).returncode == 2


def test_strings_from_the_glossary_are_escaped(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text(EVIL_YAML, "utf-8")
    files = site.render(gloss.load(path))
    for name, body in files.items():
        if not name.endswith(".html"):
            continue
        html = body.decode("utf-8")
        assert EVIL not in html, name
        assert "<script>alert" not in html, name
        assert "<b>title" not in html, name
        assert 'href="javascript:' not in html, name
    page = files["entry/evil.html"].decode("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in page
    assert "https://example.org/?a=1&amp;b=&lt;2&gt;" in page
    assert 'href="https://example.org/x&#34; onmouseover=&#34;alert(3)"' in page
    assert " onmouseover=" not in page.replace("&#34; onmouseover=", "")
    data_js = files["data.js"].decode("utf-8")
    assert "<" not in data_js  # the JSON keeps no raw '<' at all
    assert _data(files)["entries"][0]["d"] == EVIL


def test_only_http_urls_become_links():
    from gloss.site.builder import safe_url

    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url("JavaScript:alert(1)") is None
    assert safe_url("data:text/html,x") is None


def test_documents_link_their_public_address_and_only_that(tmp_path):
    import yaml

    data = yaml.safe_load(MINI.read_text("utf-8"))
    docs = {d["id"]: d for d in data["documents"]}
    docs["jianxi-2023"]["url"] = "https://example.org/jianxi-2023.pdf"
    docs["hebei-2001"]["where"] += " (from https://example.org/hebei/2001.html)"
    path = tmp_path / "terms.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    glossary = gloss.load(path)
    assert [glossary.documents[i].link for i in ("jianxi-2023", "hebei-2001", "national-2017")] == [
        "https://example.org/jianxi-2023.pdf", "https://example.org/hebei/2001.html", None]
    files = site.render(glossary)
    about = files["about.html"].decode("utf-8")
    for doc_id, href in (("jianxi-2023", "https://example.org/jianxi-2023.pdf"),
                         ("hebei-2001", "https://example.org/hebei/2001.html")):
        row = re.search(rf'<tr id="doc-{doc_id}">.*?</tr>', about).group(0)
        assert f'<a href="{href}" rel="noreferrer">{glossary.documents[doc_id].title}</a>' in row
    assert "<a" not in re.search(r'<tr id="doc-national-2017">.*?</tr>', about).group(0)
    page = files["entry/san-ge-yi-pi.html"].decode("utf-8")
    assert '<a href="https://example.org/jianxi-2023.pdf" rel="noreferrer"><cite lang="zh-CN">涧西区政府工作报告（2023年）</cite></a>' in page
    docs["national-2017"]["url"] = "javascript:alert(1)"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    with pytest.raises(gloss.GlossError, match="url"):
        gloss.load(path)


def test_an_empty_glossary_builds(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text(EMPTY_YAML, "utf-8")
    glossary = gloss.load(path)
    files = site.build(glossary, tmp_path / "site")
    assert "no entries yet" in files["index.html"].decode("utf-8")
    assert _data(files)["entries"] == [] and _data(files)["matcher"]["keys"] == []
    assert site.check(glossary, tmp_path / "site") == []


def test_search_index_content(files):
    data = _data(files)
    by_id = {e["id"]: e for e in data["entries"]}
    sgyp = by_id["san-ge-yi-pi"]
    assert (sgyp["t"], sgyp["p"], sgyp["c"], sgyp["i"]) == ("三个一批", "sān gè yī pī", "sangeyipi", "sgyp")
    assert sgyp["n"] == "Three Batches" and sgyp["y"] == 2023 and sgyp["l"] == "province" and sgyp["r"] == "河南省"
    assert sgyp["yl"] == "by 2023" and by_id["fang-guan-fu"]["yl"] == "2017" and by_id["rcep"]["yl"] is None
    assert by_id["13710-gong-zuo-zhi-du"]["i"] == "13710"
    assert by_id["liang-gao-courts"]["s"].startswith("Supreme People")
    keys = {k[0]: k for k in data["matcher"]["keys"]}
    assert keys["13710"][1][0][3] == 1  # a code: needs quotes or a head word
    assert keys["三农"][1][0][2] == [["第三农场", 1]]
    assert len(keys["两高"][1]) == 2


def test_index_is_grouped_by_pinyin(files):
    html = files["index.html"].decode("utf-8")
    sections = re.findall(r'<section class="letter" id="letter-([A-Za-z]+)"', html)
    assert sections == ["F", "G", "L", "R", "S", "Z", "num"]
    s_section = html[html.index('id="letter-S"') : html.index('id="letter-Z"')]
    assert s_section.index("三个一批") < s_section.index("三农") < s_section.index("三自")  # sangeyipi < sannong < sanzi


def test_entry_page_shows_senses_sources_and_related(files):
    page = files["entry/liang-gao-projects.html"].decode("utf-8")
    assert page.count('<section class="sense"') == 2
    assert page.index('id="liang-gao-projects"') < page.index('id="liang-gao-courts"')
    assert 'href="liang-gao-courts.html"' in page  # related both ways: courts names projects
    sgyp = files["entry/san-ge-yi-pi.html"].decode("utf-8")
    assert "sān gè yī pī" in sgyp and "official explanation" in sgyp
    assert sgyp.count("<li>签约一批</li>") == 1
    assert "涧西区政府工作报告（2023年）" in sgyp and "by 2023 — an upper bound" in sgyp
    assert "Earlier, in another sense" in sgyp and "突出抓好“三个一批”" in sgyp
    fgf = files["entry/fang-guan-fu.html"].decode("utf-8")
    assert "<dd>2017 — the earliest dated use found" in fgf and "by 2017" not in fgf


def test_index_says_by_for_a_bound(files):
    html = files["index.html"].decode("utf-8")
    rows = dict(re.findall(r'<a href="entry/([^"]+)\.html".*?<td class="year">([^<]*)</td>', html, flags=re.S))
    assert rows["san-ge-yi-pi"] == "by 2023" and rows["fang-guan-fu"] == "2017" and rows["rcep"] == "—"


def test_timeline_and_about(mini, files):
    timeline = files["timeline.html"].decode("utf-8")
    assert "<svg" in timeline and 'href="#y2017"' in timeline and 'id="y2023"' in timeline
    about = files["about.html"].decode("utf-8")
    assert mini.sha256 in about and "0.0.1" in about
    assert "<td>13</td>" in about  # entries


def test_timeline_tells_proven_years_from_bounds_and_splits_levels(files):
    html = files["timeline.html"].decode("utf-8")
    # 放管服 (national) first appeared in 2017; 三个一批 (province) was in use by 2023: a bound.
    assert re.findall(r'<figure class="chart" data-level="(\w*)"', html) == ["", "national", "province"]
    assert '<option value="national">national (1)</option>' in html and "all levels (2)" in html
    assert 'aria-label="2017: 1 entry — 1 first appeared"' in html
    assert 'aria-label="2023: 1 entry — 1 in use by then (bound)"' in html
    y2017 = html[html.index('id="y2017"'):html.index('id="y2023"')]
    y2023 = html[html.index('id="y2023"'):html.index('id="undated"')]
    assert "First appeared in 2017" in y2017 and "In use by" not in y2017 and 'data-level="national"' in y2017
    assert "In use by 2023" in y2023 and "First appeared" not in y2023 and "in use by 2023</span>" in y2023
    assert 'data-level="province"' in y2023
    assert 'src="static/timeline.js"' in html and "static/timeline.js" in files


def test_timeline_chart_stacks_bounds_on_proven_years():
    from gloss.site.timeline import HEIGHT, chart

    svg = chart({2020: 1, 2021: 3}, {2021: 1, 2030: 4}, key="city", label="city entries")
    heights = {m[0]: int(m[1]) for m in re.findall(r'<rect class="(\w+)" x="\d+" y="\d+" width="\d+" height="(\d+)"', svg)}
    assert svg.count('class="proven"') == 2 and svg.count('class="bound"') == 2
    assert 'fill="url(#hatch-city)"' in svg and 'id="hatch-city"' in svg
    assert 'aria-label="2021: 4 entries — 3 first appeared, 1 in use by then (bound)"' in svg
    assert ">2022–2029: no entries<" in svg  # the long gap collapses
    assert max(heights.values()) <= HEIGHT
    one = chart({2021: 1}, {2021: 99})  # a tiny share still shows
    assert re.search(r'class="proven" x="\d+" y="\d+" width="\d+" height="[1-9]', one)
    assert chart({}, {}) == ""


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.urls.append((tag, value))
            if name == "id" and value:
                self.ids.add(value)


def test_links_are_relative_and_resolve(files):
    pages = {}
    for name, body in files.items():
        if name.endswith(".html"):
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            pages[name] = parser
    for name, parser in pages.items():
        for tag, url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme:
                assert tag == "a" and parts.scheme == "https", (name, url)  # only source links leave the site
                continue
            assert not url.startswith("/"), (name, url)  # works from file:// and any sub-path
            target = Path(name).parent.joinpath(parts.path).as_posix() if parts.path else name
            target = os.path.normpath(target).replace(os.sep, "/")
            assert target in files, (name, url)
            if parts.fragment and target.endswith(".html"):
                assert parts.fragment in pages[target].ids, (name, url)
    css = files["static/style.css"].decode("utf-8")
    assert "url(" not in css and "@import" not in css
