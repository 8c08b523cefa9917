"""Writing an output file that never clobbers what is at its path.

- `-` is standard output.
- A symlink is followed: the file it points to is replaced, the link itself stays.
- A regular file is replaced atomically (a temporary sibling renamed over it only on success),
  keeping its permission bits and, where allowed, its owner. A new file gets what `open()` would
  give it (0666 less the umask), not the temporary file's 0600.
- A FIFO or a character device (a named pipe, /dev/null) is written to directly, as a shell's `>`
  does: it is never replaced by a regular file. A directory, socket or block device is refused.
- The temporary file is removed on every error and on SIGINT/SIGTERM (the CLI turns both into
  exceptions, so the cleanup below runs).

Text is written as UTF-8; a character that cannot be encoded (a lone surrogate standing for a byte
of a non-UTF-8 file name) is written as a `\\udcXX` escape, so the output is always valid UTF-8.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from collections.abc import Iterator
from typing import IO

from .errors import GlossError

ENCODING_ERRORS = "backslashreplace"
TEMP_PREFIX = ".gloss-"


class OutputError(GlossError):
    """An output file cannot be written where asked."""

    def __init__(self, path: str, message: str):
        self.path = path
        super().__init__(f"{path}: {message}")


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def open_output(path: str, *, temp_prefix: str = TEMP_PREFIX) -> Iterator[IO[str]]:
    """A text stream for `path` (see the module docstring); the file appears complete or not at all."""
    if path == "-":
        if sys.stdout is None:
            raise OutputError("<stdout>", "standard output is closed")
        yield sys.stdout
        sys.stdout.flush()
        return
    target = os.path.realpath(path)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise OutputError(path, exc.strerror or "cannot write") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISFIFO(st.st_mode) or stat.S_ISCHR(st.st_mode):
            with _direct(path, target) as fh:
                yield fh
            return
        kind = "a directory" if stat.S_ISDIR(st.st_mode) else "not a regular file"
        raise OutputError(path, f"is {kind}; write to a file or to -")
    directory = os.path.dirname(target)
    import tempfile  # here, not at import: it brings shutil, random and the compressors with it

    try:
        fd, tmp = tempfile.mkstemp(dir=directory, prefix=temp_prefix, suffix=".tmp")
    except OSError as exc:
        raise OutputError(path, f"cannot write here: {exc.strerror or exc}") from None
    try:
        if st is None:
            os.fchmod(fd, 0o666 & ~_umask())
        else:
            os.fchmod(fd, stat.S_IMODE(st.st_mode))
            if hasattr(os, "fchown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):
                    os.fchown(fd, st.st_uid, st.st_gid)
        with os.fdopen(fd, "w", encoding="utf-8", errors=ENCODING_ERRORS, newline="\n") as fh:
            yield fh
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def _direct(path: str, target: str) -> Iterator[IO[str]]:
    try:
        fh = open(target, "w", encoding="utf-8", errors=ENCODING_ERRORS, newline="\n")
    except OSError as exc:
        raise OutputError(path, exc.strerror or "cannot write") from None
    with fh:
        yield fh


def write_atomically(path: str, data: bytes, *, mode: int = 0o666, temp_prefix: str = TEMP_PREFIX) -> None:
    """Replace the file at `path` with `data` atomically, with `mode` less the umask; raises OSError."""
    import tempfile

    target = os.path.realpath(path)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(target), prefix=temp_prefix, suffix=".tmp")
    try:
        os.fchmod(fd, mode & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
