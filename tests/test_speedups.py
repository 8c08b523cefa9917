"""The C extension (gloss._speedups) gives exactly what the pure-Python path gives.

The pure-Python path is the reference (and what runs where the extension could not be built);
each test runs the same input through both.
"""

from __future__ import annotations

import importlib
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gloss
import gloss.annotate
import gloss.matcher
import gloss.normalize
import gloss.traditional
from gloss.matcher import Matcher, _utf8_spans, available_engines
from gloss.model import Annotation
from gloss.normalize import _ZERO_WIDTH, match_view_python
from gloss.stream import annotate_chunks


def _load_speedups():
    try:
        return importlib.import_module("gloss._speedups")
    except ImportError:
        if os.environ.get("GLOSS_REQUIRE_SPEEDUPS") == "1":
            raise
        return None


speedups = _load_speedups()
pytestmark = pytest.mark.skipif(speedups is None, reason="gloss._speedups is not built (python hatch_build.py)")


@pytest.fixture
def pure(monkeypatch):
    """Run gloss without the extension for the duration of a test."""
    for module in (gloss.normalize, gloss.traditional, gloss.annotate, gloss.matcher):
        monkeypatch.setattr(module, "_speedups", None)


def c_view(text: str) -> tuple:
    return speedups.match_view(text, _ZERO_WIDTH)


def py_view(text: str) -> tuple:
    view = match_view_python(text)
    return view.text, view._starts, view._shifts


_LAYOUT = st.sampled_from(
    list("ab Z9１Ａａ\u3000\n\t\r\u00a0\u200b\ufeff\u2060—–-35字，；.。“”\"'٣\U00020000")
    + ["\n— 35 —\n", "\n\n\n- 12 -", " \r\n－ 7 －\r\n", "A B", "1 2", " \u200b ", "\u200b 1", "\n\n— 3 —", "— 12345 —"]
)


@settings(max_examples=2000, deadline=None)
@given(st.lists(_LAYOUT, max_size=40).map("".join))
def test_view_on_layout_text(text):
    assert c_view(text) == py_view(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=150))
def test_view_on_any_text(text):
    assert c_view(text) == py_view(text)


def test_view_keeps_every_storage_width():
    for text in ("abc DEF", "ＡＢＣ　def", "字 \n字", "𠀀 a", "é\u200bb", ""):
        view, _, _ = c_view(text)
        assert view == match_view_python(text).text
        assert type(view) is str and hash(view) == hash(match_view_python(text).text)


def test_view_on_the_seed_reports(seeds):
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text("utf-8-sig")
        assert c_view(text) == py_view(text)


def test_a_wider_zero_width_set_is_honoured():
    soft = _ZERO_WIDTH + "\u00ad"
    view, starts, shifts = speedups.match_view("放\u00ad管服 a\u00adb", soft)
    assert view == "放管服ab"
    with pytest.raises(ValueError):
        speedups.match_view("x", "\u200b" * 65)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("a字𠀀é，"), min_size=2, max_size=120), st.data())
def test_utf8_spans_equal_the_python_walk(text, data):
    raw = text.encode("utf-8")
    # (byte end, key) for keys of 1 and 2 characters ending after character `at`, in end order.
    ats = sorted(data.draw(st.lists(st.integers(2, len(text)), max_size=20)))
    hits = [(len(text[:at].encode("utf-8")), at % 2) for at in ats]
    lengths = (1, 2)
    expected = [(at - lengths[at % 2], at, at % 2) for at in ats]
    assert speedups.utf8_spans(raw, list(hits), lengths) == expected
    assert _utf8_spans(raw, list(hits), lengths) == expected


def test_utf8_spans_refuse_hits_out_of_order():
    with pytest.raises(ValueError):
        speedups.utf8_spans("ab".encode(), [(2, 0), (1, 0)], (1,))
    with pytest.raises(ValueError):
        speedups.utf8_spans("ab".encode(), [(3, 0)], (1,))


