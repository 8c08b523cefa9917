"""Where a report's 名词解释 / 名词注释 appendix is, where it ends, and which layout reads it."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .layouts import Item, choose
from .text import Line

_SUFFIX = r"(?:(?:和|及)(?:有关)?(?:情况)?(?:的)?说明|说明)?"
_HEADING = re.compile(
    r"^(?:<!--|[-*#\[【〔(（])*(?:附件?[\d一二三四五六七八九十]*[：:、.]?|附录[\d一二三四五六七八九十]*[：:]?|资料[：:]|\d[.、．])?"
    r"[《》\w（）()]{0,16}?名词(?:解释|注释|注解)" + _SUFFIX
    + r"[\]】〕)）>*]*(?:[（(][^）)]*[）)])?[：:]?(?:-->)?$"
)
# A 注释 / 注 section: a bare heading, taken as the appendix only when numbered or keyed items follow.
_NOTES_HEADING = re.compile(r"^[*#【\[]*(?:注释|注解|注|释义)[\]】*]*[：:]?$")
# A web copy may run the heading and the whole appendix into one line, or end a paragraph with it.
_RUN_ON = re.compile(
    r"名词(?:解释|注释)" + _SUFFIX
    + r"[\]】〕]*[：:]?\s*(?=\**(?:1|１)\s*[.．、]|[\[［【〔]1[\]］】〕]|[（(]1[)）]|“|$)"
)
_STOP = re.compile(
    r"^附件\d*(?:[：:].*)?$|^附录[\d一二三四五六七八九十]+|^\|"
    r"|^.{0,30}(?:秘书处|办公室|办公厅).{0,10}\d{4}年\d{1,2}月\d{1,2}日印(?:发)?$|^\d{4}年\d{1,2}月\d{1,2}日印(?:发)?$"
    r"|^<!--.*-->$|^[—－-]{1,2}\s*\d{4}\s*年.{0,30}会议上$|^[（(][^）)]{0,12}(?:删减|删节|摘编)[^）)]{0,4}[)）]$"
    r"|\.(?:docx?|pdf|xlsx?|wps)$"
    r"|^(?:来源|主办单位|责任编辑|编辑|扫一扫|打印本页|关闭窗口|相关链接|附件下载)(?:[：:]|$)"
    r"|^[（(][^）)]{0,20}(?:办公厅|办公室|年鉴处)[^）)]{0,10}[)）]$"
)


_SIGNATURE = re.compile(
    r"[（(](?:(?:代理|代)?(?:市长|省长|州长|盟长|主席|区长|县长)\s*[\u4e00-\u9fff·]{2,5}"
    r"|[^（）()]{2,20}(?:日报|晚报|新闻网|网站|信息网|电视台))[)）]$"
    r"|[—－]{1,2}\s*\d{4}\s*年[^。]{0,30}会议上$"
)


@dataclass(frozen=True)
class Appendix:
    """Where the appendix is, which layout read it, and how reading ended."""

    heading: str
    line: int
    last_line: int
    layout: str
    stopped: str  # why reading ended: "end of file", or the stop line

    @property
    def numbered(self) -> bool:
        return self.layout in ("numbered", "notes")


def find(lines: Sequence[Line], notes: list[str], report: bool = True) -> tuple[Appendix, list[Item], int] | None:
    """The appendix, its items and the index of its heading line.

    A 名词解释 / 名词注释 / 名词注解 heading comes first (the last one that has items wins); a bare
    注释 / 注 heading only where none is found, and only in a work `report`: the 注 of a statistics
    communiqué are notes on its data, not terms.
    """
    named = [i for i, line in enumerate(lines) if len(line.text) <= 80 and _HEADING.match(line.text)]
    bare = [i for i, line in enumerate(lines[:-1])
            if report and _NOTES_HEADING.match(line.text) and _numbered(lines[i + 1])]
    for candidates in (named, bare):
        for i in reversed(candidates):
            local: list[str] = []
            found = _read(lines[i].text, lines[i].number, lines[i + 1:], local)
            if found[1] or i == candidates[0]:
                notes += local
                return (*found, i)
    for i in range(len(lines) - 1, -1, -1):
        m = None
        for m in _RUN_ON.finditer(lines[i].text):
            pass
        if m is not None:
            tail = lines[i].text[m.end():]
            rest = [Line(lines[i].number, tail), *lines[i + 1:]] if tail.strip() else list(lines[i + 1:])
            return (*_read(m.group().rstrip("：: "), lines[i].number, rest, notes), i)
    return None


def _numbered(line: Line) -> bool:
    from .layouts import notes, numbered

    return numbered.LAYOUT.starts(line) or notes.LAYOUT.starts(line)


def _read(heading: str, number: int, rest: Sequence[Line], notes: list[str]) -> tuple[Appendix, list[Item]]:
    body = []
    stopped = "end of file"
    for line in rest:
        if _STOP.search(line.text):
            stopped = f"line {line.number}: {line.text[:40]}"
            break
        body.append(line)
    layout = choose(body)
    items = layout.read(body, notes) if body else []
    if items:
        # Web copies sign off after the last item: "……的典范。（市长 丁小强）", "（九江日报）", or
        # repeat the session line there ("……。——2018年1月5日在州八届人大二次会议上").
        last = items[-1]
        signed = _SIGNATURE.search(last.definition)
        if signed and signed.start() > 0:
            items[-1] = replace(last, definition=last.definition[: signed.start()])
    last = max((line.number for line in body), default=number)
    return Appendix(heading, number, last, layout.name if body else "none", stopped), items
