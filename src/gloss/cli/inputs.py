"""Input expansion and atomic output files for the commands."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import IO

import click

from ..errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")
# A directory also yields their gzip copies (report.txt.gz); a file named on the command line is read
# as gzip whenever its content is, whatever its name.
INPUT_SUFFIXES = TEXT_SUFFIXES + tuple(s + ".gz" for s in TEXT_SUFFIXES)


def expand_inputs(inputs: tuple[str, ...]) -> tuple[list[str], list[InputError]]:
    """Files as given, directories walked (sorted) for text files, plain or gzip; '-' for standard input.

    Returns the paths and, separately, what the walk could not use (a folder that cannot be
    listed, a FIFO named like a document …): one error each, for the command to report.
    """
    from ..walk import WalkProblem, walk_files

    paths: list[str] = []
    problems: list[InputError] = []
    for item in inputs:
        if item == "-" or not os.path.isdir(item):
            paths.append(item)
            continue
        found = 0
        for hit in walk_files(item, lambda name: name.lower().endswith(INPUT_SUFFIXES)):
            if isinstance(hit, WalkProblem):
                problems.append(InputError(hit.path, hit.message))
            else:
                paths.append(hit)
                found += 1
        if not found and not problems:
            raise click.BadParameter(f"directory {item} has no .txt or .md files (plain or .gz)", param_hint="INPUTS")
    return paths, problems


def open_output(path: str) -> contextlib.AbstractContextManager[IO[str]]:
    """The output stream for `-o PATH` (see gloss.outfile); a missing directory is a usage error."""
    from ..outfile import open_output as open_file

    directory = os.path.dirname(os.path.abspath(path))
    if path != "-" and not os.path.isdir(directory):
        raise click.BadParameter(f"directory {directory} does not exist", param_hint="--output")
    return open_file(path)


def read_stdin() -> bytes:
    """All of standard input, or an InputError when it is closed."""
    if sys.stdin is None:
        raise InputError("<stdin>", "standard input is closed; give a file or pipe text to -")
    try:
        return sys.stdin.buffer.read()
    except OSError as exc:
        raise InputError("<stdin>", exc.strerror or "cannot read") from None
