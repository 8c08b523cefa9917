"""Term–definition pairs read from a report: its 名词解释 / 名词注释 appendix and inline definitions.

Reports explain their own jargon. The appendix comes in two shapes in the documents we have:
numbered items (`1. 两个确保。即……`, `3．10种有色金属：……`) and unnumbered paragraphs
(`三个一批：签约一批、开工一批、投产一批。`), both broken over PDF lines and page footers. In the
running text a quoted term is explained by `即……` or by a parenthesised expansion. Every pair is
taken from the text as written; nothing is completed or guessed except the proposed entry fields
(id, kind, term, components), which a curator reviews.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .checks import is_code
from .docinfo import DocInfo, read_info
from .model import ComponentGroup
from .normalize import normalize
from .numerals import component_problems, slogan_numbers

if TYPE_CHECKING:
    from .glossary import Glossary

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_ALNUM = "0-9A-Za-z０-９Ａ-Ｚａ-ｚ"
# Layout whitespace goes; one space stays between two Latin letters or digits ("5G XR" is not "5GXR").
_LAYOUT = re.compile(rf"(?<=[{_ALNUM}])[\s{_ZERO_WIDTH}]+(?=[{_ALNUM}])|[\s{_ZERO_WIDTH}]+")
_FOOTER = re.compile(r"^\s*[—–-]{1,2}\s*\d{1,4}\s*[—–-]{1,2}\s*$")

_APPENDIX_HEADING = re.compile(r"^(?:附件\d*[：:]?)?[《》\w]{0,20}名词(?:解释|注释)$")
_STOP = re.compile(r"^附件\d*(?:[：:].*)?$|^.{0,30}(?:秘书处|办公室|办公厅).{0,10}\d{4}年\d{1,2}月\d{1,2}日印(?:发)?$")
_NUMBERED = re.compile(r"^(?:(\d{1,3})\s*[.．、]|[（(](\d{1,3})[)）])\s*(.+)$")
# A heading is short and has no clause punctuation; longer first clauses are prose, not terms.
MAX_HEADING = 40
_HEADING_BAD = re.compile(r"[，,；;。！？!?]")
_COLON = re.compile(r"[：:]")
_END_OF_ENTRY = ("。", "！", "？", "”", "）", ")", ".", "」")
_QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")
_QUOTE_CHARS = re.compile(r"[“”\"「」]")
_LEAD = re.compile(r"^即[：:]?")

_INLINE_JI = re.compile(
    r"[“\"](?P<term>[^“”\"，。；、,;：:]{2,15})[”\"][，,]?即(?![使将可时便刻])[：:]?(?P<definition>[^。；;！？!?]{2,200})"
)
_INLINE_PAREN = re.compile(
    r"[“\"](?P<term>[^“”\"，。；、,;：:]{2,15})[”\"][（(](?:即[：:]?)?(?P<definition>[^（）()]{4,80})[）)]"
)
# Where one inline definition hands over to the next: “三级”即……，“三类”即……
_NEXT_JI = re.compile(r"[，,][“\"][^”\"]{1,15}[”\"](?:即|是)")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DATE_LIKE = re.compile(r"\d{4}")
_PAREN_NOT_DEFINITION = ("简称", "以下简称", "下称", "含", "包括", "如", "例如")

_KIND_BY_ENDING = (
    (("计划", "行动", "工程", "活动", "举措", "方案", "改革"), "programme"),
    (("制度", "工作法", "机制", "模式", "体系"), "mechanism"),
)
_NUMERAL_START = re.compile(r"^[一二两双三四五六七八九十百千]|[一二两三四五六七八九十]个")
_COUNTED_TAIL = re.compile(r"[一二两三四五六七八九十\d]+(?:大|个|项|类|种|支|场)[\u4e00-\u9fff]*$")
_KEYED = re.compile(r"(?:第[一二三四五六七八九十]个)?[“\"](?P<key>[^”\"]{1,6})[”\"](?:即为|即|是指|是|为|指)")
_SPLITS = ("[；;]", "[、]", "[，,]", "[、，,；;]")


@dataclass(frozen=True)
class Pair:
    """One term and its definition as a document gives them, with the entry fields it suggests."""

    heading: str  # the term as the document writes it, quotation marks included
    term: str  # proposed `term` of an entry
    definition: str  # verbatim, layout whitespace removed, a leading 即 dropped
    quote: str  # verbatim: the whole appendix item, or the inline sentence part
    line: int  # 1-based line where the item starts
    origin: str  # "appendix" or "inline"
    kind: str
    entry_id: str
    components: tuple[ComponentGroup, ...] = ()
    head_words: tuple[str, ...] = ()
    quoted_only: bool = False
    usage: str | None = None  # a sentence of the running text that uses the term


@dataclass(frozen=True)
class Appendix:
    """Where the appendix is and how reading it ended."""

    heading: str
    line: int
    last_line: int
    numbered: bool
    stopped: str  # why reading ended: "end of file", or the stop line


@dataclass(frozen=True)
class Harvest:
    """Everything read from one document."""

    name: str
    info: DocInfo
    doc_id: str
    pairs: tuple[Pair, ...]
    appendix: Appendix | None
    notes: tuple[str, ...] = ()  # lines skipped, each with its line number and reason

    @property
    def appendix_pairs(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.origin == "appendix")

    @property
    def inline_pairs(self) -> tuple[Pair, ...]:
        return tuple(p for p in self.pairs if p.origin == "inline")


@dataclass(frozen=True)
class Verdict:
    """A pair compared with a glossary: new, same, conflict, or undocumented (the entry has no definition)."""

    pair: Pair
    status: str
    entry_ids: tuple[str, ...] = ()
    existing: tuple[str, ...] = ()  # the existing definitions, when they differ


def clean(text: str) -> str:
    """Remove layout: line breaks, indentation and spaces between non-Latin characters, zero-width marks."""
    return _LAYOUT.sub(lambda m: " " if m.group().strip(_ZERO_WIDTH) and _alnum_both(m) else "", text).strip()


def _alnum_both(m: re.Match[str]) -> bool:
    s = m.string
    return m.start() > 0 and m.end() < len(s) and bool(
        re.match(f"[{_ALNUM}]", s[m.start() - 1]) and re.match(f"[{_ALNUM}]", s[m.end()])
    )


def _join(a: str, b: str) -> str:
    """Join two cleaned lines the way `clean` would join them."""
    if a and b and re.match(f"[{_ALNUM}]", a[-1]) and re.match(f"[{_ALNUM}]", b[0]):
        return f"{a} {b}"
    return a + b


def _lines(text: str) -> list[tuple[int, str]]:
    """(line number, cleaned line) for every non-empty line that is not a page footer."""
    out = []
    for number, raw in enumerate(text.split("\n"), 1):
        if _FOOTER.match(raw):
            continue
        line = clean(raw)
        if line:
            out.append((number, line))
    return out


def harvest_text(text: str, name: str = "", *, inline: bool = True) -> Harvest:
    """Every definition pair in a document's text. `name` is used for messages and as a date fallback."""
    info = read_info(text, name)
    lines = _lines(text)
    start = _find_appendix(lines)
    notes: list[str] = []
    pairs: list[Pair] = []
    appendix = None
    body = lines
    if start is not None:
        body = lines[:start]
        appendix, items = _read_appendix(lines, start, notes)
        for number, heading, sep, raw_definition in items:
            pair = _pair(heading, sep, raw_definition, number, "appendix")
            if pair is None:
                notes.append(f"line {number}: item {heading!r} has no definition; skipped")
            else:
                pairs.append(pair)
    if inline:
        pairs += _inline(body, notes)
    body_text = "".join(line for _, line in body)
    pairs = [replace(p, usage=_usage(body_text, p)) for p in pairs]
    return Harvest(name, info, document_id(info, name), tuple(pairs), appendix, tuple(notes))


