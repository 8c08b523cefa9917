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
