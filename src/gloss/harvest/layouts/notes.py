"""End-notes keyed by a bracketed or circled number: "[1]术语：释义", "［1］", "〔1〕", "【1】",
markdown footnotes "[^1]: 术语：释义", and "①术语：释义"."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..text import Line
from . import Item
from .sequence import read_numbered

name = "notes"

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
_KEYS = r"\[\^(?P<f>\d{1,3})\]:?|[\[［【〔﹝]\s*(?P<n>\d{1,3})\s*[\]］】〕﹞]|(?P<c>[" + _CIRCLED + r"])"
_KEYED = re.compile(r"(?:" + _KEYS + r")\s*")
# Fonts without circled numbers past ⑩ or ⑳ make copies go on "（11）": in a keyed list that is the
# next note; "（1）" to "（10）" inside a note are its own sub-list.
_ANY = re.compile(r"(?:" + _KEYS + r"|[（(](?P<p>\d{1,3})[)）])\s*")


def _number(m: re.Match[str]) -> int:
    if m.group("c"):
        return _CIRCLED.index(m.group("c")) + 1
    if m.group("p"):
        return int(m.group("p")) if int(m.group("p")) > 10 else 0
    return int(m.group("f") or m.group("n"))


class _Notes:
    name = name

    def starts(self, line: Line) -> bool:
        return bool(_KEYED.match(line.raw[2:] if line.raw.startswith("**") else line.raw))

    def read(self, lines: Sequence[Line], notes: list[str]) -> list[Item]:
        return read_numbered(lines, _ANY, _number, notes)


LAYOUT = _Notes()
