"""Bytes of a document -> text: UTF-8 (with or without BOM), UTF-16/UTF-32 with BOM, GB18030/GBK or Big5.

A NUL character anywhere in the decoded text means a binary file, in every encoding. A
gzip-compressed input is recognised by its magic bytes (whatever its name) and read decompressed:
`open_input` is the one place that opens an input file, and it opens regular files only.
"""

from __future__ import annotations

import codecs
import gzip
import os
import zlib
from collections.abc import Iterator
from typing import BinaryIO

from .errors import InputError
from .walk import open_regular

SNIFF_BYTES = 1 << 16
# UTF-32 first: its little-endian BOM begins with UTF-16's.
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
BIG5 = "cp950"  # Big5 as Windows writes it (a superset of plain Big5)
_BINARY = "looks like a binary file (NUL bytes), not text"
_CONTROL_OK = frozenset("\t\n\r\f\v\x1b")


def detect_encoding(head: bytes, name: str) -> str:
    """The encoding of a document from its first bytes (a BOM, else UTF-8, else GB18030)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding
    if b"\x00" in head:
        raise InputError(name, _BINARY)
    if _decodes(head, "utf-8"):
        return "utf-8"
    big5 = _looks_big5(head)
    if big5 and _decodes(head, BIG5):
        return BIG5
    if _decodes(head, "gb18030"):
        if big5:
            raise InputError(name, "looks like Big5 but does not decode as it; pass --encoding")
        return "gb18030"
    raise InputError(name, "cannot decode as UTF-8, UTF-16, UTF-32, GB18030 or Big5; pass --encoding")


def _looks_big5(head: bytes) -> bool:
    """Big5 bytes are valid GBK too, as other characters. But a GBK document is almost all GB2312
    characters, whose second byte is 0xA1 or above, while about half of the common Big5 characters
    have a second byte in 0x40-0x7E. More than a fifth of double-byte pairs like that: Big5."""
    pairs = low = i = 0
    n = len(head)
    while i < n - 1:
        lead = head[i]
        if lead < 0x81 or lead == 0xFF:
            i += 1
            continue
        trail = head[i + 1]
        if 0x30 <= trail <= 0x39:  # a GB18030 four-byte sequence
            i += 4
            continue
        pairs += 1
        low += 0x40 <= trail <= 0x7E
        i += 2
    return pairs >= 4 and low * 5 > pairs


def _decodes(head: bytes, encoding: str) -> bool:
    # The sample may end inside a multi-byte character: decode incrementally, not final.
    try:
        text = codecs.getincrementaldecoder(encoding)("strict").decode(head, final=False)
    except UnicodeDecodeError:
        return False
    return not _looks_binary(text)


def _looks_binary(text: str) -> bool:
    controls = sum(1 for c in text[:4096] if c < " " and c not in _CONTROL_OK)
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
    if "\x00" in text:
        raise InputError(name, _BINARY)
    return text[1:] if text.startswith("\ufeff") else text


GZIP_MAGIC = b"\x1f\x8b"
# What a damaged gzip stream raises while it is read: BadGzipFile (an OSError), EOFError when cut short.
GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)


def open_input(path: str | os.PathLike[str]) -> BinaryIO:
    """An input file opened for reading bytes; gzip (by its magic bytes, not its name) is decompressed."""
    name = os.fspath(path)
    try:
        fh = open_regular(path)
        head = fh.read(len(GZIP_MAGIC))
        fh.seek(0)
        if head != GZIP_MAGIC:
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
    with open_regular(path) as fh:
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
        if "\x00" in text:
            raise InputError(name, _BINARY)
        if first and text.startswith("\ufeff"):
            text = text[1:]
        first = False
        if text:
            yield text
        if not block:
            return
        offset += len(block)
        block = read()
