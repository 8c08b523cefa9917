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
    [path] = list((tmp_path / "c").glob("glossary-*.jsonl"))
    return first, path


def rewrite(path, change):
    """Change the cached data (header line, tables line, one line per document and per entry) as `change(payload)` says.

    The payload is {"format", "sha256", "data": {..., "documents": [...], "entries": [...]}}; the file
    is written back with its digest left as it was, as a damaged or doctored file would be.
    """
    header, tables, *lines = path.read_bytes().decode("utf-8").splitlines()
    header, tables = json.loads(header), json.loads(tables)
    split = tables["documents"]
    payload = {**header, "data": {**tables["data"], "documents": [json.loads(d) for d in lines[:split]],
                                  "entries": [json.loads(e) for e in lines[split:]]}}
    change(payload)
    lines = [json.dumps(item, ensure_ascii=False)
             for item in (*payload["data"].pop("documents"), *payload["data"].pop("entries"))]
    tables["data"] = payload["data"]
    header = {k: v for k, v in payload.items() if k != "data"}
    path.write_text("\n".join([json.dumps(header), json.dumps(tables, ensure_ascii=False), *lines]) + "\n",
                    encoding="utf-8")


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
    [other_path] = [p for p in path.parent.glob("glossary-*.jsonl") if p != path]
    header, rest = other_path.read_bytes().split(b"\n", 1)
    header = json.loads(header)
    header["sha256"] = first.sha256
    path.write_bytes(json.dumps(header).encode() + b"\n" + rest)
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
    cache.write("0" * 64, {"glossary": {}, "documents": [], "entries": []}, {})
    assert list((tmp_path / "c").iterdir()) == []


def test_site_refuses_file_names_outside_its_folder(tmp_path):
    from gloss.site.output import SiteError, write

    with pytest.raises(SiteError, match="outside"):
        write({"entry/../../x.html": b"x"}, tmp_path / "site")
    assert not (tmp_path / "x.html").exists()


def test_cached_data_that_breaks_the_schema_is_rebuilt(tmp_path, monkeypatch):
    from gloss import cache
    from gloss.load import load

    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path / "c"))
    first = load(MINI)
    cached = cache.read(first.sha256)
    data = cached.data()
    data["entries"][0]["kind"] = "not-a-kind"  # well-formed JSON, right digest below, wrong for the schema
    cache.write(first.sha256, data, {k: v for k, v in cached.tables.items()
                                     if k not in ("data", "documents", "starts", "digests")})
    assert cache.read(first.sha256).entry(0)["kind"] == "not-a-kind"
    again = load(MINI)
    assert again.entries[0].kind != "not-a-kind"
    assert json.dumps(cache.read(first.sha256).data()).count("not-a-kind") == 0
    assert list(again.entries) == list(first.entries)


def test_cached_items_that_break_the_schema_are_rebuilt(cached):
    """A head, region or document the schema refuses is caught too, whether the digest still matches or not."""
    from gloss.load import _write_cache

    first, path = cached
    rewrite(path, lambda p: p["data"]["documents"][0].__setitem__("date", "yesterday"))
    assert dict(gloss.load(MINI).documents) == dict(first.documents)
    for change in (lambda d: d["documents"][0].__setitem__("date", "yesterday"),
                   lambda d: d["regions"][0].__setitem__("level", "galaxy")):
        data = cache.read(first.sha256).data()
        change(data)
        _write_cache(first.sha256, data)
        again = gloss.load(MINI)
        assert dict(again.documents) == dict(first.documents) and again.regions == first.regions


def test_lazily_decoded_entries_equal_the_eager_ones(cached):
    """A glossary loaded from the cache decodes an entry when it is used; every one equals the first build's."""
    first, _ = cached
    again = gloss.load(MINI)
    assert isinstance(first.entries, tuple) and not isinstance(again.entries, tuple)
    assert again.entries.decoded() == (None,) * len(first.entries)
    assert again.get("fang-guan-fu") == first.get("fang-guan-fu")
    assert again.entries[-1] == first.entries[-1] and again.entries[1:3] == first.entries[1:3]
    assert again.entries[0] is again.entries[0]
    assert list(again.entries) == list(first.entries) and len(again) == len(first)
    assert [again.index(e.id) for e in first.entries] == list(range(len(first.entries)))
    assert len(again.documents) == len(first.documents) and dict(again.documents) == dict(first.documents)
    assert again.documents.get("no-such-document") is None
    with pytest.raises(IndexError):
        again.entries[len(first.entries)]


