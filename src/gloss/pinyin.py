"""Pinyin of entries: tone-marked, toneless and initials. Imports pypinyin only when called."""

from __future__ import annotations

import functools
import re
import unicodedata

from .model import Entry

_NON_LETTER = re.compile(r"[^a-z0-9]+")
_HAN = re.compile(r"[\u3400-\u9fff]")
_HAN_RUNS = re.compile(r"[\u3400-\u9fff]+|[^\u3400-\u9fff]+")


@functools.lru_cache(maxsize=None)
def _syllables(text: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin

    result = []
    for item in pinyin(text, style=Style.TONE, errors="default", neutral_tone_with_five=False):
        result.extend(item[0].split())
    return tuple(s for s in result if s.strip())


def tone_marked(entry: Entry) -> str:
    """'sān gè yī pī': the entry's `pinyin` override, else pypinyin's reading of the term."""
    return entry.pinyin or " ".join(_syllables(entry.term))


def strip_tones(text: str) -> str:
    """Lower-case pinyin without tone marks or tone numbers; ü written v."""
    text = text.lower().replace("ü", "v").replace("u:", "v")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return re.sub(r"(?<=[a-z])[1-5]", "", text)


def toneless(entry: Entry) -> str:
    """'san ge yi pi'."""
    return strip_tones(tone_marked(entry))


def compact(text: str) -> str:
    """Toneless pinyin with spaces and punctuation removed: 'sangeyipi'."""
    return _NON_LETTER.sub("", strip_tones(text))


def initials(entry: Entry) -> str:
    """'sgyp': first letter of each Chinese syllable; digits and Latin letters kept as they are."""
    out = []
    for run in _HAN_RUNS.findall(entry.term):
        if _HAN.match(run):
            out.extend(strip_tones(s)[:1] for s in _syllables(run))
        else:
            out.append(_NON_LETTER.sub("", run.lower()))
    return "".join(out)


def index_letter(entry: Entry) -> str:
    """The dictionary section of an entry: the upper-case first letter of its pinyin, or '#'."""
    first = compact(tone_marked(entry))[:1].upper()
    return first if first.isalpha() else "#"
