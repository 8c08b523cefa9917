"""The numbers a numbered slogan or code announces, to check its components against."""

from __future__ import annotations

import re

_DIGIT = {"一": 1, "二": 2, "两": 2, "双": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
# Pattern strings, compiled on first use (re keeps them): only checking a glossary needs them.
_RUN = r"[一二两双三四五六七八九十百千]+|[多NnXx]"
# In 三个一批, 五位一体, 三证合一, 两个一百年 and 双一流 the 一 belongs to the phrase, not to the count.
_PHRASAL_ONE = r"(?<=个)一[百批]?|(?<=位)一体|(?<=合)一|一流"
_CODE_PART = re.compile(r"[0-9]+|[A-Za-z]+")
OPEN = None


def chinese_number(run: str) -> int | None:
    """Value of a run of Chinese numerals up to the thousands (十 = 10, 十四 = 14, 二十 = 20)."""
    if run in ("多", "N", "n", "X", "x"):
        return OPEN
    if run == "双":
        return 2
    total, current = 0, 0
    for ch in run:
        if ch in _DIGIT:
            current = _DIGIT[ch]
        elif ch in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (current or 1) * unit
            current = 0
        else:
            return OPEN
    return total + current


def slogan_numbers(term: str) -> list[int | None]:
    """Numbers of a numbered slogan, left to right (None for 多/N)."""
    stripped = re.sub(_PHRASAL_ONE, "", term)
    return [chinese_number(m.group()) for m in re.finditer(_RUN, stripped)]


def code_parts(term: str) -> list[str]:
    """The digit and letter parts of a code: '9+2' -> ['9', '2'], '13710' -> ['13710']."""
    return _CODE_PART.findall(term)


def component_problems(kind: str, term: str, groups: list[tuple[str | None, int]]) -> list[str]:
    """Mismatches between a term's numbers and its components, given as (key, item count) groups."""
    if kind == "numbered-slogan":
        return _slogan_problems(term, groups)
    if kind == "code":
        return _code_problems(term, groups)
    return []


def _slogan_problems(term: str, groups: list[tuple[str | None, int]]) -> list[str]:
    numbers = slogan_numbers(term)
    if not numbers:
        return [f"numbered slogan {term!r} has no numeral; use another kind"]
    flat = len(groups) == 1 and groups[0][0] is None
    if flat:
        if None in numbers:
            return []
        expected = sum(n for n in numbers if n is not None)
        count = groups[0][1]
        if count != expected:
            spelled = "+".join(str(n) for n in numbers) + (f" = {expected}" if len(numbers) > 1 else "")
            return [f"components has {count} items but {term!r} counts {spelled}"]
        return []
    if len(groups) != len(numbers):
        return [f"components has {len(groups)} groups but {term!r} has {len(numbers)} numerals"]
    problems = []
    for (key, count), number in zip(groups, numbers):
        if key is not None and key not in term:
            problems.append(f"component key {key!r} is not part of {term!r}")
        if number is not None and count != number:
            problems.append(f"component group {key!r} has {count} items but counts {number}")
    return problems


def _code_problems(term: str, groups: list[tuple[str | None, int]]) -> list[str]:
    parts = code_parts(term)
    if not parts:
        return [f"code {term!r} has no digits or letters"]
    flat = len(groups) == 1 and groups[0][0] is None
    if len(parts) == 1 and parts[0].isdigit():
        digits = parts[0]
        if flat:
            if groups[0][1] != len(digits):
                return [f"components has {groups[0][1]} items but code {term!r} has {len(digits)} digits; "
                        "group them by key when a number has several digits"]
            return []
        keys = "".join(key or "" for key, _ in groups)
        if keys != digits:
            return [f"component keys spell {keys!r} but the code is {digits!r}"]
        return []
    if flat:
        if len(parts) == 1:
            return []
        return [f"code {term!r} has {len(parts)} parts; give one component group per part"]
    if len(groups) != len(parts):
        return [f"components has {len(groups)} groups but code {term!r} has {len(parts)} parts"]
    problems = []
    for (key, count), part in zip(groups, parts):
        if key is not None and key != part:
            problems.append(f"component key {key!r} does not match code part {part!r}")
        if part.isdigit() and len(parts) > 1 and count != int(part):
            problems.append(f"component group {part!r} has {count} items but counts {int(part)}")
    return problems