def _find_appendix(lines: Sequence[tuple[int, str]]) -> int | None:
    """Index of the appendix heading line: the last short line ending in 名词解释 or 名词注释."""
    for i in range(len(lines) - 1, -1, -1):
        if len(lines[i][1]) <= 30 and _APPENDIX_HEADING.match(lines[i][1]):
            return i
    return None


def _read_appendix(
    lines: Sequence[tuple[int, str]], start: int, notes: list[str]
) -> tuple[Appendix, list[tuple[int, str, str, str]]]:
    """The appendix items as (line, heading, separator, raw definition), and how reading ended."""
    heading_line, heading = lines[start]
    rest = list(lines[start + 1:])
    numbered = bool(rest) and _item_number(rest[0][1]) == 1
    items: list[list] = []  # [line, text]
    stopped = "end of file"
    last = heading_line
    expected = 1
    for number, line in rest:
        if _STOP.match(line):
            stopped = f"line {number}: {line}"
            break
        if numbered:
            m = _NUMBERED.match(line)
            if m and int(m.group(1) or m.group(2)) == expected:
                items.append([number, m.group(3)])
                expected += 1
                last = number
                continue
        elif _starts_item(line, items[-1][1] if items else None):
            items.append([number, line])
            last = number
            continue
        if items:
            items[-1][1] = _join(items[-1][1], line)
            last = number
        else:
            notes.append(f"line {number}: text before the first appendix item; skipped")
    parsed = []
    for number, text in items:
        split = _split_heading(text, numbered)
        if split is None:
            notes.append(f"line {number}: no term before '：' or '。' in {text[:30]!r}…; skipped")
            continue
        parsed.append((number, *split))
    return Appendix(heading, heading_line, last, numbered, stopped), parsed


