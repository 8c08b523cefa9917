"""Input expansion and atomic output files for the commands."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import IO

import click

from ..errors import InputError

TEXT_SUFFIXES = (".txt", ".md", ".text", ".markdown")


def expand_inputs(inputs: tuple[str, ...]) -> list[str]:
    """Files as given, directories walked (sorted) for text files, '-' for standard input."""
    paths: list[str] = []
    for item in inputs:
        if item == "-":
            paths.append(item)
        elif os.path.isdir(item):
            found = []
            for root, dirs, files in os.walk(item):
                dirs.sort()
                found += [os.path.join(root, f) for f in sorted(files) if f.lower().endswith(TEXT_SUFFIXES)]
            if not found:
                raise click.BadParameter(f"directory {item} has no .txt or .md files", param_hint="INPUTS")
            paths += found
        else:
            paths.append(item)
    return paths


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
