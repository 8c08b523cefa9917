"""The timeline chart: an inline SVG bar chart of entries by first year, drawn at build time.

Each bar stacks two kinds of year: proven first appearances (a dated coinage or earliest use), drawn
solid at the bottom, and upper bounds ("in use by" that year), drawn hatched on top. Every bar says
both counts in words as well, for screen readers and on hover.
"""

from __future__ import annotations

from collections.abc import Mapping

# Geometry in SVG user units; the chart keeps its natural size and its figure scrolls when narrow.
BAR = 13
GAP = 4
HEIGHT = 160
TOP = 22
BOTTOM = 44
LEFT = 22  # room for the first year label, rotated to the left of its bar
MIN_BAR = 3  # a year with one entry among hundreds must still show a bar to click
MAX_EMPTY = 3  # longer runs of years without entries are drawn as one break, so recent years fit


def _slots(years: list[int]) -> list[tuple[int, int]]:
    """(first, last) year of each slot: single years, or a collapsed run of empty years."""
    slots: list[tuple[int, int]] = []
    for prev, year in zip([None, *years], years):
        if prev is not None and year - prev - 1 > MAX_EMPTY:
            slots.append((prev + 1, year - 1))
        elif prev is not None:
            slots.extend((y, y) for y in range(prev + 1, year))
        slots.append((year, year))
    return slots


def _noun(n: int) -> str:
    return "entry" if n == 1 else "entries"


def bar_label(year: int, proven: int, bound: int) -> str:
    """What one bar says in words: '2021: 5 entries — 2 first appeared, 3 in use by then (bound)'."""
    parts = []
    if proven:
        parts.append(f"{proven} first appeared")
    if bound:
        parts.append(f"{bound} in use by then (bound)")
    return f"{year}: {proven + bound} {_noun(proven + bound)} — {', '.join(parts)}"


def _year_label(year: int, mid: int, base: int, extra: str) -> str:
    """The rotated year under a bar; `extra` holds further attributes."""
    return (f'<text{extra} class="year" x="{mid}" y="{base + 10}" '
            f'transform="rotate(-60 {mid} {base + 10})" text-anchor="end">{year}</text>')


def chart(proven: Mapping[int, int], bound: Mapping[int, int], key: str = "all", label: str = "all levels") -> str:
    """An SVG with one stacked bar per year (short empty runs kept, long ones collapsed), each linking
    to #yYYYY. `key` keeps the hatch pattern's id unique when a page holds several charts."""
    years = sorted(y for y in set(proven) | set(bound) if proven.get(y, 0) + bound.get(y, 0))
    if not years:
        return ""
    totals = {y: proven.get(y, 0) + bound.get(y, 0) for y in years}
    slots = _slots(years)
    peak = max(totals.values())
    width = LEFT * 2 + len(slots) * (BAR + GAP)
    total = TOP + HEIGHT + BOTTOM
    base = TOP + HEIGHT
    hatch = f"hatch-{key}"
    parts = [
        f'<svg class="timeline-chart" viewBox="0 0 {width} {total}" width="{width}" height="{total}" '
        f'role="group" aria-label="Entries by first year, {label}: solid, first appeared that year; '
        f'hatched, in use by that year (bound)" xmlns="http://www.w3.org/2000/svg">',
        f'<defs><pattern id="{hatch}" class="hatch" width="4" height="4" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect class="hatch-ground" width="4" height="4"/>'
        f'<line class="hatch-line" x1="0" y1="0" x2="0" y2="4"/></pattern></defs>',
        f'<line class="axis" x1="{LEFT}" y1="{base}" x2="{width - LEFT}" y2="{base}"/>',
    ]
    for i, (first, last) in enumerate(slots):
        x = LEFT + i * (BAR + GAP) + GAP // 2
        mid = x + BAR // 2
        if first != last:
            parts.append(
                f'<g class="break"><title>{first}–{last}: no entries</title>'
                f'<text x="{mid}" y="{base - 4}" text-anchor="middle">…</text></g>'
            )
            continue
        n = totals.get(first, 0)
        if not n:
            parts.append(_year_label(first, mid, base, ""))
            continue
        p, b = proven.get(first, 0), bound.get(first, 0)
        h = max(MIN_BAR, round(HEIGHT * n / peak))
        hp = round(h * p / n)
        if p and b:  # both parts stay visible however uneven the split
            hp = min(max(hp, 1), h - 1)
        words = bar_label(first, p, b)
        rects = ""
        if b:
            rects += f'<rect class="bound" x="{x}" y="{base - h}" width="{BAR}" height="{h - hp}" fill="url(#{hatch})"/>'
        if p:
            rects += f'<rect class="proven" x="{x}" y="{base - hp}" width="{BAR}" height="{hp}"/>'
        parts.append(
            # The labels stay outside the link: its name says them in words, and text inside a link that
            # its name does not contain word for word would be read one way and shown another.
            f'<a href="#y{first}" aria-label="{words}"><title>{words}</title>{rects}</a>'
            f'<text class="count" x="{mid}" y="{base - h - 5}" text-anchor="middle" aria-hidden="true">{n}</text>'
            + _year_label(first, mid, base, ' aria-hidden="true"')
        )
    parts.append("</svg>")
    return "".join(parts)
