"""From an appendix item to pairs: the names it defines, the term an entry keys on, kind and components.

An item may define several names at once (“四早”“四集中”：……). Each name becomes its own pair:
with its own part of the definition where the text keys the parts (“六稳”即……；“六保”即……) or
gives one part per name in order (……；……), else sharing the whole definition.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..checks import is_code
from ..model import ComponentGroup
from ..normalize import normalize
from ..numerals import component_problems, slogan_numbers

_QUOTED = re.compile(r"[“\"]([^“”\"]+)[”\"]")
QUOTE_CHARS = re.compile(r"[“”\"「」]")
_LEAD = re.compile(r"^即[：:]?")
HAN = re.compile(r"[\u4e00-\u9fff]")
# A page reference after a heading ("四个作用（P1）") points into the report; it is not the term.
_PAGE_REF = re.compile(r"[（(]P\d+[)）]$")

_KIND_BY_ENDING = (
    (("计划", "行动", "工程", "活动", "举措", "方案", "改革"), "programme"),
    (("制度", "工作法", "机制", "模式", "体系"), "mechanism"),
)
_NUMERAL_START = re.compile(r"^[一二两双三四五六七八九十百千]|[一二两三四五六七八九十]个")
_COUNTED_TAIL = re.compile(r"[一二两三四五六七八九十\d]+(?:大|个|项|类|种|支|场)[\u4e00-\u9fff]*$")
_KEYED = re.compile(r"(?:第[一二三四五六七八九十]个)?[“\"](?P<key>[^”\"]{1,6})[”\"](?:即为|即|是指|是|为|指)")
_SPLITS = ("[；;]", "[、]", "[，,]", "[、，,；;]")
# Between two names of one heading: ”“, 、 ， , after a closing quote or its short suffix, or 和/及/与
# before the next quoted name (“双区”建设、“两个合作区”建设和“双城”联动).
_NAME_BREAK = re.compile(r"(?<=”)(?=“)|[、，,](?=[^”]*(?:“|$))|(?<=[^“”])[和及与](?=“)")
_KEY_AFTER = r"(?:即为|即|是指|指的是|指|是|为|，|,|：|:)"
_KEY_STRICT = r"(?:即为|即|是指|指的是|指|是|为)"


@dataclass(frozen=True)
class Pair:
    """One term and its definition as a document gives them, with the entry fields it suggests."""

    heading: str  # the name as the document writes it, quotation marks included
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
    layout: str = ""  # the appendix layout family the item was read by
    names: int = 1  # how many names the item's heading defines (this pair is one of them)


def item_pairs(heading: str, sep: str, definition: str, line: int, origin: str, layout: str = "",
               quote: str | None = None) -> list[Pair]:
    """The pairs one item gives: one per name of its heading (see the module docstring)."""
    quote = quote or f"{heading}{sep}{definition}"
    names, parts = _names_and_parts(heading, _LEAD.sub("", definition))
    if len(names) < 2:
        pair = make_pair(heading, definition, quote, line, origin, layout)
        return [pair] if pair else []
    out = []
    for i, name in enumerate(names):
        pair = make_pair(name, parts[i] if parts else definition, quote, line, origin, layout, len(names))
        if pair:
            out.append(pair)
    return out


def _names_and_parts(heading: str, body: str) -> tuple[list[str], list[str] | None]:
    """The names an item defines and, where the text divides it, each name's part of the definition."""
    names = split_names(heading)
    if len(names) > 1:
        parts = _keyed_parts(names, body)
        if parts is None and _compound(heading):
            return [heading], None
        return names, parts or _ordered_parts(names, body)
    if "、" in heading and "“" not in heading:
        # Unquoted names (一单制、一箱制; 六稳、六保) are split only where the definition gives each
        # its own part: keyed by the name, or one '；' part per name in order.
        pieces = heading.split("、")
        if 2 <= len(pieces) <= 4 and all(2 <= len(p) <= 10 for p in pieces):
            parts = _keyed_parts(pieces, body, strict=True) or _ordered_parts(pieces, body)
            if parts:
                return pieces, parts
    return names, None


def split_names(heading: str) -> list[str]:
    """The names of a heading that quotes several (“四早”“四集中”, “两重”、“两新”); else [heading]."""
    if len(_QUOTED.findall(heading)) < 2:
        return [heading]
    pieces = [p.strip() for p in _NAME_BREAK.split(heading) if p and p.strip()]
    if len(pieces) < 2 or not all(_QUOTED.search(p) for p in pieces):
        return [heading]
    # A part inside one name's quotes (“双随机、一公开”) is not a break: the quotes must balance.
    if any(p.count("“") != p.count("”") for p in pieces):
        return [heading]
    return pieces


