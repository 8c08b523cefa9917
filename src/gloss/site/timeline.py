"""The timeline chart: an inline SVG bar chart of entries by first year, drawn at build time."""

from __future__ import annotations

from collections.abc import Mapping

# Geometry in SVG user units; the chart scales to its container through viewBox.
BAR = 18
GAP = 6
HEIGHT = 160
TOP = 22
BOTTOM = 44
LEFT = 8


def chart(counts: Mapping[int, int]) -> str:
    """An SVG with one bar per year from the first to the last (empty years kept), each linking to #yYYYY."""
    if not counts:
        return ""
    years = list(range(min(counts), max(counts) + 1))
    peak = max(counts.values())
    width = LEFT * 2 + len(years) * (BAR + GAP)
    total = TOP + HEIGHT + BOTTOM
    parts = [
        f'<svg class="timeline-chart" viewBox="0 0 {width} {total}" width="{width}" height="{total}" '
        f'role="group" aria-label="Entries by first year" xmlns="http://www.w3.org/2000/svg">'
    ]
    base = TOP + HEIGHT
    parts.append(f'<line class="axis" x1="{LEFT}" y1="{base}" x2="{width - LEFT}" y2="{base}"/>')
    for i, year in enumerate(years):
        x = LEFT + i * (BAR + GAP) + GAP // 2
        n = counts.get(year, 0)
        h = round(HEIGHT * n / peak) if n else 0
        label_x = x + BAR // 2
        label = (
            f'<text class="year" x="{label_x}" y="{base + 10}" '
            f'transform="rotate(-60 {label_x} {base + 10})" text-anchor="end">{year}</text>'
        )
        if n:
            noun = "entry" if n == 1 else "entries"
            parts.append(
                f'<a href="#y{year}" aria-label="{year}: {n} {noun}"><title>{year}: {n} {noun}</title>'
                f'<rect x="{x}" y="{base - h}" width="{BAR}" height="{h}"/>'
                f'<text class="count" x="{label_x}" y="{base - h - 5}" text-anchor="middle">{n}</text>{label}</a>'
            )
        else:
            parts.append(label)
    parts.append("</svg>")
    return "".join(parts)
