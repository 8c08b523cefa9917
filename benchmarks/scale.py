"""Local speed-up of the Dask and Spark integrations: 1 worker against N on this machine.

    PYTHONPATH=src python benchmarks/scale.py ../shared/seeds --mb 20 --workers 2

Each text is one report; the glossary is the real one when terms.yaml has entries, else the
test fixture. Times include shipping the glossary and compiling it in each worker, not starting
the cluster or the Spark session.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import corpus  # noqa: E402

from gloss.load import build  # noqa: E402


def dask_times(glossary, texts: list[str], workers: int) -> float:
    import dask.bag as db
    from distributed import Client, LocalCluster

    from gloss.scale.dask import annotate_bag

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        with Client(cluster):
            bag = db.from_sequence(texts, npartitions=workers * 8)
            start = time.perf_counter()
            count = annotate_bag(bag, glossary).map(len).sum().compute()
            seconds = time.perf_counter() - start
    print(f"  dask {workers} worker(s): {seconds:.2f} s, {count} annotations", flush=True)
    return seconds


def spark_times(glossary, texts: list[str], workers: int) -> float:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(HERE.parent / "src"), os.environ.get("PYTHONPATH")) if p)
    from pyspark.sql import SparkSession

    from gloss.scale.spark import annotate_rdd

    spark = (SparkSession.builder.master(f"local[{workers}]").appName("gloss-bench")
             .config("spark.ui.enabled", "false").getOrCreate())
    try:
        rdd = spark.sparkContext.parallelize(texts, workers * 8).cache()
        rdd.count()
        start = time.perf_counter()
        count = annotate_rdd(rdd, glossary).map(len).sum()
        seconds = time.perf_counter() - start
    finally:
        spark.stop()
    print(f"  spark local[{workers}]: {seconds:.2f} s, {count} annotations", flush=True)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description="Local speed-up of gloss.scale.dask and gloss.scale.spark.")
    parser.add_argument("reports", type=Path, help="a folder of *.txt reports (repeated to --mb)")
    parser.add_argument("--mb", type=float, default=20, help="MB of text (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="workers to compare with one (default 2)")
    parser.add_argument("--terms", type=Path, default=HERE.parent / "terms.yaml")
    parser.add_argument("--only", choices=["dask", "spark"], help="run one integration only")
    args = parser.parse_args()
    reports = corpus.report_texts(args.reports)
    texts = reports * max(1, int(args.mb * 1e6 // sum(len(t.encode()) for t in reports)))
    data, label = corpus.glossary_data(args.terms)
    glossary = build(data)
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    print(f"{len(texts)} texts, {megabytes:.1f} MB, glossary {label}, {os.cpu_count()} cores")
    for name, run in (("dask", dask_times), ("spark", spark_times)):
        if args.only and args.only != name:
            continue
        one = run(glossary, texts, 1)
        many = run(glossary, texts, args.workers)
        print(f"{name}: 1 worker {megabytes / one:.1f} MB/s, {args.workers} workers {megabytes / many:.1f} MB/s, "
              f"speed-up {one / many:.2f}×")


if __name__ == "__main__":
    main()