def test_annotations_from_the_cache_equal_the_first_build(cached, tmp_path):
    """Same annotations, whole and streamed, when the entries are decoded on demand (by the C path or Python's)."""
    from gloss.stream import annotate_chunks

    first, _ = cached
    text = "推进“放管服”改革，落实三个一批。RCEP生效，放管服。" * 3
    for overlapping in (False, True):
        again = gloss.load(MINI)
        assert again.annotate(text, overlapping=overlapping) == first.annotate(text, overlapping=overlapping)
    again = gloss.load(MINI)
    assert list(annotate_chunks(again, [text[:7], text[7:]])) == first.annotate(text)


@pytest.mark.parametrize("which", ["mini", "real"])
def test_compiled_tables_read_back_equal_the_compiled_rules(which, request):
    """The rules a glossary from the cache gets from its tables are the ones compiled from its entries."""
    from gloss.annotate import CompiledGlossary, compiled_tables

    glossary = request.getfixturevalue(which)
    entries = tuple(glossary.entries)
    eager = CompiledGlossary(entries)
    tables = json.loads(json.dumps(compiled_tables(entries), ensure_ascii=False))
    read = CompiledGlossary(entries, tables=tables)
    assert read._tables is not None
    assert (read.keys, read.plain, read.ruled, read.national) == (eager.keys, eager.plain, eager.ruled, eager.national)
    assert read.traditional.table == eager.traditional.table
    assert any(owners is None for owners in read.plain) and any(owners is not None for owners in read.plain)


@pytest.mark.parametrize("damage", [
    lambda t: t["owners"][0].append(10 ** 6),
    lambda t: t["owners"].__setitem__(0, []),
    lambda t: t["ruled"][0][1][0].__setitem__(3, "yes"),
    lambda t: t["ruled"][0][1][0].__setitem__(0, t["ruled"][0][1][0][0] + 1),
    lambda t: t["national"].pop(),
    lambda t: t["texts"].__setitem__(0, 5),
    lambda t: t.pop("traditional"),
])
def test_tables_that_do_not_hold_are_set_aside(real, damage):
    from gloss.annotate import CompiledGlossary, compiled_tables

    entries = tuple(real.entries)
    tables = compiled_tables(entries)
    damage(tables)
    read = CompiledGlossary(entries, tables=tables)
    eager = CompiledGlossary(entries)
    assert read._tables is None and (read.keys, read.plain, read.national) == (eager.keys, eager.plain, eager.national)


def test_a_damaged_line_is_read_again_from_the_glossary(cached):
    """Each line is checked against its digest when it is read: a damaged entry comes from terms.yaml again."""
    first, path = cached
    raw = path.read_bytes()
    at = raw.rindex(b'"', 0, len(raw) - 2)  # inside the last entry's line, lengths unchanged
    path.write_bytes(raw[:at - 1] + (b"Y" if raw[at - 1:at] != b"Y" else b"Z") + raw[at:])
    again = gloss.load(MINI)
    assert again.entries.decoded()[-1] is None
    assert list(again.entries) == list(first.entries)
    assert cache.read(first.sha256).entry(len(first.entries) - 1) is not None  # the cache was rewritten


def test_compiled_rules_are_kept_in_the_cache_and_reused(cached):
    """The first compile writes the rule tables beside the data; later compiles read them back."""
    first, path = cached
    text = "推进“放管服”改革，落实三个一批。RCEP生效。"
    expected = first.annotate(text)
    [rules] = list(path.parent.glob("rules-*.json"))
    again = gloss.load(MINI)
    assert again.compiled._tables is not None and again.annotate(text) == expected
    rules.write_text('{"sha256": "damaged"', encoding="utf-8")
    assert gloss.load(MINI).annotate(text) == expected
    assert json.loads(rules.read_text(encoding="utf-8"))["value"]["texts"]


