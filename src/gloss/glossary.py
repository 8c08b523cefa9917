"""The Glossary: entries, documents and regions, with annotation and look-up."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from typing import Any

from .model import Annotation, Document, Entry, Region


class Glossary:
    """A loaded, validated glossary. Build one with `gloss.load()`."""

    def __init__(
        self,
        meta: Mapping[str, Any],
        regions: tuple[Region, ...],
        documents: tuple[Document, ...] | Mapping[str, Document],
        entries: Sequence[Entry],
        *,
        sha256: str = "",
        path: str = "",
        engine: str | None = None,
    ):
        """`entries` is a tuple, or (from the compiled cache) a sequence that decodes each entry when
        first used and knows their `ids`; `documents` a tuple, or (from the cache) a mapping by id that
        decodes each when first used."""
        self.meta = dict(meta)
        self.regions = regions
        self.documents: Mapping[str, Document] = (
            documents if isinstance(documents, Mapping) else {d.id: d for d in documents}
        )
        self.entries = entries
        self.sha256 = sha256
        self.path = path
        self.engine = engine
        ids = getattr(entries, "ids", None)
        self._index = {entry_id: i for i, entry_id in enumerate(ids if ids is not None else (e.id for e in entries))}

    @property
    def version(self) -> str:
        return str(self.meta.get("version", ""))

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"<Glossary {self.version} {len(self.entries)} entries>"

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, or None."""
        index = self._index.get(entry_id)
        return None if index is None else self.entries[index]

    def index(self, entry_id: str) -> int:
        """The position in `entries` of the entry with this id (KeyError if none has it)."""
        return self._index[entry_id]

    @cached_property
    def compiled(self) -> Any:
        from .annotate import CompiledGlossary

        return CompiledGlossary(self.entries, self.engine, cache_key=self.sha256)

    def annotate(
        self, text: str, *, region: str | None = None, year: int | None = None, overlapping: bool = False,
        name: str = "",
    ) -> list[Annotation]:
        """Every term in `text`: leftmost-longest and non-overlapping unless `overlapping`.

        `region` and `year` override what the document's head (and its file `name`) says.
        """
        from .annotate import annotate

        return annotate(
            self.compiled, self.entries, self.regions, text, region=region, year=year, overlapping=overlapping,
            name=name,
        )

    def context(self, text: str, *, name: str = "") -> Any:
        """Where and when a document is from (`gloss.context.Context`), read from its head and file `name`."""
        from .context import read_context

        return read_context(text, name, self.regions)

    def lookup(self, query: str) -> list[Entry]:
        """Entries matching a term, alias, pinyin (with or without tones), initials or English words."""
        from .lookup import lookup

        return lookup(self, query)

    def referrers(self, entry_id: str) -> list[Entry]:
        """Entries whose `related` names `entry_id`."""
        return [e for e in self.entries if entry_id in e.related]
