"""Corpus scan: document dates from sidecars, headings, headers and names; uses; the first_year check."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FIXTURES, MINI, SHARED, require_shared

import gloss
from gloss.cli import _register, cli
from gloss.corpus import CorpusError, check, document_date, file_matches, in_scope, scan
from gloss.docinfo import read_info
from gloss.model import Region, Scope
from gloss.resolve import RegionTree

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
    assert "first_year 2017 (earliest-use), but 2016-report.txt (2016) uses “放管服”: " in early[0].message
    unused = {f.entry_id for f in findings if f.kind == "unused"}
    assert {"rcep", "9-plus-2", "liang-gao-projects"} <= unused
    assert "san-ge-yi-pi" not in unused


def test_bad_sidecar_is_a_one_line_error(tmp_path, mini):
    (tmp_path / "a.txt").write_text("三个一批", "utf-8")
    (tmp_path / "a.meta.json").write_text('{"date": "spring"}', "utf-8")
    # One unreadable document is reported, and the scan goes on without it.
    result = scan(tmp_path, mini)
    assert [f for f in result.failures if "a.meta.json: 'date' must be" in f] and result.documents == []
    with pytest.raises(CorpusError, match="not a directory"):
        scan(tmp_path / "missing", mini)


def test_cli_check_exit_code_and_json():
    _register()
    runner = CliRunner()
    out = runner.invoke(cli, ["corpus", "scan", "--check", "--no-unused", "--terms", str(MINI), str(CORPUS)])
    assert out.exit_code == 1
    assert out.output.startswith("early-use fang-guan-fu: 放管服: first_year 2017 (earliest-use), but")
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


def _gz(path: Path, text: str, name_suffix_gz: bool = True) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    return path


@pytest.fixture
def dated_glossary(tmp_path_factory):
    """mini, with 13710 and the 涧西 三自 dated, so their early uses are checked."""
    text = MINI.read_text("utf-8")
    text = text.replace("""      - {doc: jianxi-2023, quote: 严格落实“13710”工作制度}
    match: {head_words: [工作制度, 工作法]}""", """      - {doc: jianxi-2023, quote: 严格落实“13710”工作制度}
    first_year: 2023
    first_year_basis: bound
    first_year_source: {doc: jianxi-2023, quote: 严格落实“13710”工作制度}
    match: {head_words: [工作制度, 工作法]}""")
    text = text.replace("""      - {doc: jianxi-2023, quote: “三自”组织}
""", """      - {doc: jianxi-2023, quote: “三自”组织}
    first_year: 2023
    first_year_basis: bound
    first_year_source: {doc: jianxi-2023, quote: “三自”组织}