def _compound(heading: str) -> bool:
    """“互联网+医疗健康”“五个一”服务行动: quoted parts run together under one head word name one thing."""
    return bool(re.search(r"”“", heading)) and not heading.endswith("”") and not re.search(r"[、，,]", heading)


def _key_of(name: str) -> str:
    parts = _QUOTED.findall(name)
    return parts[0] if len(parts) == 1 else QUOTE_CHARS.sub("", name)


def _keyed_parts(names: list[str], definition: str, strict: bool = False) -> list[str] | None:
    """“六稳”即……；“六保”即……: each name's own span, when every name is keyed, in order.

    `strict` (for unquoted names) asks that each name open a sentence of the definition:
    "无水港相对……。直通关指……。大通关指……".
    """
    marks: list[tuple[int, int]] = []
    at = 0
    for name in names:
        key = re.escape(_key_of(name))
        if strict:
            # Unquoted names count as keyed where each opens a sentence of the definition, or is
            # quoted and defined after a comma ("……的逻辑架构，“三级平台”指……").
            pattern = (rf"(?:(?:^|(?<=[。；;]))[“\"]?{key}[”\"]?{_KEY_STRICT}?"
                       rf"|(?<=[，,])[“\"]{key}[”\"]{_KEY_STRICT})[：:]?")
        else:
            pattern = rf"[“\"]?{key}[”\"]?(?:[^，。；“”]{{0,4}}?){_KEY_AFTER}[：:]?"
        m = re.compile(pattern).search(definition, at)
        if m is None:
            return None
        marks.append((m.start(), m.end()))
        at = m.end()
    if marks[0][0] != 0 and not re.fullmatch(r"[^。；]*[，,：:]?", definition[: marks[0][0]]):
        return None
    spans = []
    for i, (_, end) in enumerate(marks):
        stop = marks[i + 1][0] if i + 1 < len(marks) else len(definition)
        spans.append(definition[end:stop].strip("；;，, "))
    return spans if all(spans) else None


def _ordered_parts(names: list[str], definition: str) -> list[str] | None:
    """……；…… (or a plain 、 list): one part per name, in order, when the parts count out to the
    names and the definition is that one run of parts (no sentence ends before the last part)."""
    if "。" in definition.rstrip("。"):
        return None
    parts = [p.strip() for p in re.split(r"[；;]", definition)]
    if len(parts) != len(names):
        # A plain list, one member per name: “鲲鹏行动”“雄鹰计划”“云雀工程”：甲行动、乙计划、丙工程。
        parts = [p.strip() for p in definition.split("、")] if not re.search(r"[，,；;]", definition) else []
    if len(parts) != len(names) or any(not p.strip("。") for p in parts):
        return None
    return parts


def make_pair(heading: str, raw_definition: str, quote: str, line: int, origin: str, layout: str = "",
              names: int = 1) -> Pair | None:
    """A pair from a heading and its definition; None when the definition is empty."""
    definition = _LEAD.sub("", raw_definition).strip()
    if not HAN.search(definition) and len(definition) < 2:
        return None
    term, head_words, quoted_only = term_of(heading)
    if not term:
        return None
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
        layout=layout,
        names=names,
    )


def term_of(heading: str) -> tuple[str, tuple[str, ...], bool]:
    """The term an entry would key on, and the match rules a code needs.

    A heading with one quoted part names the jargon by that part: 产业发展“136” is 136, “三变”改革 is
    三变, “13710”工作法 is 13710 with 工作法 as its head word. A numeral counting the quoted part
    stays with it: 五个“必须统筹好”. Otherwise the heading is the term, quotation marks removed.
    """
    heading = _PAGE_REF.sub("", heading)
    parts = _QUOTED.findall(heading)
    if len(parts) == 1 and not re.search(r"[、，,]", parts[0]) and len(parts[0]) <= 15:
        m = _QUOTED.search(heading)
        before, after = heading[: m.start()], heading[m.end():]
        counted = re.search(r"[一二两三四五六七八九十\d]+个$", before)
        term = (counted.group() if counted else "") + parts[0]
        if is_code(normalize(term)):
            return term, ((after,) if after else ()), not after
        return term, (), False
    return QUOTE_CHARS.sub("", heading), (), False


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


def entry_id(term: str) -> str:
    """A proposed entry id: toneless pinyin syllables, digits and letters, joined by hyphens."""
    from pypinyin import Style, lazy_pinyin

    words = []
    for run in re.findall(r"[\u4e00-\u9fff]+|[0-9]+|[A-Za-z]+|\+", term):
        if run == "+":
            words.append("plus")
        elif HAN.match(run):
            words.extend(lazy_pinyin(run, style=Style.NORMAL, v_to_u=False))
        else:
            words.append(run.lower())
    return "-".join(w.replace("ü", "v") for w in words if w) or "entry"
