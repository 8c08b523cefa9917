"""Candidate jargon: shapes that mark jargon, exclusions, ranking."""

from __future__ import annotations

from conftest import SHARED, require_shared

from gloss.candidates import find_candidates

TEXT_A = (
    "坚持“两不愁三保障”标准，深入开展“三清两建”行动，实施“春笋”计划。"
    "严格落实“97183”投资行动，推进“1+N”政策体系。他说：“我们一定要干好。”千方百计稳就业。"
    "滚动开展“三个一批”活动，推进“放管服”改革。"
)
TEXT_B = "持续开展“三清两建”专项行动，落实“两不愁三保障”。"


def terms(found):
    return [c.term for c in found]


def test_shapes_are_found_and_tagged(mini):
    found = {c.term: c for c in find_candidates([("a", TEXT_A)], mini)}
    assert found["两不愁三保障"].signals == {"numbered"}
    assert found["97183"].signals == {"code"}
    assert found["1+N"].signals == {"code"}  # shown as written, matched case-folded
    assert found["春笋"].signals == {"head-word"}


def test_known_terms_speech_and_idioms_are_left_out(mini):
    found = terms(find_candidates([("a", TEXT_A)], mini))
    assert "三个一批" not in found and "放管服" not in found  # the glossary has them
    assert not any("一定要" in t for t in found)  # a quotation of speech
    assert "千方百计" not in found


def test_without_a_glossary_nothing_is_excluded_for_being_known():
    assert "三个一批" in terms(find_candidates([("a", TEXT_A)]))


def test_ranked_by_documents_then_shape_then_count(mini):
    found = find_candidates([("a", TEXT_A), ("b", TEXT_B)], mini)
    assert set(terms(found)[:2]) == {"两不愁三保障", "三清两建"}
    top = next(c for c in found if c.term == "两不愁三保障")
    assert top.documents == {"a": 1, "b": 1} and top.count == 2
    assert top.context == "坚持“两不愁三保障”标准，深入开展“三清两建”行动，实施“春笋”计划。"
    assert top.where == "a:1"


def test_min_count(mini):
    found = find_candidates([("a", TEXT_A), ("b", TEXT_B)], mini, min_count=2)
    assert set(terms(found)) == {"两不愁三保障", "三清两建"}


def test_seed_report_lists_numbered_jargon_first(mini):
    path = require_shared(SHARED / "seeds" / "000_cffde2d36297e65d.txt")
    found = terms(find_candidates([(path.name, path.read_text("utf-8"))], mini))
    assert {"四个意识", "两个维护", "四高一强一率先", "97183"} <= set(found[:10])
    assert {"三大攻坚战", "一镇五园", "十三五"} <= set(found[:40])
    assert "一拖等一大" not in found
