"""Annotate a PySpark RDD or DataFrame of texts; the glossary is broadcast to the executors once.

    from pyspark.sql import SparkSession
    import gloss
    from gloss.scale.spark import annotate_rdd

    spark = SparkSession.builder.master("local[2]").getOrCreate()
    texts = spark.sparkContext.wholeTextFiles("reports/").values()
    records = annotate_rdd(texts, gloss.load()).collect()

`annotate_rdd` is a `mapPartitions`: each Python worker compiles the broadcast glossary once and
reuses it for every partition it runs (with the default spark.python.worker.reuse=true).
The executors need gloss installed (`pip install gloss` on every node, or `--py-files`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..glossary import Glossary
from . import ShippedGlossary, annotate_texts, ship

# Records as a Spark SQL type string, for DataFrame results.
RECORD_TYPE = (
    "array<struct<start:int,end:int,surface:string,id:string,term:string,"
    "confidence:double,alternatives:array<string>,scope_match:boolean>>"
)


def _partition(broadcast: Any, overlapping: bool) -> Any:
    def run(texts: Iterable[str | None]) -> Iterator[list[dict[str, Any]]]:
        shipped: ShippedGlossary = broadcast.value
        # Batches keep memory bounded on big partitions without compiling anything twice.
        batch: list[str | None] = []
        for text in texts:
            batch.append(text)
            if len(batch) == 256:
                yield from annotate_texts(shipped, batch, overlapping)
                batch = []
        yield from annotate_texts(shipped, batch, overlapping)

    return run


def annotate_rdd(rdd: Any, glossary: Glossary | None = None, *, overlapping: bool = False) -> Any:
    """An RDD of texts -> an RDD of annotation-record lists, element for element."""
    broadcast = rdd.context.broadcast(ship(glossary))
    return rdd.mapPartitions(_partition(broadcast, overlapping), preservesPartitioning=True)


def annotate_dataframe(
    frame: Any, column: str, glossary: Glossary | None = None, *, overlapping: bool = False, into: str = "annotations"
) -> Any:
    """A Spark DataFrame with a text column -> the same rows with a column of annotation records."""
    from pyspark.sql.types import StructField, StructType, _parse_datatype_string

    broadcast = frame.sparkSession.sparkContext.broadcast(ship(glossary))
    position = frame.columns.index(column)
    annotate = _partition(broadcast, overlapping)

    def run(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
        rows = list(rows)
        for row, records in zip(rows, annotate(row[position] for row in rows)):
            yield (*row, records)

    schema = StructType([*frame.schema.fields, StructField(into, _parse_datatype_string(RECORD_TYPE))])
    return frame.sparkSession.createDataFrame(frame.rdd.mapPartitions(run), schema)
