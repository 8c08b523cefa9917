"""Likely jargon the glossary does not know yet, ranked for a curator to review.

Reports mark their jargon: they quote it (“三个一批”), number it (三清两建, 两不愁三保障), code it
(“13710”, 1+N) and name programmes with a head word (“春笋”计划, “136”工作举措). Each shape is a
signal; a phrase seen in several documents and often is more likely a term than a one-off. What the
glossary already annotates is left out, and so are quotations of speech (after 说：, or containing
sentence punctuation).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .checks import is_code
from .harvest import clean, sentence_at
from .normalize import match_view, normalize

if TYPE_CHECKING:
    from .glossary import Glossary

_NUM = "一二两双三四五六七八九十百千万"
_QUOTE = re.compile(r"“([^“”]{2,12})”")
# Digits, letters and + in quotes, or a bare n+m code: 13710, 9+2, 1+n, 3+1+1 (the match view is lower case).
_CODE = re.compile(r"(?<![0-9a-z.])(\d+(?:\+(?:\d+|[a-z]))+|\d+\+[a-z])(?![0-9a-z.])")
# 三清两建, 两不愁三保障, 三品一标: numeral + word, twice or more.
_WORD = rf"(?:(?![{_NUM}])[\u4e00-\u9fff])"
# Unquoted, only the tight shapes 三清两建 / 两不愁三保障 with no leading 一 (一拖等一大批 is prose).
_NUMBERED = re.compile(
    rf"(?<![{_NUM}\u4e00-\u9fff])(?!一)[{_NUM}](?:{_WORD}|{_WORD}{{2}})[{_NUM}](?:{_WORD}|{_WORD}{{2}})(?![\u4e00-\u9fff])"
    rf"|(?<![{_NUM}])(?!一)[{_NUM}]{_WORD}[{_NUM}]{_WORD}(?=[，。、；“”的和])"
)
_NUMBERED_FULL = re.compile(rf"(?:[{_NUM}]{_WORD}{{1,3}}){{2,4}}")
# 三个一批, 两个确保, 十大战略, 五区叠加 — only when quoted, since 三个月 and 十大类 are plain speech.
_COUNTED = re.compile(rf"^[{_NUM}](?:个|大|项|区|化|新|高|不|有|型)")
HEAD_WORDS = ("工程", "行动", "计划", "模式", "工作法", "举措", "工作制度", "机制", "战略", "改革")
_SPEECH_BEFORE = re.compile(r"(?:说|讲|指出|强调|表示|提出|要求|所说|认为|称|道)[:：]?$")
_SENTENCE_MARK = re.compile(r"[，,。！!？?；;：:、…]")
_MEASURES = set("年月日天次个位名人家万亿元岁份倍件辆台套座所条届期批季度轮周")
# Set phrases built like numbered slogans; they are ordinary words, never jargon.
IDIOMS = frozenset(
    "千方百计 一心一意 三心二意 四面八方 五湖四海 七上八下 一五一十 千家万户 千辛万苦 千军万马 万众一心 "
    "一砖一瓦 一草一木 一点一滴 一朝一夕 一言一行 一举一动 千山万水 三番五次 五花八门 千变万化 一年一度 "
    "一丝一毫 一干二净 一清二楚 三令五申 四通八达 千头万绪 万无一失 一刀切 一次性 一揽子 一把手 一体化 "
    "一系列 一大批 一定 一起 一是 二是 三是 四是 五是 六是 七是 八是 九是 十是".split()
)
# Rank weights: a code or a numbered slogan is jargon almost always; a bare quoted phrase less often.
WEIGHTS = {"code": 4, "numbered": 3, "head-word": 2, "quoted": 1}


@dataclass
class Candidate:
    """A phrase that looks like jargon: where it occurs and why it was picked."""

    term: str
    signals: set[str] = field(default_factory=set)
    count: int = 0
    documents: dict[str, int] = field(default_factory=dict)  # document name -> occurrences
    context: str = ""  # the first sentence it was seen in
    where: str = ""  # document:line of that sentence

    @property
    def score(self) -> int:
        return sum(WEIGHTS[s] for s in self.signals)

    def rank_key(self) -> tuple:
        return (-len(self.documents), -self.score, -self.count, self.term)


def _is_speech(view: str, start: int, inner: str) -> bool:
    """A quotation of speech: introduced by a verb of saying, or a clause rather than a name."""
    before = view[max(0, start - 4): start]
    return bool(_SPEECH_BEFORE.search(before)) or bool(_SENTENCE_MARK.search(inner))


def numbered_ok(phrase: str) -> bool:
    """A numbered pattern whose words are not measure words (三个月, 两年一次 are plain speech)."""
    words = re.split(rf"[{_NUM}]+", phrase)[1:]
    return bool(words) and all(w and w[0] not in _MEASURES for w in words)


def find_candidates(
    texts: Iterable[tuple[str, str]], glossary: Glossary | None = None, *, min_count: int = 1
) -> list[Candidate]:
    """Candidates over (name, text) documents, best first; terms the glossary annotates are left out."""
    known = set()
    if glossary is not None:
        known = {normalize(s) for e in glossary.entries for s in e.surfaces}
    found: dict[str, Candidate] = {}
    for name, text in texts:
        view = match_view(text)
        covered = _covered(glossary, text) if glossary is not None else []
        for start, end, term, signal in scan_shapes(view.text):
            if term in known or len(term) < 2 or term in IDIOMS:
                continue
            a, b = view.span(start, end)
            if overlaps_any(covered, a, b):
                continue
            cand = found.setdefault(term, Candidate(_display(text, view, start, end, term)))
            cand.signals.add(signal)
            cand.count += 1
            cand.documents[name] = cand.documents.get(name, 0) + 1
            if not cand.context:
                cand.context = clean(sentence_at(text, a, b, limit=50, stops="。！？；!?;"))
                cand.where = f"{name}:{text.count(chr(10), 0, a) + 1}"
    result = [c for c in found.values() if c.count >= min_count]
    result.sort(key=Candidate.rank_key)
    return result


def _display(text: str, view, start: int, end: int, term: str) -> str:
    """The candidate as the document writes it (full-width digits and capitals kept), layout removed."""
    a, b = view.span(start, end)
    return re.sub(r"\s+", "", text[a:b]) if len(re.sub(r"\s+", "", text[a:b])) == len(term) else term


def scan_shapes(view: str) -> Iterable[tuple[int, int, str, str]]:
    """(start, end, term, signal) for every jargon-shaped phrase of the match view."""
    for m in _QUOTE.finditer(view):
        inner = m.group(1)
        if _is_speech(view, m.start(), inner):
            continue
        s, e = m.start(1), m.end(1)
        after = view[m.end(): m.end() + 4]
        if is_code(inner):
            yield s, e, inner, "code"
        elif _NUMBERED_FULL.fullmatch(inner) and numbered_ok(inner) or _COUNTED.match(inner):
            yield s, e, inner, "numbered"
        elif any(after.startswith(h) for h in HEAD_WORDS):
            yield s, e, inner, "head-word"
        else:
            yield s, e, inner, "quoted"
    for m in _CODE.finditer(view):
        quoted = m.start() > 0 and view[m.start() - 1] == "“"
        if not quoted:
            yield m.start(), m.end(), m.group(1), "code"
    for m in _NUMBERED.finditer(view):
        phrase = m.group()
        quoted = m.start() > 0 and view[m.start() - 1] == "“"
        if not quoted and numbered_ok(phrase):
            yield m.start(), m.end(), phrase, "numbered"


def _covered(glossary: Glossary, text: str) -> list[tuple[int, int]]:
    return sorted((a.start, a.end) for a in glossary.annotate(text))


def overlaps_any(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps an annotated span."""
    from bisect import bisect_right

    i = bisect_right(spans, (start, 10**12)) - 1
    for j in (i, i + 1):
        if 0 <= j < len(spans) and spans[j][0] < end and start < spans[j][1]:
            return True
    return False