""")
    assert text.count("first_year: 2023") == 3
    path = tmp_path_factory.mktemp("g") / "dated.yaml"
    path.write_text(text, "utf-8")
    return gloss.load(path)


@pytest.fixture
def gz_corpus(tmp_path):
    """Gzip documents dated by their first line, as in the reference corpus."""
    root = tmp_path / "dated"
    # Listed as 三个一批's other sense (hebei-2001 in mini.yaml): matched by path suffix, not reported.
    _gz(root / "lawtext-gov" / "政府工作报告-省自治区" / "河北省" / "2001.txt.gz",
        "# 河北省2001年政府工作报告 | 2001-01-08 | lawtext/gov\n突出抓好“三个一批”：改造提高一批传统优势骨干企业。\n")
    _gz(root / "b" / "2005.txt.gz", "# 文件乙 | 2005 | x\n着力抓好“三个一批”。\n")
    # 13710 without quotes or a head word is not the code; quoted, it is.
    _gz(root / "c" / "2017-a.txt.gz", "# 甲 | 2017-01-14 | x\n完成13710万元投资。\n")
    _gz(root / "c" / "2017-b.txt.gz", "# 乙 | 2017-03-26 | x\n严格落实“13710”工作制度。\n")
    # 三自 resolves to the Protestant sense here (cues), to 涧西's community groups there.
    _gz(root / "d" / "2012-06-01.txt.gz", "# 丙 | 2012-06-01 | x\n基督教“三自”爱国运动。\n")
    _gz(root / "d" / "2013-06-01.txt.gz", "# 丁 | 2013-06-01 | x\n社区“三自”组织。\n")
    # gzip whatever its name: detected by its magic bytes.
    (root / "e").mkdir()
    (root / "e" / "plain-name.txt").write_bytes(gzip.compress("# 戊 | 2016 | x\n推进“放管服”改革。\n".encode()))
    return root


def test_first_line_dates_gzip_and_magic_bytes(gz_corpus, dated_glossary):
    result = scan(gz_corpus, dated_glossary)
    dates = {d.name: (d.date, d.date_basis) for d in result.documents}
    # Listed in the glossary (hebei-2001): its curated date comes first.
    assert dates["lawtext-gov/政府工作报告-省自治区/河北省/2001.txt.gz"] == ("2001-01-08", "glossary")
    assert dates["b/2005.txt.gz"] == ("2005", "first-line")
    assert dates["e/plain-name.txt"] == ("2016", "first-line")
    assert len(dates) == 7


def test_a_label_to_the_day_beats_a_speech_heading_quoted_in_a_broadcast(tmp_path):
    """A broadcast reading out a speech carries the speech's heading line; the broadcast's own date stands."""
    text = ("# 新闻联播 2018-12-11 | 2018-12-11 | x\n\n## 出版发行\n\n"
            "——2018年7月10日在中阿合作论坛第八届部长级会议开幕式上的讲话\n统筹国内国际两个大局。\n")
    assert read_info(text).date == "2018-12-11"
    assert read_info(text).date_basis == "first-line"
    path = tmp_path / "2018-12-11.txt.gz"
    path.write_bytes(gzip.compress(text.encode()))
    assert document_date(path, text) == ("2018-12-11", "first-line")


def test_a_heading_corrects_a_label_of_a_bare_year():
    """Collections label some reports with the year before delivery: the heading, a year off, stands."""
    text = ("# 2019年四川省人民政府工作报告 | 2019 | x\n\n政府工作报告\n\n"
            "——2020年5月9日在四川省第十三届人民代表大会第三次会议上\n")
    assert read_info(text).date == "2020-05-09"
    assert read_info(text).date_basis == "heading"


def test_check_one_line_per_unexplained_earlier_use(gz_corpus, dated_glossary):
    early = [f for f in check(scan(gz_corpus, dated_glossary)) if f.kind == "early-use"]
    lines = sorted((f.entry_id, f.message.split(" but ")[1].split(" uses")[0]) for f in early)
    assert lines == [
        ("13710-gong-zuo-zhi-du", "c/2017-b.txt.gz (2017-03-26)"),  # not 2017-a: 13710万元 is no code
        ("fang-guan-fu", "e/plain-name.txt (2016)"),
        ("san-ge-yi-pi", "b/2005.txt.gz (2005)"),  # the 2001 use is listed as another sense
        ("san-zi-jianxi", "d/2013-06-01.txt.gz (2013-06-01)"),  # the 2012 use is the Protestant sense
    ]
    (batches,) = [f for f in early if f.entry_id == "san-ge-yi-pi"]
    assert batches.message == "三个一批: first_year by 2023 (bound), but b/2005.txt.gz (2005) uses “三个一批”: 着力抓好“三个一批”。"


def test_other_sense_is_matched_by_path_suffix_only(tmp_path, dated_glossary):
    # Same file name in another folder: not the listed document, so the use is reported.
    _gz(tmp_path / "elsewhere" / "2001.txt.gz", "# 别处 | 2001-01-08 | x\n突出抓好“三个一批”。\n")
    early = [f for f in check(scan(tmp_path, dated_glossary)) if f.kind == "early-use"]
    assert [f.entry_id for f in early] == ["san-ge-yi-pi"]


def test_file_matches():
    assert file_matches("/x/corpus/dated/xwlb/2018/2018-08-31.txt.gz", "dated/xwlb/2018/2018-08-31.txt.gz")
    assert file_matches("seeds/2017.txt", "2017.txt")
    assert not file_matches("/x/corpus/dated/xwlb/2018/2018-08-31.txt.gz", "xwlb/2019/2018-08-31.txt.gz")
    assert not file_matches("/x/a2017.txt", "2017.txt")


def test_cli_scans_several_directories_in_workers(gz_corpus, dated_glossary, tmp_path):
    _register()
    runner = CliRunner()
    args = ["corpus", "scan", "--check", "--no-unused", "--terms", str(dated_glossary.path)]
    one = runner.invoke(cli, [*args, str(gz_corpus / "b"), str(gz_corpus / "c"), str(CORPUS)])
    two = runner.invoke(cli, [*args, "-j", "2", str(gz_corpus / "b"), str(gz_corpus / "c"), str(CORPUS)])
    assert one.exit_code == two.exit_code == 1 and one.stdout == two.stdout
    lines = one.stdout.splitlines()
    assert len(lines) == 3  # several directories: names start with the directory as given
    assert f"early-use fang-guan-fu: 放管服: first_year 2017 (earliest-use), but {CORPUS}/2016-report.txt" in one.stdout
    assert f"{gz_corpus / 'c'}/2017-b.txt.gz (2017-03-26)" in one.stdout
    only = runner.invoke(cli, [*args, "--entry", "san-ge-yi-pi", str(gz_corpus)])
    assert only.exit_code == 1 and only.stdout.splitlines() == [
        "early-use san-ge-yi-pi: 三个一批: first_year by 2023 (bound), but b/2005.txt.gz (2005) uses “三个一批”: 着力抓好“三个一批”。"]
    fine = runner.invoke(cli, [*args, str(gz_corpus / "lawtext-gov")])
    assert fine.exit_code == 0 and fine.stdout == ""  # only the listed other-sense use


def test_a_damaged_document_is_a_one_line_error(tmp_path, mini):
    (tmp_path / "bad.txt.gz").write_bytes(gzip.compress("三个一批".encode())[:12])
    _gz(tmp_path / "good.txt.gz", "# 报告 | 2020 | x\n三个一批\n")
    result = scan(tmp_path, mini)
    assert [f for f in result.failures if "bad.txt.gz: damaged gzip data" in f]
    assert [d.name for d in result.documents] == ["good.txt.gz"]


def test_a_local_entry_is_not_checked_against_unrelated_places(tmp_path, dated_glossary):
    # 三个一批 is scoped to 河南省: another province's report is another scheme; 河南's own, the
    # national report and a document of unknown region count. --all-regions counts them all.
    _gz(tmp_path / "zj.txt.gz", "# 2005年浙江省政府工作报告 | 2005-01-20 | x\n抓好“三个一批”。\n")
    _gz(tmp_path / "hn.txt.gz", "# 河南省2006年政府工作报告 | 2006-01-10 | x\n抓好“三个一批”。\n")
    _gz(tmp_path / "qg.txt.gz", "# 2007年国务院政府工作报告 | 2007 | x\n抓好“三个一批”。\n")
    result = scan(tmp_path, dated_glossary)
    assert {d.name: d.region for d in result.documents} == {"zj.txt.gz": "浙江省", "hn.txt.gz": "河南省", "qg.txt.gz": None}
    scoped = [f.message.split(" but ")[1][:9] for f in check(result) if f.entry_id == "san-ge-yi-pi"]
    assert scoped == ["hn.txt.gz", "qg.txt.gz"]
    everywhere = [f.message.split(" but ")[1][:9] for f in check(result, all_regions=True) if f.entry_id == "san-ge-yi-pi"]
    assert everywhere == ["zj.txt.gz", "hn.txt.gz", "qg.txt.gz"]
    # A national entry counts everywhere.
    _gz(tmp_path / "zj2.txt.gz", "# 2015年浙江省政府工作报告 | 2015 | x\n推进“放管服”改革。\n")
    assert [f.entry_id for f in check(scan(tmp_path, dated_glossary)) if f.kind == "early-use"].count("fang-guan-fu") == 1


def test_in_scope():
    tree = RegionTree([Region("全国", "national"), Region("河南省", "province", "全国"), Region("洛阳市", "city", "河南省"),
                       Region("涧西区", "district", "洛阳市"), Region("西工区", "district", "洛阳市")])
    city, district = Scope("city", "洛阳市"), Scope("district", "涧西区")
    assert in_scope(city, "洛阳市", tree) and in_scope(city, "河南省", tree) and in_scope(city, "全国", tree)
    assert in_scope(city, "涧西区", tree) and in_scope(city, None, tree) and in_scope(district, "洛阳市", tree)
    assert not in_scope(city, "浙江省", tree) and not in_scope(district, "西工区", tree)
    assert in_scope(Scope("national", "全国"), "浙江省", tree)


# The whole development corpus against the shipped glossary: every use of every entry, under the
# annotator's rules, in or after its first_year or listed as another sense. Switched on once every
# entry of terms.yaml is dated against the dated corpus (issue 10); then required in CI.
WHOLE_CORPUS_DATING_CHECK = True


@pytest.mark.skipif(not WHOLE_CORPUS_DATING_CHECK, reason="on once terms.yaml is dated against the dated corpus")
def test_whole_corpus_has_no_unexplained_earlier_use(real):
    directories = [require_shared(SHARED / "corpus" / "dated"), require_shared(SHARED / "corpus" / "national"),
                   require_shared(SHARED / "seeds")]
    result = scan(directories, real, jobs=2)
    assert len(result.documents) > 8000
    early = [f"{f.entry_id}: {f.message}" for f in check(result) if f.kind == "early-use"]
    assert not early, f"{len(early)} unexplained earlier uses, e.g.:\n" + "\n".join(early[:20])
