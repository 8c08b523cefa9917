"""Corpus scan: document dates from sidecars, headings, headers and names; uses; the first_year check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, MINI, SHARED, require_shared

from gloss.cli import _register, cli
from gloss.corpus import CorpusError, check, document_date, scan

CORPUS = FIXTURES / "corpus"


def test_dates_and_their_sources(mini):
    result = scan(CORPUS, mini)
    dates = {d.name: (d.date, d.date_basis) for d in result.documents}
    assert dates == {
        "2016-report.txt": ("2016", "header"),
        "jianxi.txt": ("2023-02-21", "heading"),
        "later/2015.txt": ("2015", "filename"),
        "sidecar.txt": ("2019-03-05", "sidecar"),
    }  # README.md and the sidecar itself are not documents


def test_uses_agree_with_the_annotator(mini):
    result = scan(CORPUS, mini)
    batches = result.usage["san-ge-yi-pi"]
    # “三个\n\n一批” across a PDF line break counts; the quote is the sentence, layout removed.
    assert batches.count == 2 and batches.years == [2023]
    assert batches.earliest.quote.endswith("滚动开展“三个一批”，项目开工率达到100%。")
    assert result.usage["13710-gong-zuo-zhi-du"].count == 1
    assert result.usage["san-nong"].count == 1  # 第三农场 is blocked
    assert result.usage["zhi-shi-chan-quan"].count == 1  # not inside 国家知识产权局
    assert result.usage["guo-jia-zhi-shi-chan-quan-ju"].count == 1
    text = (CORPUS / "jianxi.txt").read_text("utf-8")
    assert len([a for a in mini.annotate(text) if a.entry.id == "san-ge-yi-pi"]) == 2


def test_check_reports_early_use_then_unused(mini):
    findings = check(scan(CORPUS, mini))
    early = [f for f in findings if f.kind == "early-use"]
    assert [f.entry_id for f in early] == ["fang-guan-fu"]
    assert "first_year is 2017, but 2016-report.txt (2016) uses it" in early[0].message
    unused = {f.entry_id for f in findings if f.kind == "unused"}
    assert {"rcep", "9-plus-2", "liang-gao-projects"} <= unused
    assert "san-ge-yi-pi" not in unused


def test_bad_sidecar_is_a_one_line_error(tmp_path, mini):
    (tmp_path / "a.txt").write_text("三个一批", "utf-8")
    (tmp_path / "a.meta.json").write_text('{"date": "spring"}', "utf-8")
    with pytest.raises(CorpusError, match="a.meta.json: 'date' must be"):
        scan(tmp_path, mini)
    with pytest.raises(CorpusError, match="not a directory"):
        scan(tmp_path / "missing", mini)


def test_cli_check_exit_code_and_json():
    _register()
    runner = CliRunner()
    out = runner.invoke(cli, ["corpus", "scan", "--check", "--no-unused", "--terms", str(MINI), str(CORPUS)])
    assert out.exit_code == 1
    assert out.output.startswith("early-use fang-guan-fu: 放管服: first_year is 2017")
    out = runner.invoke(cli, ["corpus", "scan", "--format", "json", "--entry", "san-ge-yi-pi",
                              "--terms", str(MINI), str(CORPUS)])
    assert out.exit_code == 0
    data = json.loads(out.output)
    (term,) = data["terms"]
    assert term["documents"] == ["jianxi.txt"] and term["earliest"]["date"] == "2023-02-21"


def test_seed_dates_from_headings():
    seeds = require_shared(SHARED / "seeds")
    dates = {p.name: document_date(p, p.read_text("utf-8")) for p in sorted(Path(seeds).glob("*.txt"))}
    assert dates == {
        "000_cffde2d36297e65d.txt": ("2020-05-21", "heading"),
        "001_5a73e9331882e665.txt": ("2022-04-10", "heading"),
        "002_214659edffe99a41.txt": ("2023-02-21", "heading"),
        "003_3a04fcff32c40ffe.txt": ("2021-02-07", "heading"),
        "004_395ec08d707c8053.txt": ("2020-05-22", "heading"),  # after the forum chrome
    }


def test_national_series_years(mini):
    national = require_shared(SHARED / "corpus" / "national")
    result = scan(national, mini)
    assert len(result.documents) == 57
    assert all(d.date and d.date[:4] == d.name[:4] for d in result.documents)
    # 放管服 first appears in the 2017 report.
    assert result.usage["fang-guan-fu"].earliest.date.startswith("2017")
