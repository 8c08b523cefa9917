"""Dask (local cluster, worker processes) and PySpark (local session): same records as Glossary.annotate.

Skipped when dask.distributed or pyspark is not installed, unless GLOSS_REQUIRE_SCALE=1 (CI),
where a missing package fails the run instead.
"""

from __future__ import annotations

import importlib.util
import os
import sys

import pytest

from gloss.scale import record

TEXTS = [
    "推进“放管服”改革，落实三个一批。",
    "国家知识产权局和知识产权",
    "",
    "无关的文字",
    "涧西区 三自 组织",
] * 5


def _require(module: str) -> None:
    if importlib.util.find_spec(module) is None:
        if os.environ.get("GLOSS_REQUIRE_SCALE") == "1":
            pytest.fail(f"{module} is not installed, and GLOSS_REQUIRE_SCALE=1 requires it (pip install '.[dask,spark]')")
        pytest.skip(f"{module} is not installed (pip install '.[dask,spark]')")


def _expected(mini):
    return [[record(a) for a in mini.annotate(t)] for t in TEXTS]


@pytest.fixture(scope="module")
def dask_client():
    _require("distributed")
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0")
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def _compiles() -> int:
    from gloss import scale

    return scale.compiles


def test_dask_bag_on_a_local_cluster(dask_client, mini):
    import dask.bag as db

    from gloss.scale.dask import annotate_bag

    bag = db.from_sequence(TEXTS, npartitions=6)
    assert annotate_bag(bag, mini).compute() == _expected(mini)
    # Twelve partitions over two workers: the glossary is compiled once per worker process.
    annotate_bag(db.from_sequence(TEXTS * 2, npartitions=12), mini).compute()
    counts = dask_client.run(_compiles)
    assert len(counts) == 2 and all(n == 1 for n in counts.values())


def test_dask_dataframe_on_a_local_cluster(dask_client, mini):
    _require("pandas")
    import dask.dataframe as dd
    import pandas as pd

    from gloss.scale.dask import annotate_dataframe

    frame = dd.from_pandas(pd.DataFrame({"doc": range(len(TEXTS)), "text": TEXTS}), npartitions=4)
    out = annotate_dataframe(frame, "text", mini).compute()
    assert list(out["doc"]) == list(range(len(TEXTS)))
    assert list(out["annotations"]) == _expected(mini)


@pytest.fixture(scope="module")
def spark():
    _require("pyspark")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    src = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "src")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("gloss-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


def test_spark_rdd_map_partitions(spark, mini):
    from gloss.scale.spark import annotate_rdd

    rdd = spark.sparkContext.parallelize(TEXTS, 4)
    assert annotate_rdd(rdd, mini).collect() == _expected(mini)


def test_spark_dataframe(spark, mini):
    from gloss.scale.spark import annotate_dataframe

    frame = spark.createDataFrame([(i, t) for i, t in enumerate(TEXTS)], "doc int, text string")
    rows = annotate_dataframe(frame, "text", mini).orderBy("doc").collect()
    assert [r["doc"] for r in rows] == list(range(len(TEXTS)))
    got = [[{**r.asDict(recursive=True)} for r in row["annotations"]] for row in rows]
    assert got == _expected(mini)