def _item_number(line: str) -> int | None:
    m = _NUMBERED.match(line)
    return int(m.group(1) or m.group(2)) if m else None


def _starts_item(line: str, previous: str | None) -> bool:
    """An unnumbered item starts with a short heading and '：', after an item that ended a sentence."""
    if previous is not None and not previous.endswith(_END_OF_ENTRY):
        return False
    m = _COLON.search(line)
    return bool(m) and 0 < m.start() <= MAX_HEADING and not _HEADING_BAD.search(line[: m.start()])


def _split_heading(text: str, numbered: bool) -> tuple[str, str, str] | None:
    """(heading, separator, definition) of an item; numbered items may use '。' as the separator."""
    pattern = r"[：:。]" if numbered else r"[：:]"
    m = re.search(pattern, text)
    if not m or m.start() == 0 or m.start() > MAX_HEADING or _HEADING_BAD.search(text[: m.start()]):
        return None
    return text[: m.start()], m.group(), text[m.end():]


def _pair(heading: str, sep: str, raw_definition: str, line: int, origin: str) -> Pair | None:
    definition = _LEAD.sub("", raw_definition).strip()
    if not _HAN.search(definition) and len(definition) < 2:
        return None
    quote = f"{heading}{sep}{raw_definition}"
    term, head_words, quoted_only = _term(heading)
    kind = guess_kind(term)
    return Pair(
        heading=heading,
        term=term,
        definition=definition,
        quote=quote,
        line=line,
        origin=origin,
        kind=kind,
        entry_id=entry_id(term),
        components=split_components(term, kind, definition),
        head_words=head_words,
        quoted_only=quoted_only,
    )


def _term(heading: str) -> tuple[str, tuple[str, ...], bool]:
    """The term an entry would key on, and the match rules a code needs.

    A heading with one quoted part names the jargon by that part: 产业发展“136” is 136, “三变”改革 is
    三变, “13710”工作法 is 13710 with 工作法 as its head word. A numeral counting the quoted part
    stays with it: 五个“必须统筹好”. Otherwise the heading is the term, quotation marks removed.
    """
    parts = _QUOTED.findall(heading)
    if len(parts) == 1 and not re.search(r"[、，,]", parts[0]) and len(parts[0]) <= 15:
        m = _QUOTED.search(heading)
        before, after = heading[: m.start()], heading[m.end():]
        counted = re.search(r"[一二两三四五六七八九十\d]+个$", before)
        term = (counted.group() if counted else "") + parts[0]
        if is_code(normalize(term)):
            return term, ((after,) if after else ()), not after
        return term, (), False
    return _QUOTE_CHARS.sub("", heading), (), False


def guess_kind(term: str) -> str:
    """A first guess at the entry kind from the term's shape; a curator confirms it."""
    if re.fullmatch(r"[A-Za-z0-9+\-]+", term) and re.search("[A-Za-z]{2}", term):
        return "foreign-acronym"
    if is_code(normalize(term)):
        return "code"
    if _NUMERAL_START.search(term) and slogan_numbers(term):
        return "numbered-slogan"
    for endings, kind in _KIND_BY_ENDING:
        if term.endswith(endings):
            return kind
    return "concept"