@pytest.mark.parametrize("codec", ["orjson", "json"])
def test_either_json_codec_writes_a_cache_the_other_reads(codec, tmp_path, monkeypatch):
    """gloss[fast] writes the cache with orjson, a plain install with json: either reads the other's."""
    pytest.importorskip("orjson")
    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path / "c"))
    writer, reader = (cache.orjson, None) if codec == "orjson" else (None, cache.orjson)
    monkeypatch.setattr(cache, "orjson", writer)
    first = gloss.load(MINI)
    monkeypatch.setattr(cache, "orjson", reader)
    again = gloss.load(MINI)
    assert not isinstance(again.entries, tuple), "read back from the cache"
    assert list(again.entries) == list(first.entries) and dict(again.documents) == dict(first.documents)


def test_a_value_orjson_cannot_write_is_written_by_json():
    pytest.importorskip("orjson")
    assert json.loads(cache._dumps({"n": 10**30, "s": "放管服\n"})) == {"n": 10**30, "s": "放管服\n"}


def _settled(path: Path, content: bytes, age: float = 60.0) -> None:
    """Write `content` to `path`, with a modification time `age` seconds ago (its change time stays now)."""
    path.write_bytes(content)
    past = os.stat(path).st_mtime - age
    os.utime(path, (past, past))


def test_a_settled_file_s_digest_is_remembered_until_it_changes(tmp_path, monkeypatch):
    import hashlib
    import time

    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path / "c"))
    source = tmp_path / "terms.yaml"
    _settled(source, b"first")
    monkeypatch.setattr(cache, "_SETTLED_NS", 0)  # the change time of a file written just now counts as settled
    assert cache.known_digest(source) is None
    assert cache.file_digest(source) == hashlib.sha256(b"first").hexdigest()
    assert cache.known_digest(source) == hashlib.sha256(b"first").hexdigest()
    time.sleep(0.01)
    _settled(source, b"other")  # same size, an older modification time: the change time still moves
    assert cache.known_digest(source) is None
    assert cache.file_digest(source) == hashlib.sha256(b"other").hexdigest()


def test_a_file_changed_within_the_clock_s_tick_is_not_remembered(tmp_path, monkeypatch):
    import hashlib

    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path / "c"))
    source = tmp_path / "terms.yaml"
    source.write_bytes(b"fresh")
    assert cache.file_digest(source) == hashlib.sha256(b"fresh").hexdigest()
    assert cache.known_digest(source) is None
    assert not list(tmp_path.glob("c/source-*"))


def test_a_remembered_digest_of_someone_else_s_making_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr(cache, "_SETTLED_NS", 0)
    source = tmp_path / "terms.yaml"
    _settled(source, b"first")
    cache.file_digest(source)
    [memo] = (tmp_path / "c").glob("source-*.json")
    memo.write_text(json.dumps({**json.loads(memo.read_text()), "sha256": "0" * 64}), encoding="utf-8")
    os.chmod(memo, 0o666)
    assert cache.known_digest(source) is None
    os.chmod(memo, 0o644)
    assert cache.known_digest(source) == "0" * 64  # what the memo says, once it is this user's own file


def test_a_glossary_edited_after_its_digest_was_remembered_is_read_again(tmp_path, monkeypatch):
    import time

    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path / "c"))
    monkeypatch.setattr(cache, "_SETTLED_NS", 0)
    terms = tmp_path / "terms.yaml"
    _settled(terms, MINI.read_bytes())
    first = gloss.load(terms)
    assert cache.known_digest(terms) == first.sha256
    assert gloss.load(terms).sha256 == first.sha256
    edited = MINI.read_text("utf-8").replace('version: "0.0.1"', 'version: "0.0.2"', 1).encode("utf-8")
    assert len(edited) == len(MINI.read_bytes())
    before = os.stat(terms).st_mtime_ns
    time.sleep(0.01)
    terms.write_bytes(edited)
    os.utime(terms, ns=(before, before))  # same size, same modification time: only the change time moved
    again = gloss.load(terms)
    assert again.version == "0.0.2" and again.sha256 != first.sha256 and again.sha256 == cache.known_digest(terms)
