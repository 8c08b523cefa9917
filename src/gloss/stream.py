"""Annotating text that arrives in chunks (a file larger than memory) with global offsets.

Each round scans a window made of some left context, the new text and the unsettled tail of the
previous round. Matches that start in the settled part are emitted; the tail stays for the next
round, so a term that crosses a chunk edge is found exactly once and with the same selection as
on the whole text.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .annotate import annotate_view
from .context import HEAD_CHARS, document_context
from .glossary import Glossary
from .model import Annotation
from .normalize import match_view

# Characters kept unsettled at the end of a window: the longest surface, its head words and
# quotes, plus room for whitespace and line breaks inside a term (PDF text breaks at most a few
# times per term).
MIN_MARGIN = 4096
# Margins count match-view characters, so layout deleted from the view (a long whitespace run
# inside a term) never pushes a term out of the window. A window this many raw characters long is
# settled anyway, to bound memory on text that is nearly all whitespace.
MAX_WINDOW = 1 << 22


def margin_for(glossary: Glossary) -> int:
    """How many trailing characters of a window are not yet settled."""
    longest = max((len(s) for e in glossary.entries for s in e.surfaces), default=1)
    heads = max((len(h) for e in glossary.entries for h in e.match.head_words + e.match.blockers), default=1)
    return max(MIN_MARGIN, 16 * (longest + heads))


def annotate_chunks(
    glossary: Glossary,
    chunks: Iterable[str],
    *,
    region: str | None = None,
    year: int | None = None,
    overlapping: bool = False,
) -> Iterator[Annotation]:
    """Annotations of the concatenated chunks, in order, offsets into the whole text."""
    margin = margin_for(glossary)
    compiled = glossary.compiled
    window = ""  # text from `base` on
    base = 0  # global offset of window[0]
    settled = 0  # global offset before which every match has been emitted
    last_end = 0  # end of the last emitted match (for non-overlapping selection)
    detected = False
    iterator = iter(chunks)
    done = False
    while not done:
        chunk = next(iterator, None)
        done = chunk is None
        if chunk:
            window += chunk
        if not detected and (len(window) >= 2 * HEAD_CHARS or done):
            # Once, from the document's head, as whole-text annotation does; every window uses it.
            region, year = document_context(window, glossary.regions, region, year)
            detected = True
        if not detected or (not done and len(window) < 2 * margin):
            continue
        view = match_view(compiled.traditional.fold(window))
        # Settle up to `limit`; keep from `keep_from` on, as left context for quotes, blockers and cues.
        if done:
            limit, keep_from = base + len(window), 0
        elif len(view.text) >= 2 * margin:
            at = len(view.text) - margin
            limit, keep_from = base + view.to_original(at), view.to_original(at - margin)
        elif len(window) >= MAX_WINDOW:
            limit, keep_from = base + len(window) - margin, len(window) - 2 * margin
        else:
            continue
        for ann in annotate_view(
            compiled, glossary.entries, glossary.regions, window, view,
            region=region, year=year, overlapping=overlapping, offset=base,
        ):
            if ann.start < settled or ann.start >= limit:
                continue
            if not overlapping and ann.start < last_end:
                continue
            yield ann
            last_end = max(last_end, ann.end)
        settled = limit
        window = window[keep_from:]
        base += keep_from
