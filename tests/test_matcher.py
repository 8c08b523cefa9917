from gloss.matcher import Matcher


def test_every_occurrence_including_nested():
    m = Matcher(["知识产权", "国家知识产权局"])
    found = sorted(m.occurrences("国家知识产权局和知识产权"))
    assert found == sorted([(2, 6, 0), (0, 7, 1), (8, 12, 0)])


def test_longer_key_sharing_a_prefix_does_not_hide_the_shorter():
    # pyahocorasick issue #133: iter_long() finds nothing here.
    m = Matcher(["知识产权", "国家知识产权局"])
    assert list(m.occurrences("国家知识产权")) == [(2, 6, 0)]


def test_empty_key_set():
    assert list(Matcher([]).occurrences("任何文字")) == []
