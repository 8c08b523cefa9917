"""Finding the documents under a directory, and opening a document only when it is a regular file.

The walk is iterative (a tree thousands of levels deep is fine), sorted, and does not follow
symbolic links to directories (so it cannot loop). Nothing is skipped silently: a folder that
cannot be listed, a path too long for the system, or a FIFO, device or socket whose name looks
like a document is reported as a `WalkProblem`, and the walk goes on.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

# The files of a corpus directory that are documents (what `gloss corpus scan` reads by default).
DOCUMENT_PATTERNS = ("*.txt", "*.txt.gz")

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


@dataclass(frozen=True)
class WalkProblem:
    """A path under a walked directory that could not be listed or is not a regular file."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class NotRegularFile(OSError):
    """A path names a FIFO, device, socket or directory where a file was expected."""


def kind_of(mode: int) -> str:
    """'a FIFO', 'a directory' … for a file mode that is not a regular file's."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open `path` for reading in binary, refusing anything but a regular file.

    The check is made on the opened descriptor, and the open itself never blocks: opening a FIFO
    to read would otherwise wait for a writer forever, and /dev/zero never ends.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegularFile(errno.EINVAL, f"is {kind_of(mode)}, not a regular file", os.fspath(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def walk_files(root: str, accept: Callable[[str], bool]) -> Iterator[str | WalkProblem]:
    """Paths of the regular files under `root` whose name `accept`s, sorted, depth first; and problems.

    A directory's own files come before its subdirectories' (the order of a sorted `os.walk`).
    """
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            yield WalkProblem(folder, f"cannot list this folder: {exc.strerror or exc}")
            continue
        subfolders = []
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    subfolders.append(entry.path)
                    continue
                if not accept(entry.name):
                    continue
                mode = entry.stat().st_mode
            except OSError as exc:
                yield WalkProblem(entry.path, exc.strerror or str(exc))
                continue
            if stat.S_ISREG(mode):
                yield entry.path
            elif not stat.S_ISDIR(mode):  # a symlink to a directory is not walked, nor an error
                yield WalkProblem(entry.path, f"is {kind_of(mode)}, not a regular file; skipped")
        stack.extend(reversed(subfolders))
