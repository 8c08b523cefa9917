"""Termbase exports: CSV with the columns CAT tools map, TBX-Basic that validates and round-trips."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from pathlib import Path

import pytest

from gloss.render.termbase import CSV_COLUMNS, UNDOCUMENTED, csv_text, tbx_bytes

from test_cli import gloss

etree = pytest.importorskip("lxml.etree")
RNG = Path(__file__).parent / "fixtures" / "tbx" / "tbx-basic.rng"


def _schema():
    return etree.RelaxNG(etree.parse(str(RNG)))


def test_csv_header_and_rows(mini):
    rows = list(csv.DictReader(io.StringIO(csv_text(mini, mini.entries))))
    assert tuple(rows[0]) == CSV_COLUMNS
    by_id = {r["id"]: r for r in rows}
    sgyp = by_id["san-ge-yi-pi"]
    assert sgyp["term_zh"] == "三个一批" and sgyp["definition_zh"] and sgyp["definition_en"]
    assert sgyp["scope"] == "province · 河南省" and sgyp["first_year"].endswith(str(mini.get("san-ge-yi-pi").first_year))
    assert by_id["13710-gong-zuo-zhi-du"]["definition_zh"] == ""


def test_csv_counts_column(mini):
    entry = mini.get("fang-guan-fu")
    rows = list(csv.reader(io.StringIO(csv_text(mini, [entry], counts={entry.id: 3}))))
    assert rows[0][-1] == "count" and rows[1][-1] == "3"


def test_tbx_is_valid_tbx_basic(mini):
    doc = etree.fromstring(tbx_bytes(mini, mini.entries))
    schema = _schema()
    assert schema.validate(doc), schema.error_log


def test_the_schema_rejects_what_tbx_basic_does_not_allow(mini):
    doc = etree.fromstring(tbx_bytes(mini, mini.entries[:1]))
    doc.find(".//termNote").set("type", "etymology")
    assert not _schema().validate(doc)


def test_tbx_round_trips_through_a_tbx_reader(mini):
    tbx = pytest.importorskip("translate.storage.tbx")
    store = tbx.tbxfile.parsestring(tbx_bytes(mini, mini.entries))
    assert [u.getid() for u in store.units] == [f"gloss-{e.id}" for e in mini.entries]
    for unit, entry in zip(store.units, mini.entries):
        assert unit.source == entry.term and unit.target == entry.name_en
        notes = {n.category: n.text for n in unit.get_common_notes()}
        if entry.documented:
            assert entry.definition in [t.text for term in unit.get_source_terms() for t in term.notes]
            assert notes["definition"] == entry.en
        else:
            assert UNDOCUMENTED in notes[None]
    entry = dataclasses.replace(mini.entries[0], aliases=("别名甲", "别名乙"))
    unit = tbx.tbxfile.parsestring(tbx_bytes(mini, [entry])).units[0]
    assert [t.text for t in unit.get_source_terms()] == [entry.term, "别名甲", "别名乙"]

def test_cli_export_filters_and_formats(tmp_path):
    out = tmp_path / "national.csv"
    r = gloss("export", "--format", "csv", "--level", "national", "-o", str(out))
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and all(row["scope"].startswith("national") for row in rows)
    r = gloss("export", "--format", "jsonl", "--kind", "code")
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert lines and {line["kind"] for line in lines} == {"code"}
    r = gloss("export", "--region", "洛阳市")
    assert r.returncode == 0 and _schema().validate(etree.fromstring(r.stdout.encode("utf-8")))
    assert gloss("export", "--format", "xlsx").returncode == 2


def test_annotate_writes_the_terms_of_one_document_with_counts(tmp_path):
    doc = tmp_path / "r.txt"
    doc.write_text("滚动开展“三个一批”，推进放管服改革。深化放\n管服。", encoding="utf-8")
    r = gloss("annotate", "--format", "csv", str(doc))
    assert r.returncode == 0, r.stderr
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(r.stdout))}
    assert rows["fang-guan-fu"]["count"] == "2" and rows["san-ge-yi-pi"]["count"] == "1"
    r = gloss("annotate", "--format", "tbx", str(doc))
    tree = etree.fromstring(r.stdout.encode("utf-8"))
    assert _schema().validate(tree)
    assert [e.get("id") for e in tree.iter("termEntry")] == ["gloss-san-ge-yi-pi", "gloss-fang-guan-fu"]
    assert "occurrences in the document: 2" in tree.find(".//termEntry[@id='gloss-fang-guan-fu']/note").text
    assert gloss("annotate", "--format", "csv", str(doc), str(doc)).returncode == 2  # one document


def test_a_term_of_another_place_is_left_out_of_a_documents_termbase(mini):
    from gloss.render.termbase import document_terms

    [ann] = mini.annotate("持续开展“三个一批”项目建设", region="上海市")
    assert ann.scope_match is False and document_terms([ann]) == ([], {})
