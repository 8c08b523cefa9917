"""Coverage: which jargon-shaped phrases count, and the shares over a text."""

from __future__ import annotations

import json

from gloss.coverage import classify, measure

from test_cli import gloss


def test_counts_and_idioms_are_not_jargon():
    assert classify("千方百计") == "idiom"
    assert classify("十强") == "count"
    assert classify("三个月") == "count"
    assert classify("百亿级") == "count"
    assert classify("三个一批") is None
    assert classify("1+8") is None


def test_shares_over_a_text(mini):
    text = "开展“三个一批”活动，落实“13710”工作制度，构建“1+8”体系，千方百计做好“十强”。"
    result = measure(mini, [("a.txt", text)])
    assert result.documents == 1
    assert dict(result.jargon) == {"三个一批": 1, "13710": 1, "1+8": 1}
    assert dict(result.annotated) == {"三个一批": 1, "13710": 1}
    assert result.missed == {"1+8": 1}
    assert abs(result.annotated_share - 2 / 3) < 1e-9
    assert "13710-gong-zuo-zhi-du" in result.undocumented
    assert 0 < result.documented_share < 1


def test_cli_json(tmp_path):
    doc = tmp_path / "r.txt"
    doc.write_text("落实“13710”工作制度，构建“1+8”体系。", encoding="utf-8")
    r = gloss("corpus", "coverage", "--format", "json", "--missed", "5", str(doc))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["jargon"] == 2 and data["annotated"] == 1 and data["missed"] == [{"phrase": "1+8", "count": 1}]


def test_another_places_scheme_is_not_coverage(mini):
    """13710 is 洛阳市's: in a 北京市 report the match explains nothing, so the phrase counts as missed."""
    here = "洛阳市市长 徐衣显\n各位代表：落实“13710”工作制度。"
    elsewhere = "北京市市长 殷勇\n各位代表：落实“13710”工作制度。"
    local = measure(mini, [("a.txt", here)])
    assert dict(local.annotated) == {"13710": 1} and not local.out_of_scope
    other = measure(mini, [("b.txt", elsewhere)])
    assert not other.annotated and dict(other.out_of_scope) == {"13710": 1}
    assert other.missed == {"13710": 1} and not other.entries
