"""Definitions in the running text of a report: “术语”即……, “术语”（……）."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from .terms import HAN, Pair, make_pair
from .text import Line, join

_INLINE_JI = re.compile(
    r"[“\"](?P<term>[^“”\"，。；、,;：:]{2,15})[”\"][，,]?即(?![使将可时便刻])[：:]?(?P<definition>[^。；;！？!?]{2,200})"
)
_INLINE_PAREN = re.compile(
    r"[“\"](?P<term>[^“”\"，。；、,;：:]{2,15})[”\"][（(](?:即[：:]?)?(?P<definition>[^（）()]{4,80})[）)]"
)
# Where one inline definition hands over to the next: “三级”即……，“三类”即……
_NEXT_JI = re.compile(r"[，,][“\"][^”\"]{1,15}[”\"](?:即|是)")
_DATE_LIKE = re.compile(r"\d{4}")
_PAREN_NOT_DEFINITION = ("简称", "以下简称", "下称", "含", "包括", "如", "例如")


def inline_pairs(body: Sequence[Line]) -> list[Pair]:
    """Every inline definition of the running text, in text order."""
    text = ""
    starts: list[tuple[int, int]] = []
    for line in body:
        cleaned = line.text
        joined = join(text, cleaned)
        starts.append((len(joined) - len(cleaned), line.number))
        text = joined
    found: list[tuple[int, Pair]] = []
    seen: set[tuple[str, str]] = set()
    for pattern, sep in ((_INLINE_JI, "即"), (_INLINE_PAREN, "（")):
        for m in pattern.finditer(text):
            term, definition = m.group("term"), m.group("definition")
            if pattern is _INLINE_JI:
                cut = _NEXT_JI.search(definition)
                if cut:
                    definition = definition[: cut.start()]
            elif not _paren_defines(definition):
                continue
            definition = definition.strip("，,：: ")
            if len(HAN.findall(definition)) < 2 or not HAN.search(term) and len(term) < 2:
                continue
            key = (term, definition)
            if key in seen:
                continue
            seen.add(key)
            quote = text[m.start(): m.start("definition") + len(definition)] + ("）" if sep == "（" else "")
            pair = make_pair(f"“{term}”", definition, quote, _line_at(starts, m.start()), "inline", "inline")
            if pair is not None:
                found.append((m.start(), replace(pair, quote=quote)))
    found.sort(key=lambda f: f[0])
    return [p for _, p in found]


def _paren_defines(content: str) -> bool:
    """A parenthesis explains the term when it is Chinese words, not a date, an abbreviation or an aside."""
    return (
        len(HAN.findall(content)) >= 4
        and not _DATE_LIKE.search(content)
        and not content.startswith(_PAREN_NOT_DEFINITION)
    )


def _line_at(starts: Sequence[tuple[int, int]], offset: int) -> int:
    line = starts[0][1] if starts else 1
    for start, number in starts:
        if start > offset:
            break
        line = number
    return line
