"""What a report says about itself in its opening lines: date, place, issuer, speaker, title.

A reference-corpus copy opens with "# <title> | <date> | <source>"; a report's own dated heading line
beats that label when the two are at most a year apart, and the label is used otherwise.

Government work reports open with a heading line such as "——2022年4月10日在洛阳市偃师区第二届
人民代表大会第一次会议上" and a speaker line "洛阳市偃师区人民政府代区长 赵玉勋". Copies scraped
from the web carry navigation chrome before that heading (with dates of their own, such as a post
date), so the date is taken from the heading line (a date followed by 在…会议) only, never from the first date seen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import fold
from .places import hierarchy

# The heading is near the top even after forum chrome; 4000 characters covers every copy we have.
HEAD_CHARS = 4000
_SPACE = re.compile(r"[ \t\u00a0\u3000\u200b]+")
# "——2022年4月10日在…", "----2025年1月15日龚正市长在…", "来源：…2025年1月17日在…": a full date, then 在
# and the session within a line. A post date in forum chrome ("2020-7-14") has no 年月日 and no 在.
_HEADING_DATE = re.compile(
    r"((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日[^\n在。，]{0,12}在([^\n]{0,40})"
)
_HASH_YEAR = re.compile(r"\A\ufeff?#\s*((?:19|20)\d{2})年")
# A reference-corpus first line: "# <title> | <date YYYY-MM-DD or YYYY> | <source>".
_FIRST_LINE = re.compile(r"\A\ufeff?#[^\n|]*\|\s*((?:19|20)\d{2}(?:-\d{2}(?:-\d{2})?)?)\s*\|")
_FILE_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})(?:[-_.]?(\d{2})(?:[-_.]?(\d{2}))?)?(?!\d)")
_PLACE = re.compile(r"(.{0,14}?)第[一二三四五六七八九十]+届")
_UNIT = re.compile(r".*?(?:自治区|特别行政区|省|市|区|县|旗)")
_SPEAKER = re.compile(r"^(.{0,20}?人民政府)?\s*((?:代理|代)?(?:省长|市长|区长|县长|主席|总理|旗长))\s*(\S{2,4})$")
_TITLE = re.compile(r"^.{0,20}政府工作报告$")


@dataclass(frozen=True)
class DocInfo:
    """Facts read from a report's text; None where the text does not say."""

    date: str | None = None  # YYYY-MM-DD or YYYY
    date_basis: str | None = None  # "heading", "first-line", "header" or "filename"
    place: str | None = None  # as written in the heading: 洛阳市偃师区, 云南省, 全国
    region: str | None = None  # the region gloss.context reads for the document: 偃师区
    level: str | None = None
    issuer: str | None = None
    speaker: str | None = None
    occasion: str | None = None
    title: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None


def level_of(region: str) -> str | None:
    """The scope level a region's name implies: 河南省 province, 洛阳市 and 阿坝藏族羌族自治州 city."""
    if region == "全国":
        return "national"
    if region.endswith(("省", "自治区", "特别行政区")) or region in ("北京市", "天津市", "上海市", "重庆市"):
        return "province"
    if region.endswith(("市", "自治州", "州", "盟", "地区")):
        return "city"
    if region.endswith(("县", "旗")):
        return "county"
    if region.endswith("区"):
        return "district"
    return None


def date_from_filename(name: str) -> str | None:
    """'2017.txt' -> '2017'; '2022-04-10_report.txt' -> '2022-04-10'; None when no year is there."""
    m = _FILE_DATE.search(name)
    if not m:
        return None
    year, month, day = m.groups()
    if month and 1 <= int(month) <= 12:
        if day and 1 <= int(day) <= 31:
            return f"{year}-{month}-{day}"
        return f"{year}-{month}"
    return year


# The place a report's title names: "2017年山西省政府工作报告", "河北省2001年政府工作报告",
# "安阳市政府工作报告（2016年…）", "银川市第十六届人民代表大会…政府工作报告". A pattern string, compiled
# on first use (re keeps it) instead of at import: most runs never read a report's title.
_TITLE_PLACE = (
    r"^(?:(?:19|20)\d{2}年(?:\d{1,2}月\d{1,2}日在)?)?"
    r"([^\d年（()在]{1,10}?(?:特别行政区|自治区|自治州|省|市|地区|盟|县|区|旗))"
    r"(?=(?:(?:19|20)\d{2}年)*(?:人民)?政府|第[一二三四五六七八九十\d]+届|(?:19|20)\d{2}年)"
)


