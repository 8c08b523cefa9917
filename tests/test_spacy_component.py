"""The spaCy component: spans agree with Glossary.annotate, senses resolved the same way."""

from __future__ import annotations

import os

import pytest

if os.environ.get("GLOSS_REQUIRE_SPACY") != "1":
    pytest.importorskip("spacy", reason="the spacy extra is not installed (pip install '.[spacy]')")
import spacy  # noqa: E402

from gloss.spacy_component import GlossComponent  # noqa: E402

from conftest import MINI  # noqa: E402

TEXTS = [
    "滚动开展“三\n\n个一批”，严格落实“13710”工作制度；民生支出累计达136.94亿元。",
    "深化放管服改革，支持基督教“三自”爱国运动。",
    "洛阳市涧西区人民政府\n2023年2月21日\n加强社区“三自”组织建设，严格控制“两高”项目盲目发展。",
    "ＲＣＥＰ生效实施，推进放\n管服。",
]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("zh")
    nlp.add_pipe("gloss", config={"terms": str(MINI)})
    return nlp


def _spans(doc):
    return [(s.start_char, s.end_char, s.label_) for s in doc.spans["gloss"]]


@pytest.mark.parametrize("text", TEXTS)
def test_spans_agree_with_the_api(nlp, mini, text):
    doc = nlp(text)
    assert _spans(doc) == [(a.start, a.end, a.entry.id) for a in mini.annotate(text)]
    for span, a in zip(doc.spans["gloss"], mini.annotate(text)):
        assert span.text == a.surface
        assert span._.gloss_definition == a.entry.definition and span._.gloss_en == a.entry.en
        assert span._.gloss_scope == {"level": a.entry.scope.level, "region": a.entry.scope.region}
        assert span._.gloss_confidence == a.confidence and span._.gloss_alternatives == list(a.alternatives)


def test_pipe_over_many_documents(nlp, mini):
    docs = list(nlp.pipe(TEXTS * 5, batch_size=3))
    assert [_spans(d) for d in docs] == [[(a.start, a.end, a.entry.id) for a in mini.annotate(t)] for t in TEXTS * 5]


def test_region_and_year_in_the_config(mini):
    nlp = spacy.blank("zh")
    nlp.add_pipe("gloss", config={"terms": str(MINI), "region": "洛阳市", "year": 2023})
    text = "加强“三自”建设。"
    assert _spans(nlp(text)) == [(a.start, a.end, a.entry.id) for a in mini.annotate(text, region="洛阳市", year=2023)]


def test_coarser_tokens_widen_to_whole_tokens(mini):
    nlp = spacy.blank("en")  # splits on spaces and punctuation only: "RCEP生效" is one token
    doc = GlossComponent(mini)(nlp("推动 RCEP生效 实施"))
    assert [s.text for s in doc.spans["gloss"]] == ["RCEP生效"]
