import codecs
import gzip
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gloss.decode import decode, input_size, iter_text, open_input, read_bytes, read_text
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


def test_gzip_is_read_by_its_magic_bytes(tmp_path):
    packed = gzip.compress((TEXT * 200).encode("gb18030"))
    for name in ("doc.txt.gz", "doc.txt", "doc"):
        (tmp_path / name).write_bytes(packed)
        assert read_text(tmp_path / name) == TEXT * 200
        assert input_size(tmp_path / name) == len((TEXT * 200).encode("gb18030")) > len(packed)
    (tmp_path / "plain.gz").write_text(TEXT, encoding="utf-8")  # a .gz name on plain text: read as is
    assert read_bytes(tmp_path / "plain.gz") == TEXT.encode("utf-8")
    with open_input(tmp_path / "doc") as fh:
        assert "".join(iter_text(fh, "doc", chunk_bytes=5)) == TEXT * 200


def test_damaged_gzip_is_an_input_error(tmp_path):
    cut = tmp_path / "cut.txt.gz"
    cut.write_bytes(gzip.compress(TEXT.encode() * 50)[:30])
    with pytest.raises(InputError, match="cut.txt.gz: damaged gzip data"):
        read_text(cut)
    with open_input(cut) as fh, pytest.raises(InputError, match="damaged gzip data"):
        list(iter_text(fh, str(cut), chunk_bytes=8))
    with pytest.raises(InputError, match="No such file"):
        open_input(tmp_path / "missing.gz")


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=400), st.booleans())
def test_any_bytes_read_back_plain_or_gzip(tmp_path_factory, data, packed):
    # gzip is recognised by content: a gzip file gives back what was packed, any other file itself.
    path = tmp_path_factory.mktemp("b") / "x"
    path.write_bytes(gzip.compress(data) if packed else data)
    if not packed and data[:2] == b"\x1f\x8b":
        with pytest.raises(InputError):
            read_bytes(path)
    else:
        assert read_bytes(path) == data


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
