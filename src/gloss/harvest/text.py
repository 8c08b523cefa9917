"""Text steps every layout shares: removing layout whitespace, joining lines, finding a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
ALNUM = "0-9A-Za-z０-９Ａ-Ｚａ-ｚ"
# Layout whitespace goes; one space stays between two Latin letters or digits ("5G XR" is not "5GXR").
_LAYOUT = re.compile(rf"(?<=[{ALNUM}])[\s{_ZERO_WIDTH}]+(?=[{ALNUM}])|[\s{_ZERO_WIDTH}]+")
_FOOTER = re.compile(r"^\s*[—–-]{1,2}\s*\d{1,4}\s*[—–-]{1,2}\s*$")
# Markdown emphasis and list chrome in web copies: **bold**, > quotes, "- " bullets are not text.
_MARKUP = re.compile(r"\*\*|__")


@dataclass(frozen=True)
class Line:
    """One non-empty line of a document: its 1-based number, the text as written (stripped)."""

    number: int
    raw: str

    @property
    def text(self) -> str:
        """The line with layout whitespace and emphasis marks removed."""
        return clean(_MARKUP.sub("", self.raw))


def clean(text: str) -> str:
    """Remove layout: line breaks, indentation and spaces between non-Latin characters, zero-width marks."""
    return _LAYOUT.sub(lambda m: " " if m.group().strip(_ZERO_WIDTH) and _alnum_both(m) else "", text).strip()


def _alnum_both(m: re.Match[str]) -> bool:
    s = m.string
    return m.start() > 0 and m.end() < len(s) and bool(
        re.match(f"[{ALNUM}]", s[m.start() - 1]) and re.match(f"[{ALNUM}]", s[m.end()])
    )


def join(a: str, b: str) -> str:
    """Join two cleaned lines the way `clean` would join them."""
    if a and b and re.match(f"[{ALNUM}]", a[-1]) and re.match(f"[{ALNUM}]", b[0]):
        return f"{a} {b}"
    return a + b


def lines_of(text: str) -> list[Line]:
    """Every non-empty line that is not a page footer ("— 35 —")."""
    out = []
    for number, raw in enumerate(text.split("\n"), 1):
        if _FOOTER.match(raw):
            continue
        stripped = raw.strip(" \t\r\u3000\u00a0" + _ZERO_WIDTH)
        if stripped and clean(stripped):
            out.append(Line(number, stripped))
    return out


def sentence_at(text: str, start: int, end: int, limit: int = 60, stops: str = "。！？；\n") -> str:
    """The sentence around text[start:end], trimmed to about `limit` characters around the match."""
    left = max(text.rfind(c, 0, start) for c in stops) + 1
    rights = [i for i in (text.find(c, end) for c in stops) if i != -1]
    right = min(rights) + 1 if rights else len(text)
    if right - left > limit:
        left = max(left, start - limit // 2)
        right = min(right, end + limit // 2)
    return text[left:right].strip().strip("，,、；;：:")
