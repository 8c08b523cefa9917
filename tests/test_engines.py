"""Every matching engine reports the same occurrences, so every engine gives the same annotations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gloss
from gloss.errors import GlossError
from gloss.matcher import ENGINES, EngineError, Matcher, available_engines, resolve_engine

from conftest import MINI

INSTALLED = available_engines()
KEYS = ["知识产权", "国家知识产权局", "三个一批", "放管服", "13710", "9+2", "rcep", "三农", "三", "权局", "a", "𠀀字"]


def test_the_default_engine_is_always_there():
    assert "pyahocorasick" in INSTALLED
    assert resolve_engine(None) == INSTALLED[0]
    assert resolve_engine("auto") == INSTALLED[0]


def test_unknown_engine_is_a_one_line_domain_error():
    with pytest.raises(EngineError) as info:
        Matcher(["三农"], "regex")
    assert isinstance(info.value, GlossError) and not isinstance(info.value, ValueError)
    assert "\n" not in str(info.value) and "pyahocorasick" in str(info.value)


def test_unknown_engine_through_load():
    with pytest.raises(EngineError):
        gloss.load(MINI, engine="nonesuch").annotate("三个一批")


def test_a_known_engine_that_is_missing_names_the_extra(monkeypatch):
    monkeypatch.setattr("gloss.matcher.available_engines", lambda: ("pyahocorasick",))
    with pytest.raises(EngineError, match=r"gloss\[fast\]"):
        resolve_engine("hyperscan")


@pytest.mark.parametrize("engine", INSTALLED)
def test_nested_overlapping_and_astral(engine):
    m = Matcher(KEYS, engine)
    assert m.name == engine
    text = "𠀀字a国家知识产权局，三个一批“9+2”"
    found = sorted(m.occurrences(text))
    assert found == sorted(Matcher(KEYS, "pyahocorasick").occurrences(text))
    assert (0, 2, 11) in found and (3, 10, 1) in found and (5, 9, 0) in found and (8, 10, 9) in found
    for start, end, k in found:
        assert text[start:end] == KEYS[k]


@pytest.mark.parametrize("engine", INSTALLED)
def test_empty_keys_and_text(engine):
    assert list(Matcher([], engine).occurrences("三农")) == []
    assert list(Matcher(["", "三农"], engine).occurrences("三农")) == [(0, 2, 1)]
    assert list(Matcher(["三农"], engine).occurrences("")) == []


_ALPHABET = st.sampled_from(list("国家知识产权局三个一批放管服13710 9+2rcep农a字，𠀀\n") + KEYS)


@pytest.mark.parametrize("engine", [e for e in INSTALLED if e != "pyahocorasick"])
@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(_ALPHABET, max_size=30))
def test_same_occurrences_as_pyahocorasick(engine, pieces):
    text = "".join(pieces)
    reference = Matcher(KEYS, "pyahocorasick").occurrences(text)
    assert sorted(Matcher(KEYS, engine).occurrences(text)) == sorted(reference)


@pytest.mark.parametrize("engine", [e for e in INSTALLED if e != "pyahocorasick"])
@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=120))
def test_same_annotations_on_arbitrary_text(engine, text, mini):
    other = gloss.load(MINI, engine=engine)
    for overlapping in (False, True):
        assert other.annotate(text, overlapping=overlapping) == mini.annotate(text, overlapping=overlapping)


@pytest.mark.parametrize("engine", [e for e in INSTALLED if e != "pyahocorasick"])
def test_same_annotations_on_the_seed_reports(engine, seeds, mini):
    reference = gloss.load(MINI, engine="pyahocorasick")
    other = gloss.load(MINI, engine=engine)
    reports = sorted(seeds.glob("*.txt"))
    assert reports
    for path in reports:
        text = path.read_text("utf-8-sig")
        for overlapping in (False, True):
            assert other.annotate(text, overlapping=overlapping) == reference.annotate(text, overlapping=overlapping)
        # With every CJK bigram of the report as a key, nearly every position overlaps others.
        keys = sorted({text[i : i + 2] for i in range(0, len(text) - 1, 7)})
        assert sorted(Matcher(keys, engine).occurrences(text)) == sorted(Matcher(keys, "pyahocorasick").occurrences(text))


def test_engines_are_named_fastest_first():
    assert ENGINES[-1] == "pyahocorasick"


@pytest.mark.parametrize("engine", INSTALLED)
def test_lone_surrogates_and_latin1_text(engine):
    keys = ["é", "aé", "ÿ字", "字"]
    text = "\ud800aé\udfffÿ字é"
    found = sorted(Matcher(keys, engine).occurrences(text))
    assert found == [(1, 3, 1), (2, 3, 0), (4, 6, 2), (5, 6, 3), (6, 7, 0)]


def test_auto_picks_by_glossary_size(monkeypatch):
    from gloss.matcher import LARGE_GLOSSARY

    monkeypatch.setattr("gloss.matcher.available_engines", lambda: ("hyperscan", "ahocorasick_rs", "pyahocorasick"))
    assert resolve_engine("auto", LARGE_GLOSSARY - 1) == "hyperscan"
    assert resolve_engine("auto", LARGE_GLOSSARY) == "ahocorasick_rs"
    assert resolve_engine("hyperscan", LARGE_GLOSSARY) == "hyperscan"  # a named engine is kept
    monkeypatch.setattr("gloss.matcher.available_engines", lambda: ("hyperscan", "pyahocorasick"))
    assert resolve_engine(None, LARGE_GLOSSARY) == "hyperscan"
    monkeypatch.setattr("gloss.matcher.available_engines", lambda: ("pyahocorasick",))
    assert resolve_engine(None, LARGE_GLOSSARY) == "pyahocorasick"


@pytest.mark.parametrize("engine", [e for e in INSTALLED if e != "pyahocorasick"])
def test_lone_surrogates_do_not_raise(engine, mini):
    text = "推进\ud800放管服\udfff改革，落实“13710”工作制度\ud83d"
    other = gloss.load(MINI, engine=engine)
    reference = gloss.load(MINI, engine="pyahocorasick")
    assert other.annotate(text) == reference.annotate(text) and len(reference.annotate(text)) == 2
    assert sorted(Matcher(KEYS, engine).occurrences("\udc80" + "三个一批")) == sorted(
        Matcher(KEYS, "pyahocorasick").occurrences("\udc80" + "三个一批"))