def split_components(term: str, kind: str, definition: str) -> tuple[ComponentGroup, ...]:
    """Components read off a definition that enumerates them; () unless the counts come out right."""
    if kind not in ("numbered-slogan", "code"):
        return ()
    keyed = _keyed_groups(term, kind, definition)
    if keyed:
        return keyed
    if kind != "numbered-slogan":
        return ()
    body = re.sub(r"(?:的简称|的统称)?[。.]?$", "", definition)
    for text in (body, re.split(r"[，,。]", body)[0]):
        for sep in _SPLITS:
            items = [i.strip() for i in re.split(sep, text) if i.strip()]
            if len(items) < 2 or any(len(i) > 30 or re.search(r"[，,；;。]", i) for i in items):
                continue
            groups = (ComponentGroup(None, tuple(items)),)
            if not component_problems(kind, term, [(None, len(items))]):
                return groups
    return ()


def _keyed_groups(term: str, kind: str, definition: str) -> tuple[ComponentGroup, ...]:
    """“1”即……；“3”即……: one item per digit of a code, or one group per numeral of a slogan."""
    # Only quoted parts of the term itself are keys: “三清两建”为抓手 inside a clause is not.
    marks = [m for m in _KEYED.finditer(definition) if m.group("key") in term]
    if len(marks) < 2:
        return ()
    keys = [m.group("key") for m in marks]
    spans = []
    for i, m in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(definition)
        spans.append(definition[m.end(): end].strip("，,；;。 "))
    if kind == "code":
        if "".join(keys) == normalize(term) and not component_problems(kind, term, [(None, len(keys))]):
            return (ComponentGroup(None, tuple(spans)),)
        return ()
    groups = []
    for key, span in zip(keys, spans):
        span = _COUNTED_TAIL.sub("", span)
        items = tuple(i for i in re.split(r"[、]", span) if i)
        groups.append(ComponentGroup(key, items))
    if component_problems(kind, term, [(g.key, len(g.items)) for g in groups]):
        return ()
    return tuple(groups)


def _inline(body: Sequence[tuple[int, str]], notes: list[str]) -> list[Pair]:
    """Definitions in the running text: “术语”即……, “术语”（……）."""
    text = ""
    starts: list[tuple[int, int]] = []
    for number, line in body:
        joined = _join(text, line)
        starts.append((len(joined) - len(line), number))
        text = joined
    found: list[tuple[int, Pair]] = []
    seen: set[tuple[str, str]] = set()
    for pattern, sep in ((_INLINE_JI, "即"), (_INLINE_PAREN, "（")):
        for m in pattern.finditer(text):
            term, definition = m.group("term"), m.group("definition")
            if pattern is _INLINE_JI:
                cut = _NEXT_JI.search(definition)
                if cut:
                    definition = definition[: cut.start()]
            elif not _paren_defines(definition):
                continue
            definition = definition.strip("，,：: ")
            if len(_HAN.findall(definition)) < 2 or not _HAN.search(term) and len(term) < 2:
                continue
            key = (term, definition)
            if key in seen:
                continue
            seen.add(key)
            line = _line_at(starts, m.start())
            quote = text[m.start(): m.start("definition") + len(definition)] + ("）" if sep == "（" else "")
            pair = _pair(f"“{term}”", "", definition, line, "inline")
            if pair is not None:
                found.append((m.start(), replace(pair, quote=quote)))
    found.sort(key=lambda f: f[0])
    return [p for _, p in found]


def _paren_defines(content: str) -> bool:
    """A parenthesis explains the term when it is Chinese words, not a date, an abbreviation or an aside."""
    return (
        len(_HAN.findall(content)) >= 4
        and not _DATE_LIKE.search(content)
        and not content.startswith(_PAREN_NOT_DEFINITION)
    )


def _line_at(starts: Sequence[tuple[int, int]], offset: int) -> int:
    line = starts[0][1] if starts else 1
    for start, number in starts:
        if start > offset:
            break
        line = number
    return line


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


