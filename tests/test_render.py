import io
import json
from pathlib import Path

import pytest

import gloss
from gloss.render.html import render_page
from gloss.render.json import write_document
from gloss.render.markdown import render_markdown
from gloss.render.records import Utf16Offsets
from gloss.render.terminal import make_console, render_document

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"
EVIL = "<img src=x onerror=alert(1)><script>alert(2)</script>"


@pytest.fixture(scope="module")
def evil(tmp_path_factory):
    text = MINI.read_text(encoding="utf-8").replace(
        "en: Sign a batch, start a batch, put a batch into production.", f"en: '{EVIL}'")
    text = text.replace("name_en: Three Batches", f"name_en: '{EVIL}'")
    path = tmp_path_factory.mktemp("g") / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    return gloss.load(path)


def test_html_escapes_glossary_and_input(evil):
    text = "<script>alert(3)</script>滚动开展“三个一批”"
    page = render_page(evil, text, evil.annotate(text), title="<b>t</b>")
    assert "<script>" not in page and "<img" not in page and "<b>t</b>" not in page
    assert "&lt;script&gt;alert(3)" in page and "&lt;img src=x" in page
    assert page.count('class="t"') == 1 and 'lang="zh-CN"' in page


def test_markdown_footnotes(mini):
    text = "推进放管服改革，再推进放管服。"
    md = render_markdown(mini, text, mini.annotate(text))
    assert md.startswith("推进放管服[^1]改革，再推进放管服。")
    assert "[^1]: **放管服** (Streamline, regulate, serve): 简政放权" in md


def test_json_document_and_utf16(mini):
    text = "𠀀放管服"
    out = io.StringIO()
    offsets = Utf16Offsets()
    offsets.feed(text)
    n = write_document(out, mini, mini.annotate(text), {"path": "x"}, utf16=offsets)
    data = json.loads(out.getvalue())
    assert n == 1 and data["annotations"][0]["start"] == 1 and data["annotations"][0]["start_utf16"] == 2
    assert data["annotations"][0]["sources"][1]["title"] == "2017年国务院政府工作报告"


def test_jsonl_is_one_line(mini):
    out = io.StringIO()
    write_document(out, mini, mini.annotate("放管服"), lambda: {"path": "late"}, lines=True)
    assert out.getvalue().count("\n") == 1 and json.loads(out.getvalue())["document"] == {"path": "late"}


def test_ambiguous_terms_show_alternatives_in_rich_table(mini):
    text = "坚决遏制“两高”项目"
    buf = io.StringIO()
    make_console(buf, force_terminal=False, width=160).print(
        render_document(mini, text, mini.annotate(text), summary=True, title="t"))
    assert "liang-gao-courts" in buf.getvalue() and "两高" in buf.getvalue()


def test_undocumented_entries_say_so(mini):
    buf = io.StringIO()
    make_console(buf, force_terminal=False, width=160).print(
        render_document(mini, "落实“13710”", mini.annotate("落实“13710”"), summary=False, title="t"))
    assert "undocumented" in buf.getvalue() and "13710[1]" in buf.getvalue()


def test_a_bound_is_never_shown_as_a_first_appearance(mini):
    # 三个一批 is dated 'bound' (in use by 2023); 放管服 'earliest-use' (first used 2017).
    text = "滚动开展“三个一批”，推进放管服改革。"
    anns = mini.annotate(text)
    md = render_markdown(mini, text, anns)
    assert "In use by 2023." in md and "First used 2017." in md and "First used 2023" not in md
    page = render_page(mini, text, anns, title="t")
    assert "in use by 2023" in page and "first used 2017" in page and "first used 2023" not in page
    assert "<td>by 2023</td>" in page and "<td>2017</td>" in page
    buf = io.StringIO()
    make_console(buf, force_terminal=False, width=200).print(render_document(mini, text, anns, summary=True, title="t"))
    assert "by 2023" in buf.getvalue() and "│ 2017" in buf.getvalue()
    out = io.StringIO()
    write_document(out, mini, anns, {"path": "x"})
    found = {a["id"]: a for a in json.loads(out.getvalue())["annotations"]}
    sgyp, fgf = found["san-ge-yi-pi"], found["fang-guan-fu"]
    assert (sgyp["first_year"], sgyp["first_year_basis"], sgyp["first_year_bound"], sgyp["first_year_label"]) == (
        2023, "bound", True, "by 2023")
    assert (fgf["first_year_bound"], fgf["first_year_label"]) == (False, "2017")


def test_lookup_panel_says_bound_and_lists_other_senses(mini):
    from gloss.render.terminal import entry_panel

    buf = io.StringIO()
    make_console(buf, force_terminal=False, width=200).print(entry_panel(mini, mini.get("san-ge-yi-pi"), "sān gè yī pī"))
    out = buf.getvalue()
    assert "by 2023 (bound)" in out
    assert "other sense" in out and "突出抓好“三个一批”" in out and "河北省2001年政府工作报告, 2001-01-08" in out


def test_out_of_scope_is_shown_differently_in_every_format(mini):
    text = "持续开展“三个一批”项目建设"
    [ann] = mini.annotate(text, region="上海市")
    assert ann.scope_match is False
    out = io.StringIO()
    write_document(out, mini, [ann], {"path": "x"})
    [record] = json.loads(out.getvalue())["annotations"]
    assert record["scope_match"] is False and record["definition"] is None and record["en"] is None
    assert record["elsewhere"]["label"] == "in 河南省: 签约一批、开工一批、投产一批。"
    page = render_page(mini, text, [ann], title="t")
    assert 'class="t elsewhere"' in page and "in 河南省: 签约一批" in page and "Not this document" in page
    md = render_markdown(mini, text, [ann])
    assert "not this document's meaning" in md and "in 河南省: 签约一批" in md
    console = make_console(io.StringIO(), force_terminal=False, width=120)
    console.print(render_document(mini, text, [ann], summary=True, title="t"))
    shown = console.file.getvalue()
    assert "not this document's meaning" in shown and "20%" in shown
    [inside] = mini.annotate(text, region="洛阳市")
    out = io.StringIO()
    write_document(out, mini, [inside], {"path": "x"})
    [record] = json.loads(out.getvalue())["annotations"]
    assert record["scope_match"] is True and record["definition"] and "elsewhere" not in record
