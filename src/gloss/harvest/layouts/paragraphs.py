"""Unnumbered paragraphs: "术语：释义", "**术语**释义", "术语 释义", "〇术语：释义", and the web copies
that run several of them into one line (“四早”“四集中”：指……。“四方责任”：指……).

Without numbers, an item starts where a line opens with a heading after an item that ended a
sentence (a PDF line break inside a definition does not start one); inside a line, only a quoted
heading and '：' right after a sentence end does.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import Line, clean
from . import Item, split_item
from .sequence import is_preamble

name = "paragraphs"

_BULLET = re.compile(r"^(?:〇|○|●|·|•|-\s|\*\s)\s*")
# An item whose line opens with a quoted name and '：' starts even after a line that ended mid-sentence.
_QUOTED_HEADING = re.compile(r"^“[^“”]{1,20}”[^，。；：:“”]{0,8}[：:]")
_NO_TERM = re.compile(r"^[：:]")
_CLAUSE_END = ("包含", "包括", "有", "为", "是", "指", "如下", "分别", "主要")
_END_OF_ENTRY = ("。", "！", "？", "”", "）", ")", ".", "」")
# Inside a line: a sentence end, then a quoted heading (with a short tail) and '：'.
_RUN_ON = re.compile(r"(?<=[。！？])(?=“[^“”]{1,20}”(?:[^，。；：:“”]{0,12}“[^“”]{1,20}”)*[^，。；：:“”]{0,12}[：:])")


def _run_on(text: str) -> list[str]:
    """An item's text split where another item starts inside it. A part of the item's own name
    (一核三极四带多点：……。“一核”：……) or a clause that opens with a quoted name
    ("“两岸一票通”套票产品中包含：") is not a new item."""
    own = split_item(text)
    cuts = []
    for m in _RUN_ON.finditer(text):
        found = split_item(text[m.start():])
        name = found[0].replace("“", "").replace("”", "") if found else ""
        if found is None or (own and name in own[0].replace("“", "").replace("”", "")) or name.endswith(_CLAUSE_END):
            continue
        cuts.append(m.start())
    return [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)])]


class _Paragraphs:
    name = name

    def starts(self, line: Line) -> bool:
        return split_item(_BULLET.sub("", line.raw)) is not None

    def read(self, lines: Sequence[Line], notes: list[str]) -> list[Item]:
        segments: list[list] = []  # [line number, raw text]
        for line in lines:
            raw = _BULLET.sub("", line.raw)
            previous = clean(segments[-1][1].replace("**", "")) if segments and segments[-1][1] else None
            if is_preamble(line) and not segments:
                continue
            if _NO_TERM.match(line.text):
                # "：即中央商务区……": the copy lost the term (a Latin acronym); nothing to pair.
                notes.append(f"line {line.number}: item without a term (lost in this copy); skipped")
                segments.append([line.number, None])
                continue
            starts = (previous is None or previous.endswith(_END_OF_ENTRY) or _QUOTED_HEADING.match(line.text))
            if starts and split_item(raw) is not None:
                segments.append([line.number, raw])
            elif segments and segments[-1][1] is None:
                continue
            elif segments:
                segments[-1][1] += "\n" + raw
            else:
                notes.append(f"line {line.number}: text before the first appendix item; skipped")
                continue
            parts = _run_on(segments[-1][1]) if segments[-1][1] else []
            if len(parts) > 1:
                segments[-1][1] = parts[0]
                segments += [[line.number, p] for p in parts[1:]]
        items = []
        for number, text in segments:
            if text is None:
                continue
            split = split_item(text)
            if split is None:
                notes.append(f"line {number}: no term before '：' in {clean(text)[:30]!r}…; skipped")
                continue
            items.append(Item(number, *split))
        return items


LAYOUT = _Paragraphs()
