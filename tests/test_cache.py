"""The compiled cache is never trusted: validated against the schema and the source on load."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import gloss
from gloss import cache

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"


@pytest.fixture
def cached(tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path / "c"))
    first = gloss.load(MINI)
    [path] = list((tmp_path / "c").glob("glossary-*.json"))
    return first, path


def rewrite(path, change):
    payload = json.loads(path.read_text(encoding="utf-8"))
    change(payload)
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")


def test_a_damaged_cache_is_rebuilt_not_a_crash(cached):
    first, path = cached
    rewrite(path, lambda p: p["data"]["entries"][0].__setitem__("term", 5))
    again = gloss.load(MINI)
    assert [e.term for e in again.entries] == [e.term for e in first.entries]
    assert len(again.annotate("推进放管服改革")) == 1


def test_an_id_escaping_the_site_folder_never_comes_from_the_cache(cached, tmp_path):
    from gloss.site import build

    _, path = cached
    rewrite(path, lambda p: p["data"]["entries"][0].__setitem__("id", "../../escaped"))
    site = tmp_path / "deep" / "site"
    build(gloss.load(MINI), site)
    assert not list(tmp_path.rglob("escaped*"))
    assert (site / "entry" / "san-ge-yi-pi.html").is_file()


def test_another_glossary_swapped_in_is_detected(cached, tmp_path):
    first, path = cached
    other = tmp_path / "other.yaml"
    other.write_text(MINI.read_text(encoding="utf-8").replace("name_en: Streamline, regulate, serve",
                                                             "name_en: Swapped in"), encoding="utf-8")
    swapped = gloss.load(other)
    [other_path] = [p for p in path.parent.glob("glossary-*.json") if p != path]
    payload = json.loads(other_path.read_text(encoding="utf-8"))
    payload["sha256"] = first.sha256
    path.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    again = gloss.load(MINI)
    assert again.sha256 == first.sha256 and swapped.get("fang-guan-fu").name_en == "Swapped in"
    assert again.get("fang-guan-fu").name_en == "Streamline, regulate, serve"


@pytest.mark.skipif(os.name != "posix", reason="FIFOs")
def test_a_fifo_in_place_of_the_cache_is_ignored(cached):
    first, path = cached
    path.unlink()
    os.mkfifo(path)
    assert cache.read(first.sha256) is None
    assert len(gloss.load(MINI).entries) == len(first.entries)


def test_a_failed_cache_write_leaves_no_temp_file(tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path / "c"))

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    real_fdopen = os.fdopen

    def failing_fdopen(fd, *args, **kwargs):
        fh = real_fdopen(fd, *args, **kwargs)
        fh.write = full
        return fh

    monkeypatch.setattr(os, "fdopen", failing_fdopen)
    cache.write("0" * 64, {"glossary": {}})
    assert list((tmp_path / "c").iterdir()) == []


def test_site_refuses_file_names_outside_its_folder(tmp_path):
    from gloss.site.output import SiteError, write

    with pytest.raises(SiteError, match="outside"):
        write({"entry/../../x.html": b"x"}, tmp_path / "site")
    assert not (tmp_path / "x.html").exists()


def test_cached_data_that_breaks_the_schema_is_rebuilt(tmp_path, monkeypatch):
    import json

    from gloss import cache
    from gloss.load import load

    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path / "c"))
    first = load(MINI)
    data = cache.read(first.sha256)
    data["entries"][0]["kind"] = "not-a-kind"  # well-formed JSON, right digest below, wrong for the schema
    cache.write(first.sha256, data)
    assert cache.read(first.sha256)["entries"][0]["kind"] == "not-a-kind"
    again = load(MINI)
    assert again.entries[0].kind != "not-a-kind"
    assert json.dumps(cache.read(first.sha256)).count("not-a-kind") == 0
