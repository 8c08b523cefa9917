"""Bytes of a document -> text: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK."""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator

from .errors import InputError
from .walk import open_regular

SNIFF_BYTES = 1 << 16
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL_OK = frozenset("\t\n\r\f\v\x1b")


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
    return text[1:] if text.startswith("\ufeff") else text


def read_text(path: str | os.PathLike[str], encoding: str | None = None) -> str:
    """Read and decode a whole file."""
    name = os.fspath(path)
    try:
        with open_regular(path) as fh:
            data = fh.read()
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot read") from None
    return decode(data, name, encoding)


def iter_text(stream, name: str, encoding: str | None = None, chunk_bytes: int = 1 << 20) -> Iterator[str]:
    """Decode a binary stream chunk by chunk (for files larger than memory)."""
    head = stream.read(chunk_bytes)
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
        block = stream.read(chunk_bytes)
