"""Reading items that carry a running number (1. 2. …, （1）, [1], ①): the steps the numbered and the
end-note layouts share.

The number is what tells an item from a wrapped line, so it must run in sequence from the first
(a web copy may start part-way: 桂林 2017 opens at [2]): the next item is the expected number (a
line may skip a missing number or two), and an item may begin in the middle of a line only with
exactly the expected number after a sentence end — that is how the one-line web copies, where the
whole appendix is run together, are read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..text import Line, clean
from . import Item, split_item

_PREAMBLE = re.compile(r"^[（(][^）)]*[）)]$|^(?:注|说明)[：:]")
# Where a run-on item may start inside a line: after the end of a sentence.
_MID = r"(?:(?<=[。；;！？!?])\s*|(?<=[。；;！？!?]\*\*)|\s{2,})"
# Numbers at the start of a line may skip a missing item or two, never run backwards.
MAX_SKIP = 2


def is_preamble(line: Line) -> bool:
    """A parenthesised remark under the heading ("（以在报告中出现的先后为序）") or a note on the data."""
    return bool(_PREAMBLE.match(line.text))


# A number run into the heading ("41“振兴初中”计划"); any numbering at all, for sub-lists and counts.
_BARE_NUMBER = re.compile(r"(?P<n>\d{1,3})(?=[“\u4e00-\u9fff])")
_NUMBER_START = re.compile(r"^\**\s*(?:\d|[（(\[［【〔﹝]\s*\d|[①-⑳])")
_OWN_HEADING = re.compile(r"^[“\"]?([^：:“”\"]{1,20})[”\"]?[^：:]{0,12}[：:]")


def _lost_number(line: Line, current: str) -> bool:
    """A line that starts a whole item ("县管校聘：为了……。") after an item that ended a sentence, and
    is not a part of that item's own name (一区三园：……。“一区”：……)."""
    text, before = line.text, clean(current.replace("**", ""))
    if not before.endswith(("。", "”", "）")) or not _OWN_HEADING.match(text):
        return False
    split = split_item(line.raw)
    own = split_item(current)
    if split is None or split[1] not in ("：", ":") or len(split[0]) > 20:
        return False
    name = split[0].replace("“", "").replace("”", "")
    return not (own and name in own[0].replace("“", "").replace("”", ""))


def read_numbered(
    lines: Sequence[Line],
    marker: re.Pattern[str],
    number: Callable[[re.Match[str]], int],
    notes: list[str],
) -> list[Item]:
    """Items keyed by `marker`, whose `number` runs in sequence."""
    mid = re.compile(_MID + marker.pattern)
    segments: list[list] = []  # [line number, raw text]
    expected: int | None = None
    lost = 0  # items read without their number since the last numbered one
    for line in lines:
        raw = line.raw
        body = raw[2:] if raw.startswith("**") and marker.match(raw[2:]) else raw
        m = marker.match(body)
        n = number(m) if m else None
        bare = _BARE_NUMBER.match(body) if m is None else None
        if n is not None and (expected is None or expected <= n <= expected + MAX_SKIP + lost):
            segments.append([line.number, body[m.end():]])
            expected, lost = n + 1, 0
        elif n is not None and n == (expected or 0) - 1 and segments and _lost_number(line, segments[-1][1]):
            # The same number twice ("（18）八个到村到户：……" then "（18）两山两河：……"): two items.
            notes.append(f"line {line.number}: number {n} repeated; read as the next item")
            segments.append([line.number, body[m.end():]])
        elif bare and expected is not None and int(bare.group("n")) in range(expected, expected + lost + 1):
            # "41“振兴初中”计划：" in a "1." list: the separator dropped, the number still in sequence.
            segments.append([line.number, body[bare.end():]])
            expected, lost = int(bare.group("n")) + 1, 0
        elif segments and not _NUMBER_START.match(body) and _lost_number(line, segments[-1][1]):
            # Copies lose numbers they cannot render (⑪ and above): a line that reads as a whole
            # item after a finished one is one.
            notes.append(f"line {line.number}: an item without its number; read as the next item")
            segments.append([line.number, raw])
            lost += 1
        elif segments:
            segments[-1][1] += "\n" + raw
        else:
            if not is_preamble(line):
                notes.append(f"line {line.number}: text before the first appendix item; skipped")
            continue
        while True:
            text = segments[-1][1]
            found = next((m for m in mid.finditer(text) if number(m) == expected), None)
            if found is None:
                break
            segments[-1][1] = text[: found.start()]
            segments.append([line.number, text[found.end():]])
            expected += 1
    items = []
    for number_, text in segments:
        split = split_item(text, period=True)
        if split is None:
            notes.append(f"line {number_}: no term before '：' or '。' in {clean(text)[:30]!r}…; skipped")
            continue
        items.append(Item(number_, *split))
    return items
