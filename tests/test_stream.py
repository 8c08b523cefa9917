from hypothesis import given, settings
from hypothesis import strategies as st

from gloss import stream
from gloss.stream import annotate_chunks


def spans(anns):
    return [(a.start, a.end, a.surface, a.entry.id) for a in anns]


def chunked(text, size):
    return [text[i:i + size] for i in range(0, len(text), size)]


def test_terms_across_chunk_edges_found_once(mini, monkeypatch):
    monkeypatch.setattr(stream, "MIN_MARGIN", 8)
    text = ("推进放\n\n管服改革。滚动开展“三\n\n个一批”，落实“13710”工作制度。" * 40)
    whole = spans(mini.annotate(text))
    for size in (1, 3, 7, 50, 1000):
        assert spans(annotate_chunks(mini, chunked(text, size))) == whole


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["放管服", "“13710”", "国家知识产权局", "三\n个一批", "，", "\n\n", "136.94", "第三农场"]),
                max_size=60),
       st.integers(1, 40))
def test_stream_equals_whole_text(mini, parts, size):
    text = "".join(parts)
    assert spans(annotate_chunks(mini, chunked(text, size))) == spans(mini.annotate(text))
    assert spans(annotate_chunks(mini, chunked(text, size), overlapping=True)) == spans(
        mini.annotate(text, overlapping=True))


def test_stream_resolves_senses_from_the_document_head_like_whole_text(mini):
    # No region in the heading; a later stretch names 河南省 near 三自: whole-text annotation keeps
    # the document's (unknown) region, and so must every chunk of the stream.
    text = "甲" * 3000 + ("三自。" + "乙" * 200 + "河南省") * 120
    whole = spans(mini.annotate(text))
    assert len({s[3] for s in whole}) == 1  # one sense for the whole document: its region is unknown
    assert spans(annotate_chunks(mini, chunked(text, 1000))) == whole


def test_a_term_with_a_whitespace_run_longer_than_the_margin_is_found(mini):
    text = "前言。" * 2000 + "三个" + " " * 5000 + "一批" + "。结尾" * 2000
    whole = spans(mini.annotate(text))
    assert [s[3] for s in whole] == ["san-ge-yi-pi"]
    for size in (1000, 4096, 7000):
        assert spans(annotate_chunks(mini, chunked(text, size))) == whole


def test_streamed_jsonl_stays_valid_when_a_file_fails_to_decode(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from test_cli import MINI, TEXT

    bad = tmp_path / "image.png.txt"
    bad.write_bytes(TEXT.encode("utf-8") * 20000 + b"\x89PNG\xff\xfe\x00\x00")  # fails well after the first chunk
    small = tmp_path / "small.txt"
    small.write_text(TEXT, encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "gloss", "annotate", "--format", "jsonl", "--stream", str(bad), str(small)],
                       capture_output=True, env={**os.environ, "GLOSS_TERMS": str(MINI)})
    assert r.returncode == 2
    rows = [json.loads(line) for line in r.stdout.decode("utf-8").splitlines()]
    assert [("error" in row) for row in rows] == [True, False]
    assert rows[0]["document"]["path"] == str(bad) and len(rows[1]["annotations"]) == 2
    r = subprocess.run([sys.executable, "-m", "gloss", "annotate", "--format", "json", "--stream", str(bad)],
                       capture_output=True, env={**os.environ, "GLOSS_TERMS": str(MINI)})
    assert r.returncode == 2 and r.stdout == b"" and r.stderr.decode().count("\n") == 1
