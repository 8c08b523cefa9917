"""Choosing entries by kind, scope level, region, first year and status (for `list` and `export`)."""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from .resolve import RegionTree

if TYPE_CHECKING:
    from .glossary import Glossary
    from .model import Entry


def select_entries(
    glossary: Glossary,
    *,
    kinds: Collection[str] = (),
    levels: Collection[str] = (),
    regions: Collection[str] = (),
    since: int | None = None,
    until: int | None = None,
    status: str | None = None,
) -> list[Entry]:
    """The entries that pass every filter given; a region keeps entries scoped to it or inside it."""
    tree = RegionTree(glossary.regions)
    chosen = []
    for e in glossary.entries:
        if kinds and e.kind not in kinds or levels and e.scope.level not in levels:
            continue
        if regions and not any(r in tree.ancestors(e.scope.region) for r in regions):
            continue
        if since is not None and (e.first_year is None or e.first_year < since):
            continue
        if until is not None and (e.first_year is None or e.first_year > until):
            continue
        if status and e.status != status:
            continue
        chosen.append(e)
    return chosen
