"""Scale-out on an existing engine: Dask (`gloss.scale.dask`) and PySpark (`gloss.scale.spark`).

Both ship the glossary's data to each worker once (a Dask scatter or a Spark broadcast of a
`ShippedGlossary`) and compile it there once per process; records are plain dicts, so results
fit a bag, a dataframe or an RDD without gloss objects crossing process boundaries.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable
from typing import Any

from ..glossary import Glossary

# Per process: the glossaries compiled here, by key. A worker process keeps its compiled glossary
# across partitions and tasks; `compiles` lets tests check that it is built once, not per record.
_COMPILED: dict[str, Glossary] = {}
compiles = 0


class ShippedGlossary:
    """A picklable handle on a glossary: its validated data, compiled lazily once per process."""

    def __init__(self, glossary: Glossary):
        documents = tuple(glossary.documents.values())
        self.data = (glossary.meta, glossary.regions, documents, tuple(glossary.entries), glossary.sha256, glossary.path)
        self.engine = glossary.engine
        digest = glossary.sha256 or hashlib.sha256(pickle.dumps(self.data)).hexdigest()
        self.key = f"{digest}:{self.engine}"

    def get(self) -> Glossary:
        """The compiled glossary in this process (built on first use)."""
        global compiles
        found = _COMPILED.get(self.key)
        if found is None:
            meta, regions, documents, entries, sha256, path = self.data
            found = Glossary(meta, regions, documents, entries, sha256=sha256, path=path, engine=self.engine)
            found.compiled  # noqa: B018 - compile once, here
            _COMPILED[self.key] = found
            compiles += 1
        return found


def record(annotation: Any) -> dict[str, Any]:
    """One annotation as plain data: offsets into the record's text, the entry id and the choice."""
    return {
        "start": annotation.start,
        "end": annotation.end,
        "surface": annotation.surface,
        "id": annotation.entry.id,
        "term": annotation.entry.term,
        "confidence": annotation.confidence,
        "alternatives": list(annotation.alternatives),
        "scope_match": annotation.scope_match,
    }


def annotate_texts(shipped: ShippedGlossary, texts: Iterable[str | None], overlapping: bool = False) -> list[list[dict[str, Any]]]:
    """Annotation records for each text of a partition (None or empty text: no annotations)."""
    glossary = shipped.get()
    return [[record(a) for a in glossary.annotate(t, overlapping=overlapping)] if t else [] for t in texts]


def ship(glossary: Glossary | None) -> ShippedGlossary:
    """A ShippedGlossary for `glossary` (default: `gloss.load()`)."""
    if glossary is None:
        from ..load import load

        glossary = load()
    return ShippedGlossary(glossary)
