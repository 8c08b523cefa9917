"""Input expansion and atomic output files for the commands."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from typing import IO

import click

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
# A directory also yields their gzip copies (report.txt.gz); a file named on the command line is read
# as gzip whenever its content is, whatever its name.
INPUT_SUFFIXES = TEXT_SUFFIXES + tuple(s + ".gz" for s in TEXT_SUFFIXES)


def expand_inputs(inputs: tuple[str, ...]) -> list[str]:
    """Files as given, directories walked (sorted) for text files, plain or gzip; '-' for standard input."""
    paths: list[str] = []
    for item in inputs:
        if item == "-":
            paths.append(item)
        elif os.path.isdir(item):
            found = []
            for root, dirs, files in os.walk(item):
                dirs.sort()
                found += [os.path.join(root, f) for f in sorted(files) if f.lower().endswith(INPUT_SUFFIXES)]
            if not found:
                raise click.BadParameter(f"directory {item} has no .txt or .md files (plain or .gz)", param_hint="INPUTS")
            paths += found
        else:
            paths.append(item)
    return paths


@contextlib.contextmanager
def open_output(path: str) -> Iterator[IO[str]]:
    """Standard output for '-', else a temporary file renamed over `path` only on success."""
    if path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    target = os.path.abspath(path)
    directory = os.path.dirname(target)
    if not os.path.isdir(directory):
        raise click.BadParameter(f"directory {directory} does not exist", param_hint="--output")
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".gloss-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