def first_line(text: str) -> tuple[str, str] | None:
    """(title, date) of a reference-corpus first line "# <title> | <date> | <source>", else None."""
    line = fold(text[:HEAD_CHARS].split("\n", 1)[0])
    m = _FIRST_LINE.match(line)
    return (line[1:].split("|", 1)[0].strip(), m.group(1)) if m else None


def place_in_title(title: str) -> str | None:
    """The region a government work report's title names (山西省, 安阳市), else None."""
    m = re.match(_TITLE_PLACE, title.replace(" ", ""))
    return m.group(1) if m else None


def heading_confirms(heading: str | None, labelled: str, title: str) -> bool:
    """Whether a heading date may stand for a collection's label: the same year or the one next to it,
    unless the title names that very day.

    Collections label some reports with the year before or after delivery (a report read in December is
    the next year's), or with the day they were published, and the heading is then the truth; a date
    further off is a date quoted in the text (a broadcast recalling 1904), not the document's own. A title
    that carries its own date (新闻联播 2018-12-11) is an item of a dated series: a heading in it is a
    speech the broadcast reads out.
    """
    own_day = len(labelled) == 10 and labelled in title
    return heading is not None and not own_day and abs(int(heading[:4]) - int(labelled[:4])) <= 1


def read_heading(head: str) -> tuple[str | None, str | None, str | None, str | None]:
    """(date, date basis, place as written, occasion) of a report's heading line, from its folded head."""
    date = basis = place = occasion = None
    # A heading names its session (…人民代表大会…会议): a date quoted in running text ("1904年1月15日在…")
    # is not the document's.
    m = next((h for h in _HEADING_DATE.finditer(head) if "会" in h.group(4)), None)
    if m:
        year, month, day, rest = m.groups()
        date, basis = f"{year}-{int(month):02d}-{int(day):02d}", "heading"
        # The occasion often wraps onto the next line in PDF text: "…人民代表大会\n\n第五次会议上".
        after = _SPACE.sub("", head[m.start(4): m.start(4) + 80].replace("\n", ""))
        occ = re.match(r"(.*?会议)上?", after)
        occasion = occ.group(1) if occ else None
        pm = _PLACE.match(after)
        if pm is not None:
            place = pm.group(1).rsplit("在", 1)[-1] or None
            if place is None or "全国" in after[: pm.end() + 8]:
                place = "全国" if "全国人民代表大会" in after else place
    else:
        hm = _HASH_YEAR.match(head)
        if hm:
            date, basis = hm.group(1), "header"
    return date, basis, place, occasion


def read_info(text: str, name: str = "") -> DocInfo:
    """Date, place and speaker from the opening of `text`; the file `name` is the last resort for a date."""
    head = fold(text[:HEAD_CHARS])
    region = None
    date, basis, place, occasion = read_heading(head)
    found = first_line(text)
    if found and not (basis == "heading" and heading_confirms(date, found[1], found[0])):
        date, basis = found[1], "first-line"
    if date is None and name:
        date = date_from_filename(name)
        basis = "filename" if date else None
    # The region is the one the annotator uses (gloss.context decides it for both), else the
    # innermost unit of the place as written.
    from .context import read_context

    region = read_context(text, name).region
    if region is None and place:
        units = _UNIT.findall(place)
        region = units[-1] if units else place
    issuer = speaker = title = None
    for line in head.splitlines()[:80]:
        flat = _SPACE.sub(" ", line).strip()
        sm = _SPEAKER.match(flat)
        if sm and speaker is None:
            issuer = sm.group(1).replace(" ", "") if sm.group(1) else None
            speaker = f"{sm.group(2)} {sm.group(3)}"
        squeezed = re.sub(r"^#|^\[[^]]*\]", "", flat.replace(" ", ""))
        if title is None and _TITLE.match(squeezed):
            title = squeezed
    if place is None and title and "国务院" in title:
        place = region = "全国"
    if place is None and region == "全国":
        place = "全国"
    if place == "全国":
        issuer = "国务院"
    elif issuer is None and place:
        issuer = f"{place}人民政府"
    return DocInfo(
        date=date,
        date_basis=basis,
        place=place,
        region=region,
        level=(hierarchy().level(region) or level_of(region)) if region else None,
        issuer=issuer,
        speaker=speaker,
        occasion=occasion,
        title=title,
    )
