import pytest

from gloss.matcher import Matcher, available_engines


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


@pytest.mark.skipif("hyperscan" not in available_engines(), reason="hyperscan is not installed")
def test_hyperscan_database_is_kept_in_the_cache(tmp_path, monkeypatch):
    import hyperscan

    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path))
    keys = ["知识产权", "国家知识产权局", "", "rcep"]
    text = "国家知识产权局rcep"
    expected = sorted(Matcher(keys, "hyperscan").occurrences(text))
    Matcher(keys, "hyperscan", cache_key="ab" * 32)
    [blob] = tmp_path.glob("glossary-*.db")

    def no_compiling(*_, **__):
        raise AssertionError("compiled although the cache holds the database")

    with monkeypatch.context() as patch:
        patch.setattr(hyperscan, "Database", no_compiling)
        assert sorted(Matcher(keys, "hyperscan", cache_key="ab" * 32).occurrences(text)) == expected
    # Other keys never reuse it; a damaged blob is compiled again and replaced.
    Matcher(keys[:2], "hyperscan", cache_key="ab" * 32)
    assert len(list(tmp_path.glob("glossary-*.db"))) == 2
    good = blob.read_bytes()
    blob.write_bytes(good[: len(good) // 2])
    assert sorted(Matcher(keys, "hyperscan", cache_key="ab" * 32).occurrences(text)) == expected
    assert blob.read_bytes() == good
