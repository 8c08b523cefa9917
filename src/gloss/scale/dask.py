"""Annotate a Dask bag or dataframe of texts; the glossary goes to each worker once.

    import dask.bag as db
    from distributed import Client
    import gloss
    from gloss.scale.dask import annotate_bag

    client = Client()                      # or a real cluster's address
    texts = db.read_text("reports/*.txt", linedelimiter="\\n\\n\\n")  # or any bag of strings
    records = annotate_bag(texts, gloss.load()).compute()

Each element of the result is the list of annotation records of one text (see
`gloss.scale.record`). With a distributed client the glossary data is scattered to every worker
once (broadcast) and compiled there once per worker process; without one it travels inside the
task graph once per partition, still not per record.
"""

from __future__ import annotations

from typing import Any

from ..glossary import Glossary
from . import ShippedGlossary, annotate_texts, ship


def annotate_partition(texts: Any, shipped: ShippedGlossary, overlapping: bool = False) -> list[list[dict[str, Any]]]:
    """A partition of texts (a list, or a pandas Series) -> one list of records per text."""
    return annotate_texts(shipped, list(texts), overlapping)


def _shipped_for(glossary: Glossary | None) -> Any:
    shipped = ship(glossary)
    try:
        from distributed import get_client

        client = get_client()
    except (ImportError, ValueError):
        return shipped
    return client.scatter(shipped, broadcast=True, hash=False)


def annotate_bag(bag: Any, glossary: Glossary | None = None, *, overlapping: bool = False) -> Any:
    """A bag of texts -> a bag of annotation-record lists, element for element."""
    return bag.map_partitions(annotate_partition, _shipped_for(glossary), overlapping)


def annotate_dataframe(
    frame: Any, column: str, glossary: Glossary | None = None, *, overlapping: bool = False, into: str = "annotations"
) -> Any:
    """A dask dataframe with a text column -> the same frame with a column of annotation-record lists."""
    import pandas as pd

    def one(part: pd.DataFrame, shipped: ShippedGlossary) -> pd.DataFrame:
        part = part.copy()
        part[into] = pd.Series(annotate_partition(part[column], shipped, overlapping), index=part.index, dtype=object)
        return part

    meta = frame._meta.copy()
    meta[into] = pd.Series([], dtype=object)
    return frame.map_partitions(one, _shipped_for(glossary), meta=meta)