def test_annotations_refuse_bad_input():
    fixed = {(0,): ("n", 1.0, (), True)}
    with pytest.raises(TypeError):
        speedups.annotations(Annotation, [(0, 1)], (), (), "a", fixed, 0)
    with pytest.raises(ValueError):
        speedups.annotations(Annotation, [(0, 5, (0,))], (), (), "a", fixed, 0)
    with pytest.raises(TypeError):
        speedups.annotations(Annotation, [(0, 1, (0,))], (), (), "a", {(0,): ("n", 1.0)}, 0)
    with pytest.raises(TypeError):
        speedups.annotations(Annotation, [(0, 1, ([],))], (), (), "a", fixed, 0)


def test_annotations_leave_matches_without_a_fixed_choice_to_the_resolver():
    fixed = {(0,): ("n", 1.0, (), True), (1, 2): ("l", 0.2, ("n",), False)}
    national, local, cued = speedups.annotations(
        Annotation, [(0, 1, (0,)), (1, 2, (1, 2)), (2, 3, (3, 4))], (), (), "abc", fixed, 5
    )
    assert tuple(national) == (5, 6, "a", "n", 1.0, (), True)
    assert tuple(local) == (6, 7, "b", "l", 0.2, ("n",), False)
    assert cued is None


def test_annotations_equal_their_python_reference():
    view = gloss.normalize.match_view_python("三\n个一批，放 管服")
    chosen = [(0, 4, (0,)), (5, 8, (1, 2)), (8, 9, (3,))]
    fixed = {(0,): ("a", 1.0, (), True), (1, 2): ("b", 0.5, ("c",), None)}
    text = "三\n个一批，放 管服"
    expected = gloss.annotate._annotations_python(chosen, fixed, text, view, 3)
    assert speedups.annotations(Annotation, chosen, view._starts, view._shifts, text, fixed, 3) == expected
    assert [tuple(a)[:3] for a in expected[:2]] == [(3, 8, "三\n个一批"), (9, 13, "放 管服")] and expected[2] is None


_FOLD_SOURCES = "".join(sorted("兩個維護𧶠龍"))
_FOLD_TARGETS = "".join({"兩": "两", "個": "个", "維": "维", "護": "护", "𧶠": "x", "龍": "龙"}[c] for c in _FOLD_SOURCES)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("兩個維護𧶠龍两个a1 \n𠀀字")), max_size=30))
def test_fold_chars_equals_str_translate(text):
    table = {ord(s): t for s, t in zip(_FOLD_SOURCES, _FOLD_TARGETS)}
    folded = speedups.fold_chars(text, _FOLD_SOURCES, _FOLD_TARGETS)
    assert folded == text.translate(table)
    assert len(folded) == len(text)


def test_fold_chars_returns_the_text_itself_when_nothing_folds():
    text = "两个维护" * 3
    assert speedups.fold_chars(text, _FOLD_SOURCES, _FOLD_TARGETS) is text
    assert speedups.fold_chars(text, "", "") is text


def test_fold_chars_refuses_a_bad_table():
    with pytest.raises(ValueError):
        speedups.fold_chars("a", "ba", "xy")
    with pytest.raises(ValueError):
        speedups.fold_chars("a", "ab", "x")


def spans(anns):
    return [(a.start, a.end, a.surface, a.entry.id, a.confidence, a.alternatives) for a in anns]


_TERMS = st.sampled_from(
    ["放管服", "“13710”", "国家知识产权局", "三\n个一批", "三個一批", "，", "\n\n", "136.94", "第三农场", "ＲＣＥＰ", "rcep", " ", "a", "9+2",
     "\n— 3 —\n", "\u200b", "洛阳"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_TERMS, max_size=40).map("".join))
def test_annotations_equal_the_pure_python_path(mini, text):
    with pytest.MonkeyPatch.context() as patch:
        for module in (gloss.normalize, gloss.traditional, gloss.annotate, gloss.matcher):
            patch.setattr(module, "_speedups", None)
        expected = [mini.annotate(text), mini.annotate(text, overlapping=True)]
    assert [mini.annotate(text), mini.annotate(text, overlapping=True)] == expected


@pytest.mark.parametrize("engine", available_engines())
def test_the_real_glossary_on_the_seed_reports(seeds, real, engine, pure):
    other = gloss.load(real.path, engine=engine)
    reports = sorted(seeds.glob("*.txt"))
    expected = [real.annotate(p.read_text("utf-8-sig")) for p in reports]
    with pytest.MonkeyPatch.context() as patch:
        for module in (gloss.normalize, gloss.traditional, gloss.annotate, gloss.matcher):
            patch.setattr(module, "_speedups", speedups)
        assert [other.annotate(p.read_text("utf-8-sig")) for p in reports] == expected


