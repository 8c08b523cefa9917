"""Bytes of a document -> text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK.

A gzip-compressed input is recognised by its magic bytes (whatever its name) and read decompressed:
`open_input` is the one place that opens an input file.
"""

from __future__ import annotations

import codecs
import gzip
import os
import re
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from .errors import InputError

SNIFF_BYTES = 1 << 16
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def detect_encoding(head: bytes, name: str) -> str:
    """The encoding of a document from its first bytes (a BOM, else UTF-8, else GB18030)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        raise InputError(name, "looks like a binary file (NUL bytes), not text")
    if _decodes(head, "utf-8"):
        return "utf-8"
    if _decodes(head, "gb18030"):
        return "gb18030"
    raise InputError(name, "cannot decode as UTF-8, UTF-16 or GB18030; pass --encoding")


def _decodes(head: bytes, encoding: str) -> bool:
    # The sample may end inside a multi-byte character: decode incrementally, not final.
    try:
        text = codecs.getincrementaldecoder(encoding)("strict").decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return not _looks_binary(text)


_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")  # below space, except \t \n \v \f \r and ESC


def _looks_binary(text: str) -> bool:
    controls = len(_CONTROL.findall(text, 0, 4096))
    return controls > max(2, len(text[:4096]) // 100)


def decode(data: bytes, name: str = "<bytes>", encoding: str | None = None) -> str:
    """The text of a whole document."""
    encoding = encoding or detect_encoding(data[:SNIFF_BYTES], name)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(name, f"invalid {encoding} at byte {exc.start}; pass --encoding if it is another one") from None
    except LookupError:
        raise InputError(name, f"unknown encoding {encoding!r}") from None
    return text[1:] if text.startswith("\ufeff") else text


GZIP_MAGIC = b"\x1f\x8b"
# What a damaged gzip stream raises while it is read: BadGzipFile (an OSError), EOFError when cut short.
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


def open_input(path: str | os.PathLike[str]) -> BinaryIO:
    """An input file opened for reading bytes; gzip (by its magic bytes, not its name) is decompressed."""
    name = os.fspath(path)
    try:
        fh = open(path, "rb")
        if fh.peek(len(GZIP_MAGIC))[: len(GZIP_MAGIC)] != GZIP_MAGIC:
            return fh
        return gzip.GzipFile(filename=name, mode="rb", fileobj=_Closing(fh))
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot read") from None


class _Closing:
    """The raw file under a GzipFile, closed with it (GzipFile leaves a given fileobj open)."""

    def __init__(self, fh: BinaryIO):
        self._fh = fh

    def read(self, size: int = -1) -> bytes:
        return self._fh.read(size)

    def seek(self, offset: int, whence: int = 0) -> int:
        return self._fh.seek(offset, whence)

    def tell(self) -> int:
        return self._fh.tell()

    def close(self) -> None:
        self._fh.close()


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The whole content of an input file, decompressed when it is gzip."""
    name = os.fspath(path)
    try:
        with open_input(path) as fh:
            return fh.read()
    except GZIP_ERRORS as exc:
        raise InputError(name, f"damaged gzip data ({exc})") from None
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot read") from None


def read_text(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """Read (decompressing gzip) and decode a whole file."""
    return decode(read_bytes(path), os.fspath(path), encoding)


def input_size(path: str | os.PathLike[str]) -> int:
    """Bytes of an input once decompressed, as far as cheaply known: a gzip file's trailer records its
    size modulo 4 GiB, so the larger of that and the file's own size."""
    size = os.path.getsize(path)
    with open(path, "rb") as fh:
        if fh.read(len(GZIP_MAGIC)) != GZIP_MAGIC or size < 18:
            return size
        fh.seek(-4, os.SEEK_END)
        return max(size, int.from_bytes(fh.read(4), "little"))


def iter_text(stream, name: str, encoding: str | None = None, chunk_bytes: int = 1 << 20) -> Iterator[str]:
    """Decode a binary stream chunk by chunk (for files larger than memory)."""

    def read() -> bytes:
        try:
            return stream.read(chunk_bytes)
        except GZIP_ERRORS as exc:
            raise InputError(name, f"damaged gzip data ({exc})") from None

    head = read()
    try:
        encoding = encoding or detect_encoding(head[:SNIFF_BYTES], name)
        decoder = codecs.getincrementaldecoder(encoding)("strict")
    except LookupError:
        raise InputError(name, f"unknown encoding {encoding!r}") from None
    offset = 0
    block = head
    first = True
    while True:
        try:
            text = decoder.decode(block, final=not block)
        except UnicodeDecodeError as exc:
            raise InputError(name, f"invalid {encoding} at byte {offset + exc.start}") from None
        if first and text.startswith("\ufeff"):
            text = text[1:]
        first = False
        if text:
            yield text
        if not block:
            return
        offset += len(block)
        block = read()
