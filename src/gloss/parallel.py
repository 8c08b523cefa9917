"""Corpus mode: annotate many files in worker processes, results in input order.

Each worker builds the compiled glossary once (from the glossary's own data, shipped to it when
it starts), then annotates whole files: reading, decoding, matching and sense resolution all
happen in the worker. What comes back is compact (offsets and entry indexes); the Annotation
objects are rebuilt here against the caller's glossary, so entries are not pickled per match.

    from gloss import load
    from gloss.parallel import Summary, annotate_files

    summary = Summary()
    for result in annotate_files(load(), paths, jobs=2, summary=summary):
        if result.error:
            print(result.path, result.error)
        else:
            print(result.path, len(result.annotations))
    print(summary.files, summary.megabytes, summary.annotations, summary.mb_per_s, summary.failures)

A file that cannot be read or decoded (or fails in any other way) gives a FileResult with
`error` set; the run goes on. So does a worker process that dies (killed, out of memory): the files
it had in hand are annotated again one at a time, each in a fresh worker, and only a file that
kills its worker again gets the error. Workers ignore Ctrl-C; the caller's process alone handles it,
so an interrupted run is one KeyboardInterrupt, not one traceback per worker. Large single files
belong to `gloss.stream`, not here.
"""

from __future__ import annotations

import functools
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .glossary import Glossary
from .model import Annotation

T = TypeVar("T")
R = TypeVar("R")

Progress = Callable[[int, int], None]
"""Called after each file with (bytes done, files done) so far, in the caller's process."""

# Files queued per worker beyond the one it is annotating: enough to keep every worker busy,
# few enough that results waiting for a slow earlier file stay bounded.
_AHEAD = 4


@dataclass(frozen=True)
class FileResult:
    """One input file: its annotations, or the error that stopped it."""

    path: str
    bytes: int
    chars: int = 0
    region: str | None = None
    year: int | None = None
    annotations: tuple[Annotation, ...] = ()
    error: str | None = None


@dataclass
class Summary:
    """Running totals of a corpus run; complete once the iterator is exhausted."""

    files: int = 0
    failures: int = 0
    bytes: int = 0
    annotations: int = 0
    seconds: float = 0.0
    failed: list[str] = field(default_factory=list)

    @property
    def megabytes(self) -> float:
        return self.bytes / 1e6

    @property
    def mb_per_s(self) -> float:
        return self.megabytes / self.seconds if self.seconds else 0.0

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.bytes += result.bytes
        self.annotations += len(result.annotations)
        if result.error is not None:
            self.failures += 1
            self.failed.append(result.path)


def annotate_files(
    glossary: Glossary,
    paths: Iterable[str | os.PathLike[str]],
    *,
    jobs: int = 1,
    region: str | None = None,
    year: int | None = None,
    overlapping: bool = False,
    encoding: str | None = None,
    progress: Progress | None = None,
    summary: Summary | None = None,
) -> Iterator[FileResult]:
    """Annotate every file, in `jobs` worker processes (1: in this process); yield in input order.

    `region`/`year` override what is detected from each document's head, as in `Glossary.annotate`.
    `progress(bytes_done, files_done)` is called after each file; `summary` is filled in as the
    results are yielded.
    """
    global _WORKER
    summary = summary if summary is not None else Summary()
    options = (region, year, overlapping, encoding)
    started = time.perf_counter()
    done_bytes = 0
    if jobs <= 1:
        _WORKER = glossary  # this process: the glossary as it is, compiled once
        compact = (_annotate_one(os.fspath(p), options) for p in paths)
        results: Iterator[tuple[Any, ...]] = compact
    else:
        results = _in_workers(glossary, paths, jobs, options)
    for raw in results:
        result = _rebuild(glossary, raw)
        summary.add(result)
        summary.seconds = time.perf_counter() - started
        done_bytes += result.bytes
        if progress is not None:
            progress(done_bytes, summary.files)
        yield result


def _in_workers(glossary: Glossary, paths: Iterable[Any], jobs: int, options: tuple[Any, ...]) -> Iterator[tuple[Any, ...]]:
    return map_files(glossary, (os.fspath(p) for p in paths), functools.partial(_annotate_one, options=options), jobs=jobs,
                     lost=_lost_file)


def _lost_file(path: str) -> tuple[Any, ...]:
    return path, 0, 0, None, None, [], f"{path}: the worker process died while annotating it (killed, or out of memory?)"


