"""A document's region and year, read from what documents carry about themselves.

The one place that decides where and when a document is from. It reads, in order of trust: the
occasion of the heading line (——2025年1月18日在河南省第十四届人民代表大会第三次会议上), the issuer
and speaker's office (河北省人民政府省长 张庆伟, 三亚市市长 王勇), the title line (2025年河南省政府工作报告),
a corpus file header (# title | date | source), the file name or path of a directory run, and last
the names of provinces and prefectures in the opening lines. A report is national only when it says
so (在第十一届全国人民代表大会, 国务院总理, 我代表国务院), never because 国务院 occurs near its start:
provincial reports cite the State Council in their first paragraph.

Everything works on the head of the document (`HEAD_CHARS`), so a streaming reader can call
`read_context` once per document on the text it has so far.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath

from .docinfo import date_from_filename, read_heading
from .model import Region
from .normalize import fold
from .places import NATIONAL, Hierarchy, hierarchy

HEAD_CHARS = 1500  # characters of a document's text enough to read its context (docinfo reads its own head)
_SPACE = re.compile(r"[ \t\u00a0\u3000\u200b]+")
_HEADER = re.compile(r"\A\ufeff?#\s*([^|\n]*)\|\s*((?:19|20)\d{2})[^|\n]*\|")
_TITLE_LINE = re.compile(r"^[#\[\]\w\s]{0,40}?政府工作报告")
_OFFICE = r"(?:代理|代)?(?:省长|市长|区长|县长|州长|盟长|旗长|专员|主席|总理)"
# 河北省人民政府省长 张庆伟 / 三亚市市长 王勇 / 国务院总理　温家宝 / 北京市市长 殷勇同志作政府工作报告
_SPEAKER = re.compile(rf"^(?:\*\*)?(.{{2,24}}?)(?:人民政府)?{_OFFICE}\s*[\u4e00-\u9fff·]{{2,5}}(?:同志|\*\*|$)")
_OCCASION = re.compile(r"在(.{0,24}?)第[一二三四五六七八九十]+届(?:全国)?人民代表大会")
# A pattern string, compiled on first use (re keeps it): only a document no other clue places needs it.
_NATIONAL_HEAD = r"全国人民代表大会第|第[一二三四五六七八九十]+届全国人民代表大会|国务院总理|我代表国务院|国务院政府工作报告"
_FULL_DATE = re.compile(r"((?:19|20)\d{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
# "一、2018年工作回顾", "回顾2018年": the year reviewed is the one before the report's.
_REVIEWED = re.compile(r"((?:19|20)\d{2})\s*年(?:的)?(?:主要)?工作回顾|回顾\s*((?:19|20)\d{2})\s*年")


_OWN_LINES = ("occasion", "speaker", "title")


@dataclass(frozen=True)
class Context:
    """Where and when a document is from, and what each was read from (None: not found)."""

    region: str | None = None
    year: int | None = None
    region_basis: str | None = None  # "given", "occasion", "speaker", "title", "header", "path", "head"
    year_basis: str | None = None  # "given", "heading", "header", "title", "path", "head"


def _lines(head: str, count: int = 40) -> list[str]:
    out = []
    for line in head.splitlines():
        flat = _SPACE.sub("", line).strip("*# ")
        if flat:
            out.append(flat)
        if len(out) >= count:
            break
    return out


def _place_in(places: Hierarchy, text: str) -> str | None:
    """The unit named at the start of `text` (after a year such as 2025年), or None."""
    text = re.sub(r"^[\[\]【】#]*(?:(?:19|20)\d{2}年(?:度)?)?", "", text)
    return places.resolve(text) if text else None


def _title_place(places: Hierarchy, title: str) -> str | None:
    """The place of a title: 2025年河南省政府工作报告, 河北省2015年政府工作报告, [河南] 2020年洛阳市西工区政府工作报告."""
    title = re.sub(r"^\[[^\]]*\]", "", title)
    body = title.split("政府工作报告", 1)[0]
    if "国务院" in body:
        return NATIONAL
    body = re.sub(r"(?:19|20)\d{2}年(?:度)?", "", body)
    return places.resolve(body) if body else None


def _path_place(places: Hierarchy, name: str) -> str | None:
    """The innermost place a file name or its folders name: 2025年河南省政府工作报告.txt, 河南省/2015.txt."""
    found = None
    for part in PurePath(name).parts:
        stem = part.split(".", 1)[0]
        place = _title_place(places, stem) if "政府工作报告" in stem else _place_in(places, stem)
        if place is not None and (found is None or found in places.ancestors(place)):
            found = place
    return found


def _head_place(places: Hierarchy, lines: list[str], regions: Sequence[Region]) -> str | None:
    """Last resort: the glossary region, province or prefecture named most often in the opening lines."""
    text = "".join(lines[:12])
    counts: dict[str, int] = {}
    for key in [*places.names(("province", "city")), *(r.name for r in regions if r.name != NATIONAL)]:
        place = places.get(key)
        n = text.count(place.name) if place else 0
        if n:
            counts[key] = n
    if not counts:
        return None
    return max(counts, key=lambda k: (counts[k], places.depth(k)))


def read_context(text: str, name: str = "", regions: Sequence[Region] = ()) -> Context:
    """The region and year of a document from its raw text (its head is enough) and its file name or path."""
    places = hierarchy(tuple(regions))
    head = fold(text[:4000])
    date, date_basis, written_place, _ = read_heading(head)
    header = _HEADER.match(head)
    lines = _lines(head[head.find("\n") + 1:] if header else head)
    # Region: candidates in order of trust; a later one of the document's own lines refines an
    # earlier one it lies inside (区人民政府区长 after a heading that names only the city).
    candidates: list[tuple[str, str]] = []
    if written_place:
        place = places.resolve(written_place)
        if place:
            candidates.append((place, "occasion"))
    for line in lines[:30]:
        m = _OCCASION.search(line)
        if m and not written_place:
            place = NATIONAL if "全国人民代表大会" in m.group(0) else _place_in(places, m.group(1))
            if place:
                candidates.append((place, "occasion"))
                break
    for line in lines[:30]:
        m = _SPEAKER.match(line)
        if m:
            place = _place_in(places, m.group(1))
            if place:
                candidates.append((place, "speaker"))
                break
    titles = [line for line in lines[:12] if _TITLE_LINE.match(line) and len(line) <= 60]
    for title in titles:
        place = _title_place(places, title)
        if place:
            candidates.append((place, "title"))
            break
    if header:
        place = _title_place(places, header.group(1)) if "政府工作报告" in header.group(1) else _place_in(places, header.group(1))
        if place:
            candidates.append((place, "header"))
    if name:
        place = _path_place(places, name)
        if place:
            candidates.append((place, "path"))
    if not candidates and re.search(_NATIONAL_HEAD, head[:HEAD_CHARS]):
        candidates.append((NATIONAL, "head"))
    if not candidates:
        place = _head_place(places, lines, regions)
        if place:
            candidates.append((place, "head"))
    region = basis = None
    if candidates:
        region, basis = candidates[0]
        for place, source in candidates[1:]:
            # Only the document's own lines refine: a corpus header or a folder can be mislabelled.
            if source in _OWN_LINES and place != region and region in places.ancestors(place):
                region = place
    # Year: the heading's date, the header's, the title's, the file name's, else the first date written.
    year = year_basis = None
    if date and date_basis == "heading":
        # A report delivered in December is the coming year's (兰州 2022-12-19: the 2023 report).
        year, year_basis = int(date[:4]) + (date[5:7] == "12"), "heading"
    elif header:
        year, year_basis = int(header.group(2)), "header"
    else:
        for title in titles:
            m = _YEAR.search(title)
            if m:
                year, year_basis = int(m.group(1)), "title"
                break
    if year is None and name:
        date = date_from_filename(PurePath(name).name)
        if date:
            year, year_basis = int(date[:4]), "path"
    if year is None:
        m = _REVIEWED.search(head[:HEAD_CHARS])
        if m:
            year, year_basis = int(m.group(1) or m.group(2)) + 1, "head"
    if year is None:
        m = _FULL_DATE.search(head[:HEAD_CHARS]) or _YEAR.search(head[:HEAD_CHARS])
        if m:
            year, year_basis = int(m.group(1)), "head"
    return Context(region, year, basis, year_basis)


def document_context(
    text: str, regions: Sequence[Region], region: str | None = None, year: int | None = None, name: str = ""
) -> tuple[str | None, int | None]:
    """A document's region and year: those given, else read from its head (and file name)."""
    if region is not None and year is not None:
        return region, year
    found = read_context(text, name, regions)
    return region or found.region, year or found.year
