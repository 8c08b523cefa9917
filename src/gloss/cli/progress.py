"""A progress bar for corpus runs: bytes, files, rate and ETA on a terminal; nothing otherwise."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator


@contextlib.contextmanager
def corpus_progress(paths: list[str]) -> Iterator[Callable[[int, int], None] | None]:
    """Yield a progress callback (bytes done, files done), or None when stderr is not a terminal."""
    if not sys.stderr.isatty() or len(paths) < 2:
        yield None
        return
    from rich.console import Console
    from rich.progress import (BarColumn, DownloadColumn, Progress, TaskProgressColumn, TextColumn,
                               TimeRemainingColumn, TransferSpeedColumn)

    total = 0
    for path in paths:
        with contextlib.suppress(OSError):
            total += os.path.getsize(path)
    bar = Progress(TextColumn("annotating"), BarColumn(), TaskProgressColumn(), DownloadColumn(),
                   TransferSpeedColumn(), TimeRemainingColumn(), TextColumn("{task.fields[files]}"),
                   console=Console(stderr=True), transient=True)
    task = bar.add_task("annotate", total=total, files=f"0/{len(paths)} files")
    with bar:
        def update(done_bytes: int, done_files: int) -> None:
            bar.update(task, completed=done_bytes, files=f"{done_files}/{len(paths)} files")

        yield update
