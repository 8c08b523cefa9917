import pytest

from gloss.numerals import chinese_number, component_problems, slogan_numbers


@pytest.mark.parametrize("term, numbers", [
    ("三个一批", [3]), ("四高一强一率先", [4, 1, 1]), ("两不愁三保障", [2, 3]), ("四新六特两优", [4, 6, 2]),
    ("十大战略", [10]), ("五位一体", [5]), ("两个一百年", [2]), ("一带一路", [1, 1]), ("双碳", [2]),
    ("一核多支点", [1, None]), ("三去一降一补", [3, 1, 1]), ("三证合一", [3]), ("双一流", [2]),
])
def test_slogan_numbers(term, numbers):
    assert slogan_numbers(term) == numbers


def test_chinese_number():
    assert [chinese_number(s) for s in ("十", "十四", "二十", "一百")] == [10, 14, 20, 100]


def test_slogan_groups():
    assert component_problems("numbered-slogan", "四新六特两优", [("四新", 4), ("六特", 6), ("两优", 2)]) == []
    assert component_problems("numbered-slogan", "四新六特两优", [(None, 12)]) == []
    assert component_problems("numbered-slogan", "两不愁三保障", [("两不愁", 2), ("三保障", 2)]) == [
        "component group '三保障' has 2 items but counts 3"]


def test_codes():
    assert component_problems("code", "13710", [(None, 5)]) == []
    assert component_problems("code", "9073", [("90", 1), ("7", 1), ("3", 1)]) == []
    assert component_problems("code", "9073", [(None, 3)])
    assert component_problems("code", "9+2", [("9", 9), ("2", 2)]) == []
    assert component_problems("code", "3+1+1", [("3", 3), ("1", 1), ("1", 1)]) == []
    assert component_problems("code", "6+N", [("6", 6), ("N", 4)]) == []
    assert component_problems("code", "9+2", [("9", 8), ("2", 2)]) == ["component group '9' has 8 items but counts 9"]
