"""Source tiers: the host table, and how a citation's tier reaches every output."""

from __future__ import annotations

import json

import pytest

from gloss.model import Citation
from gloss.render.records import citation, source_label
from gloss.tiers import TIERS, listed_host, url_tier



@pytest.mark.parametrize(
    ("url", "tier"),
    [
        ("http://www.gov.cn/zhengce/2016-01/01/content_1.htm", "official"),
        ("https://xfj.henan.gov.cn/2021/11-02/2339480.html", "official"),
        ("http://keywords.china.org.cn/2018-12/03/content_74234975.html", "state-media"),
        ("https://www.news.cn/politics/x.htm", "state-media"),
        ("http://paper.ce.cn/pc/content/202402/01/content_288913.html", "state-media"),
        ("http://ce.newdu.com/q4589.html", "low"),  # a mirror, not 经济日报's ce.cn
        ("https://33.wendadaohang.com/zd/x.html", "low"),
        ("https://zh.wikipedia.org/zh-sg/x", "other"),
        ("https://unlisted.example.org/a", "other"),
        ("http://www.yantai.gov.cn:444/x.html", "official"),
    ],
)
def test_url_tier(url, tier):
    assert url_tier(url) == tier


def test_a_lookalike_host_is_not_its_suffix():
    assert url_tier("https://notgov.cn/x") == "other"
    assert listed_host("https://fakegov.cn/x") is None


def test_every_host_the_glossary_cites_is_classified(real):
    cites = [c for e in real.entries for c in (*e.citations, *e.other_sense_uses,
                                               *([e.first_year_source] if e.first_year_source else []))]
    unlisted = sorted({c.url for c in cites if c.url and listed_host(c.url) is None})
    assert unlisted == []


def test_low_pages_are_labelled_in_text_and_json(real):
    page = Citation(url="https://33.wendadaohang.com/zd/x.html", title="某某是什么", quote="……")
    assert source_label(real, page).endswith("[low-authority page]")
    assert citation(real, page)["tier"] == "low"
    official = Citation(url="http://www.gov.cn/x.htm", title="国务院")
    assert "[" not in source_label(real, official) and citation(real, official)["tier"] == "official"


def test_documents_are_official_unless_a_broadcaster_issued_them(real):
    doc = next(iter(real.documents.values()))
    assert citation(real, Citation(doc=doc.id, quote="x"))["tier"] in TIERS
    assert json.dumps(citation(real, Citation(doc=doc.id, quote="x")), ensure_ascii=False)
