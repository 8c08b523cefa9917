import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gloss.normalize import normalize


def ids(glossary, text, **kw):
    return [(a.surface, a.entry.id) for a in glossary.annotate(text, **kw)]


def test_slice_invariant_across_line_breaks(mini):
    text = "推进放\n\n管服改革，滚动开展“三\n\n个一批”"
    anns = mini.annotate(text)
    assert [a.entry.id for a in anns] == ["fang-guan-fu", "san-ge-yi-pi"]
    for a in anns:
        assert text[a.start:a.end] == a.surface
    assert anns[0].surface == "放\n\n管服"


def test_full_width_digits_are_found(mini):
    assert ids(mini, "落实１３７１０工作法") == [("１３７１０", "13710-gong-zuo-zhi-du")]


@pytest.mark.parametrize("text", ["213710工作法", "137100工作法", "13710.5工作法", "“213710”"])
def test_digit_edges_must_not_touch_digits(mini, text):
    assert ids(mini, text) == []


@pytest.mark.parametrize("text", ["民生支出累计达136.94亿元", "引进重大项目136个", "资金1136万元", "0.136工作举措",
                                  "1,136工作举措"])
def test_bare_numbers_are_never_codes(mini, text):
    assert ids(mini, text) == []


def test_code_in_quotes_or_before_head_word(mini):
    assert ids(mini, "落实“13710”要求") == [("13710", "13710-gong-zuo-zhi-du")]
    assert ids(mini, "推进136工作举措") == [("136", "136-gong-zuo-ju-cuo")]
    assert ids(mini, "全面深化“9+2”工作布局") == [("9+2", "9-plus-2")]
    assert ids(mini, "增长9+2个百分点") == []


def test_latin_edges(mini):
    assert ids(mini, "加入RCEP协定") == [("RCEP", "rcep")]
    assert ids(mini, "PRCEP") == []
    assert ids(mini, "RCEPX") == []
    assert ids(mini, "rcep 协定") == [("rcep", "rcep")]


def test_blocker_vetoes_match(mini):
    assert ids(mini, "第三农场") == []
    assert ids(mini, "支持三农发展") == [("三农", "san-nong")]


def test_leftmost_longest_and_all(mini):
    assert ids(mini, "国家知识产权局") == [("国家知识产权局", "guo-jia-zhi-shi-chan-quan-ju")]
    assert [a.entry.id for a in mini.annotate("国家知识产权局", overlapping=True)] == [
        "guo-jia-zhi-shi-chan-quan-ju", "zhi-shi-chan-quan"]
    # pyahocorasick issue #133: the longer key must not hide the shorter one
    assert ids(mini, "国家知识产权") == [("知识产权", "zhi-shi-chan-quan")]


def test_rejected_long_match_lets_shorter_through(tmp_path):
    import gloss
    from gloss.normalize import normalize  # noqa: F401

    text = (MINI_TEXT := open(__file__.replace("test_annotate.py", "fixtures/mini.yaml"), encoding="utf-8").read())
    text = text.replace("  - id: zhi-shi-chan-quan\n", "  - id: zhi-shi-chan-quan\n", 1)
    text = text.replace("    term: 国家知识产权局\n", "    term: 国家知识产权局\n    match: {blockers: [国家知识产权局长]}\n")
    path = tmp_path / "g.yaml"
    path.write_text(text, encoding="utf-8")
    g = gloss.load(path)
    assert ids(g, "国家知识产权局长") == [("知识产权", "zhi-shi-chan-quan")]
    assert MINI_TEXT


def test_senses_resolved_by_region_and_cues(mini):
    [a] = mini.annotate("涧西区推进“三自”组织建设")
    assert a.entry.id == "san-zi-jianxi" and a.alternatives == ("san-zi-protestant",)
    [a] = mini.annotate("“三自”爱国运动是基督教界的", region="全国")
    assert a.entry.id == "san-zi-protestant"
    [a] = mini.annotate("坚决遏制“两高”项目盲目发展")
    assert a.entry.id == "liang-gao-projects" and 0 < a.confidence < 1
    [a] = mini.annotate("“两高”联合发布司法解释")
    assert a.entry.id == "liang-gao-courts" and a.alternatives == ("liang-gao-projects",)


def test_explicit_region_overrides_detection(mini):
    text = "涧西区政府工作报告\n推进“三自”"
    assert mini.annotate(text)[0].entry.id == "san-zi-jianxi"
    assert mini.annotate(text, region="全国")[0].entry.id == "san-zi-protestant"


TERMS = ["三个一批", "放管服", "“13710”", "136工作举措", "知识产权", "国家知识产权局", "RCEP", "三农", "“9+2”"]
NOISE = st.sampled_from(["", "\n", "\n\n", " ", "\u3000", "１", "2", ".", "，", "推进", "第", "局"])


@st.composite
def documents(draw):
    parts = []
    for _ in range(draw(st.integers(0, 6))):
        term = draw(st.sampled_from(TERMS))
        broken = "".join(c + draw(st.sampled_from(["", "", "\n\n", " "])) for c in term)
        if draw(st.booleans()):
            broken = broken.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789+"})
        parts.append(draw(NOISE) + broken + draw(NOISE))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(documents())
def test_property_slice_and_key(mini, text):
    keys = {e.id: {normalize(s) for s in e.surfaces} for e in mini.entries}
    for a in mini.annotate(text, overlapping=True):
        assert text[a.start:a.end] == a.surface
        assert normalize(a.surface) in keys[a.entry.id]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode_never_crashes(mini, text):
    for a in mini.annotate(text):
        assert text[a.start:a.end] == a.surface


@settings(max_examples=200, deadline=None)
@given(documents())
def test_selection_is_non_overlapping_and_ordered(mini, text):
    anns = mini.annotate(text)
    for x, y in zip(anns, anns[1:]):
        assert x.end <= y.start


@pytest.mark.parametrize(("text", "surface", "entry_id"), [
    ("港澳媒體報道，內地各級幹部須做到「兩個維護」。", "兩個維護", "liang-ge-wei-hu"),  # Hong Kong style quotes
    ("河南持續開展「三個一批」項目建設活動", "三個一批", "san-ge-yi-pi"),
    ("深化「放管服」改革，推進“一帶一路”建設", "一帶一路", "yi-dai-yi-lu"),
    ("两个維护", "两个維护", "liang-ge-wei-hu"),  # simplified and traditional mixed
])
def test_traditional_and_mixed_script_text(real, text, surface, entry_id):
    found = {(text[a.start:a.end], a.entry.id) for a in real.annotate(text)}
    assert (surface, entry_id) in found


def test_a_character_that_is_also_simplified_is_not_folded():
    from gloss.traditional import folding_table

    # 着 and 著: 著 is the traditional form of 着, but also a simplified character itself (显著, 著名).
    table = folding_table(["四个着力", "两个维护"])
    assert "著" not in table and table["維"] == "维" and table["護"] == "护"
