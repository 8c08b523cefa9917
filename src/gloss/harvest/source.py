"""Reading a report and what it says about itself: the shared first step of every layout.

A corpus copy opens with `# <title> | <date> | <repository> <path> @<commit>`; the report's own
heading ("——2019年1月12日在桂林市第五届人民代表大会第四次会议上") gives the session date and the
place. The heading wins where both speak; the first line and the file's path fill what the
heading leaves out (web copies often lose it).
"""

from __future__ import annotations

import gzip
import os
import re
from dataclasses import dataclass, replace

from ..decode import decode
from ..docinfo import DocInfo, level_of, read_info
from ..errors import InputError

_HEADER = re.compile(r"\A\ufeff?#\s*(?P<title>[^|\n]*?)\s*\|\s*(?P<date>[^|\n]*?)\s*\|\s*(?P<source>[^\n]*?)\s*$", re.M)
_SOURCE = re.compile(r"^(?P<repo>[\w.-]+/[\w.-]+)\s+(?P<path>.*?)(?:\s+@(?P<commit>[0-9a-f]{6,40}))?$")
_DATE = re.compile(r"^(?:19|20)\d{2}(?:-\d{2}(?:-\d{2})?)?$")
# A region named by a folder (…/桂林市/2019.md) or the start of a title ("2025年云南省政府工作报告",
# "阿坝藏族羌族自治州政府工作报告"): the name runs up to 政府 or a year, so 杭州市 is not cut to 杭州.
_SUFFIX = r"(?:特别行政区|自治区|自治州|省|市|盟|地区|州|县|区)"
_FOLDER = re.compile(r"[\u4e00-\u9fff]{1,14}" + _SUFFIX)
_TITLE = re.compile(
    r"^(?:(?:19|20)\d{2}年)?(?P<region>[\u4e00-\u9fff]{1,14}" + _SUFFIX + r")(?=(?:19|20)\d{2}年|(?:人民)?政府)"
)


@dataclass(frozen=True)
class Source:
    """Where a corpus copy came from, as its first line says."""

    title: str
    date: str | None
    repository: str | None
    path: str | None
    commit: str | None


def read_file(path: str) -> str:
    """The text of a report file; `.gz` files are read through gzip."""
    try:
        if path.endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                data = fh.read()
        else:
            with open(path, "rb") as fh:
                data = fh.read()
    except (OSError, EOFError) as exc:
        raise InputError(path, getattr(exc, "strerror", None) or str(exc) or "cannot read") from None
    return decode(data, path)


def read_source(text: str) -> Source | None:
    """The `# title | date | source` first line of a corpus copy, or None."""
    m = _HEADER.match(text)
    if not m:
        return None
    date = m.group("date") if _DATE.match(m.group("date")) else None
    s = _SOURCE.match(m.group("source"))
    if s is None:
        return Source(m.group("title"), date, None, m.group("source") or None, None)
    return Source(m.group("title"), date, s.group("repo"), s.group("path"), s.group("commit"))


def document_facts(text: str, name: str = "") -> tuple[DocInfo, Source | None]:
    """Date, place, issuer and title of a report, from its heading, its first line and its file name."""
    info = read_info(text, name)
    source = read_source(text)
    if source is not None and source.date and (info.date is None or info.date_basis != "heading"):
        info = replace(info, date=source.date, date_basis="first line")
    bare = info.region is not None and len(info.region) < 2
    if info.region is None or bare:
        # A heading may name only the unit ("在市第十四届人民代表大会……"): the file says which.
        region = _region_from(source, name)
        if region:
            if region == "全国":
                issuer = "国务院"
            else:
                issuer = f"{region}人民政府" if bare or info.issuer is None else info.issuer
            info = replace(info, place=region, region=region, level=level_of(region), issuer=issuer)
    if source is not None:
        # Corpus first lines write titles many ways ("济南市2018年2018年政府工作报告"); a work
        # report gets the one form the glossary's documents use: 桂林市政府工作报告（2019年）.
        title = re.sub(r"\s*[（(][^)）]*[)）]\s*$", "", source.title).strip()
        if "政府工作报告" in title and info.region and info.date:
            title = f"{info.region}政府工作报告（{info.date[:4]}年）"
        info = replace(info, title=title or info.title)
    return info, source


def _region_from(source: Source | None, name: str) -> str | None:
    """The place named by the folder of the file (…/桂林市/2019.md) or the start of its title."""
    folders = []
    titles = []
    for path in (source.path if source else None, name):
        if path:
            parts = re.split(r"[\\/]", path)
            folders += [parts[-2]] if len(parts) > 1 else []
            titles.append(os.path.basename(path))
    if source:
        if "国务院" in source.title:
            return "全国"
        titles.insert(0, source.title.lstrip("# "))
    for folder in folders:
        if _FOLDER.fullmatch(folder):
            return folder
    for title in titles:
        m = _TITLE.match(title)
        if m:
            return m.group("region")
    return None
