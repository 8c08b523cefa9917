"""The match view (in C, and its pure-Python fallback: one re.split, no Python loop per run) equals a plain loop over the runs."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from gloss.normalize import _FOLD, ALNUM, match_view, match_view_python

_ZW = "\u200b\u200c\u200d\u2060\ufeff" + "\u00ad\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_RUNS = re.compile(
    r"[ \t\r]*\n(?:[ \t\r]*\n)*[ \t]*[—–-]{1,2}[ \t]*\d{1,4}[ \t]*[—–-]{1,2}[ \t\r]*(?=\n|\Z)" rf"|[\s{_ZW}]+"
)
_TABLE = str.maketrans(_FOLD)


def reference(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    """The straightforward version: fold by translate, then walk the layout runs one by one."""
    folded = text.translate(_TABLE)
    pieces, starts, shifts = [], [], []
    pos = deleted = 0
    for m in _RUNS.finditer(folded):
        a, b = m.span()
        pieces.append(folded[pos:a])
        pos = b
        run = folded[a:b]
        keep = (
            a > 0 and b < len(folded) and folded[a - 1] in ALNUM and folded[b] in ALNUM
            and all(c.isspace() or c in _ZW for c in run) and any(c.isspace() for c in run)
        )
        if keep:
            lead = len(run) - len(run.lstrip(_ZW))
            if lead:
                starts.append(a - deleted)
                shifts.append(deleted + lead)
            pieces.append(" ")
            if b - a == 1:
                continue
            deleted += b - a - 1
        else:
            deleted += b - a
        starts.append(b - deleted)
        shifts.append(deleted)
    pieces.append(folded[pos:])
    return "".join(pieces), tuple(starts), tuple(shifts)


def fast(text: str) -> tuple[str, tuple[int, ...], tuple[int, ...]]:
    view = match_view(text)
    return view.text, view._starts, view._shifts


_PIECES = st.sampled_from(
    list("ab Z9１Ａａ\u3000\n\t\r\u00a0\u200b\ufeff\u00ad\u200f\u202e—–-35字，；.。“”\"'")
    + ["\n— 35 —\n", "\n\n\n- 12 -", "A B", "1 2", " \u200b ", "\u200b 1", "\n\n— 3 —"]
)


@settings(max_examples=1500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_equals_the_loop_on_layout_text(text):
    assert fast(text) == reference(text)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=100))
def test_equals_the_loop_on_any_text(text):
    assert fast(text) == reference(text)


def test_equals_the_loop_on_the_seed_reports(seeds):
    for path in sorted(seeds.glob("*.txt")):
        text = path.read_text("utf-8-sig")
        assert fast(text) == reference(text)


@settings(max_examples=1000, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_the_python_fallback_equals_the_loop(text):
    view = match_view_python(text)
    assert (view.text, view._starts, view._shifts) == reference(text)