@settings(max_examples=40, deadline=None)
@given(st.lists(_TERMS, max_size=60).map("".join), st.integers(1, 40))
def test_stream_equals_whole_on_the_pure_path(mini, text, size):
    chunks = [text[i:i + size] for i in range(0, len(text), size)]
    with pytest.MonkeyPatch.context() as patch:
        for module in (gloss.normalize, gloss.traditional, gloss.annotate, gloss.matcher):
            patch.setattr(module, "_speedups", None)
        assert spans(annotate_chunks(mini, chunks)) == spans(mini.annotate(text))
    assert spans(annotate_chunks(mini, chunks)) == spans(mini.annotate(text))


@pytest.mark.parametrize("engine", [e for e in available_engines() if e == "hyperscan"])
def test_hyperscan_spans_equal_the_python_walk(engine, pure):
    keys = ["知识产权", "国家知识产权局", "a", "𠀀字", "ab"]
    text = "𠀀字a国家知识产权局ab，𠀀字"
    expected = sorted(Matcher(keys, engine).occurrences(text))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(gloss.matcher, "_speedups", speedups)
        assert sorted(Matcher(keys, engine).occurrences(text)) == expected
    assert (0, 2, 3) in expected and (3, 10, 1) in expected


@settings(max_examples=200, deadline=None)
@given(st.lists(_TERMS, max_size=40).map("".join))
def test_candidates_equal_their_python_reference(mini, text):
    compiled = mini.compiled
    view = gloss.normalize.match_view_python(text).text
    occurrences = compiled.matcher.occurrence_list(view)
    expected = gloss.annotate._candidates_python(occurrences, compiled.plain, compiled.ruled, view)
    quotes = gloss.annotate._QUOTE_CHARS
    assert speedups.candidates(occurrences, compiled.plain, compiled.ruled, view, quotes) == expected


def test_candidates_on_the_seed_reports_equal_their_python_reference(seeds, real):
    compiled = real.compiled
    for path in sorted(seeds.glob("*.txt")):
        view = gloss.normalize.match_view_python(path.read_text("utf-8-sig")).text
        occurrences = compiled.matcher.occurrence_list(view)
        expected = gloss.annotate._candidates_python(occurrences, compiled.plain, compiled.ruled, view)
        got = speedups.candidates(occurrences, compiled.plain, compiled.ruled, view, gloss.annotate._QUOTE_CHARS)
        assert got == expected and expected


def test_candidates_refuse_bad_input():
    with pytest.raises(TypeError):
        speedups.candidates([(0, 1)], ((0,),), {}, "a", "“")
    with pytest.raises(ValueError):
        speedups.candidates([(0, 5, 0)], ((0,),), {}, "a", "“")
    with pytest.raises(KeyError):
        speedups.candidates([(0, 1, 0)], (None,), {}, "a", "“")


_CANDIDATE = st.tuples(st.integers(0, 30), st.integers(1, 6), st.tuples(st.integers(0, 5)))


@given(st.lists(_CANDIDATE, max_size=40))
def test_select_equals_its_python_reference(drawn):
    found = sorted(((start, start + length, owners) for start, length, owners in drawn), key=lambda c: (c[0], -c[1]))
    chosen = speedups.select(found)
    assert chosen == gloss.annotate._select_python(found)
    assert all(a[1] <= b[0] for a, b in zip(chosen, chosen[1:]))


def test_select_refuses_what_is_not_a_match():
    with pytest.raises(TypeError):
        speedups.select([(1,)])
    with pytest.raises(TypeError):
        speedups.select([("1", 2)])
    with pytest.raises(TypeError):
        speedups.select(((0, 1),))


def test_hits_record_what_hyperscan_reports():
    hits = speedups.Hits()
    assert hits(7, 0, 12, 0, None) is None and hits(3, 4, 15, 0, "context") is None
    assert hits == [(12, 7), (15, 3)] and isinstance(hits, list)
    with pytest.raises(TypeError):
        hits(1, 2)
    with pytest.raises(TypeError):
        hits(1, 2, 3, flags=0)
    assert hits == [(12, 7), (15, 3)]