def map_files(glossary: Glossary, items: Iterable[T], work: Callable[[T], R], *, jobs: int = 1,
              lost: Callable[[T], R] | None = None) -> Iterator[R]:
    """`work(item)` for every item, yielded in input order, run in `jobs` worker processes (1: here).

    `work` must be picklable (a module-level function, or a functools.partial of one); inside it,
    `worker_glossary()` is the glossary, compiled once per worker. When a worker dies (killed, out of
    memory), the items it had in hand are run again, each in a worker of its own; one that kills
    that worker too gives `lost(item)` (without `lost`, the error is raised).
    """
    global _WORKER
    if jobs <= 1:
        _WORKER = glossary
        yield from map(work, items)
        return
    from concurrent.futures import Future, ProcessPoolExecutor  # not at import: the CLI starts faster
    from concurrent.futures.process import BrokenProcessPool
    from concurrent.futures.process import BrokenProcessPool

    shipped = _shippable(glossary)

    def start(workers: int) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, initializer=_install_worker, initargs=(shipped,))

    pool = start(jobs)
    pending: deque[tuple[T, Future[R]]] = deque()
    todo = iter(items)
    try:
        while True:
            broken: list[T] | None = None
            for item in todo:
                try:
                    pending.append((item, pool.submit(work, item)))
                except BrokenProcessPool:  # the pool broke since the last result was taken
                    broken = [*(i for i, _ in pending), item]
                    break
                if len(pending) >= jobs * _AHEAD:
                    break
            if broken is None:
                if not pending:
                    break
                item, future = pending.popleft()
                try:
                    yield future.result()
                    continue
                except BrokenProcessPool:
                    broken = [item, *(i for i, _ in pending)]
            # Every item in hand is lost with the pool: each again on its own, then a new pool.
            pool.shutdown(wait=False, cancel_futures=True)
            pending.clear()
            for again in broken:
                yield _alone(start, work, again, lost)
            pool = start(jobs)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _alone(start: Callable[[int], Any], work: Callable[[T], R], item: T, lost: Callable[[T], R] | None) -> R:
    """`work(item)` in a fresh worker of its own: its result, or `lost(item)` if it kills that worker too."""
    from concurrent.futures.process import BrokenProcessPool

    solo = start(1)
    try:
        return solo.submit(work, item).result()
    except BrokenProcessPool:
        if lost is None:
            raise
        return lost(item)
    finally:
        solo.shutdown(wait=False, cancel_futures=True)


def _install_worker(shipped: tuple[Any, ...]) -> None:
    """A worker process: Ctrl-C is the caller's to handle, then the glossary as `_install`."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _install(shipped)


def worker_glossary() -> Glossary:
    """The glossary of this worker process (inside `map_files` work)."""
    assert _WORKER is not None, "worker_glossary() is only available inside map_files work"
    return _WORKER


def _shippable(glossary: Glossary) -> tuple[Any, ...]:
    """What a worker needs to rebuild the glossary: its data, not its compiled automaton."""
    documents = tuple(glossary.documents.values())
    return (glossary.meta, glossary.regions, documents, tuple(glossary.entries), glossary.sha256, glossary.path,
            glossary.engine)


_WORKER: Glossary | None = None


def _install(shipped: tuple[Any, ...]) -> None:
    """Worker start-up: rebuild the glossary and compile it, once for all the files to come."""
    global _WORKER
    meta, regions, documents, entries, sha256, path, engine = shipped
    _WORKER = Glossary(meta, regions, documents, entries, sha256=sha256, path=path, engine=engine)
    _WORKER.compiled  # noqa: B018 - compile now, not inside the first file's timing


def _annotate_one(path: str, options: tuple[Any, ...]) -> tuple[Any, ...]:
    """(path, bytes, chars, region, year, [(start, end, surface, entry index, confidence, alternatives, scope match)], error)."""
    from .annotate import annotate
    from .context import document_context
    from .decode import decode, read_bytes

    region, year, overlapping, encoding = options
    glossary = _WORKER
    assert glossary is not None
    size = 0
    try:
        data = read_bytes(path)
        size = len(data)
        text = decode(data, path, encoding)
        # The document's own region and year, as `gloss annotate --format json` reports them.
        doc_region, doc_year = document_context(text, glossary.regions, region, year, path)
        anns = annotate(
            glossary.compiled, glossary.entries, glossary.regions, text,
            region=doc_region, year=doc_year, overlapping=overlapping,
        )
        index = glossary.index
        compact = [(a.start, a.end, a.surface, index(a.entry.id), a.confidence, a.alternatives, a.scope_match)
                   for a in anns]
        return path, size, len(text), doc_region, doc_year, compact, None
    except Exception as exc:  # noqa: BLE001 - a per-file failure is reported, never raised
        message = str(exc) if getattr(exc, "path", None) else f"{path}: {exc.__class__.__name__}: {exc}"
        if isinstance(exc, OSError):
            message = f"{path}: {exc.strerror or exc}"
        return path, size, 0, None, None, [], message


def _rebuild(glossary: Glossary, raw: tuple[Any, ...]) -> FileResult:
    path, size, chars, region, year, compact, error = raw
    if error is not None:
        return FileResult(path, size, error=error)
    entries = glossary.entries
    anns = tuple(Annotation(s, e, surface, entries[i], c, alt, m) for s, e, surface, i, c, alt, m in compact)
    return FileResult(path, size, chars, region, year, anns)