def sentence_at(text: str, start: int, end: int, limit: int = 60, stops: str = "。！？；\n") -> str:
    """The sentence around text[start:end], trimmed to about `limit` characters around the match."""
    left = max(text.rfind(c, 0, start) for c in stops) + 1
    rights = [i for i in (text.find(c, end) for c in stops) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    if right - left > limit:
        left = max(left, start - limit // 2)
        right = min(right, end + limit // 2)
    return text[left:right].strip().strip("，,、；;：:")


def entry_id(term: str) -> str:
    """A proposed entry id: toneless pinyin syllables, digits and letters, joined by hyphens."""
    from pypinyin import Style, lazy_pinyin

    words = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[0-9]+|[A-Za-z]+|\+", term):
        if run == "+":
            words.append("plus")
        elif _HAN.match(run):
            words.extend(lazy_pinyin(run, style=Style.NORMAL, v_to_u=False))
        else:
            words.append(run.lower())
    return "-".join(w.replace("ü", "v") for w in words if w) or "entry"


def document_id(info: DocInfo, name: str = "") -> str:
    """A proposed document id: 偃师区 2022 -> yanshi-2022, a State Council report -> national-2017."""
    year = info.date[:4] if info.date else ""
    if info.region == "全国":
        stem = "national"
    elif info.region:
        core = re.sub(r"(?:回族|壮族|维吾尔)?(?:自治区|特别行政区|省|市|区|县|旗)$", "", info.region) or info.region
        stem = entry_id(core).replace("-", "")
    else:
        stem = re.sub(r"[^a-z0-9]+", "-", name.rsplit("/", 1)[-1].rsplit(".", 1)[0].lower()).strip("-") or "document"
    return f"{stem}-{year}" if year and not stem.endswith(year) else stem


def compare(harvest: Harvest, glossary: Glossary) -> list[Verdict]:
    """Each pair against the glossary: new, same as an existing definition, conflict, or undocumented."""
    by_surface: dict[str, list] = {}
    for entry in glossary.entries:
        for surface in entry.surfaces:
            by_surface.setdefault(normalize(surface), []).append(entry)
    verdicts = []
    for pair in harvest.pairs:
        keys = {normalize(pair.term), normalize(_QUOTE_CHARS.sub("", pair.heading))}
        entries = []
        for key in keys:
            for entry in by_surface.get(key, ()):
                if entry not in entries:
                    entries.append(entry)
        if not entries:
            verdicts.append(Verdict(pair, "new"))
            continue
        ids = tuple(e.id for e in entries)
        definitions = [d.zh for e in entries for d in e.definitions]
        if not definitions:
            verdicts.append(Verdict(pair, "undocumented", ids))
        elif any(_same(d, pair.definition) for d in definitions):
            verdicts.append(Verdict(pair, "same", ids))
        else:
            verdicts.append(Verdict(pair, "conflict", ids, tuple(definitions)))
    return verdicts


def _same(a: str, b: str) -> bool:
    """Definitions agree when they are equal up to layout, width and final punctuation."""
    strip = "。.；;，, "
    return normalize(a).strip(strip) == normalize(b).strip(strip)



def document_stub(harvest: Harvest, file_name: str | None = None) -> dict[str, str]:
    """The `documents:` item to add for a harvested report; unknown required fields are left empty."""
    info = harvest.info
    title = info.title
    if not title or title == "政府工作报告":
        year = f"（{info.date[:4]}年）" if info.date else ""
        title = f"{info.region or ''}政府工作报告{year}"
    stub = {
        "id": harvest.doc_id,
        "title": title,
        "issuer": info.issuer or "",
        "date": info.date or "",
        "region": info.region or "",
        "where": "",
    }
    if file_name:
        stub["file"] = file_name
    if info.speaker:
        stub["speaker"] = info.speaker
    if info.occasion:
        stub["occasion"] = info.occasion
    return stub


def entry_dict(pair: Pair, harvest: Harvest) -> dict:
    """The terms.yaml entry a pair proposes; name_en and en are left for the curator to write."""
    doc = harvest.doc_id
    entry: dict = {"id": pair.entry_id, "term": pair.term, "name_en": "", "kind": pair.kind}
    if harvest.info.region and harvest.info.level:
        entry["scope"] = {"level": harvest.info.level, "region": harvest.info.region}
    definition = {"zh": pair.definition, "en": ""}
    if pair.origin == "appendix":
        definition["official"] = True
    definition["source"] = {"doc": doc, "quote": pair.quote}
    entry["definitions"] = [definition]
    if pair.components:
        if len(pair.components) == 1 and pair.components[0].key is None:
            entry["components"] = list(pair.components[0].items)
        else:
            entry["components"] = [{"key": g.key, "items": list(g.items)} for g in pair.components]
    entry["sources"] = [{"doc": doc, "quote": pair.usage or pair.quote}]
    match: dict = {}
    if pair.head_words:
        match["head_words"] = list(pair.head_words)
    if pair.quoted_only:
        match["quoted_only"] = True
    if match:
        entry["match"] = match
    return entry


def _verdict_note(verdict: Verdict | None) -> str:
    if verdict is None:
        return ""
    ids = ", ".join(verdict.entry_ids)
    if verdict.status == "same":
        return f" · same as {ids}"
    if verdict.status == "undocumented":
        return f" · documents {ids}, which has no definition yet"
    if verdict.status == "conflict":
        return f" · conflicts with {ids}"
    return " · new"


def to_yaml(harvests: Sequence[tuple[Harvest, str | None]], verdicts: dict[int, Verdict] | None = None) -> str:
    """terms.yaml fragments: the documents to add, then one entry per pair, each headed by where it came from.

    `verdicts` maps id(pair) to its comparison with a glossary; a conflict lists the existing
    definitions in comments so both readings are in front of the curator.
    """
    import yaml

    def dump(value: object) -> str:
        return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=None)

    out = ["# Harvested by gloss; review every entry, write name_en and en, then run 'gloss validate'."]
    out.append("documents:")
    for harvest, file_name in harvests:
        stub = yaml.safe_dump([document_stub(harvest, file_name)], allow_unicode=True, sort_keys=False)
        out.append(_indent(stub, "  "))
    out.append("entries:")
    for harvest, _ in harvests:
        for pair in harvest.pairs:
            verdict = verdicts.get(id(pair)) if verdicts else None
            out.append(f"  # {harvest.name}:{pair.line} ({pair.origin}: {pair.heading}){_verdict_note(verdict)}")
            if verdict is not None and verdict.status == "conflict":
                out += [f"  #   existing: {d}" for d in verdict.existing]
            out.append(_indent(dump([entry_dict(pair, harvest)]), "  "))
    return "\n".join(out) + "\n"


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else line for line in text.rstrip("\n").split("\n"))


def to_json_data(harvests: Sequence[tuple[Harvest, str | None]], verdicts: dict[int, Verdict] | None = None) -> list:
    """Plain data for JSON output: per document, where the appendix was, the notes and every pair."""
    result = []
    for harvest, file_name in harvests:
        appendix = None
        if harvest.appendix is not None:
            a = harvest.appendix
            appendix = {"heading": a.heading, "line": a.line, "last_line": a.last_line,
                        "numbered": a.numbered, "stopped": a.stopped}
        pairs = []
        for pair in harvest.pairs:
            item = {
                "term": pair.term,
                "heading": pair.heading,
                "definition": pair.definition,
                "quote": pair.quote,
                "line": pair.line,
                "origin": pair.origin,
                "kind": pair.kind,
                "entry_id": pair.entry_id,
                "components": [{"key": g.key, "items": list(g.items)} for g in pair.components],
                "head_words": list(pair.head_words),
                "quoted_only": pair.quoted_only,
                "usage": pair.usage,
                "entry": entry_dict(pair, harvest),
            }
            verdict = verdicts.get(id(pair)) if verdicts else None
            if verdict is not None:
                item["status"] = verdict.status
                item["entry_ids"] = list(verdict.entry_ids)
                item["existing"] = list(verdict.existing)
            pairs.append(item)
        result.append({
            "file": harvest.name,
            "document": document_stub(harvest, file_name),
            "date": harvest.info.date,
            "appendix": appendix,
            "notes": list(harvest.notes),
            "pairs": pairs,
        })
    return result
