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
