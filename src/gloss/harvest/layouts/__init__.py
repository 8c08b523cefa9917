"""The appendix layouts: one module per family, each turning the appendix lines into items.

Every layout has the same small interface: `starts(line)` says whether the first line of an
appendix looks like its first item, and `read(lines, notes)` returns the items, appending a note
for every line it had to skip. `choose` picks the layout by the appendix's first item line.
Splitting an item into heading and definition is shared (`split_item`): the families differ in
how items begin, not in how a heading ends.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from ..text import ALNUM, Line, clean

# A heading is short and has no clause punctuation; longer first clauses are prose, not terms.
MAX_HEADING = 40
_HEADING_BAD = re.compile(r"[。；;！？!?]")
_COMMA = re.compile(r"[，,]")
_BOLD = re.compile(r"^\*\*(?P<inner>[^*]{1,45}?)\*\*(?P<rest>.*)$", re.S)
# What a heading cannot be: a note on the data, a source line, a connective that opens a clause.
_NOT_A_HEADING = re.compile(
    r"^(?:注|备注|说明|来源|资料|数据来源|其中|具体为|具体包括|主要包括|包括|主要有|分别为|即|指|为|是|如|例如)$"
)
_CONNECTIVE_END = ("是指", "分别为", "具体为", "主要有", "具体包括", "主要包括")
# A heading run straight into its definition: 新农村建设“三年行动计划”从2012年…, 科技创新“4531”工程即…
_QUOTED_RUN = re.compile(
    r"^(?P<heading>[^，。；：:“”]{0,15}“[^“”]{1,20}”(?:[^，。；：:“”\d]{1,4}(?=即|是指))?)(?P<rest>[^：:].*)$", re.S
)
_DEFINED_AS = re.compile(r"^(?P<heading>[^，。；：:“”、\d]{2,15}?)(?P<rest>(?:是指|即).*)$", re.S)


@dataclass(frozen=True)
class Item:
    """One appendix item: where it starts, its heading, the separator as written, its definition."""

    line: int
    heading: str
    sep: str
    definition: str
    quote: str | None = None  # the verbatim text to cite, when it is not heading + sep + definition


class Layout(Protocol):
    """What every layout module provides."""

    name: str

    def starts(self, line: Line) -> bool: ...

    def read(self, lines: Sequence[Line], notes: list[str]) -> list[Item]: ...


def split_item(raw: str, *, period: bool = False) -> tuple[str, str, str] | None:
    """(heading, separator, definition) of an item's text, or None when no heading can be told apart.

    In order: a heading before '：' (or '。' in numbered lists, `period`, where a heading may also
    hold commas); a **bold** heading; a
    heading set off by spaces ("三品一标 指……"); a quoted heading run into its definition
    (“八个有”有收入……).
    """
    raw = raw.strip()
    bold = _BOLD.match(raw)
    if bold and not re.search(r"[：:]", bold.group("inner")[:-1]):
        inner = clean(bold.group("inner"))
        rest = bold.group("rest").lstrip()
        if inner.endswith(("：", ":")):
            found = _checked(inner[:-1], inner[-1], clean(rest.replace("**", "")), marked=True)
        elif rest[:1] in ("：", ":"):
            found = _checked(inner, rest[0], clean(rest[1:].replace("**", "")), marked=True)
        else:
            found = _checked(inner, "", clean(rest.replace("**", "")), marked=True)
        if found:
            return found
    text = raw.replace("**", "")
    flat = clean(text)
    colon = re.search(r"[：:]", flat)
    if colon and 0 < colon.start() <= MAX_HEADING + (10 if period else 0):
        # A numbered item is an item by its number: its heading may be a clause with commas
        # ("新增3家4A级旅游景区，新增4个……项目：……"); elsewhere only bold marks one.
        marked = period or bool(re.search(r"\*\*\s*[：:]|[：:]\s*\*\*", raw[:colon.start() + 12]))
        found = _checked(flat[: colon.start()], colon.group(), flat[colon.end():], marked=marked)
        if found:
            return found
    gap = _gap(text)
    if gap is not None:
        found = _checked(clean(text[:gap[0]]), "", clean(text[gap[1]:]))
        if found:
            return found
    if period:
        stop = flat.find("。")
        if 0 < stop <= MAX_HEADING:
            # "万村千乡市场工程指2005年开始实施的……工程。": the sentence defines; its subject is the term.
            defining = re.search(r"是指|指(?![数标南导挥引定])|即(?![时将使])", flat[2:stop])
            if defining:
                return _checked(flat[: defining.start() + 2], "", flat[defining.start() + 2:])
            found = _checked(flat[:stop], "。", flat[stop + 1:])
            if found:
                return found
    for pattern in (_QUOTED_RUN, _DEFINED_AS):
        lead = pattern.match(flat)
        if lead:
            found = _checked(lead.group("heading"), "", lead.group("rest"))
            if found:
                return found
    return None


def _gap(text: str) -> tuple[int, int] | None:
    """The first run of spaces within a heading's length that is not between two Latin letters or digits."""
    for m in re.finditer(r"[ \t\u3000\u00a0]+", text):
        if m.start() == 0:
            continue
        if m.start() > MAX_HEADING + 4:
            return None
        before, after = text[m.start() - 1], text[m.end(): m.end() + 1]
        if after and not (re.match(f"[{ALNUM}]", before) and re.match(f"[{ALNUM}]", after)):
            return m.start(), m.end()
    return None


def _checked(heading: str, sep: str, definition: str, marked: bool = False) -> tuple[str, str, str] | None:
    """The split when `heading` can be a term; `marked` headings (bold, or numbered) may be longer clauses."""
    heading = heading.strip()
    too_long = len(heading) > MAX_HEADING + (10 if marked else 0)
    if not heading or too_long or _HEADING_BAD.search(heading) or not definition.strip():
        return None
    if _NOT_A_HEADING.match(heading) or heading.endswith(_CONNECTIVE_END):
        return None
    # A comma belongs in a heading inside quotes (“一个决定，两个方案”), between quoted names
    # (“六稳”工作，“六保”任务), or in a heading set in bold.
    if not marked and any(not _quoted_at(heading, m.start()) and "“" not in heading[m.end():]
                        for m in _COMMA.finditer(heading)):
        return None
    return heading, sep, definition.strip()


def _quoted_at(text: str, at: int) -> bool:
    return text.count("“", 0, at) > text.count("”", 0, at)


def choose(lines: Sequence[Line]) -> Layout | None:
    """The layout of an appendix, by its first item line; None when no layout reads it."""
    from . import headings, notes, numbered, paragraphs

    if headings.LAYOUT.starts_appendix(lines):
        return headings.LAYOUT
    for line in lines[:3]:
        for layout in (notes.LAYOUT, numbered.LAYOUT):
            if layout.starts(line):
                return layout
    return paragraphs.LAYOUT
