"""A heading line per term, then labelled parts: the term alone on its line, "报告原文：" (the
sentence of the report that uses it) and "解释：" (the definition)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import Line, clean, join
from . import Item

name = "headings"

_USE = re.compile(r"^(?:报告原文|原文)[：:]")
_MEANING = re.compile(r"^(?:解释|释义|含义)[：:]")
_INLINE_MEANING = re.compile(r"[。；](?:解释|释义|含义)[：:]")


class _Headings:
    name = name

    def starts(self, line: Line) -> bool:
        return bool(_MEANING.match(line.text))

    def starts_appendix(self, lines: Sequence[Line]) -> bool:
        """The layout shows itself by its labels, not by its first line."""
        return sum(1 for line in lines if _MEANING.match(line.text)) >= 2

    def read(self, lines: Sequence[Line], notes: list[str]) -> list[Item]:
        items: list[list] = []  # [line, heading, definition, quote]
        heading: Line | None = None
        in_definition = False
        for i, line in enumerate(lines):
            text = line.text
            meaning = _MEANING.match(text)
            inline = _INLINE_MEANING.search(text) if _USE.match(text) else None
            if inline and heading is not None:
                # "报告原文：加快数字宁波建设。解释：……" — the meaning on the same line as the use.
                items.append([heading.number, heading.text, text[inline.end():], text[inline.start() + 1:]])
                heading, in_definition = None, True
            elif _USE.match(text):
                in_definition = False
            elif meaning and heading is not None:
                items.append([heading.number, heading.text, text[meaning.end():], text])
                heading, in_definition = None, True
            elif i + 1 < len(lines) and (_USE.match(lines[i + 1].text) or _MEANING.match(lines[i + 1].text)):
                heading, in_definition = line, False
            elif in_definition and items:
                items[-1][2] = join(items[-1][2], text)
                items[-1][3] = join(items[-1][3], text)
            else:
                notes.append(f"line {line.number}: neither a term, its use nor its meaning; skipped")
        return [Item(number, clean(h).rstrip("：:"), "", d, q) for number, h, d, q in items]


LAYOUT = _Headings()
