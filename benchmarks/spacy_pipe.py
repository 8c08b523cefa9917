"""The spaCy component's cost over the plain API: the same documents, annotated both ways.

    PYTHONPATH=src python benchmarks/spacy_pipe.py ../shared/seeds --docs 400

Documents are pieces of the reports of about `--chars` characters, cycled to `--docs`. Three timings, each the
best of `--repeat` rounds: `Glossary.annotate` on every text; a blank Chinese spaCy pipeline alone
(tokenising); and that pipeline with the gloss component, through `nlp.pipe`. The overhead of the
component is the third minus the second, against the first.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

import corpus  # noqa: E402

import gloss  # noqa: E402


def best(rounds: int, run) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reports", type=Path)
    parser.add_argument("--docs", type=int, default=400)
    parser.add_argument("--chars", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    import spacy

    pieces = [t[i:i + args.chars] for t in corpus.report_texts(args.reports) for i in range(0, len(t), args.chars)]
    texts = list(itertools.islice(itertools.cycle(pieces), args.docs))
    chars = sum(map(len, texts))
    glossary = gloss.load()
    glossary.compiled  # compile once, outside the timings
    blank = spacy.blank("zh")
    nlp = spacy.blank("zh")
    nlp.add_pipe("gloss")
    api = best(args.repeat, lambda: [glossary.annotate(t) for t in texts])
    tokenise = best(args.repeat, lambda: list(blank.pipe(texts)))
    piped = best(args.repeat, lambda: list(nlp.pipe(texts)))
    spans = sum(len(d.spans["gloss"]) for d in nlp.pipe(texts))
    print(f"{len(texts)} documents, {chars:,} characters, {len(glossary.entries)} entries, {spans} spans")
    print(f"Glossary.annotate           {api:.3f} s")
    print(f"blank zh pipeline alone     {tokenise:.3f} s")
    print(f"blank zh + gloss, nlp.pipe  {piped:.3f} s")
    print(f"component over the API: {piped - tokenise:.3f} s vs {api:.3f} s "
          f"({(piped - tokenise) / api:.2f}x); whole pipeline {piped / api:.2f}x the API")


if __name__ == "__main__":
    main()
