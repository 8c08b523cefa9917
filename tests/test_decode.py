import codecs
import io

import pytest

from gloss.decode import decode, iter_text, read_text
from gloss.errors import InputError

TEXT = "滚动开展“三个一批”，严格落实“13710”工作制度。\n"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),
    codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    TEXT.encode("gb18030"),
    TEXT.encode("gbk"),
])
def test_encodings_detected(data):
    assert decode(data) == TEXT


def test_explicit_encoding_and_bad_bytes():
    assert decode(TEXT.encode("gb18030"), encoding="gb18030") == TEXT
    with pytest.raises(InputError, match="invalid utf-8"):
        decode(TEXT.encode("gb18030"), "x.txt", encoding="utf-8")


def test_binary_is_refused():
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="No such file"):
        read_text(tmp_path / "nope.txt")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-16"])
def test_chunked_decoding_splits_characters_safely(encoding):
    data = (TEXT * 50).encode(encoding)
    assert "".join(iter_text(io.BytesIO(data), "x", chunk_bytes=7)) == TEXT * 50


# Regressions of the hardening pass (issue: Big5 read as mojibake, UTF-32 read as UTF-16, late NULs).

BIG5 = "洛陽市政府工作報告：推進放管服改革，滾動開展三個一批，嚴格落實工作制度，民生支出累計達百億元。\n" * 4


def test_big5_is_detected_not_read_as_gb18030():
    assert decode(BIG5.encode("big5"), "tw.txt") == BIG5


def test_big5_stream_is_detected_too():
    assert "".join(iter_text(io.BytesIO(BIG5.encode("big5")), "tw.txt", chunk_bytes=64)) == BIG5


def test_gbk_traditional_text_stays_gb18030():
    assert decode(BIG5.encode("gbk"), "gbk.txt") == BIG5


@pytest.mark.parametrize("encoding", ["utf-32", "utf-32-le", "utf-32-be"])
def test_utf32_with_bom_is_detected(encoding):
    bom = {"utf-32": b"", "utf-32-le": codecs.BOM_UTF32_LE, "utf-32-be": codecs.BOM_UTF32_BE}[encoding]
    assert decode(bom + TEXT.encode(encoding)) == TEXT


def test_a_nul_anywhere_means_binary():
    data = TEXT.encode("utf-8") * 5000 + b"\x00tail"
    assert len(data) > 1 << 16
    with pytest.raises(InputError, match="binary"):
        decode(data, "late.bin")
    with pytest.raises(InputError, match="binary"):
        "".join(iter_text(io.BytesIO(data), "late.bin", chunk_bytes=1 << 12))
