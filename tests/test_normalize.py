from hypothesis import given
from hypothesis import strategies as st

from gloss.normalize import fold, match_view, normalize


def check_map(text: str) -> None:
    view = match_view(text)
    for i, ch in enumerate(view.text):
        original = text[view.to_original(i)]
        assert fold(original) == ch or (ch == " " and original.isspace())


def test_line_breaks_between_chinese_are_removed():
    assert normalize("放\n\n管服") == "放管服"
    assert normalize("2019 年") == "2019年"
    assert normalize("三\u3000个\u00a0一批") == "三个一批"


def test_space_between_latin_or_digits_stays_single():
    assert normalize("belt  and\nroad") == "belt and road"
    assert normalize("2 13710") == "2 13710"
    assert normalize("136\n94") == "136 94"


def test_full_width_ascii_and_case_fold():
    assert normalize("１３７１０") == "13710"
    assert normalize("ＲＣＥＰ") == "rcep"
    assert normalize("“９＋２”") == "“9+2”"


def test_zero_width_and_page_footer_removed():
    assert normalize("x\u200by") == "xy"
    assert normalize("始终在思想上政\n\n\n\n— 28 —\n\n治上") == "始终在思想上政治上"
    assert normalize("a\n- 3 -\nb") == "ab"


def test_offsets_map_back_to_original():
    text = "推进放\n\n管服改革\n— 35 —\n三个 一批 ab  cd"
    view = match_view(text)
    s = view.text.index("放管服")
    a, b = view.span(s, s + 3)
    assert text[a:b] == "放\n\n管服"
    s = view.text.index("三个一批")
    a, b = view.span(s, s + 4)
    assert text[a:b] == "三个 一批"
    check_map(text)


@given(st.text(alphabet=st.sampled_from(list("三个一批放管服ab12 \n\t\u3000\u200b—-１Ａ.,“”")), max_size=80))
def test_map_property(text):
    check_map(text)


@given(st.text(max_size=200))
def test_arbitrary_unicode_never_crashes(text):
    check_map(text)
