"""Reading a document's region and year from its head, and the ground truth of the reference corpus."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from conftest import SHARED, require_shared

from gloss.context import document_context, read_context
from gloss.model import Region
from gloss.places import hierarchy

REGIONS = (Region("全国", "national"), Region("河南省", "province", "全国"), Region("洛阳市", "city", "河南省"),
           Region("涧西区", "district", "洛阳市"), Region("西工区", "district", "洛阳市"))


def test_heading_of_a_district_report():
    c = read_context(" 政府工作报告\n\n——2020年 5月 21日在洛阳市涧西区第十五届人民代表大会\n\n第五次会议上", "", REGIONS)
    assert (c.region, c.year, c.region_basis, c.year_basis) == ("涧西区", 2020, "occasion", "heading")


def test_forum_chrome_before_the_heading():
    head = "设为首页收藏本站\n发表于 2020-7-14 10:33:28\n[河南] 2020年洛阳市西工区政府工作报告\n——2020年5月22日在西工区"
    c = read_context(head, "", REGIONS)
    assert (c.region, c.year) == ("西工区", 2020)


def test_a_provincial_report_citing_the_state_council_is_not_national():
    head = ("政府工作报告\n——2025年1月18日在河南省第十四届人民代表大会第三次会议上\n河南省人民政府省长 王凯\n"
            "各位代表：\n在党中央、国务院坚强领导下")
    assert read_context(head, "", REGIONS).region == "河南省"
    assert read_context("各位代表：\n党中央、国务院高度重视我省工作", "", REGIONS).region is None


def test_national_only_when_it_says_so():
    c = read_context("政府工作报告\n——2010年3月5日在第十一届全国人民代表大会第三次会议上\n国务院总理　温家宝", "", REGIONS)
    assert (c.region, c.year) == ("全国", 2010)
    assert read_context("现在，我代表国务院，向大会报告政府工作", "", REGIONS).region == "全国"


def test_speaker_title_header_and_path():
    assert read_context("三亚市市长 王勇\n各位代表：", "", REGIONS).region == "三亚市"
    assert read_context("北京市市长 殷勇同志作政府工作报告。", "", REGIONS).region == "北京市"
    c = read_context("2025年宁夏政府工作报告\n各位代表：", "", REGIONS)
    assert (c.region, c.year, c.region_basis) == ("宁夏回族自治区", 2025, "title")
    c = read_context("# 河北省2015年政府工作报告 | 2015 | lawtext/gov\n\n各位代表：", "", REGIONS)
    assert (c.region, c.year, c.region_basis, c.year_basis) == ("河北省", 2015, "header", "header")
    c = read_context("各位代表：", "reports/河南省/2017.txt", REGIONS)
    assert (c.region, c.year, c.region_basis, c.year_basis) == ("河南省", 2017, "path", "path")


def test_december_report_is_the_coming_year():
    c = read_context("政府工作报告\n——2022年12月19日在兰州市第十七届人民代表大会第二次会议上", "", REGIONS)
    assert (c.region, c.year) == ("兰州市", 2023)


def test_reviewed_year_and_unknown():
    assert read_context("各位代表：\n一、2018年工作回顾\n", "", REGIONS).year == 2019
    c = read_context("没有地名，也没有日期", "", REGIONS)
    assert (c.region, c.year) == (None, None)


def test_given_values_override():
    assert document_context("2025年河南省政府工作报告", REGIONS, "全国", 2001) == ("全国", 2001)
    assert document_context("2025年河南省政府工作报告", REGIONS, year=2001) == ("河南省", 2001)


def test_hierarchy_knows_every_level():
    places = hierarchy(REGIONS)
    assert places.ancestors("涧西区") == ["涧西区", "洛阳市", "河南省", "全国"]
    assert places.ancestors("郑州市")[-2:] == ["河南省", "全国"]
    assert places.resolve("洛阳市偃师区") == "偃师区" and places.level("偃师区") == "district"
    assert places.resolve("文山州") == "文山壮族苗族自治州"
    assert places.resolve("吉林") == "吉林省" and places.resolve("吉林省吉林市") == "吉林市"
    assert places.resolve("莱芜市") == "莱芜市" and places.within("莱芜市", "山东省")
    assert len(places.names(("province",))) == 34 and len(places.names(("city",))) >= 333


# The reference corpus' government work reports: place = folder (国务院: 全国), year = file name.
# Four files are filed under another place than the report they hold (their own heading names it:
# 宿迁市/2015 is 苏州's, 沧州市/2016 池州's, 淮南市/2016 淮安's, 文山壮族苗族自治州/2025 文山市's);
# they count as misses all the same.
LAWTEXT = SHARED / "corpus" / "dated" / "lawtext-gov"
FOLDERS = ("政府工作报告-省自治区", "政府工作报告-主要城市", "政府工作报告-其他地市", "政府工作报告-国务院")
SEED_TRUTH = {"000_cffde2d36297e65d.txt": ("涧西区", 2020), "001_5a73e9331882e665.txt": ("偃师区", 2022),
              "002_214659edffe99a41.txt": ("涧西区", 2023), "003_3a04fcff32c40ffe.txt": ("洛阳市", 2021),
              "004_395ec08d707c8053.txt": ("西工区", 2020)}


def _ground_truth():
    for folder in FOLDERS:
        for root, _, files in os.walk(LAWTEXT / folder):
            for name in files:
                if name.endswith(".txt.gz"):
                    place = "全国" if folder.endswith("国务院") else Path(root).name
                    with gzip.open(Path(root) / name, "rt", encoding="utf-8") as fh:
                        yield fh.read(4000), place, int(name[:4])
    for path in sorted((SHARED / "corpus" / "provinces-2025").glob("*.txt")):
        text = path.read_text("utf-8")[:4000]
        yield text, None, 2025  # the place: the file's name, checked against the heading below
    for name, (place, year) in SEED_TRUTH.items():
        yield (SHARED / "seeds" / name).read_text("utf-8")[:4000], place, year


def test_ground_truth_region_and_year(real):
    require_shared(LAWTEXT)
    require_shared(SHARED / "seeds")
    total = region_ok = year_ok = 0
    places = hierarchy(tuple(real.regions))
    for text, place, year in _ground_truth():
        found = read_context(text, "", real.regions)
        if place is None:  # provinces-2025: 2025年宁夏政府工作报告 -> 宁夏回族自治区
            place = places.resolve(text.splitlines()[0].replace("2025年", "").replace("政府工作报告", ""))
        total += 1
        region_ok += found.region == place
        year_ok += found.year == year
    assert total >= 2900
    assert region_ok / total >= 0.99, f"region right for {region_ok} of {total}"
    assert year_ok / total >= 0.99, f"year right for {year_ok} of {total}"


def test_the_hierarchy_read_back_from_the_cache_equals_the_one_built(tmp_path, monkeypatch):
    from gloss.places import Hierarchy, valid_state

    monkeypatch.setenv("GLOSS_CACHE_DIR", str(tmp_path))
    hierarchy.cache_clear()
    built = Hierarchy(REGIONS)
    for attempt in range(2):  # written to the cache, then read back from it
        hierarchy.cache_clear()
        cached = hierarchy(REGIONS)
        assert list(tmp_path.glob("hierarchy-*.json"))
        assert cached.table() == built.table() and cached.state() == built.state()
        assert cached._by_name == built._by_name and cached._short == built._short
        for written in ("涧西区", "洛阳市偃师区", "文山州", "吉林", "吉林省吉林市", "莱芜市", "宁夏", "朝阳区"):
            assert cached.resolve(written) == built.resolve(written)
    assert valid_state(built.state())
    hierarchy.cache_clear()


@pytest.mark.parametrize("damage", [
    lambda s: s.pop("short"),
    lambda s: s.__setitem__("levels", s["levels"][:-1]),
    lambda s: s.__setitem__("levels", "x" + s["levels"][1:]),
    lambda s: s["parents"].__setitem__(3, len(s["parents"])),
    lambda s: s["parents"].__setitem__(3, "河南省"),
    lambda s: s.__setitem__("names", s["names"] + "\n多余"),
    lambda s: next(iter(s["short"].values())).append(-1),
    lambda s: s.__setitem__("short", {"河南": "河南省"}),
])
def test_a_hierarchy_state_that_does_not_hold_is_refused(damage):
    from gloss.places import Hierarchy, valid_state

    state = Hierarchy(REGIONS).state()
    damage(state)
    assert not valid_state(state)
