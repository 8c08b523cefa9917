import json
from pathlib import Path

import pytest

import gloss
from gloss.errors import GlossaryError
from gloss.load import check

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"

BASE = MINI.read_text(encoding="utf-8")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "terms.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def messages(tmp_path, text):
    return [str(p) for p in check(write(tmp_path, text))]


def test_fixture_is_valid():
    assert check(MINI) == []


def test_load_gives_frozen_entries(mini):
    entry = mini.get("san-ge-yi-pi")
    assert entry.term == "三个一批" and entry.components[0].items == ("签约一批", "开工一批", "投产一批")
    assert entry.definitions[0].official
    with pytest.raises(AttributeError):
        entry.term = "x"


def test_problems_are_located_and_all_reported(tmp_path):
    text = BASE.replace("    name_en: Three Batches\n", "").replace("kind: abbreviation", "kind: slogan-ish")
    found = messages(tmp_path, text)
    assert any(":entry san-ge-yi-pi:" in m.replace(" entry ", ":entry ") and "name_en" in m for m in found)
    assert any("fang-guan-fu" in m and "kind" in m for m in found)
    assert all(m.split(":")[1].isdigit() and m.split(":")[2].isdigit() for m in found)
    line = next(m for m in found if "fang-guan-fu" in m)
    assert text.splitlines()[int(line.split(":")[1]) - 1].strip().startswith("kind:")


def test_duplicate_id_and_unknown_references(tmp_path):
    text = BASE.replace("id: rcep", "id: san-nong").replace("related: [liang-gao-projects]", "related: [nope]")
    text = text.replace("source: {doc: national-2017, quote: 农业、农村、农民}", "source: {doc: missing-doc, quote: 农业}")
    found = "\n".join(messages(tmp_path, text))
    assert "duplicate id" in found
    assert "related id 'nope' does not exist" in found
    assert "unknown document 'missing-doc'" in found


def test_shared_surface_needs_senses(tmp_path):
    text = BASE.replace("    sense: Protestant Three-Self principle\n", "")
    found = "\n".join(messages(tmp_path, text))
    assert "surface form '三自' is claimed by" in found and "san-zi-protestant" in found


def test_component_count_checked(tmp_path):
    text = BASE.replace("components: [签约一批, 开工一批, 投产一批]", "components: [签约一批, 开工一批]")
    found = "\n".join(messages(tmp_path, text))
    assert "entry san-ge-yi-pi: components has 2 items but '三个一批' counts 3" in found


def test_first_year_later_than_a_dated_quote(tmp_path):
    text = BASE.replace("    first_year: 2017\n", "    first_year: 2018\n")
    found = "\n".join(messages(tmp_path, text))
    assert "first_year is 2018 but first_year_source is dated 2017" in found
    assert "this source quoting the term is dated 2017" in found


def test_code_needs_head_words_or_quoted_only(tmp_path):
    text = BASE.replace("    match: {head_words: [工作举措]}\n", "")
    assert any("a code needs head_words" in m for m in messages(tmp_path, text))


def test_official_definition_must_be_verbatim(tmp_path):
    text = BASE.replace("      - zh: 签约一批、开工一批、投产一批。", "      - zh: 签约、开工、投产。")
    assert any("quoted verbatim" in m for m in messages(tmp_path, text))


@pytest.mark.parametrize("bad, expected", [
    ("a: &x [1]\nb: *x\n", "anchors and aliases"),
    ("a: 1\na: 2\n", "duplicate key 'a'"),
    ("a: !!python/object:os.system 1\n", "unreadable value"),
    ("a: [\n", "YAML syntax"),
    ("", "empty"),
])
def test_unsafe_or_broken_yaml(tmp_path, bad, expected):
    found = messages(tmp_path, bad)
    assert found and expected in found[0]


