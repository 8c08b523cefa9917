import pytest

from gloss.lookup import ranked as rank, suggest

from search_support import cases as search_cases, problems as search_problems


@pytest.mark.parametrize("query, first", [
    ("三个一批", "san-ge-yi-pi"), ("san-ge-yi-pi", "san-ge-yi-pi"), ("sgyp", "san-ge-yi-pi"),
    ("san ge yi pi", "san-ge-yi-pi"), ("sāngèyīpī", "san-ge-yi-pi"), ("san1 ge4 yi1 pi1", "san-ge-yi-pi"),
    ("三个", "san-ge-yi-pi"), ("three batches", "san-ge-yi-pi"), ("batch", "san-ge-yi-pi"),
    ("13710", "13710-gong-zuo-zhi-du"), ("rcep", "rcep"), ("ＲＣＥＰ", "rcep"), ("zscq", "zhi-shi-chan-quan"),
])
def test_lookup_first_result(mini, query, first):
    assert mini.lookup(query)[0].id == first


def test_ambiguous_term_gives_every_sense(mini):
    assert {e.id for e in mini.lookup("两高")} == {"liang-gao-projects", "liang-gao-courts"}


def test_unknown_gives_suggestions(mini):
    assert mini.lookup("sangeyipa") == []
    assert suggest(mini, "sangeyipa") == ["三个一批"]
    assert mini.lookup("   ") == []


@pytest.mark.parametrize("case", search_cases(), ids=lambda c: c["q"])
def test_ranking_table(real, case):
    ranked = [(tier, e.id, e.term) for tier, e in rank(real, case["q"])]
    assert search_problems(case, ranked) == []


@pytest.mark.parametrize("query, first", [("兩高", "两高"), ("放管服改革", "放管服"), ("三個一批项目", "三个一批")])
def test_traditional_and_contained_queries(mini, query, first):
    assert mini.lookup(query)[0].term == first
