"""Harvesting definition pairs: every appendix format of the development data, and inline definitions."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from gloss import load
from gloss.harvest import clean, compare, entry_id, harvest_text, to_json_data, to_yaml

from conftest import SHARED, require_shared

FIXTURES = Path(__file__).parent / "fixtures"
HARVEST = FIXTURES / "harvest"


def pairs(name: str) -> list[tuple[str, str, str]]:
    result = harvest_text((HARVEST / name).read_text("utf-8"), name)
    return [(p.heading, p.term, p.definition) for p in result.pairs]


# Expected pairs, read off the fixture excerpts by hand: (heading as written, proposed term, definition).
EXPECTED = {
    # 偃师 2022: "N. 术语。即……" over PDF line breaks; the attachment list before it is not the
    # appendix, and the secretariat's trailer line ends it.
    "yanshi-2022.txt": [
        ("两个确保", "两个确保", "确保高质量建设现代化河南、确保高水平实现现代化河南。"),
        ("十大战略", "十大战略", "实施创新驱动、科教兴省、人才强省战略；实施优势再造战略；实施数字化转型战略；"
         "实施换道领跑战略；实施文旅文创融合战略；实施以人为核心的新型城镇化战略；实施乡村振兴战略；"
         "实施绿色低碳转型战略；实施制度型开放战略；实施全面深化改革战略。"),
        ("“三变”改革", "三变", "资源变股产、资金变股金、农民变股东。"),
        ("产业发展“136”", "136", "“1”即坚持发展“风口”产业主线；“3”即瞄定打造国家创新高地、全国重要先进制造业基地、"
         "全国沉浸式文旅目的地“三大目标”；“6”即抓好科技创新平台建设、高新技术企业倍增、高成长性企业培育、"
         "优势产业集群打造、沉浸式文旅项目建设、产业投融资“六项举措”。"),
        ("七项深化", "七项深化", "围绕提升城市气质、建设青年友好型城市等中心工作，实施的深化市民文明行为养成、"
         "深化社会化志愿服务、深化窗口行业服务质量提升、深化旅游服务质量提升、深化“诚信偃师”建设、"
         "深化“书香洛阳”全民阅读、深化文明乡风培育七项专项行动。"),
    ],
    # 涧西 2023: "术语：释义" paragraphs, a page footer "— 35 —" between two items.
    "jianxi-2023.txt": [
        ("三个一批", "三个一批", "签约一批、开工一批、投产一批。"),
        ("5G+XR", "5G+XR", "XR即扩展现实，是AR、VR、MR的统称，也被视为下一代移动计算平台；5G即第五代移动通信技术，"
         "是具有高速率、低时延和大连接特点的新一代宽带移动通信技术。5G+XR是指XR借助5G带来的高速率、低时延和"
         "更大的网络容量等诸多重要优势助力，打造融合现实世界和数字世界的沉浸式体验。"),
        ("县管校聘", "县管校聘", "所有教师与校长统一由县（区）级管理，并定期在县（区）域学校内流动。"),
        ("三转三优", "三转三优", "转观念、转职能、转作风，优效能、优服务、优创新。"),
        ("“13710”工作制度", "13710", "“1”即当天要研究部署，“3”即3天内必须反馈办理情况，“7”即一般性问题原则上"
         "7天内落实解决，第二个“1”即重大问题、复杂问题一般要求在1个月内落实解决，确实有困难的，1个月内提出解决"
         "方案，并按照方案抓推进、抓落实，“0”即所有事项都要按期销号清零，形成抓工作的闭环。"),
        ("三个务必", "三个务必", "习近平总书记在党的二十大报告中明确提出“全党同志务必不忘初心、牢记使命；"
         "务必谦虚谨慎、艰苦奋斗；务必敢于斗争、善于斗争。”"),
    ],
    # 云南 2025: one item a line, "1." and "3．" numbering; the next 附件 ends the appendix.
    "yunnan-2025.txt": [
        ("“两重”", "两重", "国家重大战略实施和重点领域安全能力建设。"),
        ("“两新”", "两新", "大规模设备更新和消费品以旧换新。"),
        ("10种有色金属", "10种有色金属", "铜、铅、锌、镍、锡、锑、铝、镁、硅、钛。"),
        ("沪滇“16+16”园区共建", "16+16", "上海16个区（或国企）与云南16个州（市）通过园中园、飞地园区等方式，"
         "合作共建产业园区，促进沪滇产业耦合发展。"),
    ],
    # 四川 2025: "3.6个重大科技专项" is item 3, not item 3.6; two quoted terms in one heading.
    "sichuan-2025.txt": [
        ("六大优势产业", "六大优势产业", "省委十二届三次全会提出实施优势产业提质倍增行动，培育形成电子信息、装备制造、"
         "食品轻纺、能源化工、先进材料和医药健康等六大万亿级产业。"),
        ("“两重”", "两重", "是指国家重大战略实施和重点领域安全能力建设。"),
        ("6个重大科技专项", "6个重大科技专项", "省委十二届五次全会明确提出，要实施前沿科技攻坚突破行动，全力推进"
         "人工智能、航空航天、先进装备、生物制造、清洁能源、先进材料等6个重大科技专项，着力突破一批关键核心技术。"),
        # Two quoted names, each keyed in the definition: each gets its own part.
        ("“一单制”", "一单制", "货物多式联运“一张单证，一次委托、一次结算、一次保险、全程负责”"),
        ("“一箱制”", "一箱制", "货物多式联运“不换箱、不开箱、一箱到底”。"),
        ("“五良”融合", "五良", "是指推动良田、良种、良机、良法、良制融合发展，实现提单产、稳面积、增总产目标。"),
    ],
    # 广东 2025: "附件2 名词解释", items indented with ideographic spaces; a zero-width mark ends item 3.
    "guangdong-2025.txt": [
        ("“岳山造林”", "岳山造林", "上世纪70年代，肇庆市怀集县针对过度砍伐问题，在岳山率先探索采育场改革，发动万人"
         "造林大会战，创造了荒山变林海的奇迹，孕育了“忠诚奉献、艰苦创业、团结奋斗、久久为功”的光荣传统。习仲勋同志"
         "在视察时作出“合理砍伐，永续利用，绿化荒山，青山常在”的指示。"),
        ("分线管理", "分线管理", "货物“一线”放开、“二线”管住，人员进出高度便利。"),
        ("全级次子企业", "全级次子企业", "在一个企业集团中，所有层级的子公司及其下属的子公司，包括一级子公司、二级子公司、"
         "三级子公司等。这些子公司在法律上独立于母公司，但在集团内部存在层级关系，共同构成一个完整企业网络。"),
    ],
    # 江西 2025: 名词注释 under a separate "附件" line.
    "jiangxi-2025.txt": [
        # Two quoted names, one definition part each, in order.
        ("“两重”", "两重", "国家重大战略实施和重点领域安全能力建设"),
        ("“两新”", "两新", "大规模设备更新和消费品以旧换新。"),
        ("未来产业六大领域", "未来产业六大领域", "未来材料、未来能源、未来生物、未来健康、未来显示、未来航空。"),
        ("“三通一码”", "三通一码", "赣服通、赣政通、赣企通、赣通码。"),
    ],
    # Inline: “术语”即…… and “术语”（……）; a parenthesised date, alias or aside is not a definition.
    "inline.txt": [
        ("“三通”", "三通", "通邮、通商、通航"),
        ("“三个高于”", "三个高于", "用于直接改善农村生产生活条件的投入高于上年，用于基础教育和公共卫生等社会事业的"
         "投入高于上年，用于西部大开发的投入高于上年"),
        ("“两基”", "两基", "基本普及九年义务教育和基本扫除青壮年文盲"),
    ],
    "no-definitions.txt": [],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_exact_pairs(name):
    assert pairs(name) == EXPECTED[name]


def test_appendix_location_and_stop():
    result = harvest_text((HARVEST / "yanshi-2022.txt").read_text("utf-8"), "yanshi")
    assert result.appendix.heading == "名词解释"
    assert result.appendix.numbered
    assert "秘书处" in result.appendix.stopped
    assert all(p.origin == "appendix" for p in result.pairs)
    yunnan = harvest_text((HARVEST / "yunnan-2025.txt").read_text("utf-8"), "yunnan")
    assert yunnan.appendix.stopped.endswith("附件")


def test_no_definitions_is_not_an_error():
    text = (HARVEST / "no-definitions.txt").read_text("utf-8")
    result = harvest_text(text, "forum")
    assert result.pairs == () and result.appendix is None
    # The forum's post date (2020-7-14) comes before the heading; the heading's date wins.
    assert result.info.date == "2020-05-22"
    assert harvest_text("", "empty").pairs == ()


def test_document_facts():
    result = harvest_text((HARVEST / "yanshi-2022.txt").read_text("utf-8"), "yanshi")
    assert result.doc_id == "yanshi-2022"
    assert (result.info.date, result.info.region, result.info.level) == ("2022-04-10", "偃师区", "district")
    assert result.info.issuer == "洛阳市偃师区人民政府"
    assert result.info.speaker == "代区长 赵玉勋"


def test_quote_is_verbatim_item_and_official_check_holds():
    result = harvest_text((HARVEST / "jianxi-2023.txt").read_text("utf-8"), "jianxi")
    first = result.pairs[0]
    assert first.quote == "三个一批：签约一批、开工一批、投产一批。"
    assert first.definition in first.quote
    yanshi = harvest_text((HARVEST / "yanshi-2022.txt").read_text("utf-8"), "yanshi")
    assert yanshi.pairs[0].quote.startswith("两个确保。即确保")


def test_codes_get_match_rules_and_components():
    result = harvest_text((HARVEST / "jianxi-2023.txt").read_text("utf-8"), "jianxi")
    code = next(p for p in result.pairs if p.term == "13710")
    assert code.kind == "code" and code.head_words == ("工作制度",) and not code.quoted_only
    assert len(code.components) == 1 and len(code.components[0].items) == 5
    assert code.components[0].items[0] == "当天要研究部署"
    yanshi = harvest_text((HARVEST / "yanshi-2022.txt").read_text("utf-8"), "yanshi")
    industry = next(p for p in yanshi.pairs if p.term == "136")
    assert industry.quoted_only and industry.head_words == ()
    assert [g.items for g in industry.components][0][0] == "坚持发展“风口”产业主线"


def test_slogan_components_only_when_counts_agree():
    result = harvest_text((HARVEST / "yanshi-2022.txt").read_text("utf-8"), "yanshi")
    by_term = {p.term: p for p in result.pairs}
    assert by_term["十大战略"].components[0].items[1] == "实施优势再造战略"
    assert len(by_term["十大战略"].components[0].items) == 10
    assert by_term["三变"].components[0].items == ("资源变股产", "资金变股金", "农民变股东")
    # Seven actions are named but separated in a way that does not count out to 7 here: no guess.
    assert by_term["七项深化"].components == ()


def test_kinds_and_ids():
    result = harvest_text((HARVEST / "jianxi-2023.txt").read_text("utf-8"), "jianxi")
    kinds = {p.term: p.kind for p in result.pairs}
    assert kinds["三个一批"] == "numbered-slogan"
    assert kinds["5G+XR"] == "foreign-acronym"
    assert kinds["县管校聘"] == "concept"
    assert entry_id("三个一批") == "san-ge-yi-pi"
    assert entry_id("6+N") == "6-plus-n"


def test_usage_sentence_for_codes_needs_quotes():
    text = "民生支出累计达136.94亿元。全面落实产业发展“136”工作举措。\n名词解释\n1. 产业发展“136”。“1”即甲；“3”即乙；“6”即丙。\n"
    pair = harvest_text(text, "t").pairs[0]
    assert pair.usage == "全面落实产业发展“136”工作举措。"


def test_clean_keeps_space_between_latin_and_digits_only():
    assert clean("达到 2000 亿元，\n\n5G XR") == "达到2000亿元，5G XR"
    assert clean("超级 IP\u200c") == "超级IP"


def test_compare_marks_new_same_conflict_undocumented():
    glossary = load(FIXTURES / "mini.yaml")
    text = (
        "名词解释\n1. 三个一批。即签约一批、开工一批、投产一批。\n2. RCEP。即区域全面经济伙伴关系协定。\n"
        "3. “13710”工作法。“1”即1天内要研究部署。\n4. 五区叠加。即国家高新区、自创区。\n"
    )
    verdicts = {v.pair.term: v for v in compare(harvest_text(text, "t"), glossary)}
    assert verdicts["三个一批"].status == "same"
    assert verdicts["RCEP"].status == "conflict"
    assert verdicts["RCEP"].existing == ("《区域全面经济伙伴关系协定》的简称。",)
    assert verdicts["13710"].status == "undocumented"
    assert verdicts["五区叠加"].status == "new"


def test_yaml_output_is_schema_shaped():
    result = harvest_text((HARVEST / "jianxi-2023.txt").read_text("utf-8"), "jianxi-2023.txt")
    data = yaml.safe_load(to_yaml([(result, "002_214659edffe99a41.txt")]))
    (doc,) = data["documents"]
    assert doc["id"] == "jianxi-2023" and doc["date"] == "2023-02-21" and doc["region"] == "涧西区"
    assert doc["file"] == "002_214659edffe99a41.txt"
    entry = data["entries"][0]
    assert entry["id"] == "san-ge-yi-pi" and entry["kind"] == "numbered-slogan"
    assert entry["scope"] == {"level": "district", "region": "涧西区"}
    definition = entry["definitions"][0]
    assert definition["official"] is True
    assert definition["source"] == {"doc": "jianxi-2023", "quote": "三个一批：签约一批、开工一批、投产一批。"}
    assert entry["components"] == ["签约一批", "开工一批", "投产一批"]
    code = next(e for e in data["entries"] if e["term"] == "13710")
    assert code["match"] == {"head_words": ["工作制度"]}


def test_json_data_carries_the_appendix_and_pairs():
    result = harvest_text((HARVEST / "yunnan-2025.txt").read_text("utf-8"), "yunnan")
    (doc,) = to_json_data([(result, None)])
    assert doc["appendix"]["heading"] == "名词解释"
    assert [p["term"] for p in doc["pairs"]] == ["两重", "两新", "10种有色金属", "16+16"]


# The development appendices, counted by hand: (file, pairs, first heading, last heading). An item
# naming several quoted names gives one pair per name (四川 has three such items, 广东 two).
DEVELOPMENT = [
    (("seeds", "001_5a73e9331882e665.txt"), 15, "两个确保", "七项深化"),
    (("seeds", "002_214659edffe99a41.txt"), 47, "“25425”专项行动计划", "三个务必"),
    (("corpus", "provinces-2025", "2025年云南省政府工作报告.txt"), 45, "“两重”", "防汛“1262”预警叫应机制"),
    (("corpus", "provinces-2025", "2025年四川省政府工作报告.txt"), 53, "六大优势产业", "“制胜”专项行动"),
    (("corpus", "provinces-2025", "2025年广东省政府工作报告.txt"), 20, "“岳山造林”", "“新八级工”制度"),
    (("corpus", "provinces-2025", "2025年江西省政府工作报告.txt"), 18, "“两重”", "信访工作法治化“一办五牵头”工作机制"),
]


@pytest.mark.parametrize("parts,count,first,last", DEVELOPMENT, ids=[d[0][-1] for d in DEVELOPMENT])
def test_development_appendices(parts, count, first, last):
    path = require_shared(SHARED.joinpath(*parts))
    result = harvest_text(path.read_text("utf-8"), path.name)
    found = result.appendix_pairs
    assert len(found) == count
    assert (found[0].heading, found[-1].heading) == (first, last)
    assert result.notes == ()
    headings = [p.heading for p in found]
    for pair in found:
        # No definition runs into the next item, and none is cut short.
        assert not any(f"{h}：" in pair.definition or f"{h}。即" in pair.definition for h in headings if h != pair.heading)
        # A name's own part of a shared item ends where the next name's part begins (at its '；').
        assert pair.names > 1 or pair.definition.endswith(("。", "”", "）")), pair.heading


def test_seed_reports_without_appendix_give_no_appendix_pairs():
    for name in ("000_cffde2d36297e65d.txt", "003_3a04fcff32c40ffe.txt", "004_395ec08d707c8053.txt"):
        path = require_shared(SHARED / "seeds" / name)
        result = harvest_text(path.read_text("utf-8"), name)
        assert result.appendix is None and result.appendix_pairs == ()


def _gloss(*args):
    import subprocess
    import sys

    r = subprocess.run([sys.executable, "-m", "gloss", *args], capture_output=True)
    return r.returncode, r.stdout.decode("utf-8"), r.stderr.decode("utf-8")


CORPUS_COPY = (
    "# 桂林市政府工作报告（2019年1月12日 秦春成） | 2019-01-12 | lawtext/gov 政府工作报告-其他地市/桂林市/2019.md @fc1a2f67a589\n\n"
    "——2019年1月12日在桂林市第五届人民代表大会第四次会议上\n\n市长 秦春成\n\n各位代表：推进“一事通办”。\n\n"
    "《政府工作报告》名词解释\n"
    "[1]一事通办：指以企业和群众办好“一件事”为标准，推进相关办理事项归并整合。\n"
    "[2]“1+2”国家战略：“1”是指桂林国际旅游胜地建设，“2”是指桂林国家可持续发展议程创新示范区建设、桂林国家健康旅游示范基地建设。\n"
)


def test_cli_reads_gz_files_and_directories_as_jsonl(tmp_path):
    import gzip
    import json

    folder = tmp_path / "桂林市"
    folder.mkdir()
    with gzip.open(folder / "2019.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(CORPUS_COPY)
    (folder / "notes.csv").write_text("not a report", encoding="utf-8")
    code, out, err = _gloss("harvest", "--format", "jsonl", "--no-inline", "-q", str(tmp_path))
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["term"] for r in records] == ["一事通办", "1+2"]
    first = records[0]
    assert (first["region"], first["level"], first["date"], first["layout"]) == ("桂林市", "city", "2019-01-12", "notes")
    assert first["document"] == {
        "id": "guilin-2019", "title": "桂林市政府工作报告（2019年）", "issuer": "桂林市人民政府", "date": "2019-01-12",
        "region": "桂林市", "where": "text copy from lawtext/gov 政府工作报告-其他地市/桂林市/2019.md @fc1a2f67a589",
        "file": "2019.txt.gz", "speaker": "市长 秦春成", "occasion": "桂林市第五届人民代表大会第四次会议",
    }
    assert "1 files: 2 appendix pairs (2 notes)" in err


def test_cli_against_marks_jsonl_records(tmp_path):
    import json

    path = tmp_path / "r.txt"
    path.write_text("名词解释\n1. 三个一批。即签约一批、开工一批、投产一批。\n2. 五区叠加。即国家高新区、自创区。\n", "utf-8")
    code, out, err = _gloss("harvest", "-f", "jsonl", "--against", str(FIXTURES / "mini.yaml"), str(path))
    assert code == 0, err
    assert [(r["term"], r["status"]) for r in map(json.loads, out.splitlines())] == [("三个一批", "same"), ("五区叠加", "new")]
    assert "against" in err and "1 new, 1 same" in err


def test_cli_bad_gz_is_a_one_line_error(tmp_path):
    bad = tmp_path / "broken.txt.gz"
    bad.write_bytes(b"not gzip at all")
    code, out, err = _gloss("harvest", str(bad))
    assert code == 2 and "Traceback" not in err and "broken.txt.gz" in err
