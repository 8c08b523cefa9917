"""What a document says about itself: its region and year, read from its heading and date lines."""

from __future__ import annotations

import re
from collections.abc import Sequence

from .model import Region
from .normalize import match_view

HEAD_CHARS = 1500
_DATE = re.compile(r"((?:19|20)\d{2})年\d{1,2}月\d{1,2}日")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_NATIONAL_MARKERS = ("国务院", "全国人民代表大会")
_DEPTH = {"national": 0, "province": 1, "city": 2, "county": 3, "district": 3}


def detect_year(view: str) -> int | None:
    """The year of the first full date in the heading, else of the first 'YYYY年' there."""
    head = view[:HEAD_CHARS]
    m = _DATE.search(head) or _YEAR.search(head)
    return int(m.group(1)) if m else None


def detect_region(view: str, regions: Sequence[Region]) -> str | None:
    """The most specific known region named in the heading (the national one for State Council reports)."""
    head = view[:HEAD_CHARS]
    named = [r for r in regions if r.level != "national" and r.name in head]
    if named:
        return max(named, key=lambda r: (_DEPTH[r.level], -head.index(r.name))).name
    if any(marker in head for marker in _NATIONAL_MARKERS):
        return next((r.name for r in regions if r.level == "national"), None)
    return None


def document_context(
    text: str, regions: Sequence[Region], region: str | None = None, year: int | None = None
) -> tuple[str | None, int | None]:
    """A document's region and year: those given, else read from the heading of its raw text."""
    if region is not None and year is not None:
        return region, year
    head = match_view(text[: 2 * HEAD_CHARS]).text
    return region or detect_region(head, regions), year or detect_year(head)
