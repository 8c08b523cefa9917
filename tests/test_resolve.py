"""Choosing the meaning of a match by scope, region, year and cue words, on the shipped glossary."""

from __future__ import annotations

import json

import pytest
from conftest import FIXTURES, SHARED, require_shared

from gloss.model import Entry, Scope
from gloss.resolve import OUT_OF_SCOPE_CAP, UNKNOWN_REGION_CAP, RegionTree, choose, in_scope

SENSES = json.loads((FIXTURES / "sense-sentences.json").read_text("utf-8"))["cases"]
JUDGED = json.loads((FIXTURES / "judged-provinces-2025.json").read_text("utf-8"))


def _only(real, text, surface, **kw):
    found = [a for a in real.annotate(text, **kw) if a.surface == surface]
    assert len(found) == 1, [(a.surface, a.entry.id) for a in real.annotate(text, **kw)]
    return found[0]


# The four cases the scope-aware resolution was built for: each resolves to its sense, the other listed.
def test_jianxi_community_three_selfs(real):
    a = _only(real, "洛阳市涧西区人民政府 2023年2月21日 … 社区“三自”组织", "三自")
    assert (a.entry.id, a.scope_match) == ("san-zi", True) and "san-zi-protestant" in a.alternatives


def test_protestant_three_self(real):
    a = _only(real, "支持基督教“三自”爱国运动", "三自")
    assert (a.entry.id, a.scope_match) == ("san-zi-protestant", True) and "san-zi" in a.alternatives


def test_two_highs_projects(real):
    a = _only(real, "严格控制“两高”项目盲目发展", "两高")
    assert a.entry.id == "liang-gao" and "liang-gao-courts" in a.alternatives


def test_two_highs_courts(real):
    a = _only(real, "最高人民法院、最高人民检察院即“两高”", "两高")
    assert a.entry.id == "liang-gao-courts" and "liang-gao" in a.alternatives


@pytest.mark.parametrize("case", SENSES, ids=[f"{c['expect']}: {c['text'][:12]}" for c in SENSES])
def test_each_sense_on_a_real_sentence(real, case):
    assert real.documents[case["doc"]].file, "the sentence comes from a listed document"
    found = [a for a in real.annotate(case["text"], region=case["region"]) if a.scope_match]
    assert case["expect"] in [a.entry.id for a in found]


def test_a_henan_sense_in_another_province_is_reported_without_its_meaning(real):
    a = _only(real, "开展“三个一批”项目建设活动，签约项目加快落地", "三个一批", region="北京市")
    assert a.scope_match is False and a.confidence <= OUT_OF_SCOPE_CAP
    assert a.entry.scope.region == "河南省"


def test_unknown_region_keeps_local_senses_possible(real):
    a = _only(real, "实施“三个一批”项目1.68万个", "三个一批")
    assert a.entry.id == "san-ge-yi-pi" and a.scope_match is None and a.confidence <= UNKNOWN_REGION_CAP
    assert {"san-ge-yi-pi-tianjin", "san-ge-yi-pi-baijiu"} <= set(a.alternatives)


def _entry(entry_id: str, region: str, level: str, cues: tuple[str, ...] = ()) -> Entry:
    return Entry(entry_id, "两山", entry_id, "concept", Scope(level, region), (), sense=entry_id, cues=cues)


def test_choose_prefers_a_sense_that_holds_whatever_the_cues(real):
    tree = RegionTree(real.regions)
    national = _entry("n", "全国", "national", ("生态",))
    local = _entry("l", "洛阳市", "city", ("伏牛山", "王屋山", "全域旅游"))
    window = "伏牛山和太行-王屋山“两山”地区全域旅游"
    assert choose([national, local], region="郑州市", year=2021, window=window, tree=tree).entry is national
    inside = choose([national, local], region="涧西区", year=2021, window=window, tree=tree)
    assert inside.entry is local and inside.scope_match and inside.alternatives == ("n",)
    unknown = choose([national, local], region=None, year=None, window=window, tree=tree)
    assert unknown.entry is local and unknown.scope_match is None and unknown.confidence <= UNKNOWN_REGION_CAP
    assert in_scope(local, "郑州市", tree) is False and in_scope(local, None, tree) is None


def test_hand_judged_provincial_reports(real):
    """Every judged match: gloss never presents a meaning other than the judged one (≤ 0.5% allowed)."""
    folder = require_shared(SHARED / "corpus" / "provinces-2025")
    texts: dict[str, tuple[str, list]] = {}
    wrong, missing, total = [], [], 0
    for name in sorted({r["file"] for r in JUDGED["records"]}):
        text = (folder / name).read_text("utf-8")
        texts[name] = (text, real.annotate(text, name=name))
    for path in sorted(folder.glob("*.txt")):
        if path.name not in texts:
            texts[path.name] = ("", real.annotate(path.read_text("utf-8"), name=path.name))
        total += len(texts[path.name][1])
    for record in JUDGED["records"]:
        text, annotations = texts[record["file"]]
        at = text.index(record["excerpt"]) + record["excerpt"].index(record["surface"])
        shown = [a for a in annotations if a.start == at and a.surface == record["surface"]]
        presented = [a for a in shown if a.scope_match is not False]
        if presented and presented[0].entry.id != record["right"]:
            wrong.append((record["file"], record["excerpt"], presented[0].entry.id, record["right"]))
        elif not presented and record["right"] != "none":
            missing.append(record)
    assert total >= 2000
    assert len(wrong) / total <= 0.005, wrong