def test_not_utf8(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_bytes("术语".encode("gb18030"))
    assert "not UTF-8" in str(check(path)[0])


def test_load_raises_with_first_problem_and_count(tmp_path):
    path = write(tmp_path, BASE.replace("kind: abbreviation", "kind: nope").replace("kind: concept", "kind: nope"))
    with pytest.raises(GlossaryError) as info:
        gloss.load(path)
    assert "and 1 more" in str(info.value) and len(info.value.problems) == 2


def test_missing_file():
    with pytest.raises(GlossaryError, match="cannot read"):
        gloss.load("/nonexistent/terms.yaml")


def test_cache_is_used_and_damaged_cache_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path / "c"))
    first = gloss.load(MINI)
    [cached] = list((tmp_path / "c").glob("glossary-*.jsonl"))
    header = json.loads(cached.read_text(encoding="utf-8").splitlines()[0])
    assert header["sha256"] == first.sha256
    cached.write_text('{"format": 1, "gloss_version": "0.1.0", "sha256": "%s", "data": {"x": 1}}' % first.sha256)
    assert len(gloss.load(MINI).entries) == len(first.entries)
    cached.write_text("not json at all")
    assert len(gloss.load(MINI).entries) == len(first.entries)


def test_env_var_overrides_shipped_glossary(monkeypatch):
    monkeypatch.setenv("GLOSS_TERMS", str(MINI))
    assert gloss.load().get("san-ge-yi-pi") is not None


def test_first_year_label_and_phrase(mini):
    bound, proven, undated = mini.get("san-ge-yi-pi"), mini.get("fang-guan-fu"), mini.get("rcep")
    assert (bound.first_year_is_bound, bound.first_year_label, bound.first_year_phrase) == (True, "by 2023", "in use by 2023")
    assert (proven.first_year_is_bound, proven.first_year_label, proven.first_year_phrase) == (False, "2017", "first used 2017")
    assert (undated.first_year_label, undated.first_year_phrase) == (None, None)
    assert [c.doc for c in bound.other_sense_uses] == ["hebei-2001"]


def test_entries_built_without_init_equal_the_constructor(real):
    """load builds model objects without their __init__; each equals the dataclass constructor's."""
    from dataclasses import fields

    def rebuilt(obj):
        return type(obj)(**{f.name: getattr(obj, f.name) for f in fields(obj)})

    for entry in real.entries:
        assert rebuilt(entry) == entry and hash(rebuilt(entry)) == hash(entry)
        assert set(entry.__dict__) == {f.name for f in fields(entry)}
        for citation in entry.citations + ((entry.first_year_source,) if entry.first_year_source else ()):
            assert rebuilt(citation) == citation and repr(rebuilt(citation)) == repr(citation)
        assert rebuilt(entry.scope) == entry.scope
        assert all(rebuilt(d) == d for d in entry.definitions)
        with pytest.raises(AttributeError):
            entry.term = "x"


# Regressions of the hardening pass: hostile glossaries give FILE:LINE:COL problems, never tracebacks.

def test_a_huge_integer_is_a_located_problem(tmp_path):
    found = messages(tmp_path, BASE.replace("first_year: 2023\n", "first_year: " + "9" * 5000 + "\n", 1))
    assert found and any("unreadable value" in m for m in found)
    assert all(m.startswith(str(tmp_path / "terms.yaml") + ":") for m in found)


@pytest.mark.parametrize("depth", [500, 1000])
def test_deep_nesting_is_a_located_problem(tmp_path, depth):
    found = messages(tmp_path, "a: " + "[" * depth + "]" * depth + "\n")
    assert found and "nest" in found[0] and found[0].startswith(f"{tmp_path / 'terms.yaml'}:1:")


@pytest.mark.parametrize("tagged", ["!thing {a: 1}", "!thing [1]", "!!python/tuple [1]", "!!set {a}", "!!binary aGk="])
def test_tags_on_any_node_are_refused(tmp_path, tagged):
    found = messages(tmp_path, f"a: {tagged}\n")
    assert found and ("is not allowed" in found[0] or "unreadable value" in found[0]), found


def test_an_id_with_a_trailing_newline_is_refused(tmp_path):
    found = messages(tmp_path, BASE.replace("id: fang-guan-fu\n", 'id: "fang-guan-fu\\n"\n', 1))
    assert any("fang-guan-fu\\n" in m and "does not match" in m for m in found), found


def test_a_float_first_year_is_refused(tmp_path):
    found = messages(tmp_path, BASE.replace("first_year: 2017\n", "first_year: 2017.0\n", 1))
    assert any("first_year" in m and "integer" in m for m in found), found
