"""Numbered lists: "1. 术语：释义", "1、", "1．", "（1）", "**1.术语：**释义", and "1两计划两工程" with
no separator at all. One numbering style per appendix, set by the first item: a "（1）" inside item
1's definition of a "1." list is part of that definition.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import Line
from . import Item
from .sequence import read_numbered

name = "numbered"

# "1." "1、" "1．" "1 ".
_DOT = re.compile(r"(?P<n>\d{1,3})(?:\s*[.．、,，]\s*|\s+)")
_PAREN = re.compile(r"[（(](?P<n>\d{1,3})[)）]\s*")
# The number run straight into a Chinese heading ("1两计划两工程"): a list only when it opens with 1,
# as "21项民生信访问题专项治理：" or "7件已完成：" are headings that begin with a count.
_BARE = re.compile(r"(?P<n>\d{1,3})\s*(?=[“\u4e00-\u9fff])")


def _style(line: Line) -> re.Pattern[str] | None:
    raw = line.raw[2:] if line.raw.startswith("**") else line.raw
    for style in (_PAREN, _DOT):
        if style.match(raw):
            return style
    bare = _BARE.match(raw)
    return _BARE if bare and bare.group("n") == "1" else None


class _Numbered:
    name = name

    def starts(self, line: Line) -> bool:
        return _style(line) is not None

    def read(self, lines: Sequence[Line], notes: list[str]) -> list[Item]:
        style = next((s for s in map(_style, lines[:3]) if s is not None), _DOT)
        return read_numbered(lines, style, lambda m: int(m.group("n")), notes)


LAYOUT = _Numbered()
