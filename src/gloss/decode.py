"""Bytes of a document -> text: UTF-8 (with or without BOM), UTF-16/UTF-32 with BOM, GB18030/GBK or Big5.

A NUL character anywhere in the decoded text means a binary file, in every encoding.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator

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
        block = stream.read(chunk_bytes)
