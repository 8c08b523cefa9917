"""Term–definition pairs read from a report: its 名词解释 / 名词注释 appendix and inline definitions.

Reports explain their own jargon, in an appendix whose layout varies from place to place and year
to year: numbered lists in every numbering style, end-notes keyed [1] or ①, unnumbered
"术语：释义" paragraphs, a heading line per term, and web copies that run the whole appendix into
one line. Each layout family has its own module under `layouts/`; the shared steps — reading the
file, its date and its place (`source`), cleaning text (`text`), finding the appendix
(`appendix`), turning an item into pairs (`terms`) — are here once. Every pair is taken from the
text as written; nothing is completed or guessed except the proposed entry fields (id, kind,
term, components), which a curator reviews.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..docinfo import DocInfo
from .appendix import Appendix, find
from .inline import inline_pairs
from .output import Comparer, Verdict, compare, document_stub, entry_dict, to_json_data, to_records, to_yaml
from .source import Source, document_facts, read_file
from .terms import Pair, entry_id, guess_kind, item_pairs, split_components, split_names
from .text import clean, lines_of, sentence_at

__all__ = [
    "Appendix", "Comparer", "Harvest", "Pair", "Source", "Verdict", "clean", "compare", "document_id",
    "document_stub", "entry_dict", "entry_id", "guess_kind", "harvest_file", "harvest_text", "read_file",
    "sentence_at", "split_components", "split_names", "to_json_data", "to_records", "to_yaml",
]


_MENTION = re.compile(r"名词(?:解释|注释)")
_REPORT = re.compile(r"工作报告")


@dataclass(frozen=True)
class Harvest:
    """Everything read from one document."""

    name: str
    info: DocInfo
    doc_id: str
    pairs: tuple[Pair, ...]
    appendix: Appendix | None
    notes: tuple[str, ...] = ()  # lines skipped, each with its line number and reason
    source: Source | None = None

    @property
    def appendix_pairs(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.origin == "appendix")

    @property
    def inline_pairs(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.origin == "inline")

    @property
    def where(self) -> str:
        """Where the text copy came from: the public repository and path its first line names."""
        s = self.source
        if s is None or not (s.repository or s.path):
            return ""
        text = " ".join(x for x in (s.repository, s.path) if x)
        return f"text copy from {text}" + (f" @{s.commit}" if s.commit else "")


def harvest_text(text: str, name: str = "", *, inline: bool = True) -> Harvest:
    """Every definition pair in a document's text. `name` is used for messages and as a date fallback."""
    info, source = document_facts(text, name)
    lines = lines_of(text)
    notes: list[str] = []
    pairs: list[Pair] = []
    appendix = None
    body = lines
    found = find(lines, notes, report=_REPORT.search(" ".join(filter(None, (info.title, name)))) is not None)
    if found is not None:
        appendix, items, start = found
        body = lines[:start]
        for item in items:
            got = item_pairs(item.heading, item.sep, item.definition, item.line, "appendix", appendix.layout,
                             item.quote)
            if not got:
                notes.append(f"line {item.line}: item {item.heading!r} has no definition; skipped")
            pairs += got
    else:
        mention = next((line for line in lines if _MENTION.search(line.text)), None)
        if mention is not None:
            notes.append(f"line {mention.number}: names a 名词解释 ({mention.text[:40]}) but no appendix text follows")
    if inline:
        pairs += inline_pairs(body)
    body_text = "".join(line.text for line in body)
    pairs = [replace(p, usage=_usage(body_text, p)) for p in pairs]
    return Harvest(name, info, document_id(info, name), tuple(pairs), appendix, tuple(notes), source)


def harvest_file(path: str, *, inline: bool = True) -> Harvest:
    """`harvest_text` over a file (plain or `.gz`)."""
    return harvest_text(read_file(path), path, inline=inline)


def _usage(body_text: str, pair: Pair) -> str | None:
    """The first sentence of the running text that uses the term (outside its own definition)."""
    if pair.origin != "appendix":
        return None
    # A code is jargon only quoted or before its head word ("136.94亿元" is not 136).
    keys = [pair.heading, f"“{pair.term}”", *(pair.term + h for h in pair.head_words)]
    if pair.kind != "code":
        keys.append(pair.term)
    for key in keys:
        at = body_text.find(key)
        if at != -1:
            return sentence_at(body_text, at, at + len(key))
    return None


# The suffix of a region's name, with the peoples an autonomous region names: 阿坝藏族羌族自治州 -> 阿坝.
_PEOPLES = ("藏", "羌", "回", "壮", "苗", "土家", "彝", "哈尼", "布依", "侗", "傣", "景颇", "白", "傈僳", "朝鲜", "黎",
            "瑶", "蒙古", "哈萨克", "柯尔克孜", "土", "撒拉", "纳西", "怒", "独龙", "仡佬", "水", "畲", "满")
_REGION_SUFFIX = re.compile(
    r"(?:(?:(?:" + "|".join(sorted(_PEOPLES, key=len, reverse=True)) + r")族|维吾尔)*(?:自治区|自治州|自治县)"
    r"|特别行政区|省|市|区|县|旗|盟|地区)$"
)


def document_id(info: DocInfo, name: str = "") -> str:
    """A proposed document id: 偃师区 2022 -> yanshi-2022, a State Council report -> national-2017."""
    year = info.date[:4] if info.date else ""
    if info.region == "全国":
        stem = "national"
    elif info.region:
        core = _REGION_SUFFIX.sub("", info.region) or info.region
        stem = entry_id(core).replace("-", "")
    else:
        stem = re.sub(r"[^a-z0-9]+", "-", name.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()).strip("-") or "document"
    return f"{stem}-{year}" if year and not stem.endswith(year) else stem
