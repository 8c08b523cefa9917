"""The timeline chart: an inline SVG bar chart of entries by first year, drawn at build time."""

from __future__ import annotations

from collections.abc import Mapping

# Geometry in SVG user units; the chart keeps its natural size and its figure scrolls when narrow.
BAR = 13
GAP = 4
HEIGHT = 160
TOP = 22
BOTTOM = 44
LEFT = 8
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


def chart(counts: Mapping[int, int]) -> str:
    """An SVG with one bar per year (short empty runs kept, long ones collapsed), each linking to #yYYYY."""
    if not counts:
        return ""
    slots = _slots(sorted(counts))
    peak = max(counts.values())
    width = LEFT * 2 + len(slots) * (BAR + GAP)
    total = TOP + HEIGHT + BOTTOM
    base = TOP + HEIGHT
    parts = [
        f'<svg class="timeline-chart" viewBox="0 0 {width} {total}" width="{width}" height="{total}" '
        f'role="group" aria-label="Entries by first year" xmlns="http://www.w3.org/2000/svg">',
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
        n = counts.get(first, 0)
        label = (
            f'<text class="year" x="{mid}" y="{base + 10}" '
            f'transform="rotate(-60 {mid} {base + 10})" text-anchor="end">{first}</text>'
        )
        if not n:
            parts.append(label)
            continue
        h = max(MIN_BAR, round(HEIGHT * n / peak))
        noun = "entry" if n == 1 else "entries"
        parts.append(
            f'<a href="#y{first}" aria-label="{first}: {n} {noun}"><title>{first}: {n} {noun}</title>'
            f'<rect x="{x}" y="{base - h}" width="{BAR}" height="{h}"/>'
            f'<text class="count" x="{mid}" y="{base - h - 5}" text-anchor="middle">{n}</text>{label}</a>'
        )
    parts.append("</svg>")
    return "".join(parts)
